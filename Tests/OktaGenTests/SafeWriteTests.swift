import Foundation
import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI
import OktaGenTestSupport
import Testing

@testable import OktaGenRender

/// Safe regeneration: unchanged input rewrites nothing, a failed run leaves the output byte for byte as it was, and
/// files the generator did not write survive. (Output paths: `OutputPathSafetyTests`; the type-name prefix and the
/// combined layout: `TypeNamePrefixAndLayoutTests`.)
@Suite struct SafeWriteTests {
    // MARK: Helpers

    /// Bytes and modification time of every entry below a folder (hidden ones too), by relative path.
    struct Snapshot: Equatable, CustomStringConvertible {
        var entries: [String: (data: Data?, modified: Date?)] = [:]

        init(_ folder: URL) {
            let manager = FileManager.default
            for path in ((try? manager.subpathsOfDirectory(atPath: folder.path)) ?? []).sorted() {
                let url = folder.appendingPathComponent(path)
                let attributes = try? manager.attributesOfItem(atPath: url.path)
                let isFile = attributes?[.type] as? FileAttributeType == .typeRegular
                entries[path] = (
                    isFile ? manager.contents(atPath: url.path) : nil,
                    attributes?[.modificationDate] as? Date
                )
            }
        }

        static func == (lhs: Snapshot, rhs: Snapshot) -> Bool {
            lhs.entries.keys.sorted() == rhs.entries.keys.sorted()
                && lhs.entries.allSatisfy { key, value in
                    rhs.entries[key].map { $0.data == value.data && $0.modified == value.modified } ?? false
                }
        }

        var description: String { entries.keys.sorted().joined(separator: ", ") }
    }

    /// A temporary folder with the fixture spec `operations.yaml` as `spec.yaml`, to run `oktagen` in.
    struct Workspace {
        let directory: URL

        init() throws {
            directory = try FixtureSupport.makeTemporaryDirectory()
            try FileManager.default.copyItem(
                at: GoldenSupport.specsDirectory.appendingPathComponent("operations.yaml"),
                to: directory.appendingPathComponent("spec.yaml"))
        }

        func url(_ path: String) -> URL { directory.appendingPathComponent(path) }

        func write(_ path: String, _ text: String) throws {
            try FileManager.default.createDirectory(
                at: url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url(path))
        }

        func read(_ path: String) -> String? {
            FileManager.default.contents(atPath: url(path).path).map { String(decoding: $0, as: UTF8.self) }
        }

