import OktaGenIR
import OktaGenOpenAPI
import OktaGenRender
import OktaGenTestSupport
import Testing

/// Parameters the SDK takes otherwise than their schema says (docs/Naming.md, "Parameters that are not what they
/// say").
@Suite struct ParameterRoleTests {
    static let spec = """
        openapi: 3.0.3
        info: {title: Roles, version: '1'}
        paths:
          /things/{id}:
            delete:
              operationId: deleteThing
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
                - name: Prefer
                  in: header
                  description: Send `respond-async` to have the work done in the background.
                  schema: {type: string, enum: [respond-async]}
                - {name: X-Mode, in: header, schema: {type: string, enum: [fast, slow]}}
                - {name: X-Always, in: header, required: true, schema: {type: string, enum: [always]}}
              responses: {'204': {description: Deleted.}}
        """

    static func model(_ text: String = spec) throws -> IRModel {
        let loaded = FixtureSupport.load(bytes: Array(text.utf8), as: "roles.yaml")
        let resolver = try #require(loaded.resolver, "\(loaded.diagnostics)")
        let model = IRBuilder(resolver: resolver, selection: .all).build()
        #expect(!resolver.diagnostics.hasErrors, "\(resolver.diagnostics)")
        return model
    }

    static func rendered(_ model: IRModel, _ suffix: String) throws -> String {
        let files = try Renderer(model: model, options: RenderOptions(specFile: "roles.yaml")).render()
        return try #require(files.first { $0.key.hasSuffix(suffix) }?.value, "\(files.keys.sorted())")
    }

    @Test func anOptionalHeaderOfOneValueIsAFlagNamedAfterIt() throws {
        let model = try Self.model()
        let parameters = try #require(model.operations.first).parameters
        #expect(parameters.map(\.swiftName) == ["thingId", "respondAsync", "xMode", "xAlways"])
        #expect(parameters[1].role == .flag(value: "respond-async"))
        #expect(parameters[1].type == .scalar(.boolean))
        #expect(parameters[2].role == nil, "two values are a choice")
        #expect(parameters[3].role == nil, "a required header is always sent")
        #expect(!model.types.map(\.name).contains("DeleteThingPrefer"), "no one-case enum")
        #expect(model.types.map(\.name).contains("DeleteThingXMode"))
    }

    @Test func theClientSendsTheValueWhenTheFlagIsSet() throws {
        let client = try Self.rendered(try Self.model(), "Client/DefaultAPI.swift")
        #expect(client.contains("respondAsync: Bool = false,"))
        #expect(client.contains(#"if respondAsync { builder.header("Prefer", "respond-async") }"#))
        #expect(client.contains("///   - respondAsync: Send `respond-async` to have the work done in the background."))
    }

    @Test func theServerReadsTheFlagAsBool() throws {
        let server = try Self.rendered(try Self.model(), "Server/DefaultHandler.swift")
        #expect(
            server.contains(
                #"let respondAsync = server.headerFlag("Prefer", value: "respond-async", errors: &errors)"#))
        #expect(server.contains("public var respondAsync: Bool\n"))
    }
}

/// OpenAPI ignores header parameters named Accept, Content-Type and Authorization; Okta's `okta-response` option,
/// which its spec writes as a `Content-Type` parameter, is modelled instead (docs/Naming.md).
@Suite struct OktaResponseOptionParameterTests {
    static let spec = """
        openapi: 3.0.3
        info: {title: Options, version: '1'}
        paths:
          /things:
            get:
              operationId: listThings
              parameters:
                - $ref: '#/components/parameters/OktaResponse'
                - {name: q, in: query, schema: {type: string}}
                - {name: accept, in: header, schema: {type: string}}
                - {name: Authorization, in: header, schema: {type: string}}
              responses:
                '200':
                  description: The things.
                  content: {application/json: {schema: {type: array, items: {type: string}}}}
          /other:
            get:
              operationId: getOther
              parameters:
                - {name: Content-Type, in: header, description: The media type., schema: {type: string}}
              responses: {'204': {description: Nothing.}}
        components:
          parameters:
            OktaResponse:
              name: Content-Type
              in: header
              description: An optional `okta-response` parameter drops parts of the response.
              schema: {type: string}
        """

    @Test func theOptionIsTakenAsOptionsAndTheOtherHeadersAreIgnored() throws {
        let loaded = FixtureSupport.load(bytes: Array(Self.spec.utf8), as: "options.yaml")
        let resolver = try #require(loaded.resolver, "\(loaded.diagnostics)")
        let model = IRBuilder(resolver: resolver, selection: .all).build()
        let operations = Dictionary(uniqueKeysWithValues: model.operations.map { ($0.operationId, $0) })
        let list = try #require(operations["listThings"])
        #expect(list.parameters.map(\.swiftName) == ["q", "responseOptions"], "the option comes last")
        #expect(list.parameters.last?.role == .oktaResponseOptions)
        #expect(operations["getOther"]?.parameters.isEmpty == true, "a plain Content-Type parameter is ignored")
        let warnings = resolver.diagnostics.warnings.map { "\($0.location?.line ?? 0): \($0.message)" }
        #expect(
            warnings == [
                "10: header parameter 'accept' is ignored: OpenAPI ignores header parameters named Accept,"
                    + " Content-Type and Authorization (the client sets Accept itself)",
                "11: header parameter 'Authorization' is ignored: OpenAPI ignores header parameters named Accept,"
                    + " Content-Type and Authorization (the client sets Authorization itself)",
                "20: header parameter 'Content-Type' is ignored: OpenAPI ignores header parameters named Accept,"
                    + " Content-Type and Authorization (the client sets Content-Type itself)",
            ])
        let client = try ParameterRoleTests.rendered(model, "Client/DefaultAPI.swift")
        #expect(client.contains("responseOptions: [OktaResponseOption] = []\n"))
        #expect(client.contains("builder.oktaResponse(responseOptions)"))
        #expect(!client.contains("contentType: String?"))
        let server = try ParameterRoleTests.rendered(model, "Server/DefaultHandler.swift")
        #expect(server.contains("let responseOptions = server.oktaResponseOptions()"))
        #expect(server.contains("public var responseOptions: [OktaResponseOption]\n"))
    }
}
