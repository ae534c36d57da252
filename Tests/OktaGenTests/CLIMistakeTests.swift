import Foundation
import Testing

/// Mistakes on the command line are errors, caught before anything is read or written: a tag the spec does not
/// know, an empty `--tags`, a misspelt word for an enumerated option, the spec named twice (issue #16, item 7).
@Suite struct CLIMistakeTests {
    typealias Workspace = CLIExitTests.Workspace

    // MARK: Unknown tags

    @Test(arguments: [
        ("Nope", "error: unknown tag 'Nope'; the spec's tags are 'Users'\n"),
        ("Userz", "error: unknown tag 'Userz'; did you mean 'Users'?\n"),
        ("Users,Nope", "error: unknown tag 'Nope'; the spec's tags are 'Users'\n"),
        (
            "Userz,Nope",
            "error: unknown tag 'Userz'; did you mean 'Users'?\n"
                + "error: unknown tag 'Nope'; the spec's tags are 'Users'\n"
        ),
    ])
    func modelWithAnUnknownTagFails(_ tags: String, _ expected: String) throws {
        let workspace = try Workspace(fixtures: ["openapi/good.yaml"])
        defer { workspace.remove() }
        let result = try workspace.run(["model", "--summary", "--tags", tags, "--spec", "openapi/good.yaml"])
        #expect(result.status == 1)
        #expect(result.standardError == expected)
        #expect(result.standardOutput == "")
    }

