import OktaGenDiagnostics
import OktaGenOpenAPI
import OktaGenTestSupport
import Testing

@testable import OktaGenIR

struct Unexpected: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// What the IR says about the fixture specs, fact by fact (the goldens hold the whole picture).
@Suite struct IRBuilderTests {
    static func model(_ fixture: String) throws -> (IRModel, SpecResolver) {
        let resolver = try GoldenSupport.load(fixture: fixture)
        return (IRBuilder(resolver: resolver, selection: .all).build(), resolver)
    }

    static func type(_ name: String, in model: IRModel) throws -> IRType {
        try #require(model.types.first { $0.name == name }, "no type \(name)")
    }

    static func object(_ name: String, in model: IRModel) throws -> IRObject {
        guard case .object(let object) = try type(name, in: model).kind else {
            throw Unexpected("\(name) is not an object")
        }
        return object
    }

    static func union(_ name: String, in model: IRModel) throws -> IRUnion {
        guard case .union(let union) = try type(name, in: model).kind else {
            throw Unexpected("\(name) is not a union")
        }
        return union
    }

    @Test func allOfChainsFlattenIntoOneStruct() throws {
        let (model, _) = try Self.model("composition.yaml")
        let audited = try Self.object("Audited", in: model)
        #expect(audited.properties.map(\.name) == ["name", "created", "auditor"])
        #expect(audited.properties.map(\.required) == [true, false, true])
        #expect(audited.properties[0].description == "Redefined here; replaces the inherited property in place.")
        #expect(audited.properties[1].readOnly)
        #expect(audited.properties[1].type == .scalar(.dateTime))
    }

    @Test func oneOfWithDiscriminatorMapping() throws {
        let (model, _) = try Self.model("composition.yaml")
        let shape = try Self.union("Shape", in: model)
        #expect(shape.style == "oneOf")
        #expect(shape.discriminator == "kind")
        #expect(shape.variants.map(\.swiftName) == ["circle", "square"])
        #expect(shape.variants.map(\.type) == [.named("Circle"), .named("Square")])
        #expect(shape.variants.map(\.discriminatorValues) == [["circle"], ["square", "box"]])
    }

    @Test func inheritanceStyleDiscriminatorBecomesAUnion() throws {
        let (model, _) = try Self.model("composition.yaml")
        let pet = try Self.union("Pet", in: model)
        #expect(pet.style == "discriminator")
        #expect(pet.discriminator == "petType")
        #expect(pet.variants.map(\.type) == [.named("Dog"), .named("Cat")])
        #expect(pet.variants.map(\.discriminatorValues) == [["DOG"], ["CAT"]])
        #expect(pet.commonProperties.map(\.name) == ["petType", "name"])
        let cat = try Self.object("Cat", in: model)
        #expect(cat.properties.map(\.name) == ["petType", "name", "lives"])
        #expect(cat.properties[2].type == .scalar(.int32))
        #expect(cat.properties[2].defaultValue == .int(9))
    }

    @Test func anyOfKeepsScalarAndNamedVariants() throws {
        let (model, _) = try Self.model("composition.yaml")
        let value = try Self.union("FlexibleValue", in: model)
        #expect(value.style == "anyOf")
        #expect(value.variants.map(\.type) == [.scalar(.string), .scalar(.integer), .named("Named")])
        #expect(value.variants.map(\.swiftName) == ["string", "integer", "named"])
    }

    @Test func recursionIsMarkedOnlyWhereStorageMustBeIndirect() throws {
        let (model, _) = try Self.model("composition.yaml")
        let tree = try Self.object("TreeNode", in: model)
        #expect(tree.properties.map(\.recursive) == [false, true, false])
        #expect(tree.properties[2].type == .array(.named("TreeNode")))
        #expect(try Self.object("Ping", in: model).properties.map(\.recursive) == [true])
        #expect(try Self.object("Pong", in: model).properties.map(\.recursive) == [true])
        #expect(try Self.object("Forest", in: model).properties.allSatisfy { !$0.recursive })
    }

    @Test func containersNullableAndFreeForm() throws {
        let (model, _) = try Self.model("composition.yaml")
        let forest = try Self.object("Forest", in: model)
        let byName = Dictionary(uniqueKeysWithValues: forest.properties.map { ($0.name, $0) })
        #expect(byName["matrix"]?.type == .array(.array(.scalar(.number))))
        #expect(byName["metadata"]?.type == .dictionary(.any))
        #expect(byName["counts"]?.type == .dictionary(.scalar(.integer)))
        #expect(byName["note"]?.nullable == true)
        #expect(byName["anything"]?.type == .any)
        #expect(byName["audited"]?.type == .named("Audited"))
    }

