import Foundation
import OktaGenDiagnostics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The whole output folder swapped in at once.
///
/// Moving changed files into place one by one (`rename(2)` each) keeps every file whole, but a run killed between two
/// moves leaves a mix of the old output and the new one, with the old manifest. Instead, the staging folder is made
/// into the complete new output folder — the changed files written, everything else of the old output folder
/// hard-linked into it (same inode: unchanged files keep their bytes and modification times, and cost one `link(2)`
/// each, no copy), files no longer generated left out — and then exchanged with the output folder in one
/// `renameat2(RENAME_EXCHANGE)`. Before the exchange the output folder is the old one, after it the new one; the old
/// tree, now at the staging folder's name, is removed afterwards (or by the next run, if this one is killed first).
/// Where that cannot be done — not Linux, the staging folder had to be made inside the output folder (its parent is
/// not writable), a file system without hard links or without the exchange — the files are moved one by one as before.
extension OutputWriter {
    /// Completes the staging folder into the new output folder: hard-links into it everything of the output folder
    /// that it does not hold yet, except the files in `removals`, then removes folders emptied by those removals.
    ///
    /// Only an output folder that holds nothing but generated files is swapped: every file in it must be one the last
    /// run listed in its manifest, one this run generates, or the manifest. A folder that also holds files of the
    /// user's (an `--output` that is a source folder with hand-written files, or the package root) keeps the moves one
    /// by one: a file someone saves into it while the run links (an editor writes a new file and renames it over the
    /// old) would otherwise land in the old tree, which is then removed.
    /// - Parameters:
    ///   - generated: The paths of the manifest's files and of this run's files.
    ///   - staged: The paths written into the staging folder (not linked: no `lstat` and failing `link` for each of the
    ///     2,000 files a new release changes).
    /// - Returns: The paths linked, when the staging folder now holds the whole new output folder and can be swapped
    ///   in; `nil` otherwise.
    func completeForSwap(
        _ staging: Staging, root: String, removals: [String], generated: [String], staged: [String]
    ) -> [String]? {
        guard staging.isBeside, Self.exchange != nil else { return nil }
        var info = stat()
        guard FileKind.of(root, info: &info) == .directory,
            chmod(staging.directory, info.st_mode & 0o7777) == 0,
            let linked = link(
                from: root, into: staging.directory, removals: Set(removals.map(ScalarKey.init)),
                generated: Set(generated.map(ScalarKey.init)), staged: Set(staged.map(ScalarKey.init)))
        else { return nil }
        for path in removals { removeEmptyFolders(above: path, in: staging.directory) }
        return linked
    }

    /// Swaps the completed staging folder with the output folder.
    /// - Returns: Whether it was swapped in; `false` leaves both as they were.
    func swapIn(_ staging: Staging, root: String) -> Bool {
        guard let exchange = Self.exchange, FileKind.of(root) == .directory else { return false }
        return exchange(staging.directory, root) == 0
    }

