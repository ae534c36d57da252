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
        /// renamed into place or swapped with it; `false` when it had to be made inside the output folder.
        let isBeside: Bool
        /// Folders inside the staging folder made so far (each is made once, not checked for every file).
        private var madeFolders: Set<String> = []

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

        /// Writes files into the staging folder: their folders first, each once, then the files on every core.
        ///
        /// Each file is written with plain `open`/`write`/`close` and no `fsync`: Foundation's `Data.write(to:)` syncs
        /// every file it writes, which made a whole-spec run into an empty folder spend about 750 ms in 2,162 `fsync`
        /// calls. Durability is paid once instead, by ``OutputWriter/synchronize(_:)`` before the first staged file
        /// moves into place and after the last. Creating a file is the kernel's work on the calling core, so two
        /// cores create 2,000 files in about four fifths of the time one takes (docs/Performance.md).
        /// - Throws: A folder that cannot be made, else the first file in the order of `files` that cannot be
        ///   written; the files written stay (the staging folder is removed as a whole).
        mutating func write(_ files: [(path: String, text: String)]) throws(Diagnostic) {
            for (relative, _) in files { try makeFolder(of: relative) }
            let failures = concurrentMap(files.count) { [self] index -> Diagnostic? in
                do throws(Diagnostic) {
                    try writeFile(files[index].text, to: files[index].path)
                    return nil
                } catch {
                    return error
                }
            }
            if let failure = failures.first(where: { $0 != nil }) { throw failure! }
        }

        /// Makes the folder a staged file goes into, unless this staging folder made it already.
        private mutating func makeFolder(of relative: String) throws(Diagnostic) {
            guard let slash = relative.lastIndex(of: "/"), !madeFolders.contains(String(relative[..<slash])) else {
                return
            }
            let full = path(of: relative)
            let folder = (full as NSString).deletingLastPathComponent
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw Diagnostic(.error, "cannot write '\(full)': \(error.localizedDescription)")
            }
            madeFolders.insert(String(relative[..<slash]))
        }

        /// Creates one staged file (its folder exists) and writes its text.
        private func writeFile(_ text: String, to relative: String) throws(Diagnostic) {
            let full = path(of: relative)
            // O_EXCL | O_NOFOLLOW: the staging folder is ours and new, so anything already there is refused.
            let descriptor = open(full, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            guard descriptor >= 0 else {
                throw Diagnostic(.error, "cannot write '\(full)': \(String(cString: strerror(errno)))")
            }
            defer { close(descriptor) }
            var text = text
            let failure = text.withUTF8 { buffer -> Int32 in
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
                throw Diagnostic(.error, "cannot write '\(full)': \(String(cString: strerror(failure)))")
            }
        }

        /// Renames the staging folder to `output`, which must not exist (an existing folder, even an empty one, is
        /// left alone). The staging folder was made private (0700); it first gets the mode a new folder gets here
        /// (0777 less the umask, read from a probe folder: `umask(2)` cannot be read without being set, for every
        /// thread at once).
        /// - Returns: Whether the rename happened.
        func becomeFolder(_ output: String) -> Bool {
            let probe = directory + "-mode"
            guard mkdir(probe, 0o777) == 0 else { return false }
            var info = stat()
            let probed = lstat(probe, &info) == 0
            rmdir(probe)
            guard probed, chmod(directory, info.st_mode & 0o7777) == 0 else { return false }
            if Self.renameNoReplace(directory, output) { return true }
            chmod(directory, 0o700)
            return false
        }

        /// `rename(2)` that fails when the target exists: `renameat2(RENAME_NOREPLACE)` on Linux (looked up at run
        /// time, as `syncfs`: the Swift `Glibc` module does not declare it), a check then `rename` where that is
        /// missing or the file system does not support the flag.
        static func renameNoReplace(_ source: String, _ target: String) -> Bool {
            #if canImport(Glibc)
                typealias RenameAt2 =
                    @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
                if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") {
                    let result = unsafeBitCast(symbol, to: RenameAt2.self)(AT_FDCWD, source, AT_FDCWD, target, 1)
                    if result == 0 { return true }
                    guard errno == EINVAL || errno == ENOSYS else { return false }
                }
            #endif
            return FileKind.of(target) == nil && rename(source, target) == 0
        }

        /// Removes the staging folder and whatever is left in it: after a swap, the old output tree.
        func remove() {
            _ = Self.removeTree(directory)
        }

        /// Removes a folder and everything in it, walking below descriptors: no symbolic link is followed (one in the
        /// tree is removed as a link, and a folder replaced by one meanwhile is not entered), and no folder of another
        /// device is entered (a mount point of another file system is left, with what is on it; a bind mount of the
        /// same one is not told apart).
        ///
        /// After a swap this is the old output tree (2,000 files for Okta's whole spec, 80–110 ms of a run from an
        /// older release). The kernel frees each file's inode and blocks on the core that unlinks it, so the files are
        /// unlinked on every core (two cores take about three quarters of the time one does), then the folders,
        /// deepest first. A tree of more than ``Folder/maxOpen`` folders, or one that cannot be read, is left to
        /// `FileManager` (which does not cross file systems either), as is whatever the walk could not remove.
        /// - Returns: Whether the walk removed the whole tree itself; `false` when it did not (the root missing, a
        ///   link, or a tree left to `FileManager`, which works by path).
        @discardableResult
        static func removeTree(_ root: String) -> Bool {
            var removed = false
            defer { if !removed, FileKind.of(root) != nil { try? FileManager.default.removeItem(atPath: root) } }
            let top = Folder.open(root)
            guard top >= 0 else { return false }
            guard let device = Folder.device(top) else {
                close(top)
                return false
            }
            var folders: [(descriptor: Int32, parent: Int, name: String)] = [(top, -1, "")]
            defer { for folder in folders { close(folder.descriptor) } }
            var files: [(folder: Int32, name: String)] = []
            var next = 0
            while next < folders.count {
                let index = next
                next += 1
                guard let entries = FileKind.entries(ofFolder: folders[index].descriptor) else { return false }
                for (name, kind) in entries {
                    guard kind == .directory else {
                        files.append((folders[index].descriptor, name))
                        continue
                    }
                    guard folders.count < Folder.maxOpen else { return false }
                    let child = Folder.open(name, in: folders[index].descriptor)
                    guard child >= 0 else { continue }
                    guard Folder.device(child) == device else {
                        close(child)
                        continue
                    }
                    folders.append((child, index, name))
                }
            }
            let unlinking = files
            _ = concurrentMap(unlinking.count) { unlinkat(unlinking[$0].folder, unlinking[$0].name, 0) }
            // Breadth-first order lists a folder before the folders in it: reversed, each is empty when removed.
            for folder in folders.dropFirst().reversed() {
                unlinkat(folders[folder.parent].descriptor, folder.name, AT_REMOVEDIR)
            }
            removed = rmdir(root) == 0
            return removed
        }

        /// Removes `prefix<pid>-<n>` folders in `folder` whose process has ended (a run that was killed).
        static func removeAbandoned(in folder: String, prefix: String) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
            for name in names where name.hasPrefix(prefix) {
                let rest = name.dropFirst(prefix.count)
                guard let pid = rest.split(separator: "-").first.flatMap({ Int32($0) }), pid > 0 else { continue }
                if kill(pid, 0) == 0 || errno == EPERM { continue }
                _ = removeTree(folder + "/" + name)
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
    /// `_GNU_SOURCE`); on macOS `sync(2)`, which hands every dirty buffer to the drive, then `fcntl(F_FULLFSYNC)` on the
    /// folder, which also empties the drive's own write cache (a plain `fsync` there leaves data in it), `fsync` where
    /// the file system refuses that. Called once before the first staged file is moved into place, so that a
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
        #elseif canImport(Darwin)
            sync()
            let descriptor = open(folder, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return true }
            defer { close(descriptor) }
            if fcntl(descriptor, F_FULLFSYNC) == 0 { return true }
            return fsync(descriptor) == 0 || errno != EIO
        #else
            sync()
            return true
        #endif
    }
}