    @Test func onlyReachedTypesAreInTheModel() throws {
        let resolver = try GoldenSupport.load(fixture: "composition.yaml")
        let model = IRBuilder(resolver: resolver, selection: .tags(["Pets"])).build()
        #expect(model.operations.map(\.operationId) == ["getPet"])
        #expect(model.types.map(\.name) == ["Cat", "Dog", "Pet"])
    }

    @Test func parametersMergeByNameAndLocation() throws {
        let (model, _) = try Self.model("operations.yaml")
        let download = try #require(model.operations.first { $0.operationId == "downloadFile" })
        #expect(download.parameters.map(\.name) == ["fileId", "X-Trace", "session"])
        #expect(download.parameters.map(\.location) == [.path, .header, .cookie])
        #expect(download.parameters[1].required)
        #expect(download.parameters[1].description == "Overrides the path-level header parameter.")
        #expect(download.parameters[0].type == .scalar(.uuid))
        #expect(download.parameters.map(\.style) == ["simple", "simple", "form"])
        let ok = try #require(download.responses.first)
        #expect(ok.contents.map(\.mediaType) == ["application/octet-stream"])
        #expect(ok.contents.first?.type == .scalar(.binary))
        #expect(ok.headers.map(\.swiftName) == ["xRateLimitRemaining", "link"])
        #expect(ok.headers.first?.type == .scalar(.int64))
        #expect(download.responses.map(\.isError) == [false, true])
        #expect(download.security.map { $0.schemes.map(\.name) } == [["apiKey"]])
    }

    @Test func queryArraysAndDefaults() throws {
        let (model, _) = try Self.model("operations.yaml")
        let list = try #require(model.operations.first { $0.operationId == "listEvents" })
        let byName = Dictionary(uniqueKeysWithValues: list.parameters.map { ($0.name, $0) })
        #expect(byName["since"]?.type == .scalar(.dateTime))
        #expect(byName["day"]?.type == .scalar(.date))
        #expect(byName["limit"]?.defaultValue == .int(20))
        #expect(byName["ids"]?.explode == true)
        #expect(byName["kinds"]?.explode == false)
        #expect(byName["kinds"]?.type == .array(.named("ListEventsKindsItem")))
        #expect(list.responses.map(\.status) == ["200", "429", "default"])
        #expect(list.responses.map(\.isError) == [false, true, true])
        #expect(list.security.map { $0.schemes.map(\.name) } == [["apiKey"], ["oauth"]])
        #expect(list.security.last?.schemes.first?.scopes == ["events.read"])
        let upload = try #require(model.operations.first { $0.operationId == "uploadFile" })
        #expect(upload.security.isEmpty)
        #expect(upload.requestBody?.contents.map(\.mediaType) == ["application/octet-stream", "application/json"])
        #expect(model.securitySchemes.map(\.name) == ["apiKey", "oauth"])
        #expect(model.source.servers.first?.variables.first?.enumValues == ["demo", "prod"])
    }

