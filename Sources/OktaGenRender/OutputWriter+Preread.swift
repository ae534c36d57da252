#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension OutputWriter {
    /// The files the last run generated (the ones its manifest lists), read ahead of ``write(_:preread:)``, on a core
    /// that would otherwise wait.
    ///
    /// Each file's bytes are kept with what `lstat` said of it when they were read (device, inode, size, modification
    /// and change times). When the files are written, a file whose `lstat` still says exactly that is compared with
    /// these bytes instead of being opened and read again; any difference, and any file not read ahead, is read then,
    /// as without a preread. A file changed less than two seconds before it was read ahead is not kept: its change
    /// time could not show a second change made within the same clock tick.
    public struct Preread: Sendable {
        struct Entry: Sendable {
            let identity: FileIdentity
            let bytes: [UInt8]
        }

        var entries: [String: Entry] = [:]
        /// The manifest the files were listed from, and what `lstat` said of it.
        var manifest: Manifest?
        var manifestIdentity: FileIdentity?

        /// Nothing read ahead.
        public init() {}

        /// How many files were read ahead.
        public var count: Int { entries.count }

        /// The manifest read ahead, if the file at `path` is still the one it was read from.
        func manifest(at path: String) -> Manifest? {
            guard let manifest, let manifestIdentity else { return nil }
            var info = stat()
            guard FileKind.of(path, info: &info) == .file, FileIdentity(info) == manifestIdentity else { return nil }
            return manifest
        }
    }

    /// What `lstat` says of a file, beyond its kind: enough to tell that its bytes have not changed since.
    struct FileIdentity: Equatable, Sendable {
        let device: UInt64
        let inode: UInt64
        let size: Int64
        let modified: timespec
        let changed: timespec

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            #if canImport(Darwin)
                modified = info.st_mtimespec
                changed = info.st_ctimespec
            #else
                modified = info.st_mtim
                changed = info.st_ctim
            #endif
        }

        static func == (lhs: FileIdentity, rhs: FileIdentity) -> Bool {
            lhs.device == rhs.device && lhs.inode == rhs.inode && lhs.size == rhs.size
                && lhs.modified.tv_sec == rhs.modified.tv_sec && lhs.modified.tv_nsec == rhs.modified.tv_nsec
                && lhs.changed.tv_sec == rhs.changed.tv_sec && lhs.changed.tv_nsec == rhs.changed.tv_nsec
        }
    }

    /// Reads ahead the regular files the output folder's manifest lists (symbolic links are not followed; files over
    /// `maxBytes` and files changed in the last `settled` seconds are skipped).
    public func preread(maxBytes: Int = 4 << 20, settled: Int = 2) -> Preread {
        var preread = Preread()
        let root = Self.folderPath(directory)
        // An output folder that is a symbolic link is refused by the write; nothing is read through it.
        guard FileKind.of(root) != .symbolicLink else { return preread }
        let manifestPath = join(root, Self.manifestName)
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var manifestInfo = stat()
        guard FileKind.of(manifestPath, info: &manifestInfo) == .file else { return preread }
        let manifestIdentity = FileIdentity(manifestInfo)
        let manifest = Manifest.read(manifestPath)
        let cutoff = now.tv_sec - settled
        func isSettled(_ identity: FileIdentity) -> Bool {
            settled <= 0 || identity.changed.tv_sec < cutoff && identity.modified.tv_sec < cutoff
        }
        if isSettled(manifestIdentity) {
            preread.manifest = manifest
            preread.manifestIdentity = manifestIdentity
        }
        guard !manifest.paths.isEmpty else { return preread }
        preread.entries.reserveCapacity(manifest.paths.count)
        for path in manifest.paths where Self.isSafe(path) {
            let full = join(root, path)
            var info = stat()
            guard FileKind.of(full, info: &info) == .file, Int(info.st_size) <= maxBytes else { continue }
            let identity = FileIdentity(info)
            guard isSettled(identity), let bytes = Self.contents(full, expectedSize: Int(info.st_size))
            else { continue }
            preread.entries[path] = Preread.Entry(identity: identity, bytes: bytes)
        }
        return preread
    }

    /// A regular file's bytes (a symbolic link is not followed), read whole; `nil` when it cannot be read, is not a
    /// regular file or is not `expectedSize` bytes long. Opened with `O_NONBLOCK` and checked with `fstat`: the path
    /// was a regular file when `lstat` looked, but may have been replaced by a FIFO since (see ``RegularFile``).
    static func contents(_ path: String, expectedSize: Int) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: expectedSize + 1) { buffer, count in
            var total = 0
            while total <= expectedSize {
                let got = read(descriptor, buffer.baseAddress! + total, expectedSize + 1 - total)
                if got < 0, errno == EINTR { continue }
                guard got > 0 else {
                    failed = got < 0
                    break
                }
                total += got
            }
            count = total
        }
        return failed || bytes.count != expectedSize ? nil : bytes
    }

    /// Whether the read-ahead bytes of `path` are still on disk (its `lstat` unchanged) and are `text`'s bytes;
    /// `nil` when that cannot be told from the preread.
    static func prereadMatch(_ preread: Preread, path: String, info: stat, text: String) -> Bool? {
        guard let entry = preread.entries[path], entry.identity == FileIdentity(info) else { return nil }
        var text = text
        return text.withUTF8 { expected in
            expected.count == entry.bytes.count
                && (expected.isEmpty
                    || entry.bytes.withUnsafeBufferPointer {
                        memcmp($0.baseAddress!, expected.baseAddress!, expected.count) == 0
                    })
        }
    }
}
