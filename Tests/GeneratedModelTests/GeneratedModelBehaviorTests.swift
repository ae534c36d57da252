import Foundation
import GoldenComposition
import OktaRuntime
import Testing

/// The generated models behave as the IR says: discriminated unions, inheritance, open enums, tri-state
/// nullables, recursion and free-form members — exercised through JSON, on the compiled golden output.
@Suite struct GeneratedModelBehaviorTests {
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder.okta.decode(T.self, from: Data(json.utf8))
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder.okta
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func discriminatorMappingSelectsTheVariant() throws {
        let box = try Self.decode(Shape.self, #"{"kind":"box","side":3}"#)
        guard case .square(let square) = box else {
            Issue.record("expected a square, got \(box)")
            return
        }
        #expect(square.side == 3)
        let circle = try Self.decode(Shape.self, #"{"kind":"circle","radius":1.5}"#)
        #expect(circle == .circle(Circle(kind: "circle", radius: 1.5)))
        let unknown = try Self.decode(Shape.self, #"{"kind":"hexagon","sides":6}"#)
        #expect(unknown == .unknown(["kind": "hexagon", "sides": 6]))
        #expect(try Self.encode(box) == #"{"kind":"box","side":3}"#)
    }

    @Test func inheritanceStyleBaseDecodesItsSubtypes() throws {
        let pet = try Self.decode(Pet.self, #"{"petType":"CAT","name":"Tom","lives":7}"#)
        guard case .cat(let cat) = pet else {
            Issue.record("expected a cat, got \(pet)")
            return
        }
        #expect(cat.lives == 7)
        #expect(pet.name == "Tom")
        #expect(pet.petType == "CAT")
    }

    /// Okta's factor subtypes in miniature: `Cat` redeclares `petType` without a type and keeps the base's `String`,
    /// and a subtype goes through the generated server and client as itself, nothing dropped.
    @Test func aSubtypeThatRedeclaresItsDiscriminatorCrossesTheWire() async throws {
        struct Handler: PetsHandler {
            func getPet(_ input: GetPetInput) async throws -> GetPetOutput {
                .ok(.cat(Cat(petType: "CAT", name: "Tom", lives: 7)))
            }
        }
        let transport = LoopbackTransport()
        try Handler().registerPetsHandlerRoutes(on: transport)
        let client = OktaClient(serverURL: URL(string: "https://example.okta.com")!, transport: transport)
        let pet = try await client.pets.getPet(petId: "p1").body
        guard case .cat(let cat) = pet else {
            Issue.record("expected a cat, got \(pet)")
            return
        }
        let petType: String = cat.petType
        #expect(petType == "CAT")
        #expect(cat.lives == 7)
        #expect(try Self.encode(pet) == #"{"lives":7,"name":"Tom","petType":"CAT"}"#)
    }

    @Test func anyOfTriesVariantsInOrder() throws {
        #expect(try Self.decode(FlexibleValue.self, #""text""#) == .string("text"))
        #expect(try Self.decode(FlexibleValue.self, "42") == .integer(42))
        #expect(try Self.decode(FlexibleValue.self, #"{"name":"n"}"#) == .named(Named(name: "n")))
    }

    @Test func triStateNullableEncodesAbsentNullAndValue() throws {
        #expect(try Self.encode(Forest()) == "{}")
        #expect(try Self.encode(Forest(note: .null)) == #"{"note":null}"#)
        #expect(try Self.encode(Forest(note: .value("hi"))) == #"{"note":"hi"}"#)
        #expect(try Self.decode(Forest.self, #"{"note":null}"#).note == .null)
        #expect(try Self.decode(Forest.self, "{}").note == .absent)
    }

    @Test func recursiveTypesRoundTrip() throws {
        let json = #"{"children":[{"value":"leaf"}],"parent":{"value":"root"},"value":"middle"}"#
        let node = try Self.decode(TreeNode.self, json)
        #expect(node.parent?.value == "root")
        #expect(node.children?.first?.value == "leaf")
        #expect(try Self.encode(node) == json)
        let ping = try Self.decode(Ping.self, #"{"pong":{"ping":{}}}"#)
        #expect(ping.pong?.ping == Ping())
    }

    @Test func allOfFlattenedStructKeepsEveryProperty() throws {
        let audited = try Self.decode(Audited.self, #"{"name":"n","created":"2013-06-24T16:39:18.000Z","auditor":"a"}"#)
        #expect(audited.name == "n")
        #expect(audited.auditor == "a")
        #expect(audited.created == OktaDateCoding.parseTimestamp("2013-06-24T16:39:18Z"))
        // readOnly properties are optional: a request need not send them.
        #expect(try Self.encode(Audited(name: "n", auditor: "a")) == #"{"auditor":"a","name":"n"}"#)
    }

    @Test func freeFormAndNestedContainers() throws {
        let forest = try Self.decode(
            Forest.self, #"{"matrix":[[1,2],[3]],"metadata":{"a":[true,null]},"counts":{"x":1},"anything":"s"}"#)
        #expect(forest.matrix == [[1, 2], [3]])
        #expect(forest.metadata?["a"] == [true, nil])
        #expect(forest.counts == ["x": 1])
        #expect(forest.anything == "s")
    }
}