    @Test func hostileNamesBecomeLegalUniqueIdentifiers() throws {
        let (model, _) = try Self.model("names.yaml")
        let record = try Self.object("ItemRecord", in: model)
        #expect(
            record.properties.map(\.swiftName) == [
                "user_id", "userId", "`default`", "`class`", "selfValue", "type", "_1stPlace", "lastName", "prénom",
                "名前",
                "_links", "links", "mode", "priority",
            ])
        guard case .enumeration(let mode) = try Self.type("Mode", in: model).kind else {
            Issue.record("Mode is not an enum")
            return
        }
        #expect(
            mode.cases.map(\.swiftName) == [
                "empty", "_1", "plus1", "minus1", "aB", "a", "A", "`default`", "LOCKED_OUT", "lockedOut", "unknown2",
            ])
        #expect(model.types.map(\.name).contains("ErrorModel"))
        #expect(model.types.first { $0.schemaName == "user-profile" }?.name == "User_profile")
        #expect(model.types.first { $0.schemaName == "UserProfile" }?.name == "UserProfile")
        #expect(!model.types.contains { $0.schemaName == "user_profile" }, "not reached: no name")
        #expect(model.operations.map(\.swiftName) == ["getItem", "`class`"])
        #expect(model.tags.map(\.typeName) == ["ItemStore"])
    }

    @Test func openAPI31TypeArraysAndRefSiblings() throws {
        let (model, resolver) = try Self.model("openapi31.yaml")
        let thing = try Self.object("Thing", in: model)
        let byName = Dictionary(uniqueKeysWithValues: thing.properties.map { ($0.name, $0) })
        #expect(byName["label"]?.nullable == true)
        #expect(byName["label"]?.type == .scalar(.string))
        #expect(byName["size"]?.type == .named("Size"))
        #expect(byName["size"]?.description == "A 3.1 reference with a description beside it.")
        #expect(resolver.diagnostics.diagnostics.isEmpty)
    }

    @Test func swiftNamesFollowIdiomsAndStayLegal() {
        #expect(SwiftNames.lowerCamel("LOCKED_OUT") == "lockedOut")
        #expect(SwiftNames.lowerCamel("user_id") == "userId")
        #expect(SwiftNames.lowerCamel("URLValue") == "urlValue")
        #expect(SwiftNames.lowerCamel("OAuth2Client") == "oAuth2Client")
        #expect(SwiftNames.upperCamel("user-profile") == "UserProfile")
        #expect(SwiftNames.upperCamel("OAuth2ScopeConsentGrant") == "OAuth2ScopeConsentGrant")
        #expect(SwiftNames.upperCamel("ACTIVE") == "Active")
        #expect(SwiftNames.legal("1st") == "_1st")
        #expect(SwiftNames.legal("default") == "`default`")
        var scope = NameScope()
        #expect(scope.members(["a", "A", "a"]) == ["a", "A", "a2"])
        var types = NameScope()
        #expect(types.types(["Error", "Data", "Thing"]) == ["ErrorModel", "DataModel", "Thing"])
    }

    /// The ASCII fast path of the word split gives what the general one gives, for tricky names and for every ASCII
    /// string of up to four characters over a small alphabet of each class (letters of both cases, digits, separators).
    @Test func asciiWordSplitMatchesTheGeneralOne() {
        var names = [
            "userId", "URLValue", "OAuth2Client", "LOCKED_OUT", "user-profile", "_links", "x509CertChain",
            "HTTPMethod", "a", "", "__", "ID", "iOS", "IPv6Address", "SAML2_0", "+1", "-", "v2Beta",
        ]
        let alphabet = ["a", "B", "c", "D", "1", "_", "-", " "]
        var current = [""]
        for _ in 0..<4 {
            current = current.flatMap { prefix in alphabet.map { prefix + $0 } }
            names += current
        }
        var checked = 0
        for name in names {
            guard let fast = SwiftNames.asciiWords(name) else {
                Issue.record("'\(name)' is ASCII but the fast path refused it")
                continue
            }
            #expect(fast == SwiftNames.scalarWords(name), "\(name)")
            checked += 1
        }
        #expect(checked > 4000)
        #expect(SwiftNames.asciiWords("café") == nil)
    }
}

/// `self` cannot be a Swift member: a link (HAL's `_links.self`) is `selfLink`, anything else `selfValue`
/// (docs/Naming.md, "Identifiers").
@Suite struct LinkMemberNameTests {
    @Test func aSelfThatHoldsALinkIsSelfLink() throws {
        let spec = """
            openapi: 3.0.3
            info: {title: Links, version: '1'}
            paths:
              /thing:
                get:
                  operationId: getThing
                  responses:
                    '200':
                      description: The thing.
                      content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}
            components:
              schemas:
                HrefObject:
                  type: object
                  properties: {href: {type: string}, name: {type: string}}
                SelfLink:
                  allOf: [{$ref: '#/components/schemas/HrefObject'}, {type: object, properties: {hints: {type: object}}}]
                ThingLinks:
                  type: object
                  properties:
                    self: {$ref: '#/components/schemas/HrefObject'}
                    super: {$ref: '#/components/schemas/SelfLink'}
                    next: {$ref: '#/components/schemas/HrefObject'}
                Thing:
                  type: object
                  properties:
                    self: {type: string}
                    init: {type: object, properties: {name: {type: string}}}
                    _links: {$ref: '#/components/schemas/ThingLinks'}
            """
        let loaded = FixtureSupport.load(bytes: Array(spec.utf8), as: "links.yaml")
        let resolver = try #require(loaded.resolver, "\(loaded.diagnostics)")
        let model = IRBuilder(resolver: resolver, selection: .all).build()
        let links = try IRBuilderTests.object("ThingLinks", in: model)
        #expect(links.properties.map(\.swiftName) == ["selfLink", "superLink", "next"])
        let thing = try IRBuilderTests.object("Thing", in: model)
        #expect(thing.properties.map(\.swiftName) == ["selfValue", "initValue", "links"], "not links")
    }
}
