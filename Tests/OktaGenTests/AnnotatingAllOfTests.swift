import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI
import Testing

/// A component schema that is `allOf` one `$ref` plus annotations is the referenced type (docs/Naming.md, "Schemas
/// that add no type"): Okta's `HrefObjectSelfLink` is `HrefObject`; a schema that adds to the shape stays a type.
@Suite struct AnnotatingAllOfTests {
    static let spec = """
        openapi: 3.0.3
        info: {title: Links, version: '1'}
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
                      schema: {$ref: '#/components/schemas/Links'}
        components:
          schemas:
            Links:
              type: object
              properties:
                self: {$ref: '#/components/schemas/HrefObjectSelfLink'}
                activate: {$ref: '#/components/schemas/HrefObjectActivateLink'}
                next: {$ref: '#/components/schemas/HrefObjectNextLink'}
                pet: {$ref: '#/components/schemas/Cat'}
                shape: {$ref: '#/components/schemas/Shape'}
            HrefObject:
              type: object
              additionalProperties: true
              properties:
                href: {type: string}
            HrefObjectSelfLink:
              allOf:
                - $ref: '#/components/schemas/HrefObject'
                - description: Link to the resource itself.
            HrefObjectActivateLink:
              description: Link that activates the resource.
              allOf:
                - $ref: '#/components/schemas/HrefObject'
                - readOnly: true
            HrefObjectNextLink:
              allOf:
                - $ref: '#/components/schemas/HrefObject'
                - type: object
                  properties:
                    cursor: {type: string}
            Pet:
              type: object
              required: [kind]
              properties:
                kind: {type: string}
              discriminator:
                propertyName: kind
                mapping:
                  cat: '#/components/schemas/Cat'
            Cat:
              allOf:
                - $ref: '#/components/schemas/Pet'
                - description: A cat.
            Shape:
              type: object
              required: [kind]
              properties:
                kind: {type: string}
              discriminator:
                propertyName: kind
                mapping:
                  circle: '#/components/schemas/Circle'
                  square: '#/components/schemas/Square'
            SimpleShape:
              allOf:
                - $ref: '#/components/schemas/Shape'
                - type: object
                  properties:
                    size: {type: integer}
            Circle:
              allOf:
                - $ref: '#/components/schemas/SimpleShape'
            Square:
              allOf:
                - $ref: '#/components/schemas/SimpleShape'
                - description: A square.
        """

    @Test func annotatingAllOfIsTheReferencedType() throws {
        let loaded = FixtureSupport.load(bytes: Array(Self.spec.utf8), as: "links.yaml")
        let resolver = try #require(loaded.resolver, "\(loaded.diagnostics)")
        let model = IRBuilder(resolver: resolver, selection: .all).build()
        #expect(!resolver.diagnostics.hasErrors, "\(resolver.diagnostics.diagnostics)")
        #expect(
            Set(model.types.map(\.name)) == [
                "Links", "HrefObject", "HrefObjectNextLink", "Cat", "Shape", "Circle", "Square",
            ])
        let links = try #require(model.types.first { $0.name == "Links" })
        guard case .object(let object) = links.kind else {
            Issue.record("Links is not an object")
            return
        }
        let properties = Dictionary(uniqueKeysWithValues: object.properties.map { ($0.name, $0) })
        #expect(properties["self"]?.type == .named("HrefObject"))
        #expect(properties["self"]?.description == "Link to the resource itself.")
        #expect(properties["activate"]?.type == .named("HrefObject"))
        #expect(properties["activate"]?.description == "Link that activates the resource.")
        #expect(properties["activate"]?.readOnly == true, "an annotating member's readOnly reaches the use")
        #expect(properties["next"]?.type == .named("HrefObjectNextLink"), "a member that adds a property")
        #expect(properties["pet"]?.type == .named("Cat"), "a subtype of a discriminated base")
        let shape = try #require(model.types.first { $0.name == "Shape" })
        guard case .union(let union) = shape.kind else {
            Issue.record("Shape is not a union")
            return
        }
        #expect(
            union.variants.map(\.type) == [.named("Circle"), .named("Square")],
            "a mapped subtype that adds only its discriminator value is still a subtype")
    }
}
