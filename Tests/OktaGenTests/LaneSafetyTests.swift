import Foundation
import OktaGenDiagnostics
import Testing

@testable import OktaGenRender

/// Issue #14, items 3 and 5: the tool reads only regular files (a FIFO, a device or a folder where a file is expected
/// gives an error at once, never a wait), and writes and deletes only inside its lane: `--output link/` is a link
/// like `--output link`, and a manifest is input like any other — it cannot make the writer delete a file that is not
/// byte for byte the one a previous run generated there.
@Suite struct LaneSafetyTests {
    /// A temporary folder with a small spec as `spec.yaml`.
    struct Workspace {
        let directory: URL

        init(spec: String = Self.spec) throws {
            directory = try FixtureSupport.makeTemporaryDirectory()
            try write("spec.yaml", spec)
        }

        func url(_ path: String) -> URL { directory.appendingPathComponent(path) }

        func write(_ path: String, _ text: String) throws {
            try FileManager.default.createDirectory(
                at: url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url(path))
        }

        func fifo(_ path: String) throws {
            try FileManager.default.createDirectory(
                at: url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
            #expect(mkfifo(url(path).path, 0o600) == 0)
        }

        /// `oktagen ARGUMENTS` in the folder, killed after 10 s (before the fix, each of these blocked in `open`).
        func run(_ arguments: [String]) throws -> FixtureSupport.Run {
            try FixtureSupport.run(arguments, in: directory, timeout: 10)
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }

        static let spec = """
            openapi: 3.0.3
            info: {title: Lane, version: "1"}
            paths:
              /users:
                get:
                  operationId: listUsers
                  tags: [Users]
                  responses:
                    "200":
                      description: Users.
                      content: {application/json: {schema: {$ref: "#/components/schemas/User"}}}
            components:
              schemas:
                User: {type: object, properties: {id: {type: string}}}

            """

        /// A spec whose `User` schema is a `$ref` into `target`.
        static func referencing(_ target: String) -> String {
            spec.replacingOccurrences(
                of: "User: {type: object, properties: {id: {type: string}}}", with: "User: {$ref: '\(target)'}")
        }
    }

    // MARK: Item 3: only regular files are read

    @Test func aRefToAFIFOInTheSpecFolderIsAnErrorAtTheRef() throws {
        let workspace = try Workspace(spec: Workspace.referencing("pipe.yaml#/User"))
        defer { workspace.remove() }
        try workspace.fifo("pipe.yaml")
        for arguments in [["validate"], ["model", "--tags", "all"], ["generate", "--tags", "all"]] {
            let result = try workspace.run(arguments + ["--no-config", "--spec", "spec.yaml"])
            #expect(!result.signaled && result.status == 1, "\(arguments): \(result)")
            #expect(
                result.standardError.contains(
                    "spec.yaml:14:18: error: cannot read 'pipe.yaml': it is not a regular file"
                        + " (at #/components/schemas/User/$ref)"), "\(arguments): \(result)")
        }
        #expect(!FileManager.default.fileExists(atPath: workspace.url("Generated").path))
    }

