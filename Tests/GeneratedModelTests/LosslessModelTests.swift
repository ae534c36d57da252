import Foundation
import GoldenLossless
import OktaRuntime
import Testing

/// Decode → encode loses nothing (Fixtures/specs/lossless.yaml, compiled as the GoldenLossless target): unions
/// without a discriminator, discriminated subtypes the spec does not name, redeclared subtype members, readOnly
/// members left out of request bodies, deprecations and titled variants. See docs/Models.md.
@Suite struct LosslessModelTests {
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder.okta.decode(T.self, from: Data(json.utf8))
    }

    static func encode<T: Encodable>(_ value: T, requestBody: Bool = false) throws -> String {
        let encoder = JSONEncoder.okta
        if requestBody { encoder.userInfo[.oktaRequestBody] = true }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// The same JSON value (key order aside).
    static func sameJSON(_ lhs: String, _ rhs: String) throws -> Bool {
        try decode(JSONValue.self, lhs) == decode(JSONValue.self, rhs)
    }

    static let directoryProfile = """
        {"name":"West","description":"West coast","dn":"CN=West,OU=Teams,DC=example,DC=com",\
        "samAccountName":"west","externalId":"VKzYZ1C+IkSZxIWlrW5ITg==",\
        "windowsDomainQualifiedName":"EXAMPLE\\\\west","costCenter":{"code":42,"tags":["a",null]}}
        """

    // MARK: anyOf

    @Test func anyOfKeepsEveryVariantThatDecodesAndLosesNothing() throws {
        let profile = try Self.decode(TeamProfile.self, Self.directoryProfile)
        let directory = try #require(profile.directoryTeamProfile)
        #expect(directory.dn == "CN=West,OU=Teams,DC=example,DC=com")
        #expect(directory.samAccountName == "west")
        #expect(directory.externalId == "VKzYZ1C+IkSZxIWlrW5ITg==")
        #expect(directory.windowsDomainQualifiedName == "EXAMPLE\\west")
        #expect(directory.additionalProperties["costCenter"] == ["code": 42, "tags": ["a", nil]])
        // The local variant has no required member either: it decodes too, and keeps what it does not declare.
        let local = try #require(profile.localTeamProfile)
        #expect(local.name == "West")
        #expect(local.additionalProperties["dn"] == "CN=West,OU=Teams,DC=example,DC=com")
        #expect(profile.unknown == nil)
        #expect(try Self.sameJSON(Self.encode(profile), Self.directoryProfile))
    }

    @Test func anyOfEncodesTheLaterVariantsValueOfASharedMember() throws {
        var profile = try Self.decode(TeamProfile.self, Self.directoryProfile)
        profile.directoryTeamProfile?.samAccountName = "west2"
        profile.localTeamProfile = nil
        let sent = try Self.decode(JSONValue.self, Self.encode(profile))
        #expect(sent["samAccountName"] == "west2")
        #expect(sent["costCenter"] == ["code": 42, "tags": ["a", nil]])
        // Built by hand: one variant.
        let made = TeamProfile(localTeamProfile: LocalTeamProfile(name: "n"))
        #expect(try Self.encode(made) == #"{"name":"n"}"#)
        #expect(try Self.encode(TeamProfile()) == "{}")
    }

    @Test func anyOfWithoutAnyDecodingVariantKeepsTheValue() throws {
        let profile = try Self.decode(TeamProfile.self, #"["not","an","object"]"#)
        #expect(profile.localTeamProfile == nil && profile.directoryTeamProfile == nil)
        #expect(profile.unknown == ["not", "an", "object"])
        #expect(try Self.encode(profile) == #"["not","an","object"]"#)
    }

    // MARK: oneOf without a discriminator

    @Test func oneOfChoosesTheVariantThatDeclaresMostMembers() throws {
        // Both `passcode` variants decode; the second declares `nextPassCode` as well.
        let next = try Self.decode(TokenCheck.self, #"{"passCode":"1","nextPassCode":"2"}"#)
        guard case .passcode2(let both) = next else {
            Issue.record("expected the second passcode variant, got \(next)")
            return
        }
        #expect(both.nextPassCode == "2")
        // `answer` requires `answer`; with it, it explains both members.
        let answer = try Self.decode(TokenCheck.self, #"{"answer":"blue","passCode":"1"}"#)
        guard case .answer(let chosen) = answer else {
            Issue.record("expected the answer variant, got \(answer)")
            return
        }
        #expect(chosen.answer == "blue")
        // A tie goes to the first declared.
        let tie = try Self.decode(TokenCheck.self, #"{"passCode":"1"}"#)
        #expect(tie == .passcode(TokenCheckPasscode(passCode: "1")))
    }

    @Test func oneOfKeepsMembersNoVariantDeclares() throws {
        let json = #"{"extra":[1,2],"passCode":"1"}"#
        let check = try Self.decode(TokenCheck.self, json)
        guard case .passcode(let chosen) = check else {
            Issue.record("expected the first passcode variant, got \(check)")
            return
        }
        #expect(chosen.additionalProperties["extra"] == [1, 2])
        #expect(try Self.encode(check) == json)
        #expect(try Self.decode(TokenCheck.self, "17") == .unknown(17))
    }

    // MARK: Discriminated unions

    @Test func unknownSubtypeStillExposesSharedMembers() throws {
        let json =
            #"{"_links":{"self":{"href":"https://x/t/1"}},"id":"t1","kind":"push","status":"ACTIVE","device":"d"}"#
        let token = try Self.decode(Token.self, json)
        guard case .unknown = token else {
            Issue.record("expected .unknown, got \(token)")
            return
        }
        #expect(token.id == "t1")
        #expect(token.status == "ACTIVE")
        #expect(token.kind == .unknown("push"))
        #expect(token.links?["self"] == ["href": "https://x/t/1"])
        #expect(try Self.sameJSON(Self.encode(token), json))
    }

    @Test func redeclaredDiscriminatorKeepsTheBaseType() throws {
        let sms = try Self.decode(Token.self, #"{"id":"t2","kind":"sms","phoneNumber":"+1555"}"#)
        guard case .smsToken(let value) = sms else {
            Issue.record("expected an SMS token, got \(sms)")
            return
        }
        // `kind` is `TokenKind` (the base's type), not any JSON.
        let kind: TokenKind = value.kind
        #expect(kind == .sms)
        #expect(sms.kind == .sms)
    }

    // MARK: readOnly, writeOnly

    @Test func readOnlyMembersStayOutOfRequestBodiesOnly() throws {
        let json = #"{"created":"2026-01-02T03:04:05.000Z","id":"g1","profile":{"name":"n"}}"#
        let team = try Self.decode(Team.self, json)
        #expect(team.id == "g1")
        #expect(try Self.encode(team) == json)
        #expect(try Self.encode(team, requestBody: true) == #"{"profile":{"name":"n"}}"#)
    }

    @Test func clientAndServerOverLoopbackKeepTheProfileAndDropReadOnlyMembers() async throws {
        struct Handler: TeamsHandler {
            let received: OktaLockedBox<Team?>
            func replaceTeam(_ input: ReplaceTeamInput) async throws -> ReplaceTeamOutput {
                received.value = input.body
                var stored = input.body
                stored.id = input.teamId
                return .ok(stored)
            }
        }
        let transport = LoopbackTransport()
        let received = OktaLockedBox<Team?>(nil)
        try Handler(received: received).registerTeamsHandlerRoutes(on: transport)
        let client = OktaClient(serverURL: URL(string: "https://example.okta.com")!, transport: transport)

        let profile = try Self.decode(TeamProfile.self, Self.directoryProfile)
        var team = Team(profile: profile)
        team.id = "stale-id"
        let response = try await client.teams.replaceTeam(teamId: "g9", body: team)

        let sent = try #require(received.value)
        #expect(sent.id == nil, "a readOnly member is not sent")
        #expect(sent.profile.directoryTeamProfile?.dn == "CN=West,OU=Teams,DC=example,DC=com")
        #expect(sent.profile.directoryTeamProfile?.additionalProperties["costCenter"] != nil)
        #expect(response.body.id == "g9", "responses carry readOnly members")
        #expect(try Self.sameJSON(Self.encode(response.body.profile), Self.directoryProfile))
    }

    // MARK: Titles

    @Test func titledVariantsAreNamedAfterTheirTitles() throws {
        // Compiles only with the names: `TokenCheckPasscode`, `TokenCheckAnswer`, `TokenCheckPasscode2`.
        let values: [TokenCheck] = [
            .passcode(TokenCheckPasscode(passCode: "1")), .answer(TokenCheckAnswer(answer: "a")),
            .passcode2(TokenCheckPasscode2()),
        ]
        #expect(try values.map { try Self.encode($0) } == [#"{"passCode":"1"}"#, #"{"answer":"a"}"#, "{}"])
    }
}

/// A value shared between a test and a handler it installs.
final class OktaLockedBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