    @Test func aTagOnlyAnOperationCarriesIsKnown() throws {
        // `Admin` is not declared under `tags`, but an operation has it.
        let spec = FixtureSupport.minimalSpec.replacingOccurrences(
            of: "paths: {}\n",
            with: """
                paths:
                  /admins:
                    get:
                      tags: [Admin]
                      operationId: listAdmins
                      responses: {"204": {description: none}}

                """)
        let workspace = try Workspace(files: ["spec.yaml": Array(spec.utf8)])
        defer { workspace.remove() }
        let result = try workspace.run(["model", "--summary", "--tags", "Admin", "--spec", "spec.yaml"])
        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput == "listAdmins Admin GET /admins\n")
        let listed = try workspace.run(["model", "--summary", "--tags", "Nobody", "--spec", "spec.yaml"])
        #expect(listed.standardError == "error: unknown tag 'Nobody'; the spec's tags are 'Admin'\n")
    }

    @Test func theListOfTagsIsShort() throws {
        let tags = (1...12).map { "Tag\($0 * 1000)" }
        let spec = FixtureSupport.minimalSpec.replacingOccurrences(
            of: "paths: {}\n", with: "tags: [\(tags.map { "{name: \($0)}" }.joined(separator: ", "))]\npaths: {}\n")
        let workspace = try Workspace(files: ["spec.yaml": Array(spec.utf8)])
        defer { workspace.remove() }
        let result = try workspace.run(["model", "--tags", "Something", "--spec", "spec.yaml"])
        #expect(result.status == 1)
        let listed = tags.sorted().prefix(10).map { "'\($0)'" }.joined(separator: ", ")
        #expect(result.standardError == "error: unknown tag 'Something'; the spec's tags are \(listed) and 2 more\n")
    }

    @Test func generateWithAMistypedTagWritesAndDeletesNothing() throws {
        let workspace = try Workspace(fixtures: ["openapi/good.yaml"])
        defer { workspace.remove() }
        let first = try FixtureSupport.run(
            ["generate", "--tags", "Users", "--spec", "openapi/good.yaml", "--output", "Out"], in: workspace.directory)
        #expect(first.status == 0, "\(first)")
        #expect(workspace.contents.contains("Out/Models/User.swift"))
        // `Workspace.run` checks that the folder is left as it was: the last run's files are all still there.
        let result = try workspace.run(
            ["generate", "--tags", "Userz", "--spec", "openapi/good.yaml", "--output", "Out"])
        #expect(result.status == 1)
        #expect(result.standardError == "error: unknown tag 'Userz'; did you mean 'Users'?\n")
    }

    @Test func anUnknownTagInTheSettingsFileIsLocatedThere() throws {
        let workspace = try Workspace(
            fixtures: ["openapi/good.yaml"],
            files: ["oktagen.yaml": Array("spec: openapi/good.yaml\ntags: [Userz]\noutput: Out\n".utf8)])
        defer { workspace.remove() }
        for command in ["generate", "model"] {
            let result = try workspace.run([command])
            #expect(result.status == 1, "\(command)")
            #expect(
                result.standardError
                    == "oktagen.yaml:2:7: error: unknown tag 'Userz'; did you mean 'Users'? (at #/tags)\n", "\(command)"
            )
        }
    }

    @Test func diffWithATagInNeitherSpecExitsTwo() throws {
        let workspace = try Workspace(fixtures: ["openapi/good.yaml", "openapi/tolerance.yaml"])
        defer { workspace.remove() }
        let result = try FixtureSupport.run(
            ["diff", "openapi/good.yaml", "openapi/tolerance.yaml", "--tags", "Userz"], in: workspace.directory)
        #expect(result.status == 2)
        #expect(result.standardOutput == "")
        #expect(result.standardError == "error: unknown tag 'Userz'; did you mean 'Users'?\n")
    }

    // MARK: Usage errors

    @Test(arguments: [
        (["generate", "--tags", ""], "Error: --tags needs a comma-separated list of tags, or 'all'", "generate"),
        (["generate", "--tags", ","], "Error: --tags needs a comma-separated list of tags, or 'all'", "generate"),
        (["model", "--tags", " , "], "Error: --tags needs a comma-separated list of tags, or 'all'", "model"),
        (
            ["diff", "a.yaml", "b.yaml", "--tags", ""], "Error: --tags needs a comma-separated list of tags, or 'all'",
            "diff"
        ),
        (
            ["generate", "--mode", "model"],
            "Error: unknown mode 'model'; did you mean 'models'? (models, client, server, docs, all)", "generate"
        ),
        (
            ["generate", "--mode", "models,clients"],
            "Error: unknown mode 'clients'; did you mean 'client'? (models, client, server, docs, all)", "generate"
        ),
        (
            ["generate", "--mode", ","],
            "Error: --mode needs a comma-separated list of models, client, server, docs, all",
            "generate"
        ),
        (
            ["generate", "--access", "publc"],
            "Error: unknown access level 'publc'; did you mean 'public'? (public, internal)", "generate"
        ),
        (
            ["generate", "--layout", "file"],
            "Error: unknown layout 'file'; did you mean 'files'? (files, combined)", "generate"
        ),
        (
            ["diff", "a.yaml", "b.yaml", "--format", "jsn"],
            "Error: unknown format 'jsn'; did you mean 'json'? (text, json, markdown, html)", "diff"
        ),
        (
            ["diff", "a.yaml", "b.yaml", "--format", "yaml"],
            "Error: unknown format 'yaml' (text, json, markdown, html)",
            "diff"
        ),
        (
            ["validate", "a.yaml", "--spec", "b.yaml"],
            "Error: name the spec once: as an argument or with --spec, not both", "validate"
        ),
    ])
    func aMistakeGivesTheCommandsUsage(_ arguments: [String], _ message: String, _ command: String) throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try FixtureSupport.run(arguments, in: workspace.directory)
        #expect(result.status == 64, "\(result)")
        #expect(result.standardOutput == "")
        #expect(result.standardError.hasPrefix(message + "\nUsage: oktagen \(command) "), "\(result)")
        #expect(workspace.contents.isEmpty)
    }

    // MARK: validate FILE

    @Test func validateTakesTheSpecAsAnArgument() throws {
        let workspace = try Workspace(fixtures: ["openapi/tolerance.yaml"])
        defer { workspace.remove() }
        let positional = try workspace.run(["validate", "openapi/tolerance.yaml"])
        let option = try workspace.run(["validate", "--spec", "openapi/tolerance.yaml"])
        #expect(positional.status == 0)
        #expect(positional.standardError.hasSuffix("openapi/tolerance.yaml: 0 errors, 5 warnings\n"))
        #expect(positional.status == option.status)
        #expect(positional.standardError == option.standardError)
    }
}

extension CLIMistakeTests {
    // MARK: validate and generate agree

    /// `tolerance.yaml` has defects the decoder finds (a duplicate enum value, a path parameter not marked required)
    /// and defects only the model's checks find (examples that break their schema, an enum value the description
    /// names but the enum lacks): `validate` reports them all, as `generate` does.
    @Test(arguments: [["--tags", "all"], ["--tags", "Users"]])
    func validateAndGenerateReportTheSameWarnings(_ tags: [String]) throws {
        let workspace = try Workspace(fixtures: ["openapi/tolerance.yaml"])
        defer { workspace.remove() }
        let validate = try workspace.run(["validate", "openapi/tolerance.yaml"])
        let generate = try FixtureSupport.run(
            ["generate", "--quiet", "--spec", "openapi/tolerance.yaml", "--output", "Out"] + tags,
            in: workspace.directory)
        #expect(validate.status == 0)
        #expect(generate.status == 0, "\(generate)")
        func warnings(_ text: String) -> [Substring] {
            text.split(separator: "\n").filter { $0.contains(": warning: ") }.sorted()
        }
        #expect(warnings(validate.standardError).count == 5, "\(validate)")
        #expect(warnings(validate.standardError) == warnings(generate.standardError))
    }
}
