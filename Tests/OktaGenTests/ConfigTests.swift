import Foundation
import OktaGenConfig
import OktaGenDiagnostics
import Testing

/// `oktagen.yaml`: every key, errors at their line and column, paths relative to the file, and the precedence
/// flag > key > default through the built `oktagen` binary.
@Suite struct ConfigTests {
    static func parse(_ text: String, directory: String = ".") -> Result<GeneratorConfig, DiagnosticsError> {
        Result { () throws(DiagnosticsError) in
            try GeneratorConfig.parse(bytes: Array(text.utf8), path: "oktagen.yaml", directory: directory)
        }
    }

    static func errors(_ text: String) -> [String] {
        switch parse(text) {
        case .success: ["(no error)"]
        case .failure(let error): error.diagnostics.map(\.description)
        }
    }

    // MARK: Parsing

    @Test func everyKeyIsRead() throws {
        let config = try Self.parse(
            """
            spec: specs/api.yaml
            tags: [User, UserLifecycle]
            mode: models, client
            output: Sources/SDK/Generated
            templates: my-templates
            access: internal
            type-prefix: Acme
            layout: combined
            quiet: true
            summary: false
            allow-external-files: true
            allow-network-refs: false
            max-input-bytes: 1000
            max-nodes: 2000
            max-alias-expansion: 30
            max-depth: 40
            max-ref-chain: 5
            max-external-files: 6
            format: markdown
            fail-on-breaking: true

            """, directory: "conf"
        ).get()
        var expected = GeneratorConfig(file: "oktagen.yaml", directory: "conf")
        expected.spec = "specs/api.yaml"
        expected.tags = ["User", "UserLifecycle"]
        expected.mode = ["models", "client"]
        expected.output = "Sources/SDK/Generated"
        expected.templates = "my-templates"
        expected.access = "internal"
        expected.typePrefix = "Acme"
        expected.layout = "combined"
        expected.quiet = true
        expected.summary = false
        expected.allowExternalFiles = true
        expected.allowNetworkRefs = false
        expected.maxInputBytes = 1000
        expected.maxNodes = 2000
        expected.maxAliasExpansion = 30
        expected.maxDepth = 40
        expected.maxRefChain = 5
        expected.maxExternalFiles = 6
        expected.format = "markdown"
        expected.failOnBreaking = true
        #expect(config == expected)
        #expect(config.resolve(config.spec ?? "") == "conf/specs/api.yaml")
        #expect(config.resolve("/abs/api.yaml") == "/abs/api.yaml")
    }

