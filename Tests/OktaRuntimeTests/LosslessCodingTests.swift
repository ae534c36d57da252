import Foundation
import OktaRuntime
import Testing

/// The runtime pieces generated unions and lists lean on: lenient elements, the best-variant choice, merged
/// encoding, members of `.unknown` values and the request-body marker.
@Suite struct LosslessCodingTests {
    struct Item: Codable, Hashable {
        var id: String
        var count: Int
    }

    @Test func lenientListKeepsTheElementsThatDecodeAndReportsTheOthers() throws {
        let json = #"[{"count":1,"id":"a"},{"count":"two","id":"b"},{"count":3,"id":"c"}]"#
        let page = try JSONDecoder.okta.decode([OktaLenient<Item>].self, from: Data(json.utf8))
        #expect(page.oktaValues() == [Item(id: "a", count: 1), Item(id: "c", count: 3)])
        let failures = page.oktaFailures()
        #expect(failures.map(\.index) == [1])
        #expect(failures.first?.failure.json == ["id": "b", "count": "two"])
        #expect(failures.first?.failure.reason.isEmpty == false)
        // A failed element goes back as received.
        #expect(String(decoding: try JSONEncoder.okta.encode(page), as: UTF8.self) == json)
    }

    /// A tiny union to drive `OktaVariantChoice` as generated code does.
    enum Choice: Decodable, Equatable {
        case short(String)
        case long(String)
        case none

        init(from decoder: any Decoder) throws {
            var choice = OktaVariantChoice<Self>(decoder)
            choice.offer(.short("a"), declaring: ["a"])
            choice.offer(.long("a+b"), declaring: ["a", "b"])
            choice.offer(.short("again"), declaring: ["a", "b"])
            self = choice.best ?? .none
        }
    }

    @Test func variantChoiceTakesTheFewestUndeclaredMembersThenTheFirst() throws {
        #expect(try JSONDecoder().decode(Choice.self, from: Data(#"{"a":1,"b":2}"#.utf8)) == .long("a+b"))
        #expect(try JSONDecoder().decode(Choice.self, from: Data(#"{"a":1}"#.utf8)) == .short("a"))
        #expect(try JSONDecoder().decode(Choice.self, from: Data("5".utf8)) == .short("a"))
    }

    struct Pair: Encodable {
        var first: Item?
        var second: [String: Int]?
        func encode(to encoder: any Encoder) throws {
            struct Extra: Encodable {
                var values: [String: Int]
                func encode(to encoder: any Encoder) throws { try encoder.oktaEncodeAdditionalProperties(values) }
            }
            try encoder.oktaEncodeMerged([first, second.map(Extra.init)])
        }
    }

    @Test func mergedEncodingWritesEveryVariantIntoOneObjectTheLaterWinning() throws {
        let both = Pair(first: Item(id: "x", count: 1), second: ["count": 2, "extra": 3])
        #expect(
            String(decoding: try JSONEncoder.okta.encode(both), as: UTF8.self) == #"{"count":2,"extra":3,"id":"x"}"#)
        #expect(String(decoding: try JSONEncoder.okta.encode(Pair()), as: UTF8.self) == "{}")
    }

    @Test func memberOfAnUnknownValueDecodesAsTheModelWould() {
        let value: JSONValue = ["id": "t1", "created": "2026-01-02T03:04:05.000Z", "gone": nil, "count": "x"]
        #expect(value.oktaMember("id", as: String.self) == "t1")
        #expect(value.oktaMember("created", as: Date.self) == OktaDateCoding.parseTimestamp("2026-01-02T03:04:05Z"))
        #expect(value.oktaMember("gone", as: String.self) == nil)
        #expect(value.oktaMember("count", as: Int.self) == nil)
        #expect(JSONValue.string("s").oktaMember("id", as: String.self) == nil)
    }

    struct Marked: Encodable {
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(encoder.oktaEncodesRequestBody)
        }
    }

    @Test func requestBodyMarkerIsOnlySetWhereTheClientSetsIt() throws {
        #expect(String(decoding: try JSONEncoder.okta.encode(Marked()), as: UTF8.self) == "false")
        let encoder = JSONEncoder.okta
        encoder.userInfo[.oktaRequestBody] = true
        #expect(String(decoding: try encoder.encode(Marked()), as: UTF8.self) == "true")
    }
}
