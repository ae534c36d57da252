import Foundation
import OktaRuntime
import OktaUsers
import Testing

@testable import OktaMockKit

/// What okta-mock ignores, accepts and refuses in request bodies (the table in `docs/okta-mock-requests.md`), and
/// which identifiers each path takes.
@Suite struct RequestBodyTests {
    /// A user body as `GET /api/v1/users/{id}` returns it, with every read-only member, nulls included.
    static let userAsRead: JSONValue = [
        "id": "00uOther000000000001", "status": "SUSPENDED", "created": "2020-01-01T00:00:00.000Z",
        "activated": .null, "statusChanged": .null, "lastLogin": .null, "lastUpdated": "2020-01-01T00:00:00.000Z",
        "passwordChanged": .null, "transitioningToStatus": .null,
        "type": ["id": "otyDefault0000000001"],
        "profile": ["login": "ann@example.com", "email": "ann@example.com", "firstName": "Ann", "mobilePhone": .null],
        "credentials": [
            "password": [:], "emails": [["value": "ann@example.com", "status": "VERIFIED", "type": "PRIMARY"]],
            "provider": ["type": "OKTA", "name": .null],
        ],
        "_links": ["self": ["href": "https://example.okta.com/api/v1/users/00u1"]], "_embedded": .null,
    ]