    @Test func aRefToAFolderIsAnErrorAtTheRef() throws {
        let workspace = try Workspace(spec: Workspace.referencing("schemas#/User"))
        defer { workspace.remove() }
        try FileManager.default.createDirectory(at: workspace.url("schemas"), withIntermediateDirectories: true)
        let result = try workspace.run(["validate", "--no-config", "--spec", "spec.yaml"])
        #expect(result.status == 1, "\(result)")
        #expect(
            result.standardError.contains("spec.yaml:14:18: error: cannot read 'schemas': it is not a regular file"))
    }

    @Test func aSpecConfigOrTemplateThatIsAFIFOIsAnError() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.fifo("pipe.yaml")
        let spec = try workspace.run(["validate", "--no-config", "--spec", "pipe.yaml"])
        #expect(spec.status == 1, "\(spec)")
        #expect(spec.standardError == "error: cannot read 'pipe.yaml': it is a FIFO (named pipe), not a regular file\n")
        let config = try workspace.run(["validate", "--config", "pipe.yaml", "--spec", "spec.yaml"])
        #expect(config.status == 1, "\(config)")
        #expect(
            config.standardError == "error: cannot read 'pipe.yaml': it is a FIFO (named pipe), not a regular file\n")
        try workspace.fifo("templates/model-object.mustache")
        let templates = try workspace.run([
            "generate", "--no-config", "--spec", "spec.yaml", "--tags", "all", "--templates", "templates",
        ])
        #expect(templates.status == 1, "\(templates)")
        #expect(
            templates.standardError.contains(
                "error: cannot read the template 'templates/model-object.mustache': it is a FIFO (named pipe), not a"
                    + " regular file"), "\(templates)")
    }

    @Test func aManifestThatIsAFIFOIsNotWaitedFor() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.fifo("Out/.oktagen-manifest")
        let result = try workspace.run([
            "generate", "--no-config", "--spec", "spec.yaml", "--tags", "all", "--output", "Out",
        ])
        #expect(result.status == 0, "\(result)")
        var info = stat()
        #expect(lstat(workspace.url("Out/.oktagen-manifest").path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG)
    }

    @Test func theRegularFileReaderRefusesWhatIsNotARegularFile() throws {
        let folder = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("pipe").path
        #expect(mkfifo(pipe, 0o600) == 0)
        #expect(RegularFile.read(pipe, limit: 100, followLinks: true) == .failure(.notRegular("a FIFO (named pipe)")))
        #expect(RegularFile.read(folder.path, limit: 100, followLinks: true) == .failure(.notRegular("a folder")))
        #expect(RegularFile.read("/dev/zero", limit: 100, followLinks: true) == .failure(.notRegular("a device")))
        let file = folder.appendingPathComponent("file").path
        try Data("12345".utf8).write(to: URL(fileURLWithPath: file))
        #expect(RegularFile.read(file, limit: 4, followLinks: true) == .failure(.tooLarge(5)))
        #expect(try RegularFile.read(file, limit: 5, followLinks: true).get() == Array("12345".utf8))
        let link = folder.appendingPathComponent("link").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: file)
        #expect(RegularFile.read(link, limit: 5, followLinks: false) == .failure(.notRegular("a symbolic link")))
        #expect(OutputWriter.contents(pipe, expectedSize: 0) == nil)
    }

    // MARK: Item 5: writes stay in the lane

    @Test(arguments: ["link/", "link//", "link/.", "link/./"])
    func anOutputFolderNamedThroughALinkIsRefused(_ suffix: String) throws {
        let parent = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let target = parent.appendingPathComponent("target")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: parent.appendingPathComponent("link"), withDestinationURL: target)
        let output = parent.path + "/" + suffix
        #expect(throws: Diagnostic.self) {
            try OutputWriter(directory: output).write(["User.swift": "// Generated by oktagen\n"])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).isEmpty)
    }

    @Test func theCommandLineRefusesAnOutputLinkWithATrailingSlash() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try FileManager.default.createDirectory(at: workspace.url("target"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: workspace.url("link"), withDestinationURL: workspace.url("target"))
        for output in ["link", "link/"] {
            let result = try workspace.run(
                ["generate", "--no-config", "--spec", "spec.yaml", "--tags", "all", "--output", output])
            #expect(result.status == 1, "\(output): \(result)")
            #expect(
                result.standardError
                    == "error: cannot write into '\(output)': it is a symbolic link (name the folder it leads to)\n")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.url("target").path).isEmpty)
    }

    /// Writes a manifest listing files with hashes of the given texts.
    static func writeManifest(_ entries: [(path: String, text: String)], in folder: URL) throws {
        let text = OutputWriter.Manifest.text(
            paths: entries.map(\.path), hashes: entries.map { OutputWriter.Manifest.hash($0.text) })
        try Data(text.utf8).write(to: folder.appendingPathComponent(OutputWriter.manifestName))
    }

    @Test func aManifestCannotGetAHandWrittenFileDeleted() throws {
        let folder = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The hash matches, but the file does not carry the generated header.
        let notes = "struct Mine {}\n"
        try Data(notes.utf8).write(to: folder.appendingPathComponent("Mine.swift"))
        try Self.writeManifest([("Mine.swift", notes)], in: folder)
        let report = try OutputWriter(directory: folder.path).write(["New.swift": "// Generated by oktagen\n"])
        #expect(report.removed.isEmpty)
        #expect(report.kept == ["Mine.swift"])
        #expect(try String(contentsOf: folder.appendingPathComponent("Mine.swift"), encoding: .utf8) == notes)
    }

    @Test func anEditedGeneratedFileIsKeptEvenWithTheHeader() throws {
        let folder = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = OutputWriter(directory: folder.path)
        _ = try writer.write([
            "A.swift": "// Generated by oktagen\nlet a = 1\n", "B.swift": "// Generated by oktagen\nlet b = 1\n",
        ])
        let edited = "// Generated by oktagen\nlet b = 2 // my fix\n"
        try Data(edited.utf8).write(to: folder.appendingPathComponent("B.swift"))
        let report = try writer.write([:])
        #expect(report.removed == ["A.swift"])
        #expect(report.kept == ["B.swift"])
        #expect(try String(contentsOf: folder.appendingPathComponent("B.swift"), encoding: .utf8) == edited)
    }

    @Test func manifestLinesOutsideTheOutputFolderAreIgnored() throws {
        let parent = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: parent) }
        let output = parent.appendingPathComponent("Out")
        let elsewhere = parent.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: output.appendingPathComponent("sub"), withDestinationURL: elsewhere)
        // Generated-looking files, with the header and the listed hash, that are not in the output folder.
        let text = "// Generated by oktagen\nlet victim = 1\n"
        for url in [parent.appendingPathComponent("victim.swift"), elsewhere.appendingPathComponent("x.swift")] {
            try Data(text.utf8).write(to: url)
        }
        let absolute = parent.appendingPathComponent("victim.swift").path
        try Self.writeManifest([("../victim.swift", text), (absolute, text), ("sub/x.swift", text)], in: output)
        let report = try OutputWriter(directory: output.path).write(["New.swift": "// Generated by oktagen\n"])
        #expect(report.removed.isEmpty)
        #expect(report.ignored == ["../victim.swift", absolute, "sub/x.swift"])
        #expect(FileManager.default.fileExists(atPath: absolute))
        #expect(FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("x.swift").path))
    }

    @Test func theCommandLineNotesEveryKeptFile() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let base = ["generate", "--no-config", "--spec", "spec.yaml", "--tags", "all", "--output", "Out"]
        #expect(try workspace.run(base).status == 0)
        let client = workspace.url("Out/Client/UsersAPI.swift")
        let edited = try String(contentsOf: client, encoding: .utf8) + "// my change\n"
        try Data(edited.utf8).write(to: client)
        let result = try workspace.run(base + ["--mode", "models", "--quiet"])
        #expect(result.status == 0, "\(result)")
        #expect(
            result.standardError
                == "Out/Client/UsersAPI.swift:1:1: note: no longer generated, but kept: it is not byte for byte the"
                + " file oktagen wrote (edited since, or without the '// Generated by oktagen' header); delete it if it"
                + " is not needed\n")
        #expect(try String(contentsOf: client, encoding: .utf8) == edited)
    }
}
