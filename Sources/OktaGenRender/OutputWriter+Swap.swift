import Foundation

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
    /// - Returns: Whether the staging folder now holds the whole new output folder and can be swapped in.
    func completeForSwap(_ staging: Staging, root: String, removals: Set<String>) -> Bool {
        guard staging.isBeside, Self.exchange != nil else { return false }
        var info = stat()
        switch FileKind.of(root, info: &info) {
        case nil:
            // A new output folder: the staging folder becomes it, with the mode a new folder gets.
            let mask = umask(0)
            umask(mask)
            return chmod(staging.directory, 0o777 & ~mask) == 0
        case .directory?:
            guard chmod(staging.directory, info.st_mode & 0o7777) == 0,
                link(from: root, into: staging.directory, relative: "", removals: removals)
            else { return false }
            for path in removals { removeEmptyFolders(above: path, in: staging.directory) }
            return true
        default:
            return false
        }
    }

    /// Swaps the completed staging folder with the output folder (or renames it into place when there is none yet).
    /// - Returns: Whether it was swapped in; `false` leaves both as they were.
    func swapIn(_ staging: Staging, root: String) -> Bool {
        guard let exchange = Self.exchange else { return false }
        if FileKind.of(root) == nil { return rename(staging.directory, root) == 0 }
        return exchange(staging.directory, root) == 0
    }

    /// Hard-links every entry of `source/relative` into `target/relative` (folders made, recursively), except names
    /// already there (the changed files written into the staging folder), `removals`, and other runs' staging folders.
    private func link(from source: String, into target: String, relative: String, removals: Set<String>) -> Bool {
        let folder = relative.isEmpty ? source : join(source, relative)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return false }
        for name in names {
            if relative.isEmpty, name.contains(Staging.marker) { continue }
            let path = relative.isEmpty ? name : relative + "/" + name
            if removals.contains(path) { continue }
            let from = join(source, path)
            let to = join(target, path)
            var info = stat()
            guard let kind = FileKind.of(from, info: &info) else { continue }  // removed meanwhile
            if kind == .directory {
                guard mkdir(to, info.st_mode & 0o7777) == 0 || errno == EEXIST,
                    link(from: source, into: target, relative: path, removals: removals)
                else { return false }
            } else if linkat(AT_FDCWD, from, AT_FDCWD, to, 0) != 0, errno != EEXIST {
                return false
            }
        }
        return true
    }

    /// `renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE)`, looked up at run time (glibc declares it only under
    /// `_GNU_SOURCE`, so the Swift `Glibc` module does not export it); `nil` where there is none.
    private static let exchange: (@Sendable (String, String) -> Int32)? = {
        #if canImport(Glibc)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        let function = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 2
        return { a, b in function(AT_FDCWD, a, AT_FDCWD, b, renameExchange) }
        #else
        return nil
        #endif
    }()
}
