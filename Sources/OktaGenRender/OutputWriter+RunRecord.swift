#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The record a finished run leaves on the manifest, so that the next run with the very same inputs can skip its
/// work (`GeneratorPipeline.upToDate`).
///
/// The record is an extended attribute of `.oktagen-manifest` (`user.oktagen.run` on Linux, `com.oktagen.run` on
/// macOS), not a file: it says `oktagen-run 1 INPUTS MANIFEST`, where INPUTS is the digest of what the run read
/// (computed by the pipeline) and MANIFEST the hash of the manifest's bytes as that run left them. An attribute is
/// local to this copy of the folder: git does not carry it (a clone or a checkout regenerates in full), the
/// manifest's bytes stay what a run with the same inputs writes anywhere (`Generated/` stays reproducible), and a
/// manifest replaced by another file (a new inode) loses it. A file system without user attributes (some tmpfs
/// and network file systems) simply never has a record.
///
/// The record binds the inputs to one manifest, and the manifest binds every generated file to the hash of its
/// bytes: ``recordedRun()`` accepts the folder only when the manifest still hashes to MANIFEST and every file it
/// lists still hashes to what it lists. Such a pair stays true whatever happens later (generation is a function of
/// its inputs), so a run killed before it records, or that records nothing, never leaves a wrong one.
extension OutputWriter {
    /// The attribute's name.
    #if canImport(Darwin)
        static let runRecordAttribute = "com.oktagen.run"
    #else
        static let runRecordAttribute = "user.oktagen.run"
    #endif

    /// What ``recordedRun()`` found: the recorded digest of the inputs, the run's notes from the manifest
    /// (``manifestNotes``, as written), and how many files it generated.
    public struct RunRecord: Sendable, Equatable {
        /// The digest of the inputs of the run that wrote this folder.
        public var inputs: String
        /// The notes that run wrote into the manifest.
        public var notes: [String]
        /// The files it generated (every one checked).
        public var files: Int
    }

    /// Records that the folder, as its manifest now describes it, is what a run with `inputs` generates.
    /// - Parameter inputs: A digest of everything the run read (ASCII letters and digits; at most 128 characters).
    /// - Returns: Whether the record was written (false on a file system without user attributes).
    @discardableResult
    public func recordRun(inputs: String) -> Bool {
        guard inputs.utf8.count <= 128, inputs.utf8.allSatisfy(Self.isRecordCharacter) else { return false }
        let manifestPath = join(Self.folderPath(directory), Self.manifestName)
        guard let bytes = try? RegularFile.read(manifestPath, limit: Manifest.maxBytes, followLinks: false).get()
        else { return false }
        let value = "oktagen-run 1 \(inputs) \(bytes.withUnsafeBytes { Manifest.hash(bytes: $0) })"
        return value.withCString { pointer in
            #if canImport(Darwin)
                setxattr(manifestPath, Self.runRecordAttribute, pointer, strlen(pointer), 0, XATTR_NOFOLLOW) == 0
            #elseif canImport(Glibc)
                guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "lsetxattr") else { return false }
                return unsafeBitCast(symbol, to: SetAttribute.self)(
                    manifestPath, Self.runRecordAttribute, pointer, strlen(pointer), 0) == 0
            #else
                return false
            #endif
        }
    }

    /// The record of the run that left this folder, when the folder is still exactly as that run left it: the
    /// manifest's bytes hash to the recorded hash, and every file the manifest lists is a regular file (in real
    /// folders, no symbolic link on the way) whose bytes hash to the listed hash. `nil` otherwise, and when there is
    /// no record.
    public func recordedRun() -> RunRecord? {
        let root = Self.folderPath(directory)
        guard FileKind.of(root) == .directory else { return nil }
        let manifestPath = join(root, Self.manifestName)
        var buffer = [UInt8](repeating: 0, count: 512)
        let length = buffer.withUnsafeMutableBytes { raw -> Int in
            #if canImport(Darwin)
                getxattr(manifestPath, Self.runRecordAttribute, raw.baseAddress, raw.count, 0, XATTR_NOFOLLOW)
            #elseif canImport(Glibc)
                guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "lgetxattr") else { return -1 }
                return unsafeBitCast(symbol, to: GetAttribute.self)(
                    manifestPath, Self.runRecordAttribute, raw.baseAddress, raw.count)
            #else
                return -1
            #endif
        }
        guard length > 0 else { return nil }
        let fields = buffer[..<length].split(separator: UInt8(ascii: " "))
        guard fields.count == 4, fields[0].elementsEqual("oktagen-run".utf8), fields[1].elementsEqual("1".utf8)
        else { return nil }
        let inputs = String(decoding: fields[2], as: UTF8.self)
        let recordedHash = String(decoding: fields[3], as: UTF8.self)
        guard let bytes = try? RegularFile.read(manifestPath, limit: Manifest.maxBytes, followLinks: false).get(),
            bytes.withUnsafeBytes({ Manifest.hash(bytes: $0) }) == recordedHash
        else { return nil }
        let manifest = Manifest.parse(bytes)
        // Every listed file with a hash, inside the folder, in real folders: what a run of the writer lists.
        guard manifest.hashes.count == manifest.paths.count else { return nil }
        var folders: Set<Substring> = []
        for path in manifest.paths {
            guard Self.isSafe(path) else { return nil }
            if let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")), folders.insert(path[..<slash]).inserted {
                guard (try? checkParents(of: path, in: root)) != nil else { return nil }
            }
        }
        let paths = manifest.paths
        let hashes = manifest.hashes
        let intact = concurrentMap(paths.count) { index in
            let path = paths[index]
            guard
                let data = try? RegularFile.read(join(root, path), limit: Self.maxExistingBytes, followLinks: false)
                    .get()
            else { return false }
            return data.withUnsafeBytes { Manifest.hash(bytes: $0) } == hashes[path]
        }
        guard !intact.contains(false) else { return nil }
        return RunRecord(inputs: inputs, notes: manifest.notes, files: paths.count)
    }

    #if canImport(Glibc)
        // `lsetxattr(2)` and `lgetxattr(2)`, looked up at run time (as `renameat2` and `syncfs`): the Swift `Glibc`
        // module does not declare <sys/xattr.h>.
        private typealias SetAttribute =
            @convention(c) (UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafeRawPointer?, Int, Int32) -> Int32
        private typealias GetAttribute =
            @convention(c) (UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafeMutableRawPointer?, Int) -> Int
    #endif

    private static func isRecordCharacter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}
