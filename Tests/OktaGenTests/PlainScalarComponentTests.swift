import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI
import Testing

/// A component schema that is a plain scalar is the scalar where it is used (docs/Naming.md, "Schemas that add no
/// type"): `created: Date?`, not `created: CreatedProperty?` with `typealias CreatedProperty = Date`.
@Suite struct PlainScalarComponentTests {
    static let spec = """
        openapi: 3.0.3
        info: {title: Scalars, version: '1'}
        paths:
          /things:
            get:
              tags: [Things]
              operationId: getThing
              responses:
                '200':
                  description: A thing.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Thing'}
        components:
          schemas:
            Thing:
              type: object
              properties:
                created: {$ref: '#/components/schemas/createdProperty'}
                code: {$ref: '#/components/schemas/Code'}
                status: {$ref: '#/components/schemas/Status'}
                kept: {$ref: '#/components/schemas/Kept'}
                tags:
                  type: array
                  items: {$ref: '#/components/schemas/Code'}
            createdProperty:
              type: string
              format: date-time
              description: When the object was created.
            Code:
              type: string
              pattern: '^[A-Z]+$'
            Status:
              type: string
              enum: [ACTIVE, STAGED]
            Kept:
              type: integer
              format: int64
        """

    static func model(overrides: [IRNameOverride] = []) throws -> IRModel {
        let loaded = FixtureSupport.load(bytes: Array(spec.utf8), as: "scalars.yaml")
        let resolver = try #require(loaded.resolver, "\(loaded.diagnostics)")
        return IRBuilder(resolver: resolver, selection: .all, nameOverrides: overrides).build()
    }

    static func properties(_ model: IRModel) throws -> [String: IRProperty] {
        let thing = try #require(model.types.first { $0.name == "Thing" })
        guard case .object(let object) = thing.kind else { throw CancellationError() }
        return Dictionary(uniqueKeysWithValues: object.properties.map { ($0.name, $0) })
    }

    @Test func plainScalarsAreInlinedWithTheirDocAndConstraints() throws {
        let model = try Self.model()
        #expect(model.types.map(\.name).sorted() == ["Status", "Thing"])
        let properties = try Self.properties(model)
        #expect(properties["created"]?.type == .scalar(.dateTime))
        #expect(properties["created"]?.description == "When the object was created.")
        #expect(properties["code"]?.type == .scalar(.string))
        #expect(properties["code"]?.constraints?.pattern == "^[A-Z]+$", "the constraint stays on the use")
        #expect(properties["tags"]?.type == .array(.scalar(.string)))
        #expect(properties["kept"]?.type == .scalar(.int64))
        #expect(properties["status"]?.type == .named("Status"), "an enum is a type of its own")
    }

    @Test func aNameOverrideKeepsTheType() throws {
        let model = try Self.model(overrides: [IRNameOverride(schemaName: "Kept", typeName: "KeptValue")])
        #expect(model.types.map(\.name).sorted() == ["KeptValue", "Status", "Thing"])
        #expect(try Self.properties(model)["kept"]?.type == .named("KeptValue"))
    }
}