    /// After the exchange, moves back into the output folder any file of the old tree (now at the staging folder's
    /// name) that the new one lacks and that this run did not mean to remove: only a file saved into the output folder
    /// between the linking and the exchange can be one. Nothing the tool did not generate is removed with the old tree.
    ///
    /// Paths are compared by their scalars (``ScalarKey``), as the file system compares names: a file of the user's
    /// whose name is canonically equivalent to a removed or new generated file's is not taken for it. A file the new
    /// tree is known to hold (`inNewTree`: linked or staged) is passed over without a system call; any other is moved
    /// with a rename that never replaces (a file of the new tree at its path wins).
    /// - Returns: The paths moved back.
    @discardableResult
    func reclaimStrays(from old: String, into root: String, removals: [String], inNewTree: [String] = [])
        -> [String]
    {
        let removed = Set(removals.map(ScalarKey.init))
        let known = Set(inNewTree.map(ScalarKey.init))
        var reclaimed: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? old : join(old, relative)
            guard let entries = FileKind.entries(of: folder) else { continue }
            for (name, kind) in entries {
                let path = relative.isEmpty ? name : relative + "/" + name
                if kind == .directory {
                    pending.append(path)
                    continue
                }
                guard kind != nil, !removed.contains(ScalarKey(path)), !known.contains(ScalarKey(path)) else {
                    continue
                }
                let to = join(root, path)
                try? FileManager.default.createDirectory(
                    atPath: (to as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                if Staging.renameNoReplace(join(old, path), to) { reclaimed.append(path) }
            }
        }
        return reclaimed
    }

    /// Hard-links every entry of the output folder into the staging folder (folders made), except `staged` (the changed
    /// files written into the staging folder), `removals`, and other runs' staging folders, then links the files on
    /// every core (`link(2)` is the kernel's work on the calling core, as creating a file is; see `Staging.write`).
    ///
    /// The walk holds each folder of both trees open and links relative to them (`linkat` from descriptors), so a
    /// folder replaced by a symbolic link while it runs is neither followed nor linked from; it keeps to one file
    /// system, and to at most ``Folder/maxOpen`` folders (a tree beyond either is not swapped: its files are moved
    /// one by one). Paths are compared by their scalars, as the file system compares names.
    /// - Returns: The paths linked; `nil` when a folder cannot be read or made, a link fails, or a file is not in
    ///   `generated` (the folder is not the generator's alone).
    private func link(
        from source: String, into target: String, removals: Set<ScalarKey>, generated: Set<ScalarKey>,
        staged: Set<ScalarKey>
    ) -> [String]? {
        var pairs: [(source: Int32, target: Int32, relative: String)] = []
        defer {
            for pair in pairs {
                close(pair.source)
                close(pair.target)
            }
        }
        let sourceTop = Folder.open(source)
        guard sourceTop >= 0 else { return nil }
        let targetTop = Folder.open(target)
        guard targetTop >= 0 else {
            close(sourceTop)
            return nil
        }
        pairs.append((sourceTop, targetTop, ""))
        guard let device = Folder.device(sourceTop) else { return nil }
        var links: [(source: Int32, target: Int32, name: String)] = []
        var paths: [String] = []
        var next = 0
        while next < pairs.count {
            let pair = pairs[next]
            next += 1
            guard let entries = FileKind.entries(ofFolder: pair.source) else { return nil }
            for (name, kind) in entries {
                if pair.relative.isEmpty, name.contains(Staging.marker) { continue }
                let path = pair.relative.isEmpty ? name : pair.relative + "/" + name
                let key = ScalarKey(path)
                if removals.contains(key) || staged.contains(key) { continue }
                guard let kind else { continue }  // removed meanwhile
                if kind == .directory {
                    guard pairs.count < Folder.maxOpen else { return nil }
                    let child = Folder.open(name, in: pair.source)
                    guard child >= 0 else { return nil }
                    var info = stat()
                    guard fstat(child, &info) == 0, info.st_dev == device,
                        mkdirat(pair.target, name, info.st_mode & 0o7777) == 0 || errno == EEXIST
                    else {
                        close(child)
                        return nil
                    }
                    let made = Folder.open(name, in: pair.target)
                    guard made >= 0 else {
                        close(child)
                        return nil
                    }
                    pairs.append((child, made, path))
                    continue
                }
                guard generated.contains(key) || path == Self.manifestName else { return nil }
                links.append((pair.source, pair.target, name))
                paths.append(path)
            }
        }
        let linking = links
        let failed = concurrentMap(linking.count) { index in
            let link = linking[index]
            return linkat(link.source, link.name, link.target, link.name, 0) != 0 && errno != EEXIST
        }
        return failed.contains(true) ? nil : paths
    }

    /// `renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE)`, looked up at run time (glibc declares it only under
    /// `_GNU_SOURCE`, so the Swift `Glibc` module does not export it); `nil` where there is none.
    private static let exchange: (@Sendable (String, String) -> Int32)? = {
        #if canImport(Glibc)
            typealias RenameAt2 =
                @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
            let function = unsafeBitCast(symbol, to: RenameAt2.self)
            let renameExchange: UInt32 = 2
            return { a, b in function(AT_FDCWD, a, AT_FDCWD, b, renameExchange) }
        #else
            return nil
        #endif
    }()
}
