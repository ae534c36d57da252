import Foundation
import Testing

/// The built `oktagen` binary, run as a subprocess in an empty temporary folder: exit codes, what goes to stdout and
/// stderr, no crash on hostile input, and no file left behind.
@Suite struct CLIExitTests {
    /// A temporary folder holding the named fixtures (copied from `Fixtures/invalid/`, folders kept), the folder the
    /// tool runs in.
    struct Workspace {
        let directory: URL

        init(fixtures: [String] = [], files: [String: [UInt8]] = [:]) throws {
            directory = try FixtureSupport.makeTemporaryDirectory()
            for name in fixtures {
                let target = directory.appendingPathComponent(name)
                try FileManager.default.createDirectory(
                    at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                let source = FixtureSupport.invalidDirectory.appendingPathComponent(name)
                try FileManager.default.copyItem(at: source, to: target)
            }
            for (name, bytes) in files {
                try Data(bytes).write(to: directory.appendingPathComponent(name))
            }
        }

        /// Every path below the folder, sorted.
        var contents: [String] {
            ((try? FileManager.default.subpathsOfDirectory(atPath: directory.path)) ?? []).sorted()
        }

        /// Runs `oktagen` here and checks that it neither crashed nor created, changed or removed a file.
        func run(
            _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation
        ) throws -> FixtureSupport.Run {
            let before = contents
            let result = try FixtureSupport.run(arguments, in: directory)
            #expect(!result.signaled, "oktagen \(arguments) crashed: \(result)", sourceLocation: sourceLocation)
            #expect([0, 1].contains(result.status), "\(result)", sourceLocation: sourceLocation)
            #expect(contents == before, "oktagen \(arguments) changed its folder", sourceLocation: sourceLocation)
            return result
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    @Test func theExecutableIsBuiltNextToTheTests() {
        let path = FixtureSupport.executable.path
        #expect(FileManager.default.isExecutableFile(atPath: path), "\(path)")
    }

    // MARK: validate

    @Test func validateOnMalformedYAMLExitsOneWithTheErrorOnStderr() throws {
        let workspace = try Workspace(fixtures: ["yaml/bad-indentation.yaml"])
        defer { workspace.remove() }
        let result = try workspace.run(["validate", "--spec", "yaml/bad-indentation.yaml"])
        #expect(result.status == 1)
        #expect(result.standardOutput == "")
        #expect(
            result.standardError == "yaml/bad-indentation.yaml:3:11: error: invalid YAML: mapping values are not"
                + " allowed in this context (at #/info)\n")
    }

    @Test func validateOnAnInvalidSpecListsEveryDiagnosticAndACount() throws {
        let workspace = try Workspace(fixtures: ["openapi/references.yaml"])
        defer { workspace.remove() }
        let result = try workspace.run(["validate", "--spec", "openapi/references.yaml"])
        #expect(result.status == 1)
        #expect(result.standardOutput == "")
        let lines = result.standardError.components(separatedBy: "\n")
        #expect(lines.count == 7)
        #expect(
            lines.first == "openapi/references.yaml:10:17: error: cannot resolve '#/components/parameters/Limit':"
                + " there is no 'Limit' in #/components/parameters; did you mean 'limit'?"
                + " (at #/paths/~1users/get/parameters/0/$ref)")
        #expect(lines.suffix(2) == ["openapi/references.yaml: 5 errors, 0 warnings", ""])
    }

    @Test func validateQuietPrintsOnlyErrors() throws {
        let workspace = try Workspace(fixtures: ["openapi/tolerance.yaml"])
        defer { workspace.remove() }
        let loud = try workspace.run(["validate", "--spec", "openapi/tolerance.yaml"])
        #expect(loud.status == 0)
        #expect(loud.standardError.split(separator: "\n").count == 6)
        let quiet = try workspace.run(["validate", "--quiet", "--spec", "openapi/tolerance.yaml"])
        #expect(quiet.status == 0)
        #expect(quiet.standardError == "openapi/tolerance.yaml: 0 errors, 5 warnings\n")
    }

    @Test func validateOnAGoodSpecExitsZero() throws {
        let workspace = try Workspace(fixtures: ["openapi/good.yaml"])
        defer { workspace.remove() }
        let result = try workspace.run(["validate", "--spec", "openapi/good.yaml"])
        #expect(result.status == 0)
        #expect(result.standardOutput == "")
        #expect(result.standardError == "openapi/good.yaml: 0 errors, 0 warnings\n")
    }

    @Test func validateOnAMissingFile() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try workspace.run(["validate", "--spec", "nowhere.yaml"])
        #expect(result.status == 1)
        #expect(result.standardOutput == "")
        #expect(result.standardError == "error: cannot read 'nowhere.yaml': No such file or directory\n")
    }

