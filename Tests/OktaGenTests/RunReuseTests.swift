import Foundation
import Testing

/// A run whose inputs have not changed since the run that wrote the output folder checks the folder and repeats that
/// run's report instead of regenerating (issue #19; `GeneratorPipeline+Reuse.swift`). Every change a full run would
/// react to makes the run a full one.
///
/// Inputs the tests write are changed "just now", and a run records nothing when an input changed less than 3 s
/// before it started (so that an edit within one clock tick is never missed), and the tool itself may have been
/// built just now: each test waits 3.5 s once, on a timer rather than a thread (the tests wait together).
@Suite struct RunReuseTests {
    static let skipped =
        "nothing it reads has changed since the last run, which wrote it: not regenerated, see --force)"

    struct Workspace {
        let directory: URL

        init(files: [String: String] = [:]) throws {
            directory = try FixtureSupport.makeTemporaryDirectory()
            for (name, text) in files { try write(name, text) }
        }

        func write(_ name: String, _ text: String) throws {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }

        func generate(_ arguments: [String] = []) async throws -> FixtureSupport.Run {
            let run = try await FixtureSupport.runOffPool(
                ["generate", "--no-config", "--output", "Out"] + arguments, in: directory)
            #expect(run.status == 0 && !run.signaled, "\(run)")
            return run
        }

        var manifest: URL { directory.appendingPathComponent("Out/.oktagen-manifest") }

        func modified(_ path: String) throws -> Date? {
            try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(path).path)[
                .modificationDate] as? Date
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    /// The spec of these tests: one operation, and a warning (a `type` beside a `$ref`) to be repeated.
    static let spec = """
        openapi: 3.0.3
        info: {title: Reuse, version: "1"}
        tags: [{name: Users}]
        paths:
          /users:
            get:
              tags: [Users]
              operationId: listUsers
              responses:
                "200":
                  description: users
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/User", type: object}
        components:
          schemas:
            User:
              type: object
              properties: {id: {type: string}}

        """

    static func waitOutTheRacyWindow() async throws { try await Task.sleep(for: .milliseconds(3500)) }

    @Test func anUnchangedRunRepeatsTheFullRunsReportAndWritesNothing() async throws {
        let workspace = try Workspace(files: ["spec.yaml": Self.spec])
        defer { workspace.remove() }
        try await Self.waitOutTheRacyWindow()
        let first = try await workspace.generate(["--spec", "spec.yaml", "--tags", "Users"])
        #expect(first.standardError.contains("warning: 'type' beside '$ref'"), "\(first)")
        let manifestText = try String(contentsOf: workspace.manifest, encoding: .utf8)
        #expect(manifestText.contains("\n# run: model 1 "), "\(manifestText)")
        #expect(manifestText.contains("\n# run: diagnostic {"), "\(manifestText)")
        let before = try workspace.modified("Out/.oktagen-manifest")

        let reused = try await workspace.generate(["--spec", "spec.yaml", "--tags", "Users"])
        #expect(reused.standardError.hasSuffix(Self.skipped + "\n"), "\(reused)")
        let forced = try await workspace.generate(["--spec", "spec.yaml", "--tags", "Users", "--force"])
        #expect(!forced.standardError.contains("not regenerated"), "\(forced)")
        #expect(forced.standardError.contains(" 0 file(s) written,"), "\(forced)")
        // Word for word what the full run prints, the note on the summary line aside.
        #expect(
            reused.standardError.replacingOccurrences(of: "; " + Self.skipped, with: ")") == forced.standardError)
        #expect(try workspace.modified("Out/.oktagen-manifest") == before)
    }

    @Test func theDefaultSpecIsReusedToo() async throws {
        // No spec file: the copy built into the tool (which warns about `ACTIVATING`); nothing to wait for.
        let workspace = try Workspace()
        defer { workspace.remove() }
        try await Self.waitOutTheRacyWindow()
        _ = try await workspace.generate()
        let reused = try await workspace.generate()
        #expect(reused.standardError.hasSuffix(Self.skipped + "\n"), "\(reused)")
        #expect(reused.standardError.contains("warning: the description of schema 'UserStatus'"), "\(reused)")
    }