    @Test func readOnlyAndUnknownMembersAreIgnoredWhateverTheyHold() {
        var body = Self.userAsRead.objectValue ?? [:]
        body["somethingNew"] = .null
        body["nested"] = ["deeper": .null]
        #expect(RequestBodyRules.problems(.object(body), shape: .updateUser) == [])
        // On create the provider is writable, so its members may not be null; the other read-only members stay
        // ignored.
        #expect(
            RequestBodyRules.problems(.object(body), shape: .createUser) == [
                "credentials.provider.name: must not be null"
            ])
    }

    @Test(arguments: [
        (RequestBodyShape.updateUser, #"{"type": null}"#, ["type: must not be null"]),
        (
            .updateUser, #"{"realmId": null, "profile": null}"#,
            ["profile: must not be null", "realmId: must not be null"]
        ),
        (
            .updateUser, #"{"credentials": {"password": null, "recovery_question": {"answer": null}}}"#,
            ["credentials.password: must not be null", "credentials.recovery_question.answer: must not be null"]
        ),
        (.updateUser, #"{"profile": {"email": null, "nickName": null}}"#, ["profile.email: must not be null"]),
        (
            .updateUser, #"{"credentials": {"password": {"hash": {"algorithm": "ROT13", "salt": null}}}}"#,
            [
                "credentials.password.hash.salt: must not be null",
                "credentials.password.hash.algorithm: 'ROT13' is not one of BCRYPT, MD5, PBKDF2, SHA-1, SHA-256, SHA-512",
            ]
        ),
        (
            .createUser, #"{"groupIds": null, "credentials": {"provider": {"type": null}}}"#,
            ["credentials.provider.type: must not be null", "groupIds: must not be null"]
        ),
        (
            .changePassword, #"{"oldPassword": null, "newPassword": {"value": null}, "extra": null}"#,
            ["newPassword.value: must not be null", "oldPassword: must not be null"]
        ),
        (
            .userCredentials, #"{"provider": null, "emails": null, "recovery_question": null}"#,
            ["recovery_question: must not be null"]
        ),
    ])
    func writableMembersMayNotBeNull(shape: RequestBodyShape, body: String, causes: [String]) throws {
        let json = try JSONDecoder.okta.decode(JSONValue.self, from: Data(body.utf8))
        #expect(RequestBodyRules.problems(json, shape: shape) == causes)
    }

    @Test func aUserAsReadIsAcceptedBackByPutAndPost() async throws {
        let directory = try TemporaryDirectory()
        let seed = try directory.file("seed.json", Fixture.seed)
        try await RunningMock.run(.mock(seedURL: seed)) { mock in
            for (method, login, name) in [("PUT", "admin@example.com", "Adaline"), ("POST", "admin", "Adela")] {
                let read = try await mock.raw("GET", "/api/v1/users/00uAdmin000000000001")
                #expect(read.status == 200)
                guard case .object(var user) = try JSONDecoder.okta.decode(JSONValue.self, from: read.body),
                    case .object(var profile)? = user["profile"]
                else {
                    Issue.record("not a user")
                    return
                }
                #expect(user["activated"] != nil && user["lastLogin"] == .null && user["_links"] != nil)
                profile["firstName"] = .string(name)
                user["profile"] = .object(profile)
                // Read-only members that say otherwise are ignored too.
                user["status"] = "DEPROVISIONED"
                user["id"] = "00uSomeoneElse000001"
                let text = String(decoding: try JSONEncoder().encode(JSONValue.object(user)), as: UTF8.self)
                let written = try await mock.raw(method, "/api/v1/users/\(login)", body: text)
                #expect(written.status == 200, "\(method): \(String(decoding: written.body, as: UTF8.self))")
                let after = try await mock.client.users.getUser(userId: "00uAdmin000000000001").body
                #expect(after.profile?.firstName == .value(name))
                #expect(after.status == .active)
                #expect(after.profile?.costCenter == .value("R&D"))
            }
        }
    }

    @Test func userIdPathsTakeAnIDOnlyAndIdPathsALoginOrShortname() async throws {
        let directory = try TemporaryDirectory()
        let seed = try directory.file("seed.json", Fixture.seed)
        try await RunningMock.run(.mock(seedURL: seed)) { mock in
            for key in ["00uAdmin000000000001", "admin@example.com", "admin", "me"] {
                #expect(try await mock.raw("GET", "/api/v1/users/\(key)/groups").status == 200, "\(key)")
                let grants = try await mock.raw("GET", "/api/v1/users/\(key)/grants")
                #expect(grants.status == (key.hasPrefix("00u") ? 200 : 404), "\(key)")
            }
            let byLogin = try await expectOktaError {
                try await mock.client.userCredentials.forgotPassword(userId: "admin@example.com", sendEmail: false)
            }
            #expect(byLogin.codeAndCauses == "E0000007")
        }
    }

    /// One request per row of the table in docs/okta-mock-requests.md that the tests above do not send over HTTP: the
    /// decision (ignored, accepted, refused) as the org applies it, in order against one seeded org.
    @Test func eachDecisionOfTheTableHoldsOverHTTP() async throws {
        let directory = try TemporaryDirectory()
        let seed = try directory.file("seed.json", Fixture.seed)
        let admin = "/api/v1/users/00uAdmin000000000001"
        let rows: [(String, String, String, Int, String)] = [
            (
                "POST", "/api/v1/users?activate=false",
                #"{"id": "00uChosen00000000001", "status": "ACTIVE", "activated": null, "lastLogin": null,"#
                    + #" "_links": {"self": {"href": "x"}}, "_embedded": null, "credentials": {"emails": null},"#
                    + #" "somethingNew": {"a": null}, "profile": {"login": "b@example.com", "email": "b@example.com"}}"#,
                200, "create: read-only, credentials.emails and unknown members ignored"
            ),
            (
                "POST", "/api/v1/users",
                #"{"profile": {"login": "c@example.com", "email": "c@example.com"},"#
                    + #" "credentials": {"provider": {"type": "MADE_UP", "name": "x"}}}"#,
                400, "create: an unknown provider type refused"
            ),
            (
                "POST", admin,
                #"{"credentials": {"provider": null, "emails": null}, "type": {"_links": null},"#
                    + #" "profile": {"nickName": "Ada"}}"#,
                200, "update: provider, emails, type._links ignored whatever they hold"
            ),
            ("POST", admin, #"{"profile": {"nickName": null}}"#, 200, "update: null clears a profile attribute"),
            ("POST", admin, #"{"profile": {"login": null}}"#, 400, "update: null refused for login"),
            (
                "POST", admin, #"{"type": {"id": "otyOther000000000001"}}"#, 400,
                "update (POST): another type refused"
            ),
            (
                "POST", admin + "/credentials/change_password",
                #"{"oldPassword": {"value": "Adm1n-Passw0rd"}, "newPassword": {"value": "N3w-Passw0rd!"},"#
                    + #" "revokeSessions": false, "extra": null}"#,
                200, "changePassword: an unknown member ignored"
            ),
            (
                "POST", admin + "/credentials/change_recovery_question",
                #"{"password": {"value": "N3w-Passw0rd!"}, "provider": null, "emails": null,"#
                    + #" "recovery_question": {"question": "Best year?", "answer": "nineteen"}}"#,
                200, "changeRecoveryQuestion: provider and emails ignored"
            ),
            (
                "POST", admin + "/credentials/change_recovery_question",
                #"{"password": {"value": "N3w-Passw0rd!"}, "recovery_question": null}"#, 400,
                "changeRecoveryQuestion: null recovery_question refused"
            ),
        ]
        try await RunningMock.run(.mock(seedURL: seed)) { mock in
            for (method, path, body, status, decision) in rows {
                let answer = try await mock.raw(method, path, body: body)
                #expect(answer.status == status, "\(decision): \(String(decoding: answer.body, as: UTF8.self))")
            }
            // The create ignored the ID and status it was sent; the update kept the stored type.
            let created = try await mock.client.users.getUser(userId: "b@example.com").body
            #expect(created.id != "00uChosen00000000001" && created.status == .staged)
            let after = try await mock.client.users.getUser(userId: "00uAdmin000000000001").body
            #expect(after.profile?.nickName != .value("Ada") && after.type?.id != "otyOther000000000001")
        }
    }
}
