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
    ///
    /// Only regular files are read: `open(2)` of a FIFO blocks until a writer comes (forever, for a `$ref` to a named
    /// pipe in the spec's folder), and a character device or a socket may never end. So the path is looked at with
    /// `stat` first (a FIFO, a socket, a device or a folder is refused without being opened), then opened with
    /// `O_NONBLOCK` (which never waits for a FIFO's writer, and changes nothing for a regular file), and the open file
    /// is checked again with `fstat`: it must be a regular file and the same one (device and inode) as before, in case
    /// the path was replaced in between.
    static func read(_ path: String, limit: Int) throws(Failure) -> [UInt8] {
        var before = stat()
        guard stat(path, &before) == 0 else { throw .cannotOpen(String(cString: strerror(errno))) }
        guard (before.st_mode & S_IFMT) == S_IFREG else { throw .notAFile }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .readFailed(String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG, info.st_dev == before.st_dev, info.st_ino == before.st_ino else {
            throw .notAFile
        }
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