        func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: url(path).path) }

        /// `oktagen generate --spec spec.yaml --tags all --output Out` plus `arguments`.
        func generate(_ arguments: [String] = []) throws -> FixtureSupport.Run {
            try FixtureSupport.run(
                ["generate", "--no-config", "--spec", "spec.yaml", "--tags", "all", "--output", "Out"] + arguments,
                in: directory)
        }

        /// Entries beside the output folder other than the spec and the output (a staging folder left behind).
        var leftovers: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
                .filter { !["spec.yaml", "Out", "templates", "other"].contains($0) }
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    // MARK: Regeneration through the command line

    @Test func regeneratingUnchangedInputRewritesNoFile() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let first = try workspace.generate()
        #expect(first.status == 0, "\(first)")
        let before = Snapshot(workspace.url("Out"))
        #expect(before.entries.keys.contains(".oktagen-manifest"))
        Thread.sleep(forTimeInterval: 0.05)
        let second = try workspace.generate()
        #expect(second.status == 0, "\(second)")
        let files = before.entries.filter { $0.value.data != nil && $0.key != ".oktagen-manifest" }.count
        #expect(second.standardError.hasPrefix("Out: 0 file(s) written, \(files) already up to date, 0 removed"))
        #expect(Snapshot(workspace.url("Out")) == before)
        #expect(workspace.leftovers.isEmpty, "\(workspace.leftovers)")
    }

    @Test func aFailingGenerationLeavesTheOutputByteIdentical() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        #expect(try workspace.generate().status == 0)
        let before = Snapshot(workspace.url("Out"))
        // A broken template override: rendering fails.
        try workspace.write("templates/model-enum.mustache", "{{#cases}}\n")
        let badTemplate = try workspace.generate(["--templates", "templates"])
        #expect(badTemplate.status == 1)
        #expect(badTemplate.standardError.contains("templates/model-enum.mustache:"))
        #expect(Snapshot(workspace.url("Out")) == before)
        // A spec with an error: loading fails.
        try workspace.write("other/spec.yaml", "openapi: 3.0.3\ninfo: {title: x}\npaths: []\n")
        let badSpec = try FixtureSupport.run(
            ["generate", "--no-config", "--spec", "other/spec.yaml", "--output", "Out"], in: workspace.directory)
        #expect(badSpec.status == 1)
        #expect(Snapshot(workspace.url("Out")) == before)
        #expect(workspace.leftovers.isEmpty, "\(workspace.leftovers)")
    }

    @Test func aRunThatFailsWhileWritingChangesNothing() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        #expect(try workspace.generate().status == 0)
        // The next run changes every file (another access level), but one of its files is in the way: a file the
        // user wrote where the new spec wants one. Every check runs before the first file moves.
        let firstModel = try #require(
            (try FileManager.default.contentsOfDirectory(atPath: workspace.url("Out/Models").path)).sorted().first)
        try workspace.write("Out/Models/\(firstModel)", "// my own file\nstruct Mine {}\n")
        let before = Snapshot(workspace.url("Out"))
        let result = try workspace.generate(["--access", "internal"])
        #expect(result.status == 1)
        #expect(
            result.standardError == "error: refusing to overwrite 'Out/Models/\(firstModel)': oktagen did not"
                + " generate it (it does not start with '// Generated by oktagen' and is not the file the last run wrote);"
                + " move it out of the output folder\n")
        #expect(Snapshot(workspace.url("Out")) == before)
        #expect(workspace.leftovers.isEmpty, "\(workspace.leftovers)")
    }

    @Test func foreignFilesSurviveAndStaleGeneratedFilesGo() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        #expect(try workspace.generate().status == 0)
        try workspace.write("Out/Models/Handwritten+Extras.swift", "extension Int {}\n")
        try workspace.write("Out/README.txt", "notes\n")
        try workspace.write("Out/Server/Notes.swift", "// mine\n")
        let serverFiles = try FileManager.default.contentsOfDirectory(atPath: workspace.url("Out/Server").path)
        let clientFiles = try FileManager.default.contentsOfDirectory(atPath: workspace.url("Out/Client").path)
        let catalogFiles = try FileManager.default.contentsOfDirectory(
            atPath: workspace.url("Out/OktaClient.docc").path)
        // Models only: the client and server files are no longer generated.
        let result = try workspace.generate(["--mode", "models"])
        #expect(result.status == 0, "\(result)")
        #expect(result.standardError.contains("0 file(s) written"))
        #expect(
            result.standardError.contains("\(serverFiles.count - 1 + clientFiles.count + catalogFiles.count) removed"))
        #expect(workspace.read("Out/Models/Handwritten+Extras.swift") == "extension Int {}\n")
        #expect(workspace.read("Out/README.txt") == "notes\n")
        #expect(workspace.read("Out/Server/Notes.swift") == "// mine\n")
        #expect(!workspace.exists("Out/Client"), "an emptied folder of generated files is removed")
        let server = try FileManager.default.contentsOfDirectory(atPath: workspace.url("Out/Server").path)
        #expect(server == ["Notes.swift"])
    }

    /// The inode of a folder (`0` when there is none).
    static func inode(_ path: String) -> UInt64 {
        var info = stat()
        return lstat(path, &info) == 0 ? UInt64(info.st_ino) : 0
    }

    @Test func onlyAFolderOfGeneratedFilesAloneIsSwappedWhole() throws {
        let folder = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("Out").path
        let writer = OutputWriter(directory: out)
        _ = try writer.write([
            "A.swift": "// Generated by oktagen\nlet a = 1\n", "Sub/B.swift": "// Generated by oktagen\n",
        ])
        // Generated files alone: the new output folder is swapped in (a new folder, where Linux has the exchange).
        let first = Self.inode(out)
        _ = try writer.write([
            "A.swift": "// Generated by oktagen\nlet a = 2\n", "Sub/B.swift": "// Generated by oktagen\n",
        ])
        #if os(Linux)
            #expect(Self.inode(out) != first, "a folder of generated files is exchanged whole")
        #endif
        // A file of the user's in it: moved file by file instead, the folder (and the user's file) stay put.
        try Data("mine\n".utf8).write(to: URL(fileURLWithPath: out + "/Sub/Mine.swift"))
        let second = Self.inode(out)
        let report = try writer.write([
            "A.swift": "// Generated by oktagen\nlet a = 3\n", "Sub/B.swift": "// Generated by oktagen\n",
        ])
        #expect(report.written == ["A.swift"])
        #expect(Self.inode(out) == second, "a folder that holds the user's files is not swapped")
        #expect(try String(contentsOfFile: out + "/Sub/Mine.swift", encoding: .utf8) == "mine\n")
        #expect(try String(contentsOfFile: out + "/A.swift", encoding: .utf8).hasSuffix("let a = 3\n"))
    }

    @Test func aFileSavedIntoTheOldTreeDuringTheSwapIsMovedBack() throws {
        let folder = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = folder.appendingPathComponent("old").path
        let root = folder.appendingPathComponent("new").path
        for path in [old + "/Deep/Er", root] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        for (path, text) in [("A.swift", "generated"), ("Gone.swift", "removed"), ("Deep/Er/Saved.swift", "mine")] {
            try Data(text.utf8).write(to: URL(fileURLWithPath: old + "/" + path))
        }
        try Data("new".utf8).write(to: URL(fileURLWithPath: root + "/A.swift"))
        let moved = OutputWriter(directory: root).reclaimStrays(from: old, into: root, removals: ["Gone.swift"])
        #expect(moved == ["Deep/Er/Saved.swift"])
        #expect(try String(contentsOfFile: root + "/Deep/Er/Saved.swift", encoding: .utf8) == "mine")
        #expect(try String(contentsOfFile: root + "/A.swift", encoding: .utf8) == "new", "the new file wins")
        #expect(!FileManager.default.fileExists(atPath: root + "/Gone.swift"), "a removal stays removed")
        // A path the new tree is known to hold (linked or staged) is passed over, even if it is gone from it since.
        try Data("again".utf8).write(to: URL(fileURLWithPath: old + "/Linked.swift"))
        let writer = OutputWriter(directory: root)
        #expect(
            writer.reclaimStrays(from: old, into: root, removals: ["Gone.swift"], inNewTree: ["Linked.swift"]).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: root + "/Linked.swift"))
    }

    @Test func aGeneratedFileEditedByHandIsKeptWhenNoLongerGenerated() throws {
        let folder = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = OutputWriter(directory: folder.path)
        _ = try writer.write([
            "A.swift": "// Generated by oktagen\nlet a = 1\n", "B.swift": "// Generated by oktagen\nlet b = 1\n",
        ])
        try Data("// Generated by oktagen\nlet b = 2 // edited\n".utf8).write(
            to: folder.appendingPathComponent("B.swift"))
        let report = try writer.write([:])
        #expect(report.removed == ["A.swift"])
        #expect(report.kept == ["B.swift"])
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("B.swift").path))
        // The edited file left the manifest: it is the user's now.
        let manifest = try String(contentsOf: folder.appendingPathComponent(OutputWriter.manifestName), encoding: .utf8)
        #expect(!manifest.contains("B.swift"))
    }

    /// A template without the usual header: its files are recognised by the manifest's hash when regenerated (they
    /// are overwritten), but a stale one is not removed — a manifest is input, so removal needs the header too.
    @Test func filesWithoutTheHeaderAreOverwrittenByHashButNeverRemoved() throws {
        let folder = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = OutputWriter(directory: folder.path)
        _ = try writer.write(["A.swift": "// custom header\nlet a = 1\n", "B.swift": "// custom header\nlet b = 1\n"])
        let again = try writer.write(["A.swift": "// custom header\nlet a = 2\n"])
        #expect(again.written == ["A.swift"])
        #expect(again.removed.isEmpty)
        #expect(again.kept == ["B.swift"])
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("B.swift").path))
    }

    /// A file is "already up to date" only when it holds the very bytes: same size but other bytes, and one byte more
    /// or less, are rewritten; an empty text over an empty file is not.
    @Test func onlyByteIdenticalFilesCountAsUpToDate() throws {
        let folder = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = OutputWriter(directory: folder.path)
        let files = [
            "Same.swift": "// Generated by oktagen\nlet same = 1\n",
            "Swapped.swift": "// Generated by oktagen\nlet x = 1\n",
            "Longer.swift": "// Generated by oktagen\nlet y = 1\n",
            "Shorter.swift": "// Generated by oktagen\nlet z = 1\n",
            "Empty.swift": "",
        ]
        _ = try writer.write(files)
        func put(_ text: String, _ name: String) throws {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        try put("// Generated by oktagen\nlet x = 2\n", "Swapped.swift")
        try put("// Generated by oktagen\nlet y = 1\n\n", "Longer.swift")
        try put("// Generated by oktagen\nlet z = 1", "Shorter.swift")
        let report = try writer.write(files)
        #expect(report.unchanged.sorted() == ["Empty.swift", "Same.swift"])
        #expect(report.written.sorted() == ["Longer.swift", "Shorter.swift", "Swapped.swift"])
        for (name, text) in files {
            #expect(try Data(contentsOf: folder.appendingPathComponent(name)) == Data(text.utf8), "\(name)")
        }
    }

    @Test func theFirstManifestFormatIsStillRead() throws {
        let folder = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("Models"), withIntermediateDirectories: true)
        try Data("Models/Old.swift\n".utf8).write(to: folder.appendingPathComponent(OutputWriter.manifestName))
        try Data("// Generated by oktagen 0.1.0\n".utf8).write(to: folder.appendingPathComponent("Models/Old.swift"))
        let report = try OutputWriter(directory: folder.path).write(["Models/New.swift": "// Generated by oktagen\n"])
        #expect(report.written == ["Models/New.swift"])
        // Without a hash, the file cannot be told unedited: it is kept (removal needs the header and the hash).
        #expect(report.removed.isEmpty)
        #expect(report.kept == ["Models/Old.swift"])
    }

    @Test func anOutputFolderInFoldersThatDoNotExistYetIsCreated() throws {
        let parent = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("Sources/SDK/Generated")
        let report = try OutputWriter(directory: output.path).write(["Models/A.swift": "// Generated by oktagen\n"])
        #expect(report.written == ["Models/A.swift"])
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("Models/A.swift").path))
        let sdk = try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)
        #expect(sdk == ["Generated"])
    }

    /// Into an output folder that does not exist yet, the staging folder itself becomes the output (one rename, not
    /// one per file), with the mode a folder made there gets (not the staging folder's private 0700), and nothing is
    /// left beside it.
    @Test func aNewOutputFolderIsTheStagingFolderRenamedWithTheUsualMode() throws {
        let parent = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("Out")
        let files = [
            "Models/A.swift": "// Generated by oktagen\nA\n", "Client/B.swift": "// Generated by oktagen\nB\n",
        ]
        let report = try OutputWriter(directory: output.path).write(files)
        #expect(report.written == ["Client/B.swift", "Models/A.swift"])
        let reference = parent.appendingPathComponent("reference")
        try FileManager.default.createDirectory(at: reference, withIntermediateDirectories: false)
        func mode(_ url: URL) throws -> Int {
            try #require(FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
        }
        #expect(try mode(output) == mode(reference))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted() == ["Out", "reference"])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
                == [".oktagen-manifest", "Client", "Models"])
        // The next run finds its own files.
        #expect(
            try OutputWriter(directory: output.path).write(files).unchanged == ["Client/B.swift", "Models/A.swift"])
    }

    /// The whole-folder rename never replaces a folder that appeared meanwhile, not even an empty one.
    @Test func theStagingFolderDoesNotReplaceAFolderThatAppeared() throws {
        let parent = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("Out").path
        var staging = try OutputWriter.Staging(for: output)
        defer { staging.remove() }
        try staging.write([(path: "Models/A.swift", text: "x")])
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: false)
        #expect(!staging.becomeFolder(output))
        #expect(try FileManager.default.contentsOfDirectory(atPath: output) == [])
        #expect(FileManager.default.fileExists(atPath: staging.path(of: "Models/A.swift")))
        #expect(!OutputWriter.Staging.renameNoReplace(staging.directory, output))
    }

    /// Staged files are written on every core: each lands whole in its folder, and a file already there is refused
    /// (the staging folder is new, so that is never ours).
    @Test func stagedFilesAreWrittenWholeInTheirFolders() throws {
        let parent = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        var staging = try OutputWriter.Staging(for: parent.appendingPathComponent("Out").path)
        defer { staging.remove() }
        let files = (0..<300).map { index in
            (
                path: "\(["Models", "Client", "Server/Deep"][index % 3])/F\(index).swift",
                text: "// file \(index)\n" + String(repeating: "é", count: index * 7)
            )
        }
        try staging.write(files)
        for file in files {
            #expect(FileManager.default.contents(atPath: staging.path(of: file.path)) == Data(file.text.utf8))
        }
        // Two files already there: the error names the first in the list, whichever thread failed first.
        let error = #expect(throws: Diagnostic.self) {
            try staging.write([(path: "Models/Extra.swift", text: "x"), files[3], files[200]])
        }
        #expect(error?.message.contains(files[3].path) == true)
        #expect(FileManager.default.contents(atPath: staging.path(of: "Models/Extra.swift")) == Data("x".utf8))
    }

    /// The old tree is removed on every core without following symbolic links: what a link inside it leads to
    /// survives, and a staging folder name that is a link loses only the link.
    @Test func removingATreeFollowsNoLink() throws {
        let parent = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let outside = parent.appendingPathComponent("Outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: outside.appendingPathComponent("Keep.swift"))
        let tree = parent.appendingPathComponent("Tree")
        for folder in ["Models", "Client/Deep/Deeper", "Empty"] {
            try FileManager.default.createDirectory(
                at: tree.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for index in 0..<200 {
            try Data("x".utf8).write(to: tree.appendingPathComponent("Models/M\(index).swift"))
        }
        try Data("y".utf8).write(to: tree.appendingPathComponent("Client/Deep/Deeper/C.swift"))
        try FileManager.default.createSymbolicLink(
            atPath: tree.appendingPathComponent("Client/Link").path, withDestinationPath: outside.path)
        #expect(OutputWriter.Staging.removeTree(tree.path), "the walk removed it all, not FileManager after it")
        #expect(!FileManager.default.fileExists(atPath: tree.path))
        #expect(
            FileManager.default.contents(atPath: outside.appendingPathComponent("Keep.swift").path)
                == Data("keep".utf8))
        let link = parent.appendingPathComponent("Link")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: outside.path)
        #expect(!OutputWriter.Staging.removeTree(link.path), "a link is not walked")
        #expect(FileKind.of(link.path) == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path) == ["Keep.swift"])
    }

    /// Paths are compared by scalars, as the file system compares names: a hand-written file whose name is
    /// canonically equivalent to a generated one's (`Café` decomposed beside `Café` precomposed: two files on Linux)
    /// is never taken for it, neither kept out of the new tree nor removed with the old one.
    @Test func aFileNamedLikeAGeneratedOneIsNotTakenForIt() throws {
        #if os(Linux)
            let folder = try FixtureSupport.makeTemporaryDirectory()
            defer { try? FileManager.default.removeItem(at: folder) }
            let writer = OutputWriter(directory: folder.path)
            let generated = "// Generated by oktagen\nlet a = 1\n"
            _ = try writer.write(["A.swift": generated, "Gone\u{E9}.swift": generated])
            let mine = ["Caf\u{65}\u{301}.swift", "Gone\u{65}\u{301}.swift"]
            for name in mine { try Data("mine\n".utf8).write(to: folder.appendingPathComponent(name)) }
            // One run adds `Café` (precomposed) and no longer generates `Goné` (precomposed).
            _ = try writer.write(["A.swift": generated, "Caf\u{E9}.swift": generated])
            for name in mine {
                #expect(
                    FileManager.default.contents(atPath: folder.path + "/" + name) == Data("mine\n".utf8), "\(name)")
            }
            #expect(FileManager.default.contents(atPath: folder.path + "/Caf\u{E9}.swift") == Data(generated.utf8))
            #expect(FileKind.of(folder.path + "/Gone\u{E9}.swift") == nil)
        #endif
    }

    @Test func aKilledRunsStagingFolderIsCleanedUp() throws {
        let parent = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        // pid 2^22 + 1 is above Linux's largest pid, so no process has it.
        let abandoned = parent.appendingPathComponent(".Out.oktagen-staging-4194305-7")
        try FileManager.default.createDirectory(at: abandoned, withIntermediateDirectories: true)
        let mine = parent.appendingPathComponent(".Out.mine")
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
        _ = try OutputWriter(directory: parent.appendingPathComponent("Out").path).write(["A.swift": "// x\n"])
        #expect(!FileManager.default.fileExists(atPath: abandoned.path))
        #expect(FileManager.default.fileExists(atPath: mine.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted() == [".Out.mine", "Out"])
    }
}