    @Test func everyChangeAFullRunWouldSeeMakesTheRunAFullOne() async throws {
        let workspace = try Workspace(files: ["spec.yaml": Self.spec, "templates/.keep": ""])
        defer { workspace.remove() }
        try await Self.waitOutTheRacyWindow()
        let arguments = ["--spec", "spec.yaml", "--tags", "Users"]
        _ = try await workspace.generate(arguments)
        #expect(try await workspace.generate(arguments).standardError.hasSuffix(Self.skipped + "\n"))

        func expectFullRun(
            _ change: String, _ extra: [String] = [], written: Int, sourceLocation: SourceLocation = #_sourceLocation
        ) async throws {
            let run = try await workspace.generate(arguments + extra)
            #expect(!run.standardError.contains("not regenerated"), "\(change): \(run)", sourceLocation: sourceLocation)
            #expect(
                run.standardError.contains(": \(written) file(s) written,"), "\(change): \(run)",
                sourceLocation: sourceLocation)
            // The full run records again: the same command once more is skipped.
            let again = try await workspace.generate(arguments + extra)
            #expect(
                again.standardError.hasSuffix(Self.skipped + "\n"), "after \(change): \(again)",
                sourceLocation: sourceLocation)
        }

        let user = workspace.directory.appendingPathComponent("Out/Models/User.swift")
        let original = try Data(contentsOf: user)
        try (original + Data("// edited\n".utf8)).write(to: user)
        try await expectFullRun("a generated file edited", written: 1)

        try FileManager.default.removeItem(at: user)
        try await expectFullRun("a generated file removed", written: 1)

        try await expectFullRun("another flag", ["--access", "internal"], written: 5)
        try await expectFullRun("the flag taken back", written: 5)

        // The spec rewritten with the same size and its old modification time: its change time still moves.
        let specURL = workspace.directory.appendingPathComponent("spec.yaml")
        let specModified = try workspace.modified("spec.yaml")
        try Data(Self.spec.replacingOccurrences(of: "users", with: "USERS").utf8).write(to: specURL)
        try FileManager.default.setAttributes([.modificationDate: specModified as Any], ofItemAtPath: specURL.path)
        let changedSpec = try await workspace.generate(arguments)
        #expect(!changedSpec.standardError.contains("not regenerated"), "\(changedSpec)")
        // Changed less than 3 s before the run: not recorded, so the next run is a full one too.
        let afterRacyChange = try await workspace.generate(arguments)
        #expect(!afterRacyChange.standardError.contains("not regenerated"), "\(afterRacyChange)")
        #expect(afterRacyChange.standardError.contains(": 0 file(s) written,"), "\(afterRacyChange)")

        // A template override appears.
        try workspace.write("templates/model-enum.mustache", "{{! none }}\n")
        let withTemplates = try await workspace.generate(arguments + ["--templates", "templates"])
        #expect(!withTemplates.standardError.contains("not regenerated"), "\(withTemplates)")
    }

    @Test func theRecordBelongsToTheManifestFile() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try await Self.waitOutTheRacyWindow()
        _ = try await workspace.generate()
        #expect(try await workspace.generate().standardError.hasSuffix(Self.skipped + "\n"))
        // The same bytes in a new file (as a checkout or a copy writes them): no record, a full run.
        let bytes = try Data(contentsOf: workspace.manifest)
        try FileManager.default.removeItem(at: workspace.manifest)
        try bytes.write(to: workspace.manifest)
        let full = try await workspace.generate()
        #expect(!full.standardError.contains("not regenerated"), "\(full)")
        #expect(full.standardError.contains(": 0 file(s) written,"), "\(full)")
    }
}
