import Foundation
import OktaRuntime
import Testing

@Suite struct JSONValueTests {
    @Test func decodesEveryKindOfValue() throws {
        let value = try decode(
            JSONValue.self,
            #"{"s":"x","t":true,"i":42,"big":-9007199254740993,"d":1.5,"n":null,"a":[1,"two",[]],"o":{"k":{}}}"#
        )
        #expect(value["s"] == .string("x"))
        #expect(value["t"] == .bool(true))
        #expect(value["i"] == .int(42))
        #expect(value["big"] == .int(-9_007_199_254_740_993))
        #expect(value["d"] == .double(1.5))
        #expect(value["n"] == .null)
        #expect(value["a"] == [1, "two", []])
        #expect(value["o"]?["k"] == .object(JSONObject()))
        #expect(value["missing"] == nil)
    }

    @Test func numbersBeyondInt64BecomeDoubles() throws {
        let value = try decode(JSONValue.self, "[18446744073709551616, 2.5e-3]")
        #expect(value[0] == .double(18_446_744_073_709_551_616))
        #expect(value[1] == .double(0.0025))
    }

    @Test func roundTripsThroughJSON() throws {
        let original: JSONValue = [
            "profile": ["login": "ann@example.com", "tags": ["a", "b"], "age": 42, "score": 9.75],
            "active": true,
            "manager": nil,
        ]
        let json = try encodeToString(original)
        #expect(
            json == #"{"active":true,"manager":null,"profile":{"age":42,"login":"ann@example.com","#
                + #""score":9.75,"tags":["a","b"]}}"#
        )
        #expect(try decode(JSONValue.self, json) == original)
    }

    @Test func accessorsAndSubscripts() {
        let value: JSONValue = ["list": [1, 2.0, "3"], "flag": false, "name": "x"]
        #expect(value["list"]?[0]?.intValue == 1)
        #expect(value["list"]?[1]?.intValue == 2)
        #expect(value["list"]?[1]?.doubleValue == 2.0)
        #expect(value["list"]?[2]?.stringValue == "3")
        #expect(value["list"]?[3] == nil)
        #expect(value["list"]?[-1] == nil)
        #expect(value["flag"]?.boolValue == false)
        #expect(value["name"]?.boolValue == nil)
        #expect(value["list"]?.arrayValue?.count == 3)
        #expect(value.objectValue?.keys == ["list", "flag", "name"])
        #expect(JSONValue.null.isNull)
        #expect(!JSONValue.int(0).isNull)
        #expect(JSONValue.string("x")[0] == nil)
        #expect(JSONValue.double(1.5).intValue == nil)
    }

    @Test func objectKeepsInsertionOrderAndComparesUnordered() {
        var object: JSONObject = ["zeta": 1, "alpha": 2]
        object["mid"] = 3
        object["zeta"] = 4
        #expect(object.keys == ["zeta", "alpha", "mid"])
        #expect(object.map(\.value) == [4, 2, 3])
        #expect(JSONValue.object(object).description == #"{"zeta":4,"alpha":2,"mid":3}"#)

        object["alpha"] = nil
        #expect(object.keys == ["zeta", "mid"])
        #expect(object.removeValue(forKey: "absent") == nil)

        let reordered: JSONObject = ["mid": 3, "zeta": 4]
        #expect(object == reordered)
        #expect(object.hashValue == reordered.hashValue)
        #expect(Set([JSONValue.object(object), .object(reordered)]).count == 1)
    }

    @Test func duplicateKeysKeepFirstPositionAndLastValue() {
        let object = JSONObject([("a", 1), ("b", 2), ("a", 3)])
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == 3)
    }

    @Test func descriptionEscapesStrings() {
        let value: JSONValue = ["q\"": "line\nbreak\\tab\t\u{01}"]
        #expect(value.description == #"{"q\"":"line\nbreak\\tab\t\u0001"}"#)
    }

    @Test func convertsToAndFromTypedValues() throws {
        struct Profile: Codable, Equatable {
            var login: String
            var lastLogin: Date
        }
        let profile = Profile(login: "ann", lastLogin: Date(timeIntervalSince1970: 1_372_091_958))
        let value = try JSONValue(encoding: profile)
        #expect(value["lastLogin"] == "2013-06-24T16:39:18.000Z")
        #expect(try value.decode(as: Profile.self) == profile)
        #expect(throws: DecodingError.self) { try JSONValue.string("x").decode(as: Profile.self) }
    }
}
