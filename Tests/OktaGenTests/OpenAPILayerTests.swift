import Foundation
import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI
import OktaGenYAML
import Testing

/// The OpenAPI layer on invalid documents: wrong kinds of nodes, bad versions, broken references, hostile file
/// references, and the defects it tolerates with a warning. Diagnostics are checked word for word.
@Suite struct OpenAPILayerTests {
    /// A fixture under `Fixtures/invalid/openapi/` and every diagnostic `validate` must report for it, in order.
    struct SpecCase: Sendable, CustomTestStringConvertible {
        var fixture: String
        var expected: [String]
        var testDescription: String { fixture }

        /// - Parameters:
        ///   - fixture: The file name under `openapi/`.
        ///   - expected: Each diagnostic after `<display path>:`, i.e. starting with `line:column:`.
        init(_ fixture: String, _ expected: [String]) {
            self.fixture = "openapi/" + fixture
            self.expected = expected.map { FixtureSupport.displayPath("openapi/" + fixture) + ":" + $0 }
        }
    }

    static let specCases: [SpecCase] = [
        // The root.
        SpecCase(
            "root-scalar.yaml",
            [
                "1:1: error: expected a mapping at the root of an OpenAPI document, found the string 'OpenAPI 3.0.3' (at #)"
            ]),
        SpecCase(
            "root-sequence.yaml",
            [
                "1:1: error: expected a mapping at the root of an OpenAPI document, found a sequence (at #)"
            ]),
        SpecCase(
            "swagger2.yaml",
            [
                "1:10: error: Swagger 2.0 documents are not supported; convert the spec to OpenAPI 3.0 or 3.1 first"
                    + " (at #/swagger)"
            ]),
        // The version.
        SpecCase(
            "missing-version.yaml",
            [
                "1:1: error: expected an 'openapi' version string in the document, found none (at #)"
            ]),
        SpecCase(
            "version-2.yaml",
            [
                "1:10: error: expected an OpenAPI version 3.0.x or 3.1.x for 'openapi', found the string '2.0.0'"
                    + " (at #/openapi)"
            ]),
        SpecCase(
            "version-words.yaml",
            [
                "1:10: error: expected an OpenAPI version 3.0.x or 3.1.x for 'openapi', found the string 'three'"
                    + " (at #/openapi)"
            ]),
        SpecCase(
            "version-mapping.yaml",
            [
                "1:10: error: expected an OpenAPI version 3.0.x or 3.1.x for 'openapi', found a mapping (at #/openapi)"
            ]),
        SpecCase(
            "version-newer.yaml",
            [
                "1:10: warning: OpenAPI 3.2.0 is newer than 3.1; it is read with the 3.1 rules (at #/openapi)"
            ]),
        // Wrong kinds of nodes, from the root down to schema keywords.
        SpecCase(
            "missing-info.yaml",
            [
                "1:1: error: expected an 'info' mapping in the document, found none (at #)"
            ]),
        SpecCase(
            "wrong-root-types.yaml",
            [
                "2:7: error: expected a mapping for 'info' of the document, found a sequence (at #/info)",
                "3:8: error: expected a mapping for 'paths' of the document, found a sequence (at #/paths)",
            ]),
        SpecCase(
            "wrong-path-item.yaml",
            [
                "6:11: error: expected a mapping for '/users' of 'paths', found a sequence (at #/paths/~1users)",
                "7:3: error: expected a path starting with '/' in 'paths', found 'users' (at #/paths/users)",
            ]),
        SpecCase(
            "wrong-nested-types.yaml",
            [
                "42:17: error: expected a sequence for 'required' of schema 'User', found the string 'id'"
                    + " (at #/components/schemas/User/required)",
                "48:18: error: expected a schema for 'items' of property 'tags' of schema 'User', found a sequence (tuple"
                    + " validation is not supported; use prefixItems in 3.1)"
                    + " (at #/components/schemas/User/properties/tags/items)",
                "49:17: error: expected a mapping for 'groups' of the properties of schema 'User', found a sequence"
                    + " (at #/components/schemas/User/properties/groups)",
                "51:17: error: expected a type (string, number, integer, boolean, array, object or null) for 'type' of"
                    + " property 'name' of schema 'User', found the string 'text'"
                    + " (at #/components/schemas/User/properties/name/type)",
                "54:19: error: expected a mapping for 'properties' of schema 'Group', found a sequence"
                    + " (at #/components/schemas/Group/properties)",
                "7:10: error: expected a mapping for 'get' of path '/groups', found a sequence (at #/paths/~1groups/get)",
                "11:19: error: expected a sequence for 'parameters' of GET /users, found a mapping"
                    + " (at #/paths/~1users/get/parameters)",
                "12:18: error: expected a mapping for 'responses' of GET /users, found a sequence"
                    + " (at #/paths/~1users/get/responses)",
                "16:13: error: expected 'path', 'query', 'header' or 'cookie' for 'in' of parameter 0 of path"
                    + " '/users/{id}', found 'body' (at #/paths/~1users~1{id}/parameters/0/in)",
                "22:16: error: expected a mapping for '200' of the responses of GET /users/{id}, found the string 'OK'"
                    + " (at #/paths/~1users~1{id}/get/responses/200)",
                "23:9: error: expected a status code (like 200 or 4XX) or 'default' in 'responses' of GET /users/{id},"
                    + " found '20x' (at #/paths/~1users~1{id}/get/responses/20x)",
                "27:20: error: expected a mapping for 'content' of response '201' of GET /users/{id}, found a sequence"
                    + " (at #/paths/~1users~1{id}/get/responses/201/content)",
            ]),
        // References inside the document.
        SpecCase(
            "references.yaml",
            [
                "10:17: error: cannot resolve '#/components/parameters/Limit': there is no 'Limit' in"
                    + " #/components/parameters; did you mean 'limit'? (at #/paths/~1users/get/parameters/0/$ref)",
                "18:23: error: cannot resolve '#/components/schemas/Usr': there is no 'Usr' in #/components/schemas; did"
                    + " you mean 'User'? (at #/paths/~1users/get/responses/200/content/application~1json/schema/$ref)",
                "20:17: error: cannot resolve '#/components/responses/BadRequest': there is no 'responses' in #/components"
                    + " (at #/paths/~1users/get/responses/400/$ref)",
                "22:17: error: '#components/responses/NotFound' is not a valid reference: the part after '#' must be a JSON"
                    + " pointer like /components/schemas/Name (at #/paths/~1users/get/responses/404/$ref)",
                "24:17: error: cannot resolve '#/components/schemas/User/properties/name/type/deeper':"
                    + " #/components/schemas/User/properties/name/type is a scalar, not a mapping"
                    + " (at #/paths/~1users/get/responses/500/$ref)",
            ]),
        SpecCase(
            "cycles.yaml",
            [
                "9:13: error: reference cycle: #/components/schemas/B → #/components/schemas/A → #/components/schemas/B"
                    + " (these $refs point only at each other and never reach a definition)"
                    + " (at #/components/schemas/A/$ref)",
                "11:13: error: reference cycle: #/components/schemas/A → #/components/schemas/B → #/components/schemas/A"
                    + " (these $refs point only at each other and never reach a definition)"
                    + " (at #/components/schemas/B/$ref)",
            ]),
        // Defects that are tolerated with a warning.
        SpecCase(
            "tolerance.yaml",
            [
                "39:37: warning: duplicate enum value \"ACTIVE\" in property 'status' of schema 'User' (first at 39:18);"
                    + " the repeat is ignored (at #/components/schemas/User/properties/status/enum/2)",
                "13:11: warning: path parameter 'id' is not marked 'required: true'; path parameters are always required,"
                    + " so it is treated as required (at #/paths/~1users~1{id}/get/parameters/0)",
            ]),
        SpecCase(
            "duplicate-operation-ids.yaml",
            [
                "17:20: error: duplicate operationId 'listUsers'; it was first used at 8:20"
                    + " (at #/paths/~1people/get/operationId)"
            ]),
        SpecCase("good.yaml", []),
        SpecCase("chain.yaml", []),
        SpecCase("openapi-31.yaml", []),
    ]

