import Foundation
import OktaRuntime
import Testing

/// What the templates generate for a string enum.
enum UserStatus: OktaOpenEnum {
    case active
    case staged
    case lockedOut
    case unknown(String)

    static let allCases: [UserStatus] = [.active, .staged, .lockedOut]

    var rawValue: String {
        switch self {
        case .active: "ACTIVE"
        case .staged: "STAGED"
        case .lockedOut: "LOCKED_OUT"
        case .unknown(let rawValue): rawValue
        }
    }
}

/// An integer-valued open enum.
enum Priority: OktaOpenEnum {
    case low
    case high
    case unknown(Int)

    static let allCases: [Priority] = [.low, .high]

    var rawValue: Int {
        switch self {
        case .low: 1
        case .high: 10
        case .unknown(let rawValue): rawValue
        }
    }
}

@Suite struct OktaOpenEnumTests {
    struct User: Codable, Equatable {
        var id: String
        var status: UserStatus
    }

    @Test func decodesKnownAndUnknownValues() throws {
        let users = try decode(
            [User].self,
            #"[{"id":"00u1","status":"ACTIVE"},{"id":"00u2","status":"ACTIVATING"},"#
                + #"{"id":"00u3","status":"LOCKED_OUT"}]"#
        )
        #expect(users.map(\.status) == [.active, .unknown("ACTIVATING"), .lockedOut])
        #expect(users[1].status.isKnown == false)
        #expect(users[0].status.isKnown)
    }

    @Test func unknownValuesEncodeBackByteForByte() throws {
        let json = #"["ACTIVE","ACTIVATING","weird value ✓","","STAGED"]"#
        let statuses = try decode([UserStatus].self, json)
        #expect(statuses[1] == .unknown("ACTIVATING"))
        #expect(statuses[2] == .unknown("weird value ✓"))
        #expect(try JSONEncoder().encode(statuses) == JSONEncoder().encode(try decode([String].self, json)))
        #expect(String(decoding: try JSONEncoder().encode(statuses), as: UTF8.self).contains("ACTIVATING"))
    }

    @Test func rawValueInitNeverFailsAndNormalizes() {
        #expect(UserStatus(rawValue: "STAGED") == .staged)
        #expect(UserStatus(rawValue: "staged") == .unknown("staged"))
        #expect(UserStatus.unknown("ACTIVE") == .active)
        #expect(Set([UserStatus.unknown("ACTIVE"), .active]).count == 1)
        #expect(UserStatus.allCases.count == 3)
    }

    @Test func integerRawValues() throws {
        let priorities = try decode([Priority].self, "[1, 10, 5]")
        #expect(priorities == [.low, .high, .unknown(5)])
        #expect(try encodeToString(priorities) == "[1,10,5]")
    }

    @Test func wrongRawTypeStillFails() {
        #expect(throws: DecodingError.self) { try decode(UserStatus.self, "42") }
        #expect(throws: DecodingError.self) { try decode(Priority.self, #""high""#) }
    }
}
