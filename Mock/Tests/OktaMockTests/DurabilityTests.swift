import Foundation
import OktaRuntime
import OktaUsers
import Testing

@testable import OktaMockKit

/// `--state`: every change survives a restart; a corrupt file is refused and left alone. `--seed`: checked.
@Suite struct DurabilityTests {
    @Test func aRestartOnTheSameStateFileResumes() async throws {
        let directory = try TemporaryDirectory()
        let stateURL = directory.url.appendingPathComponent("org.json")
        struct Snapshot: Sendable {
            var users: [User]
            var grants: Int
        }
        let before = try await RunningMock.run(.mock(stateURL: stateURL)) { mock in
            let users = mock.client.users
            let ann = try await users.createUser(
                body: Fixture.createBody("ann@example.com", password: "Sup3r-Secret", extra: ["badge": 7])
            ).body
            let bob = try await users.createUser(activate: false, body: Fixture.createBody("bob@example.com")).body
            _ = try await mock.client.userLifecycle.suspendUser(userId: try #require(ann.id))
            _ = try await users.updateUser(
                userId: try #require(bob.id), body: UpdateUserRequest(profile: UserProfile(title: .value("Chief"))))
            return try await users.listUsers().body
        }
        #expect(before.count == 2)
        #expect(FileManager.default.fileExists(atPath: stateURL.path))
        // Only the state file is left in the directory: the temporary files were renamed over it.
        #expect(directory.fileNames == ["org.json"])

        try await RunningMock.run(.mock(stateURL: stateURL)) { mock in
            let after = try await mock.client.users.listUsers().body
            // Everything but the links, whose host names the new port.
            func withoutLinks(_ users: [User]) -> [User] {
                users.map {
                    var user = $0
                    user.links = nil
                    return user
                }
            }
            #expect(withoutLinks(after) == withoutLinks(before))
            #expect(
                after.first?.links?.selfLink?.href
                    == "\(mock.baseURL.absoluteString)/api/v1/users/\(after.first?.id ?? "")")
            #expect(after.map(\.status) == [.suspended, .staged])
            #expect(after.last?.profile?.title == .value("Chief"))
            #expect(after.first?.profile?.additionalProperties["badge"] == 7)
            // The password survived too: it is the old password of a change.
            let annID = try #require(after.first?.id)
            _ = try await mock.client.userLifecycle.unsuspendUser(userId: annID)
            _ = try await mock.client.userCredentials.changePassword(
                userId: annID,
                body: ChangePasswordRequest(
                    newPassword: PasswordCredential(value: "Next-Passw0rd"),
                    oldPassword: PasswordCredential(value: "Sup3r-Secret")))
            // New IDs keep coming after the old ones.
            let carl = try await mock.client.users.createUser(body: Fixture.createBody("carl@example.com")).body
            #expect(try #require(carl.id) > (after.last?.id ?? ""))
            #expect(try #require(carl.created) > (after.compactMap(\.lastUpdated).max() ?? .distantFuture))
        }
    }

    @Test func temporaryFilesOfAKilledMockAreRemovedAndNothingElse() async throws {
        let directory = try TemporaryDirectory()
        let stateURL = directory.url.appendingPathComponent("org.json")
        let live = ".org.json.\(getpid()).abcdEFG1.tmp"
        for name in [
            ".org.json.2147483647.abcdEFG1.tmp", live, ".org.json.notes.tmp", ".other.json.2147483647.abcdEFG1.tmp",
        ] {
            _ = try directory.file(name, "{")
        }
        let logs = LogRecorder()
        _ = try await OktaMockServer(configuration: OktaMockConfiguration(stateURL: stateURL), logger: logs.logger())
        #expect(
            directory.fileNames
                == [live, ".org.json.notes.tmp", ".other.json.2147483647.abcdEFG1.tmp", "org.json"].sorted())
        #expect(logs.lines.contains { $0.contains("removed temporary files an earlier okta-mock left unfinished") })
    }

    @Test func theStateFileIsAnEnvelopedJSONObject() async throws {
        let directory = try TemporaryDirectory()
        let stateURL = directory.url.appendingPathComponent("org.json")
        _ = try await OktaMockServer(
            configuration: OktaMockConfiguration(stateURL: stateURL), logger: LogRecorder().logger())
        let json = try JSONDecoder.okta.decode(JSONValue.self, from: Data(contentsOf: stateURL))
        #expect(json["format"] == "okta-mock-state")
        #expect(json["version"] == 1)
        #expect(json["state"]?["users"] == [:])
    }

