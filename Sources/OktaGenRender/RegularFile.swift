#if canImport(Glibc)
    import Glibc
    private let systemRead = Glibc.read
#elseif canImport(Darwin)
    import Darwin
    private let systemRead = Darwin.read
#endif

/// Reads files the generator does not own (templates, the manifest, files already in the output folder) without
/// ever blocking or reading without end.
///
/// Only regular files are read. `open(2)` of a FIFO blocks until a writer comes, and a character device or a socket
/// may never end; so the path is looked at first (`stat`, or `lstat` when links are not followed), opened with
/// `O_NONBLOCK` (which never waits for a FIFO's writer and changes nothing for a regular file), and the open file is
/// checked again with `fstat`: a regular file, the same one (device and inode) as looked at, in case the path was
/// replaced in between. At most `limit` bytes are read, whatever the size said.
enum RegularFile {
    enum Failure: Error, Equatable {
        case missing
        case notRegular(String)
        case tooLarge(Int)
        case failed(String)

        /// Why the file was not read, for messages.
        var reason: String {
            switch self {
            case .missing: "it does not exist"
            case .notRegular(let kind): "it is \(kind), not a regular file"
            case .tooLarge(let size): "it is \(size) bytes, more than the limit"
            case .failed(let reason): reason
            }
        }
    }

    /// A regular file's bytes.
    /// - Parameters:
    ///   - path: The file.
    ///   - limit: The largest size read.
    ///   - followLinks: Whether a final symbolic link is followed (when not, a link is refused as not regular).
    static func read(_ path: String, limit: Int, followLinks: Bool) -> Result<[UInt8], Failure> {
        var before = stat()
        let looked = followLinks ? stat(path, &before) : lstat(path, &before)
        guard looked == 0 else {
            return .failure(errno == ENOENT ? .missing : .failed(String(cString: strerror(errno))))
        }
        guard (before.st_mode & S_IFMT) == S_IFREG else { return .failure(.notRegular(kind(before))) }
        guard Int(before.st_size) <= limit else { return .failure(.tooLarge(Int(before.st_size))) }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (followLinks ? 0 : O_NOFOLLOW))
        guard descriptor >= 0 else { return .failure(.failed(String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(.failed(String(cString: strerror(errno)))) }
        guard (info.st_mode & S_IFMT) == S_IFREG, info.st_dev == before.st_dev, info.st_ino == before.st_ino else {
            return .failure(.notRegular(kind(info)))
        }
        // Up to one byte more than `fstat` said: a file that changed size meanwhile is refused, not cut.
        guard Int(info.st_size) <= limit else { return .failure(.tooLarge(Int(info.st_size))) }
        var failure: Failure?
        let capacity = Int(info.st_size) + 1
        let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            var total = 0
            while total < capacity {
                let got = systemRead(descriptor, buffer.baseAddress! + total, capacity - total)
                if got < 0, errno == EINTR { continue }
                if got < 0 { failure = .failed(String(cString: strerror(errno))) }
                if got <= 0 { break }
                total += got
            }
            count = total
        }
        if let failure { return .failure(failure) }
        if bytes.count != Int(info.st_size) { return .failure(.failed("it changed size while it was read")) }
        return .success(bytes)
    }

    /// What a file that is not regular is, for messages (`a FIFO (named pipe)`).
    static func kind(_ info: stat) -> String {
        switch info.st_mode & S_IFMT {
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFSOCK: "a socket"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFLNK: "a symbolic link"
        default: "not a regular file"
        }
    }
}
