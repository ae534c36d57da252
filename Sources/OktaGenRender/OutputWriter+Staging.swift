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
        /// Whether the staging folder is beside the output folder (in the same parent folder), where it can be
        /// swapped with it; `false` when it had to be made inside the output folder.
        let isBeside: Bool

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
            for (index, candidate) in candidates.enumerated() {
                if mkdir(candidate, 0o700) == 0 {
                    directory = candidate
                    isBeside = index == 0
                    return
                }
                lastError = String(cString: strerror(errno))
            }
            throw Diagnostic(.error, "cannot create a staging folder beside '\(output)': \(lastError)")
        }

        /// Where a file of the output is staged.
        func path(of relative: String) -> String { directory + "/" + relative }

        /// Writes a file into the staging folder, with plain `open`/`write`/`close` and no `fsync`: Foundation's
        /// `Data.write(to:)` syncs every file it writes, which made a whole-spec run into an empty folder spend
        /// about 750 ms in 2,162 `fsync` calls. Durability is paid once instead, by ``OutputWriter/synchronize(_:)``
        /// before the first staged file moves into place and after the last.
        func write(_ data: Data, to relative: String) throws(Diagnostic) {
            let url = URL(fileURLWithPath: path(of: relative))
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw Diagnostic(.error, "cannot write '\(url.path)': \(error.localizedDescription)")
            }
            // O_EXCL | O_NOFOLLOW: the staging folder is ours and new, so anything already there is refused.
            let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            guard descriptor >= 0 else {
                throw Diagnostic(.error, "cannot write '\(url.path)': \(String(cString: strerror(errno)))")
            }
            defer { close(descriptor) }
            let failure = data.withUnsafeBytes { buffer -> Int32 in
                var offset = 0
                while offset < buffer.count {
                    let count = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if count < 0 {
                        if errno == EINTR { continue }
                        return errno
                    }
                    offset += count
                }
                return 0
            }
            if failure != 0 {
                throw Diagnostic(.error, "cannot write '\(url.path)': \(String(cString: strerror(failure)))")
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

/// `write(2)` (inside `Staging.write`, the name `write` is the method).
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, bytes, count)
    #else
    Darwin.write(descriptor, bytes, count)
    #endif
}

extension OutputWriter {
    /// Makes what this run wrote on the file system that holds `folder` durable, in one call: `syncfs(2)` on Linux
    /// (looked up at run time: the Swift `Glibc` module does not export it, as glibc declares it only under
    /// `_GNU_SOURCE`), `sync(2)` elsewhere. Called once before the first staged file is moved into place, so that a
    /// file renamed into the output folder has its bytes on disk, and once after the manifest, so that the renames
    /// are too. One flush of the file system costs about what one `fsync` does; a whole-spec run into an empty folder
    /// made 2,162 of those.
    /// - Returns: Whether the flush succeeded (`false` when the kernel reports a write error).
    @discardableResult
    static func synchronize(_ folder: String) -> Bool {
        #if canImport(Glibc)
        typealias SyncFS = @convention(c) (Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") else {
            sync()
            return true
        }
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            sync()
            return true
        }
        defer { close(descriptor) }
        return unsafeBitCast(symbol, to: SyncFS.self)(descriptor) == 0
        #else
        sync()
        return true
        #endif
    }
}
