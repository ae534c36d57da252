#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// Minimal, Foundation-free file access (start-up time matters for a tool run per build).
enum FileReader {
    enum Failure: Error {
        case cannotOpen(String)
        case notAFile
        case tooLarge(Int)
        case readFailed(String)
    }

    /// Reads a whole regular file, refusing files larger than `limit` before reading them.
    static func read(_ path: String, limit: Int) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .cannotOpen(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .readFailed(String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notAFile }
        let size = Int(info.st_size)
        guard size <= limit else { throw .tooLarge(size) }
        var failure: Failure?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var offset = 0
            while offset < size {
                let count = systemRead(descriptor, buffer.baseAddress! + offset, size - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = .readFailed(String(cString: strerror(errno)))
                    break
                }
                if count == 0 { break }
                offset += count
            }
            initialized = offset
        }
        if let failure { throw failure }
        return bytes
    }

    /// The canonical absolute path (symbolic links resolved), or `nil` when the file does not exist.
    static func canonicalPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The folder part of a path (`.` when there is none).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }
}