    @Test(arguments: specCases)
    func validateReportsEveryDiagnostic(_ testCase: SpecCase) {
        #expect(FixtureSupport.validate(testCase.fixture).diagnostics == testCase.expected)
    }

    // MARK: Files

    @Test func emptyFileIsNotADocument() {
        #expect(
            FixtureSupport.load("yaml/empty.yaml").diagnostics == [
                "Fixtures/invalid/yaml/empty.yaml:1:1: error: the file is empty; expected an OpenAPI document"
                    + " (a mapping) (at #)"
            ])
    }

    @Test func missingSpecFile() {
        #expect(
            FixtureSupport.load("openapi/no-such-file.yaml").diagnostics == [
                "error: cannot read 'Fixtures/invalid/openapi/no-such-file.yaml': No such file or directory"
            ])
    }

    @Test func aYAMLErrorStopsLoading() {
        #expect(
            FixtureSupport.load("yaml/duplicate-keys.yaml").diagnostics == [
                "Fixtures/invalid/yaml/duplicate-keys.yaml:4:3: error: duplicate key 'title' in a mapping; it was"
                    + " first defined at 2:3 (at #/info/title)"
            ])
    }

    // MARK: References

    @Test func chainLimitCountsReferencesThatPointAtReferences() {
        var options = LoadOptions()
        options.maxReferenceChain = 2
        #expect(
            FixtureSupport.validate("openapi/chain.yaml", options: options).diagnostics == [
                "Fixtures/invalid/openapi/chain.yaml:9:13: error: a chain of more than 2 references that point at other"
                    + " references starts here (at #/components/schemas/S0/$ref)"
            ])
        options.maxReferenceChain = 3
        #expect(FixtureSupport.validate("openapi/chain.yaml", options: options).diagnostics == [])
    }

    @Test func aSchemaThatContainsItselfThroughPropertiesIsFine() throws {
        let loaded = FixtureSupport.load("openapi/cycles.yaml")
        let resolver = try #require(loaded.resolver)
        let node = try #require(FixtureSupport.componentSchema("Node", in: resolver))
        let parent = try #require(node.properties.first { $0.name == "parent" })
        #expect(resolver.schema(parent.schema) === node)
        let children = try #require(node.properties.first { $0.name == "children" }).schema
        let items = try #require(resolver.schema(children)?.items)
        #expect(resolver.schema(items) === node)
        // A pure $ref to it is followed to it.
        let alias = try #require(resolver.componentSchemaNode(named: "Alias"))
        let reference = Reference(ref: try #require(alias["$ref"]).text, node: alias, description: nil)
        #expect(resolver.schema(.reference(reference)) === node)
        #expect(resolver.diagnostics.diagnostics.isEmpty)
    }

    // MARK: External files

    static let externalRoot = "openapi/external/root.yaml"

    @Test func externalFilesFollowTheFolderPolicy() {
        let root = "Fixtures/invalid/openapi/external/root.yaml"
        let schemaPointer = "content/application~1json/schema/$ref)"
        #expect(
            FixtureSupport.validate(Self.externalRoot).diagnostics == [
                "\(root):27:23: error: cannot resolve 'sub/missing.yaml': the file"
                    + " Fixtures/invalid/openapi/external/sub/missing.yaml does not exist"
                    + " (at #/paths/~1things/get/responses/202/\(schemaPointer)",
                // A broken external file is reported in that file, then where it was referenced.
                "Fixtures/invalid/openapi/external/sub/broken.yaml:4:13: error: invalid YAML: did not find expected ',' or"
                    + " ']' while parsing a flow sequence (started at 3:13) (at #/Thing/required)",
                "\(root):33:23: error: cannot load 'Fixtures/invalid/openapi/external/sub/broken.yaml', referenced here,"
                    + " because of the error above (at #/paths/~1things/get/responses/203/\(schemaPointer)",
                "\(root):39:23: error: reference '../outside/thing.yaml' leads outside the spec's folder"
                    + " (Fixtures/invalid/openapi/external) and is refused; allow it with --allow-external-files"
                    + " (at #/paths/~1things/get/responses/204/\(schemaPointer)",
                "\(root):45:23: error: reference '../../etc/passwd' leads outside the spec's folder"
                    + " (Fixtures/invalid/openapi/external) and is refused; allow it with --allow-external-files"
                    + " (at #/paths/~1things/get/responses/205/\(schemaPointer)",
                "\(root):51:23: error: absolute file reference 'file:///etc/passwd' is refused; refer to files inside the"
                    + " spec's folder by a relative path, or allow it with --allow-external-files"
                    + " (at #/paths/~1things/get/responses/206/\(schemaPointer)",
                "\(root):57:23: error: network reference 'http://example.com/schemas.yaml' is refused; download the file"
                    + " next to the spec and refer to it by a relative path, or allow network references with"
                    + " --allow-network-refs (at #/paths/~1things/get/responses/207/\(schemaPointer)",
                "\(root):63:23: error: cannot resolve 'sub/common.yaml#/Thng': there is no 'Thng' in sub/common.yaml#;"
                    + " did you mean 'Thing'? (at #/paths/~1things/get/responses/208/\(schemaPointer)",
            ])
    }

    /// The schemas of the first operation's responses, by status.
    static func responseSchemas(_ resolver: SpecResolver) -> [String: SchemaRef] {
        guard let entry = resolver.document.paths.first, let item = resolver.pathItem(entry) else { return [:] }
        var result: [String: SchemaRef] = [:]
        for response in item.operations.first?.operation.responses ?? [] {
            result[response.status] = resolver.response(response.response)?.content.first?.schema
        }
        return result
    }

    @Test func relativeFilesResolveAndAreLoadedOnce() throws {
        let resolver = try #require(FixtureSupport.load(Self.externalRoot).resolver)
        let schemas = Self.responseSchemas(resolver)
        let thing = try #require(schemas["200"].flatMap(resolver.schema))
        let other = try #require(schemas["201"].flatMap(resolver.schema))
        #expect(thing.type == .object)
        #expect(other.type == .string)
        #expect(thing.node.location.description == "Fixtures/invalid/openapi/external/sub/common.yaml:2:3")
        #expect(thing.node.pointer == "#/Thing")
        // `sub/common.yaml` and `./sub/common.yaml` are one file, parsed once: the nodes share one document.
        #expect(thing.node.document === other.node.document)
        // References inside the external file resolve against its own folder, to the same nodes.
        func property(_ name: String) -> Schema? {
            thing.properties.first { $0.name == name }.flatMap { resolver.schema($0.schema) }
        }
        let viaLocal = try #require(property("other"))
        let viaFile = try #require(property("again"))
        #expect(viaLocal === other)
        #expect(viaFile === other)
        #expect(resolver.diagnostics.diagnostics.isEmpty)
    }

    /// A spec beside `external/root.yaml` that refers out of its folder twice: relatively and by a `file:` URL.
    static var outsideSpec: [UInt8] {
        let outside = FixtureSupport.path("openapi/outside/thing.yaml")
        return Array(
            (FixtureSupport.minimalSpec + """
                components:
                  schemas:
                    Relative:
                      $ref: '../outside/thing.yaml#/Thing'
                    Absolute:
                      $ref: 'file://\(outside)#/Thing'

                """).utf8)
    }

    @Test func filesOutsideTheFolderAreRefusedByDefault() {
        let outside = FixtureSupport.path("openapi/outside/thing.yaml")
        let loaded = FixtureSupport.load(bytes: Self.outsideSpec, as: "openapi/external/generated-outside.yaml")
        #expect(
            loaded.diagnostics == [
                "Fixtures/invalid/openapi/external/generated-outside.yaml:9:13: error: reference '../outside/thing.yaml'"
                    + " leads outside the spec's folder (Fixtures/invalid/openapi/external) and is refused; allow it with"
                    + " --allow-external-files (at #/components/schemas/Relative/$ref)",
                "Fixtures/invalid/openapi/external/generated-outside.yaml:11:13: error: absolute file reference"
                    + " 'file://\(outside)' is refused; refer to files inside the spec's folder by a relative path, or"
                    + " allow it with --allow-external-files (at #/components/schemas/Absolute/$ref)",
            ])
    }

    @Test func filesOutsideTheFolderAreReadWhenAllowed() throws {
        var options = LoadOptions()
        options.allowExternalFilesOutsideRoot = true
        let loaded = FixtureSupport.load(
            bytes: Self.outsideSpec, as: "openapi/external/generated-outside.yaml", options: options)
        #expect(loaded.diagnostics == [])
        let resolver = try #require(loaded.resolver)
        let relative = try #require(FixtureSupport.componentSchema("Relative", in: resolver))
        let absolute = try #require(FixtureSupport.componentSchema("Absolute", in: resolver))
        #expect(relative.description == "Outside the root folder")
        #expect(relative === absolute)
    }

    @Test func networkReferencesAreFetchedOnlyWhenAllowed() throws {
        let spec = Array(
            (FixtureSupport.minimalSpec + """
                components:
                  schemas:
                    Remote:
                      $ref: 'https://example.com/schemas.yaml#/Remote'

                """).utf8)
        var options = LoadOptions()
        options.allowNetworkReferences = true
        options.networkFetcher = { url in
            guard url == "https://example.com/schemas.yaml" else { throw CocoaError(.fileNoSuchFile) }
            return Array("Remote:\n  type: integer\n".utf8)
        }
        let loaded = FixtureSupport.load(bytes: spec, as: "openapi/generated-network.yaml", options: options)
        #expect(loaded.diagnostics == [])
        let remote = try #require(loaded.resolver.flatMap { FixtureSupport.componentSchema("Remote", in: $0) })
        #expect(remote.type == .integer)
        #expect(remote.node.location.description == "https://example.com/schemas.yaml:2:3")
    }

    // MARK: OpenAPI 3.1

    @Test func openAPI31TypeArraysExamplesAndReferenceSiblings() throws {
        let loaded = FixtureSupport.validate("openapi/openapi-31.yaml")
        let resolver = try #require(loaded.resolver)
        #expect(resolver.document.isV31)
        let name = try #require(FixtureSupport.componentSchema("Name", in: resolver))
        #expect(name.types == [.string])
        #expect(name.nullable)
        #expect(name.examples.map(\.text) == ["alice", "bob"])
        // `$ref` with schema keywords beside it: both apply (the reference becomes an allOf part).
        let short = try #require(FixtureSupport.componentSchema("ShortName", in: resolver))
        #expect(short.maxLength == 10)
        #expect(short.description == "At most ten characters")
        #expect(short.allOf.count == 1)
        #expect(short.allOf.first.flatMap(resolver.schema) === name)
        let holder = try #require(FixtureSupport.componentSchema("Holder", in: resolver))
        let properties = Dictionary(uniqueKeysWithValues: holder.properties.map { ($0.name, $0.schema) })
        // A reference to a schema with siblings lands on that schema, not on what its $ref names.
        #expect(properties["short"].flatMap(resolver.schema) === short)
        // Only a description beside the $ref: still a plain reference, carrying the description.
        #expect(properties["plain"]?.reference?.description == "Only a description beside the $ref")
        #expect(properties["plain"].flatMap(resolver.schema) === name)
        // `true` is the empty schema.
        let anything = try #require(properties["anything"].flatMap(resolver.schema))
        #expect(anything.types.isEmpty)
        #expect(anything.properties.isEmpty)
        #expect(loaded.diagnostics == [])
    }

    @Test func typeListsIn30AreAcceptedWithAWarning() {
        let spec = FixtureSupport.minimalSpec + "components:\n  schemas:\n    Name:\n      type: [string, 'null']\n"
        #expect(
            FixtureSupport.load(bytes: Array(spec.utf8), as: "openapi/generated-type-list.yaml").diagnostics == [
                "Fixtures/invalid/openapi/generated-type-list.yaml:9:13: warning: a list of types in schema 'Name' is"
                    + " OpenAPI 3.1; it is accepted here (at #/components/schemas/Name/type)"
            ])
    }

    // MARK: Tolerance

    @Test func pathParameterWithoutRequiredIsTreatedAsRequired() throws {
        let resolver = try #require(FixtureSupport.load("openapi/tolerance.yaml").resolver)
        let item = try #require(resolver.document.paths.first.flatMap(resolver.pathItem))
        let parameter = try #require(item.operations.first?.operation.parameters.first.flatMap(resolver.parameter))
        #expect(parameter.location == .path)
        #expect(parameter.required)
    }

    @Test func duplicateEnumValuesAreDroppedWithAWarning() throws {
        let resolver = try #require(FixtureSupport.load("openapi/tolerance.yaml").resolver)
        let user = try #require(FixtureSupport.componentSchema("User", in: resolver))
        let status = try #require(user.properties.first { $0.name == "status" }.flatMap { resolver.schema($0.schema) })
        #expect(status.enumValues?.map(\.value) == [.string("ACTIVE"), .string("SUSPENDED")])
    }

    /// The model builder checks examples of the types it names (here `User`); the inline integer `age` with the
    /// example `old` is not checked, so it gets no warning.
    @Test func theModelBuilderWarnsAboutRequiredExamplesAndEnumMentions() throws {
        let (model, diagnostics) = FixtureSupport.model("openapi/tolerance.yaml")
        let file = "Fixtures/invalid/openapi/tolerance.yaml"
        #expect(model?.operations.map(\.operationId) == ["getUser"])
        #expect(model?.operations.first?.parameters.first?.required == true)
        #expect(
            diagnostics == [
                "\(file):13:11: warning: path parameter 'id' is not marked 'required: true'; path parameters are always"
                    + " required, so it is treated as required (at #/paths/~1users~1{id}/get/parameters/0)",
                "\(file):39:37: warning: duplicate enum value \"ACTIVE\" in property 'status' of schema 'User' (first at"
                    + " 39:18); the repeat is ignored (at #/components/schemas/User/properties/status/enum/2)",
                "\(file):29:9: warning: the example of schema 'User' does not match its own schema: 'id' is an integer,"
                    + " expected string (at #/components/schemas/User/example)",
                "\(file):27:22: warning: 'required' lists 'nickname', but schema 'User' defines no such property; it is"
                    + " ignored (at #/components/schemas/User/required/1)",
                "\(file):39:17: warning: the description of the schema at #/components/schemas/User/properties/status"
                    + " mentions `DEPROVISIONED`, which its enum omits; the generated enum is open, so the value still"
                    + " decodes (at #/components/schemas/User/properties/status/enum)",
            ])
    }

    /// A `pattern` the run-time engine (OktaPattern) cannot compile is a located warning, not an error; one it can
    /// (Okta's leading `(?i)` included) gets none. The excerpt of the pattern is escaped and short.
    @Test func aPatternTheEngineCannotRunIsAWarning() {
        let spec = """
            openapi: 3.0.3
            info: {title: t, version: "1"}
            paths: {}
            components:
              schemas:
                Thing:
                  type: object
                  properties:
                    fine: {type: string, pattern: '(?i)^[0-9a-f]{8}$'}
                    backref: {type: string, pattern: '^(a)\\1$'}
                    lookahead: {type: string, pattern: "(?=x)\\u0007abc"}
                    huge: {type: string, pattern: '(a{1000}){1000}'}
            """
        let loaded = FixtureSupport.load(bytes: Array(spec.utf8), as: "patterns.yaml")
        let file = "Fixtures/invalid/patterns.yaml"
        let pointer = "#/components/schemas/Thing/properties"
        #expect(loaded.resolver?.diagnostics.hasErrors == false)
        #expect(
            loaded.diagnostics == [
                "\(file):10:42: warning: the pattern of property 'backref' of schema 'Thing' cannot be checked at run time:"
                    + " back-reference (at offset 4) is not supported: it needs backtracking or is outside the supported"
                    + " ECMA-262 subset (near '\\\\1$'); values are not matched against it (at \(pointer)/backref/pattern)",
                "\(file):11:44: warning: the pattern of property 'lookahead' of schema 'Thing' cannot be checked at run"
                    + " time: lookahead (at offset 0) is not supported: it needs backtracking or is outside the supported"
                    + " ECMA-262 subset (near '(?=x)\\u{7}abc'); values are not matched against it (at"
                    + " \(pointer)/lookahead/pattern)",
                "\(file):12:39: warning: the pattern of property 'huge' of schema 'Thing' cannot be checked at run time:"
                    + " the pattern is too complex: more than 10000 instructions (at offset 0) (near '(a{1000}){1000}');"
                    + " values are not matched against it (at \(pointer)/huge/pattern)",
            ])
    }

    @Test func duplicateOperationIdsAreAnErrorForTheModelToo() {
        let (_, diagnostics) = FixtureSupport.model("openapi/duplicate-operation-ids.yaml")
        #expect(
            diagnostics == [
                "Fixtures/invalid/openapi/duplicate-operation-ids.yaml:17:20: error: duplicate operationId 'listUsers'; it"
                    + " was first used at 8:20 (at #/paths/~1people/get/operationId)"
            ])
    }
}