    @Test func externalReferencesFollowTheFolderPolicyAndTheFlag() throws {
        let workspace = try Workspace(fixtures: [
            "openapi/external/root.yaml", "openapi/external/sub/common.yaml", "openapi/external/sub/broken.yaml",
            "openapi/outside/thing.yaml",
        ])
        defer { workspace.remove() }
        let refused = try workspace.run(["validate", "--spec", "openapi/external/root.yaml"])
        #expect(refused.status == 1)
        #expect(
            refused.standardError.contains(
                "openapi/external/root.yaml:39:23: error: reference '../outside/thing.yaml' leads outside the spec's folder"
                    + " (openapi/external) and is refused; allow it with --allow-external-files"))
        #expect(refused.standardError.hasSuffix("openapi/external/root.yaml: 8 errors, 0 warnings\n"))
        let allowed = try workspace.run(["validate", "--allow-external-files", "--spec", "openapi/external/root.yaml"])
        #expect(allowed.status == 1)
        #expect(!allowed.standardError.contains("../outside/thing.yaml"))
        #expect(
            allowed.standardError.contains(
                "openapi/external/root.yaml:45:23: error: cannot resolve '../../etc/passwd': the file"
                    + " openapi/external/../../etc/passwd does not exist"))
        #expect(allowed.standardError.hasSuffix("openapi/external/root.yaml: 7 errors, 0 warnings\n"))
    }

    // MARK: model

    @Test func modelOnASpecWithErrorsWritesNothingToStdout() throws {
        let workspace = try Workspace(fixtures: ["openapi/duplicate-operation-ids.yaml"])
        defer { workspace.remove() }
        let result = try workspace.run(["model", "--tags", "all", "--spec", "openapi/duplicate-operation-ids.yaml"])
        #expect(result.status == 1)
        #expect(result.standardOutput == "")
        #expect(
            result.standardError == "openapi/duplicate-operation-ids.yaml:17:20: error: duplicate operationId"
                + " 'listUsers'; it was first used at 8:20 (at #/paths/~1people/get/operationId)\n")
    }

    @Test func modelOnAnUnloadableSpecWritesNothingToStdout() throws {
        let workspace = try Workspace(fixtures: ["openapi/swagger2.yaml"])
        defer { workspace.remove() }
        let result = try workspace.run(["model", "--spec", "openapi/swagger2.yaml"])
        #expect(result.status == 1)
        #expect(result.standardOutput == "")
        #expect(
            result.standardError == "openapi/swagger2.yaml:1:10: error: Swagger 2.0 documents are not supported;"
                + " convert the spec to OpenAPI 3.0 or 3.1 first (at #/swagger)\n")
    }

    @Test func modelSummaryOnAGoodSpec() throws {
        let workspace = try Workspace(fixtures: ["openapi/good.yaml"])
        defer { workspace.remove() }
        let result = try workspace.run(["model", "--summary", "--tags", "Users", "--spec", "openapi/good.yaml"])
        #expect(result.status == 0)
        #expect(result.standardError == "")
        #expect(result.standardOutput == "getUser Users GET /users/{id}\n")
    }

    // MARK: Limits and hostile input

    @Test(arguments: [
        // The spec is 83 bytes and 14 nodes; `info` opens the second level; `*a` adds the 2 nodes of `[1]`.
        (
            ["--max-input-bytes", "80"],
            "spec.yaml:1:1: error: the file is 83 bytes, more than the limit of 80 bytes"
                + " (raise it with --max-input-bytes) (at #)"
        ),
        (
            ["--max-nodes", "10"],
            "spec.yaml:5:8: error: the document has more than 10 nodes (raise the limit with"
                + " --max-nodes) (at #)"
        ),
        (
            ["--max-depth", "1"],
            "spec.yaml:3:3: error: nesting is deeper than the limit of 1 levels (raise it with"
                + " --max-depth) (at #)"
        ),
        (
            ["--max-alias-expansion", "1"],
            "spec.yaml:7:6: error: aliases expand to more than 1 nodes (an alias bomb?);"
                + " raise the limit with --max-alias-expansion (at #)"
        ),
    ])
    func limitFlagsReachTheParser(_ flags: [String], _ expected: String) throws {
        let spec = FixtureSupport.minimalSpec + "x-a: &a [1]\nx-b: *a\n"
        let workspace = try Workspace(files: ["spec.yaml": Array(spec.utf8)])
        defer { workspace.remove() }
        let result = try workspace.run(["validate", "--spec", "spec.yaml"] + flags)
        #expect(result.status == 1)
        #expect(result.standardOutput == "")
        #expect(result.standardError == expected + "\n")
    }

    /// Every committed fixture, relative to `Fixtures/invalid/`.
    static let allFixtures: [String] = {
        let names = FileManager.default.subpaths(atPath: FixtureSupport.invalidDirectory.path) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted()
    }()

    @Test func everyFixtureIsFound() {
        #expect(Self.allFixtures.count == 39)
    }

    @Test(arguments: allFixtures)
    func everyFixtureEndsWithAnExitCodeAndNoOutputOnStdout(_ fixture: String) throws {
        let workspace = try Workspace(fixtures: [fixture])
        defer { workspace.remove() }
        let validate = try workspace.run(["validate", "--spec", fixture])
        #expect(validate.standardOutput == "")
        #expect(validate.standardError.hasPrefix(fixture) || validate.standardError.hasPrefix("warning:"))
        let model = try workspace.run(["model", "--tags", "all", "--summary", "--spec", fixture])
        #expect(model.status != 0 || !model.standardOutput.isEmpty)
        #expect(model.status == 0 || model.standardOutput.isEmpty)
    }

    @Test(arguments: HostileInputTests.cases)
    func hostileInputNeverCrashesTheTool(_ testCase: HostileInputTests.HostileCase) throws {
        let workspace = try Workspace(files: [testCase.name: testCase.bytes])
        defer { workspace.remove() }
        for command in ["validate", "model"] {
            let result = try workspace.run([command, "--spec", testCase.name])
            #expect(result.status == 1, "\(command)")
            #expect(result.standardOutput == "", "\(command)")
            #expect(result.standardError == testCase.expected + "\n", "\(command)")
        }
    }
}
