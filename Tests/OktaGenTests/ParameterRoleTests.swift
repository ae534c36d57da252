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
