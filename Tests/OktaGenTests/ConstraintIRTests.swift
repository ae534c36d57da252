import Foundation
import OktaGenOpenAPI
import OktaGenTestSupport
import Testing

@testable import OktaGenIR

/// The constraints the IR carries for server stubs to check (docs/Validation.md); the fixture
/// `validation.yaml` (3.0) and its IR golden hold the rest.
@Suite struct ConstraintIRTests {
    static func model(_ yaml: String) throws -> IRModel {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("constraints-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("spec.yaml")
        try Data(yaml.utf8).write(to: file)
        let resolver = try SpecResolver.load(path: file.path, displayPath: "spec.yaml")
        return IRBuilder(resolver: resolver, selection: .all).build()
    }

    static let spec31 = """
        openapi: 3.1.0
        info: {title: T, version: '1'}
        paths:
          /things:
            post:
              operationId: makeThing
              parameters:
                - {name: ratio, in: query, schema: {type: number, exclusiveMinimum: 0, exclusiveMaximum: 1}}
                - {name: level, in: query, schema: {type: integer, minimum: 1, exclusiveMinimum: 3}}
              requestBody:
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Thing'}
              responses:
                '204': {description: Done.}
        components:
          schemas:
            Code: {type: string, pattern: '^[A-Z]+$', maxLength: 8}
            Thing:
              type: object
              properties:
                code: {$ref: '#/components/schemas/Code'}
                grid:
                  type: array
                  maxItems: 3
                  items: {type: array, minItems: 2, items: {type: string, minLength: 1}}
                echo: {type: string, pattern: '(a)\\1'}
        """

    @Test func openAPI31ExclusiveBoundsAreNumbers() throws {
        let model = try Self.model(Self.spec31)
        let parameters = try #require(model.operations.first).parameters
        #expect(parameters[0].constraints == IRConstraints(exclusiveMinimum: 0, exclusiveMaximum: 1))
        // An inclusive bound the exclusive one already implies is dropped: one bound, one message.
        #expect(parameters[1].constraints == IRConstraints(exclusiveMinimum: 3))
    }

    @Test func constraintsComeThroughReferencesAndNestedItems() throws {
        let model = try Self.model(Self.spec31)
        guard case .object(let thing)? = model.types.first(where: { $0.name == "Thing" })?.kind else {
            Issue.record("no object Thing")
            return
        }
        let byName = Dictionary(uniqueKeysWithValues: thing.properties.map { ($0.name, $0) })
        #expect(byName["code"]?.constraints == IRConstraints(maxLength: 8, pattern: "^[A-Z]+$"))
        #expect(
            byName["grid"]?.constraints
                == IRConstraints(maxItems: 3, items: IRConstraints(minItems: 2, items: IRConstraints(minLength: 1))))
        // A pattern the run-time engine refuses is not carried (the OpenAPI layer warned about it).
        #expect(byName["echo"]?.constraints == nil)
    }
}
