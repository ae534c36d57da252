import Foundation
import OktaRuntime
import Testing

@Suite struct OktaNullableTests {
    /// A partial-update body as generated, relying on synthesized `Codable`.
    struct ProfilePatch: Codable, Equatable {
        var firstName: OktaNullable<String> = .absent
        var mobilePhone: OktaNullable<String> = .absent
        var employeeNumber: OktaNullable<Int> = .absent
        var login: String?
    }

    @Test func encodesTheThreeStates() throws {
        var patch = ProfilePatch()
        #expect(try encodeToString(patch) == "{}")
        patch.firstName = .value("Ann")
        patch.mobilePhone = .null
        #expect(try encodeToString(patch) == #"{"firstName":"Ann","mobilePhone":null}"#)
        patch.employeeNumber = OktaNullable(nil)
        #expect(try encodeToString(patch) == #"{"employeeNumber":null,"firstName":"Ann","mobilePhone":null}"#)
    }

    @Test func decodesTheThreeStates() throws {
        let patch = try decode(ProfilePatch.self, #"{"firstName":"Ann","mobilePhone":null}"#)
        #expect(patch.firstName == .value("Ann"))
        #expect(patch.mobilePhone == .null)
        #expect(patch.employeeNumber == .absent)
        #expect(patch.login == nil)
    }

    @Test(arguments: [
        ProfilePatch(),
        ProfilePatch(firstName: .value("Ann"), mobilePhone: .null, employeeNumber: .absent),
        ProfilePatch(firstName: .null, mobilePhone: .value(""), employeeNumber: .value(7), login: "a@b.c"),
    ])
    func roundTrips(_ patch: ProfilePatch) throws {
        let decoded = try JSONDecoder.okta.decode(ProfilePatch.self, from: JSONEncoder.okta.encode(patch))
        #expect(decoded == patch)
    }

    @Test func wrongTypeIsStillAnError() {
        #expect(throws: DecodingError.self) { try decode(ProfilePatch.self, #"{"employeeNumber":"seven"}"#) }
    }

    @Test func optionalWrapperBehavesLikeNonOptional() throws {
        struct Wrapped: Codable {
            var nickName: OktaNullable<String>?
        }
        #expect(try encodeToString(Wrapped(nickName: nil)) == "{}")
        #expect(try encodeToString(Wrapped(nickName: .absent)) == "{}")
        #expect(try encodeToString(Wrapped(nickName: .null)) == #"{"nickName":null}"#)
        #expect(try decode(Wrapped.self, "{}").nickName == .absent)
        #expect(try decode(Wrapped.self, #"{"nickName":null}"#).nickName == .null)
    }

    @Test func standaloneValuesCodeAsNullOrValue() throws {
        let values: [OktaNullable<Int>] = [.value(1), .null, .absent]
        #expect(try encodeToString(values) == "[1,null,null]")
        #expect(try decode([OktaNullable<Int>].self, "[1,null]") == [.value(1), .null])
    }

    @Test func helpers() {
        let value = OktaNullable("x")
        #expect(value.value == "x" && value.isPresent && !value.isNull && !value.isAbsent)
        #expect(OktaNullable<String>.null.isNull && OktaNullable<String>.null.isPresent)
        #expect(OktaNullable<String>.absent.isAbsent && OktaNullable<String>.absent.value == nil)
        #expect(value.map(\.count) == .value(1))
        #expect(OktaNullable<String>.null.map(\.count) == .null)
        #expect(OktaNullable<String>.absent.map(\.count) == .absent)
        #expect("\(value) \(OktaNullable<Int>.null) \(OktaNullable<Int>.absent)" == "x null absent")
    }
}