    @Test func everyKeyIsAFlagOfSomeCommand() {
        // The documented contract: a key is its flag's name without `--`.
        let names = GeneratorConfig.keys.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { $0.allSatisfy { $0.isLowercase || $0 == "-" } })
        #expect(GeneratorConfig.keys.allSatisfy { !$0.commands.isEmpty })
    }

    @Test func anEmptyFileOrNullValuesLeaveTheDefaults() throws {
        #expect(try Self.parse("").get() == GeneratorConfig(file: "oktagen.yaml"))
        #expect(try Self.parse("# only a comment\n").get() == GeneratorConfig(file: "oktagen.yaml"))
        #expect(try Self.parse("templates:\noutput: ~\n").get() == GeneratorConfig(file: "oktagen.yaml"))
    }

    @Test func nameOverridesAreAMappingOfSchemaNamesToTypeNames() throws {
        let config = try Self.parse("name-overrides:\n  tempPassword: TemporaryPassword\n  User: Person\n").get()
        let overrides = try #require(config.nameOverrides)
        #expect(overrides.map(\.schemaName) == ["tempPassword", "User"])
        #expect(overrides.map(\.typeName) == ["TemporaryPassword", "Person"])
        #expect(overrides.first?.location == SourceLocation(file: "oktagen.yaml", line: 2, column: 17))
        #expect(
            Self.errors("name-overrides:\n  User: 2Person\n") == [
                "oktagen.yaml:2:9: error: expected the type name for 'User' to be ASCII letters, digits and _, not"
                    + " starting with a digit, found '2Person' (at #/name-overrides/User)"
            ])
        #expect(
            Self.errors("name-overrides: [User]\n") == [
                "oktagen.yaml:1:17: error: expected 'name-overrides' to be a mapping of schema names to Swift type"
                    + " names, found a sequence (at #/name-overrides)"
            ])
        #expect(Self.errors("nameOverrides: {}\n").first?.contains("did you mean 'name-overrides'?") == true)
    }

    @Test func tagsAcceptAListOrACommaSeparatedString() throws {
        #expect(try Self.parse("tags: User, UserCred\n").get().tags == ["User", "UserCred"])
        #expect(try Self.parse("tags:\n  - User\n  - UserCred\n").get().tags == ["User", "UserCred"])
        #expect(try Self.parse("tags: all\n").get().tags == ["all"])
    }

    @Test func unknownKeysAreErrorsAtTheirLineAndColumn() {
        #expect(
            Self.errors("spec: api.yaml\ntagz: [User]\noutput: Out\n  # indented comment\ncolour: red\n") == [
                "oktagen.yaml:2:1: error: unknown key 'tagz'; did you mean 'tags'? (at #/tagz)",
                "oktagen.yaml:5:1: error: unknown key 'colour'; the keys are spec, tags, mode, output, templates, access,"
                    + " type-prefix, layout, quiet, summary, allow-external-files, allow-network-refs, max-input-bytes,"
                    + " max-nodes, max-alias-expansion, max-depth, max-ref-chain, max-external-files, format,"
                    + " fail-on-breaking, name-overrides, group-names, path-labels (at #/colour)",
            ])
        #expect(
            Self.errors("maxDepth: 3\n") == [
                "oktagen.yaml:1:1: error: unknown key 'maxDepth'; did you mean 'max-depth'? (at #/maxDepth)"
            ])
    }

    @Test(arguments: [
        (
            "access: private\n",
            "oktagen.yaml:1:9: error: expected 'access' to be one of public, internal, found 'private' (at #/access)"
        ),
        (
            "layout: flat\n",
            "oktagen.yaml:1:9: error: expected 'layout' to be one of files, combined, found 'flat' (at #/layout)"
        ),
        (
            "max-depth: -3\n",
            "oktagen.yaml:1:12: error: expected 'max-depth' to be a positive integer, found '-3' (at #/max-depth)"
        ),
        (
            "max-nodes: \"10\"\n",
            "oktagen.yaml:1:12: error: expected 'max-nodes' to be a positive integer, found '10' (at #/max-nodes)"
        ),
        ("quiet: yes\n", "oktagen.yaml:1:8: error: expected 'quiet' to be true or false, found 'yes' (at #/quiet)"),
        (
            "mode: [models, clients]\n",
            "oktagen.yaml:1:7: error: expected 'mode' to be a list of models, client, server, docs, all, found 'clients';"
                + " did you mean 'client'? (at #/mode)"
        ),
        (
            "layout: file\n",
            "oktagen.yaml:1:9: error: expected 'layout' to be one of files, combined, found 'file'; did you mean"
                + " 'files'? (at #/layout)"
        ),
        (
            "tags: {User: 1}\n",
            "oktagen.yaml:1:7: error: expected 'tags' to be a list of names, found a mapping (at #/tags)"
        ),
        (
            "tags: [User, [x]]\n",
            "oktagen.yaml:1:14: error: expected 'tags' to be a list of names, found a sequence (at #/tags/1)"
        ),
        ("spec: [a, b]\n", "oktagen.yaml:1:7: error: expected 'spec' to be a string, found a sequence (at #/spec)"),
        (
            "type-prefix: 1Acme\n",
            "oktagen.yaml:1:14: error: expected 'type-prefix' to be ASCII letters, digits and _, not starting with a"
                + " digit, found '1Acme' (at #/type-prefix)"
        ),
        (
            "format: html\n",
            "oktagen.yaml:1:9: error: expected 'format' to be one of text, json, markdown, found 'html' (at #/format)"
        ),
    ])
    func wrongValuesAreErrorsAtTheValue(_ text: String, _ expected: String) {
        #expect(Self.errors(text) == [expected])
    }

    @Test func everyProblemIsReportedAtOnce() {
        #expect(Self.errors("access: x\nquiet: 3\n").count == 2)
    }

    @Test func theRootMustBeAMapping() {
        #expect(
            Self.errors("- spec\n- tags\n") == [
                "oktagen.yaml:1:1: error: expected the configuration to be a mapping of keys to values, but it is a"
                    + " sequence (at #)"
            ])
    }

    @Test func malformedYAMLAndDuplicateKeysAreErrorsWithLocations() {
        #expect(Self.errors("spec: a\nspec: b\n").first?.hasPrefix("oktagen.yaml:2:1: error: ") == true)
        #expect(Self.errors("spec: [a\n").first?.hasPrefix("oktagen.yaml:") == true)
    }

    @Test func aFileIsReadWithItsFolderForRelativePaths() throws {
        let folder = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("oktagen.yaml").path
        try Data("spec: api.yaml\n".utf8).write(to: URL(fileURLWithPath: path))
        let config = try GeneratorConfig.load(path: path)
        #expect(config.directory == folder.path)
        #expect(config.resolve("api.yaml") == folder.path + "/api.yaml")
        #expect(throws: DiagnosticsError.self) { try GeneratorConfig.load(path: folder.path + "/missing.yaml") }
    }

    // MARK: The command line

    /// A folder with a small spec (`api/spec.yaml`, tags `Users` and `Admin`) to run `oktagen` in.
    struct Workspace {
        let directory: URL

        init(files: [String: String] = [:]) throws {
            directory = try FixtureSupport.makeTemporaryDirectory()
            try write("api/spec.yaml", ConfigTests.spec)
            for (path, text) in files { try write(path, text) }
        }

        func write(_ path: String, _ text: String) throws {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }

        /// Every file below `folder`, relative, sorted (hidden files left out).
        func files(_ folder: String) -> [String] {
            let base = directory.appendingPathComponent(folder).path
            return ((try? FileManager.default.subpathsOfDirectory(atPath: base)) ?? [])
                .filter { path in
                    var isDirectory: ObjCBool = false
                    let exists = FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory)
                    return exists && !isDirectory.boolValue
                        && !path.split(separator: "/").contains { $0.hasPrefix(".") }
                }
                .sorted()
        }

        func run(_ arguments: [String], in folder: String = "") throws -> FixtureSupport.Run {
            try FixtureSupport.run(arguments, in: folder.isEmpty ? directory : directory.appendingPathComponent(folder))
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    static let spec = """
        openapi: 3.0.3
        info: {title: Config test, version: "1"}
        tags: [{name: Users}, {name: Admin}]
        paths:
          /users/{id}:
            get:
              tags: [Users]
              operationId: getUser
              parameters: [{name: id, in: path, required: true, schema: {type: string}}]
              responses:
                "200":
                  description: A user.
                  content: {application/json: {schema: {$ref: "#/components/schemas/User"}}}
          /settings:
            get:
              tags: [Admin]
              operationId: getSettings
              responses:
                "200":
                  description: Settings.
                  content: {application/json: {schema: {$ref: "#/components/schemas/Settings"}}}
        components:
          schemas:
            User: {type: object, properties: {id: {type: string}}}
            Settings: {type: object, properties: {theme: {type: string}}}

        """

    @Test func oktagenYamlInTheCurrentFolderIsReadAndPathsAreRelativeToIt() throws {
        let workspace = try Workspace(files: [
            "oktagen.yaml": "spec: api/spec.yaml\ntags: [Users]\nmode: [models]\noutput: Out\ntype-prefix: Acme\n"
        ])
        defer { workspace.remove() }
        let result = try workspace.run(["generate", "--quiet"])
        #expect(result.status == 0, "\(result)")
        #expect(workspace.files("Out") == ["Models/AcmeUser.swift"])
    }

    @Test func aFlagOverridesItsKey() throws {
        let workspace = try Workspace(files: [
            "oktagen.yaml": "spec: api/spec.yaml\ntags: [Users]\nmode: [models]\noutput: Out\nquiet: true\n"
        ])
        defer { workspace.remove() }
        let result = try workspace.run(
            ["generate", "--tags", "all", "--output", "Other", "--mode", "client", "--no-quiet"])
        #expect(result.status == 0, "\(result)")
        #expect(
            workspace.files("Other") == ["Client/AdminAPI.swift", "Client/OktaClient.swift", "Client/UsersAPI.swift"])
        #expect(workspace.files("Out").isEmpty)
        #expect(result.standardError.hasPrefix("Other: 3 file(s) written"))
    }

    @Test func configFlagNamesAFileWhosePathsAreRelativeToIt() throws {
        let workspace = try Workspace(files: [
            "conf/oktagen.yaml": "spec: ../api/spec.yaml\ntags: all\nmode: models\noutput: ../Generated\n",
            // A file in the current folder that --config overrides.
            "oktagen.yaml": "tagz: broken\n",
        ])
        defer { workspace.remove() }
        // The paths leave the settings file's folder: allowed by the flag only (ConfigTrustTests).
        let result = try workspace.run([
            "generate", "--config", "conf/oktagen.yaml", "--quiet", "--allow-external-files",
        ])
        #expect(result.status == 0, "\(result)")
        #expect(workspace.files("Generated") == ["Models/Settings.swift", "Models/User.swift"])
    }

    @Test func noConfigIgnoresTheFileInTheCurrentFolder() throws {
        let workspace = try Workspace(files: ["oktagen.yaml": "tagz: broken\n"])
        defer { workspace.remove() }
        let result = try workspace.run(
            ["model", "--no-config", "--summary", "--tags", "all", "--spec", "api/spec.yaml"])
        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput == "getUser Users GET /users/{id}\ngetSettings Admin GET /settings\n")
    }

    @Test func aBadConfigExitsOneWithEveryProblemAndWritesNothing() throws {
        let workspace = try Workspace(files: ["oktagen.yaml": "spec: api/spec.yaml\ntagz: [Users]\naccess: open\n"])
        defer { workspace.remove() }
        for command in ["generate", "validate", "model"] {
            let result = try workspace.run([command])
            #expect(result.status == 1)
            #expect(result.standardOutput == "")
            #expect(
                result.standardError == """
                    oktagen.yaml:2:1: error: unknown key 'tagz'; did you mean 'tags'? (at #/tagz)
                    oktagen.yaml:3:9: error: expected 'access' to be one of public, internal, found 'open' (at #/access)

                    """)
        }
        #expect(workspace.files("Generated").isEmpty)
    }

    @Test func aMissingConfigFileIsAnError() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let result = try workspace.run(["validate", "--config", "nope.yaml"])
        #expect(result.status == 1)
        #expect(result.standardError == "error: cannot read 'nope.yaml': No such file or directory\n")
        let both = try workspace.run(["validate", "--config", "nope.yaml", "--no-config"])
        #expect(both.status == 64)
        #expect(both.standardError.contains("--config and --no-config exclude each other"))
    }

    @Test func validateAndModelReadTheirKeys() throws {
        let workspace = try Workspace(
            files: ["oktagen.yaml": "spec: api/spec.yaml\ntags: [Admin]\nsummary: true\nquiet: true\n"])
        defer { workspace.remove() }
        let model = try workspace.run(["model"])
        #expect(model.status == 0, "\(model)")
        #expect(model.standardOutput == "getSettings Admin GET /settings\n")
        let validate = try workspace.run(["validate"])
        #expect(validate.status == 0, "\(validate)")
        #expect(validate.standardError == "api/spec.yaml: 0 errors, 0 warnings\n")
    }

    @Test func limitKeysReachTheParser() throws {
        let workspace = try Workspace(files: ["oktagen.yaml": "spec: api/spec.yaml\nmax-input-bytes: 100\n"])
        defer { workspace.remove() }
        let result = try workspace.run(["validate"])
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("api/spec.yaml:1:1: error: the file is "))
        let lifted = try workspace.run(["validate", "--max-input-bytes", "100000"])
        #expect(lifted.status == 0, "\(lifted)")
    }
}
