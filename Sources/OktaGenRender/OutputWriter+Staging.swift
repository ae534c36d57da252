import Foundation
import OktaGenDiagnostics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension OutputWriter {
    /// A private folder beside the output folder (`.Generated.oktagen-staging-<pid>-<random>`) where a run writes its
    /// files before moving them into place, so that the moves stay on one file system.
    struct Staging {
        /// The staging folder.
        let directory: String

        static let marker = ".oktagen-staging-"

        /// Creates the staging folder beside `output` (inside it, hidden, when its parent is not writable), after
        /// removing staging folders that runs which no longer exist left behind.
        init(for output: String) throws(Diagnostic) {
            let url = URL(fileURLWithPath: output).standardizedFileURL
            let parent = url.deletingLastPathComponent().path
            let prefix = "." + url.lastPathComponent + Self.marker
            // An output folder in folders that do not exist yet (`--output Sources/SDK/Generated`).
            try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            Self.removeAbandoned(in: parent, prefix: prefix)
            Self.removeAbandoned(in: url.path, prefix: Self.marker)
            let name = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let candidates = [parent + "/" + prefix + name, url.path + "/" + Self.marker + name]
            var lastError = ""
            for candidate in candidates {
                if mkdir(candidate, 0o700) == 0 {
                    directory = candidate
                    return
                }
                lastError = String(cString: strerror(errno))
            }
            throw Diagnostic(.error, "cannot create a staging folder beside '\(output)': \(lastError)")
        }

        /// Where a file of the output is staged.
        func path(of relative: String) -> String { directory + "/" + relative }

        /// Writes a file into the staging folder.
        func write(_ data: Data, to relative: String) throws(Diagnostic) {
            let url = URL(fileURLWithPath: path(of: relative))
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            } catch {
                throw Diagnostic(.error, "cannot write '\(url.path)': \(error.localizedDescription)")
            }
        }

        /// Removes the staging folder and whatever is left in it.
        func remove() {
            try? FileManager.default.removeItem(atPath: directory)
        }

        /// Removes `prefix<pid>-<n>` folders in `folder` whose process has ended (a run that was killed).
        static func removeAbandoned(in folder: String, prefix: String) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
            for name in names where name.hasPrefix(prefix) {
                let rest = name.dropFirst(prefix.count)
                guard let pid = rest.split(separator: "-").first.flatMap({ Int32($0) }), pid > 0 else { continue }
                if kill(pid, 0) == 0 || errno == EPERM { continue }
                try? FileManager.default.removeItem(atPath: folder + "/" + name)
            }
        }
    }
}
