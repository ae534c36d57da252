import Foundation
import OktaRuntime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The file okta-mock keeps its state in (`--state FILE`).
///
/// The content is one JSON object: `{"format": "okta-mock-state", "version": 1, "state": {…}}`. Every change is
/// written whole and atomically: to a temporary file in the same directory, flushed to disk, then renamed over the
/// old file, so a crash leaves either the old state or the new one, never half of each.
struct StateFile: Sendable {
    /// The version this okta-mock writes and reads.
    static let version = 1
    /// The value of `format`, which tells a state file from any other JSON.
    static let format = "okta-mock-state"

    /// Where the state lives.
    let url: URL

    /// The path, for messages.
    var path: String { url.path }

    /// The envelope around the state.
    private struct Envelope: Codable {
        var format: String
        var version: Int
        var state: MockState
    }

    /// The part of the envelope read first, so that a foreign or newer file is recognised before its state is.
    private struct Header: Decodable {
        var format: String?
        var version: Int?
    }

    /// Reads the state.
    ///
    /// - Returns: The state, or `nil` if the file does not exist yet.
    /// - Throws: ``OktaMockError/corruptStateFile(path:reason:)`` when the file is empty, not JSON, not a state file or
    ///   not a valid state; ``OktaMockError/unsupportedStateVersion(path:version:)``; ``OktaMockError/stateFileIO``.
    func load() throws -> MockState? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw OktaMockError.stateFileIO(path: path, reason: "it cannot be read (\(error.localizedDescription))")
        }
        guard !data.isEmpty else { throw OktaMockError.corruptStateFile(path: path, reason: "the file is empty") }
        let header: Header
        do {
            header = try JSONDecoder.okta.decode(Header.self, from: data)
        } catch {
            throw OktaMockError.corruptStateFile(path: path, reason: "it is not a JSON object")
        }
        guard header.format == Self.format else {
            throw OktaMockError.corruptStateFile(
                path: path, reason: "it has no \"format\": \"\(Self.format)\" member, so it is not an okta-mock state")
        }
        guard let version = header.version else {
            throw OktaMockError.corruptStateFile(path: path, reason: "it has no \"version\" member")
        }
        guard version == Self.version else {
            throw OktaMockError.unsupportedStateVersion(path: path, version: version)
        }
        do {
            return try JSONDecoder.okta.decode(Envelope.self, from: data).state
        } catch let error as DecodingError {
            throw OktaMockError.corruptStateFile(path: path, reason: DecodingErrorText.describe(error))
        } catch {
            throw OktaMockError.corruptStateFile(path: path, reason: "\(error)")
        }
    }

    /// Removes the temporary files a killed okta-mock left beside the state file: those named as ``writeAtomically``
    /// names them (`.org.json.PID.XXXXXXXX.tmp`) whose process is gone. Nothing else is touched.
    ///
    /// - Returns: The names removed.
    @discardableResult
    func removeStaleTemporaryFiles() -> [String] {
        let directory = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent)."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        var removed: [String] = []
        for name in names.sorted() where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let middle = name.dropFirst(prefix.count).dropLast(".tmp".count).split(
                separator: ".", omittingEmptySubsequences: false)
            guard middle.count == 2, let pid = pid_t(middle[0]), pid > 0, middle[1].count == 8,
                middle[1].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
            else { continue }
            // A live process (another okta-mock on the same file, against advice) keeps its file.
            if kill(pid, 0) == 0 || errno != ESRCH { continue }
            if unlink(directory.appendingPathComponent(name).path) == 0 { removed.append(name) }
        }
        return removed
    }

    /// Writes the state atomically: temporary file, `fsync`, `rename`, `fsync` of the directory.
    ///
    /// - Parameter state: The state.
    /// - Throws: ``OktaMockError/stateFileIO(path:reason:)``; the previous file is then unchanged.
    func save(_ state: MockState) throws {
        let encoder = JSONEncoder.okta
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let data: Data
        do {
            data = try encoder.encode(Envelope(format: Self.format, version: Self.version, state: state))
        } catch {
            throw OktaMockError.stateFileIO(path: path, reason: "the state cannot be encoded (\(error))")
        }
        try Self.writeAtomically(data, to: url)
    }

    /// Writes bytes to a file through a temporary file in the same directory and a rename.
    ///
    /// - Parameters:
    ///   - data: The bytes.
    ///   - url: The file.
    /// - Throws: ``OktaMockError/stateFileIO(path:reason:)``.
    static func writeAtomically(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent().path
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(MockState.makeSecret(length: 8)).tmp").path
        func failure(_ step: String) -> OktaMockError {
            let reason = String(cString: strerror(errno))
            return .stateFileIO(path: url.path, reason: "\(step) failed (\(reason))")
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("creating \(temporary)") }
        var closed = false
        defer {
            if !closed { close(descriptor) }
        }
        do {
            try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
                guard let base = buffer.baseAddress else { return }
                var offset = 0
                while offset < buffer.count {
                    let written = write(descriptor, base + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw failure("writing \(temporary)")
                    }
                    offset += written
                }
            }
            guard fsync(descriptor) == 0 else { throw failure("flushing \(temporary)") }
            closed = true
            guard close(descriptor) == 0 else { throw failure("closing \(temporary)") }
            guard rename(temporary, url.path) == 0 else { throw failure("renaming \(temporary)") }
        } catch {
            unlink(temporary)
            throw error
        }
        // Make the rename itself durable.
        let directoryDescriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }
}
