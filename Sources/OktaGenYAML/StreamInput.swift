import CYAML

#if canImport(Glibc)
    import Glibc
    private let systemRead = Glibc.read
    private let systemClose = Glibc.close
#elseif canImport(Darwin)
    import Darwin
    private let systemRead = Darwin.read
    private let systemClose = Darwin.close
#endif

/// A file handed to libyaml in chunks through its read callback.
///
/// JSON documents (first significant byte `{` or `[`) get their tabs turned into spaces on the way, as
/// ``YAMLParser/untabJSON(_:)`` does for in-memory input.
final class StreamInput {
    struct Failure: Error {
        let reason: String
    }

    let descriptor: Int32
    let path: String
    let size: Int
    /// `nil` until the first significant byte is seen.
    var isJSON: Bool?
    var sawBOMCheck = false
    var isClosed = false

    /// Opens a regular file. A FIFO would block `open(2)` until a writer comes, so the path is checked with `stat`
    /// before opening, opened with `O_NONBLOCK` (no wait for a FIFO; no effect on a regular file), and checked again
    /// with `fstat` (regular, and the same device and inode), in case it was replaced in between.
    init(path: String) throws(Failure) {
        var before = stat()
        guard stat(path, &before) == 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        guard (before.st_mode & S_IFMT) == S_IFREG else { throw Failure(reason: Self.notRegular(before)) }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = systemClose(descriptor)
            throw Failure(reason: reason)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG, info.st_dev == before.st_dev, info.st_ino == before.st_ino else {
            _ = systemClose(descriptor)
            throw Failure(reason: Self.notRegular(info))
        }
        self.descriptor = descriptor
        self.path = path
        self.size = Int(info.st_size)
    }

    /// Why a file that is not a regular file is not read, naming what it is.
    static func notRegular(_ info: stat) -> String {
        switch info.st_mode & S_IFMT {
        case S_IFDIR: "it is a folder, not a regular file"
        case S_IFIFO: "it is a FIFO (named pipe), not a regular file"
        case S_IFSOCK: "it is a socket, not a regular file"
        case S_IFCHR, S_IFBLK: "it is a device, not a regular file"
        default: "it is not a regular file"
        }
    }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        _ = systemClose(descriptor)
    }

    /// Reads up to `capacity` bytes into `buffer`; returns the count, 0 at the end, -1 on error.
    func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int {
        while true {
            let count = systemRead(descriptor, buffer, capacity)
            if count < 0, errno == EINTR { continue }
            if count > 0 { fixTabs(UnsafeMutableBufferPointer(start: buffer, count: count)) }
            return count
        }
    }

    private func fixTabs(_ chunk: UnsafeMutableBufferPointer<UInt8>) {
        var index = 0
        if isJSON == nil {
            if !sawBOMCheck {
                sawBOMCheck = true
                if chunk.count >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF { index = 3 }
            }
            while index < chunk.count,
                chunk[index] == 0x20 || chunk[index] == 0x0A || chunk[index] == 0x0D
                    || chunk[index] == 0x09
            {
                chunk[index] = chunk[index] == 0x09 ? 0x20 : chunk[index]
                index += 1
            }
            guard index < chunk.count else { return }
            isJSON = chunk[index] == UInt8(ascii: "{") || chunk[index] == UInt8(ascii: "[")
        }
        guard isJSON == true else { return }
        for position in index..<chunk.count where chunk[position] == 0x09 { chunk[position] = 0x20 }
    }

    /// The whole file from the current position (the start, before any `read`), in one buffer of its size; `nil`
    /// when it cannot be read or changed size meanwhile.
    func readWhole() -> [UInt8]? {
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var filled = 0
            while filled < size {
                let got = systemRead(descriptor, buffer.baseAddress! + filled, size - filled)
                if got < 0, errno == EINTR { continue }
                if got <= 0 { break }
                filled += got
            }
            failed = filled != size
            count = filled
        }
        return failed ? nil : bytes
    }

    /// The whole file again (for turning an error's byte offset into a line and column).
    func readAll() -> [UInt8] {
        // Opened again by path: with `O_NONBLOCK`, and only if it is still a regular file (see `init`).
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return [] }
        defer { _ = systemClose(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return [] }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }
}

/// libyaml's read callback: `data` is an unretained ``StreamInput``.
func streamInputHandler(
    _ data: UnsafeMutableRawPointer?, _ buffer: UnsafeMutablePointer<UInt8>?, _ size: Int,
    _ sizeRead: UnsafeMutablePointer<Int>?
) -> Int32 {
    guard let data, let buffer, let sizeRead else { return 0 }
    let input = Unmanaged<StreamInput>.fromOpaque(data).takeUnretainedValue()
    let count = input.read(into: buffer, capacity: size)
    guard count >= 0 else { return 0 }
    sizeRead.pointee = count
    return 1
}