    /// Files okta-mock must refuse, and the message it gives.
    static let corruptFiles: [(String, String)] = [
        ("", "the file is empty"),
        ("{\"format\": \"okta-mock-state\", \"version\": 1, \"state\": {\"users\": ", "it is not a JSON object"),
        ("[1, 2, 3]", "it is not a JSON object"),
        (#"{"users": {}}"#, #"it has no "format": "okta-mock-state" member, so it is not an okta-mock state"#),
        (#"{"format": "okta-mock-state"}"#, #"it has no "version" member"#),
        (#"{"format": "okta-mock-state", "version": 1, "state": {"users": []}}"#, "state.users: expected an object"),
        (#"{"format": "okta-mock-state", "version": 1, "state": {}}"#, "state.users: the member is required"),
    ]

    @Test(arguments: corruptFiles)
    func aCorruptStateFileIsRefusedAndLeftAlone(_ content: String, _ reason: String) async throws {
        let directory = try TemporaryDirectory()
        let stateURL = try directory.file("org.json", content)
        await #expect(throws: OktaMockError.corruptStateFile(path: stateURL.path, reason: reason)) {
            try await OktaMockServer(
                configuration: OktaMockConfiguration(stateURL: stateURL), logger: LogRecorder().logger())
        }
        #expect(try String(contentsOf: stateURL, encoding: .utf8) == content)
        let error = OktaMockError.corruptStateFile(path: stateURL.path, reason: reason)
        #expect(
            error.description
                == "the state file \(stateURL.path) is corrupt: \(reason). It was left untouched; repair it, or move "
                + "it away to start from an empty org.")
    }

    @Test func aNewerStateVersionIsRefused() async throws {
        let directory = try TemporaryDirectory()
        let stateURL = try directory.file("org.json", #"{"format": "okta-mock-state", "version": 2, "state": {}}"#)
        await #expect(throws: OktaMockError.unsupportedStateVersion(path: stateURL.path, version: 2)) {
            try await OktaMockServer(
                configuration: OktaMockConfiguration(stateURL: stateURL), logger: LogRecorder().logger())
        }
    }

    @Test func theStateFileWinsOverTheSeed() async throws {
        let directory = try TemporaryDirectory()
        let stateURL = directory.url.appendingPathComponent("org.json")
        let seed = try directory.file("seed.json", Fixture.seed)
        let first = try await OktaMockServer(
            configuration: OktaMockConfiguration(stateURL: stateURL, seedURL: seed), logger: LogRecorder().logger())
        #expect(await first.userCount == 3)
        _ = try await first.store.deleteUser("00uPlus0000000000001")
        _ = try await first.store.deleteUser("00uPlus0000000000001")
        let logs = LogRecorder()
        let second = try await OktaMockServer(
            configuration: OktaMockConfiguration(stateURL: stateURL, seedURL: seed), logger: logs.logger())
        #expect(await second.userCount == 2)
        #expect(logs.lines.contains { $0.contains("the state file exists, so --seed is ignored") })
    }

    /// Seeds okta-mock must refuse, and why.
    static let invalidSeeds: [(String, String)] = [
        ("[]", "the top level must be a JSON object"),
        (#"{"userz": []}"#, "unknown member 'userz' (expected clients, groups, me, serviceApps, users)"),
        (#"{"users": [{"profile": {}}]}"#, "users[0].profile.login: the member is required"),
        (
            #"{"users": [{"profile": {"login": "a@example.com"}}, {"profile": {"login": "A@example.com"}}]}"#,
            "users[1].profile.login: 'A@example.com' is used twice"
        ),
        (
            #"{"users": [{"profile": {"login": "a@example.com"}, "pasword": "x"}]}"#,
            "users[0]: unknown member 'pasword' (expected appLinks, blocks, devices, enrolledFactors, grants, "
                + "groupIds, id, lastLogin, password, profile, provider, recoveryQuestion, refreshTokens, sessions, "
                + "status, type)"
        ),
        (
            #"{"users": [{"profile": {"login": "a@example.com"}, "#
                + #""grants": [{"clientId": "0oaX", "scopeId": "s", "issuer": "i"}]}]}"#,
            "users[0].grants[0].clientId: '0oaX' is not one of the seed's clients"
        ),
        (
            #"{"users": [{"profile": {"login": "a@example.com"}, "groupIds": ["00gX"]}]}"#,
            "users[0].groupIds: '00gX' is not one of the seed's groups"
        ),
        (#"{"me": "ghost@example.com"}"#, "me: no seeded user has the login or id 'ghost@example.com'"),
        (
            #"{"users": [{"profile": {"login": "a@example.com"}, "status": "ASLEEP"}]}"#,
            "users[0].status: 'ASLEEP' is not a user status"
        ),
        (#"{"users": [{"profile": {"login": 5}}]}"#, "users[0].profile.login: expected a string"),
    ]

    @Test(arguments: invalidSeeds)
    func anInvalidSeedIsRefusedWithItsReason(_ content: String, _ reason: String) async throws {
        let directory = try TemporaryDirectory()
        let seed = try directory.file("seed.json", content)
        await #expect(throws: OktaMockError.invalidSeed(path: seed.path, reason: reason)) {
            try await OktaMockServer(
                configuration: OktaMockConfiguration(seedURL: seed), logger: LogRecorder().logger())
        }
    }

    @Test func aChangeThatCannotBeSavedIsNotMade() async throws {
        let directory = try TemporaryDirectory()
        let stateURL = directory.url.appendingPathComponent("org.json")
        let server = try await OktaMockServer(
            configuration: OktaMockConfiguration(stateURL: stateURL), logger: LogRecorder().logger())
        // A directory where the file should be makes the rename fail.
        try FileManager.default.removeItem(at: stateURL)
        try FileManager.default.createDirectory(at: stateURL, withIntermediateDirectories: false)
        let error = await #expect(throws: OktaErrorResponse.self) {
            _ = try await server.store.createUser(
                Fixture.createBody("lost@example.com"), activate: true, nextLogin: nil)
        }
        #expect(error?.status == .internalServerError)
        #expect(error?.error.errorCode == "E0000009")
        #expect(await server.userCount == 0)
        #expect(directory.fileNames == ["org.json"])
    }
}
