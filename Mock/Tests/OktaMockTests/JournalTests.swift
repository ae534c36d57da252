import Foundation
import OktaRuntime
import OktaUsers
import Testing

@testable import OktaMockKit

/// `GET`/`DELETE /__mock/requests` and `POST /__mock/reset`.
@Suite struct JournalTests {
    /// The journal, read over HTTP.
    static func journal(_ mock: RunningMock) async throws -> [JournalEntry] {
        let answer = try await mock.raw("GET", "/__mock/requests")
        #expect(answer.status == 200)
        return try JSONDecoder.okta.decode([JournalEntry].self, from: answer.body)
    }

    @Test func theJournalListsWhatWasSentWithoutTheTokenOrSecrets() async throws {
        try await RunningMock.run { mock in
            let created = try await mock.client.users.createUser(
                activate: false,
                body: Fixture.createBody(
                    "jo@example.com", password: "Sup3r-Secret-Pw", question: ("Colour?", "teal-secret")))
            let id = try #require(created.body.id)
            _ = try await mock.raw("GET", "/api/v1/users?limit=1&search=profile.login%20eq%20%22jo%40example.com%22")
            _ = try await mock.raw("GET", "/api/v1/users/\(id)", authorization: "SSWS wrong")
            let entries = try await Self.journal(mock)
            #expect(entries.map(\.method) == ["POST", "GET", "GET"])
            #expect(entries.map(\.path) == ["/api/v1/users", "/api/v1/users", "/api/v1/users/\(id)"])
            #expect(entries.map(\.status) == [200, 200, 401])
            #expect(entries[0].query == "activate=false")
            #expect(entries[1].query == "limit=1&search=profile.login%20eq%20%22jo%40example.com%22")
            #expect(entries[0].requestId == created.metadata.requestID)
            #expect(entries.map(\.sequence) == [1, 2, 3])
            #expect(entries[0].headers["content-type"]?.hasPrefix("application/json") == true)
            let everything = String(decoding: try JSONEncoder.okta.encode(entries), as: UTF8.self)
            for secret in ["Sup3r-Secret-Pw", "teal-secret", RunningMock.token, "SSWS", "wrong"] {
                #expect(!everything.contains(secret), "\(secret) is in the journal")
            }
            let body = try #require(entries[0].body)
            let json = try JSONDecoder.okta.decode(JSONValue.self, from: Data(body.utf8))
            #expect(json["credentials"]?["password"]?["value"] == "[REDACTED]")
            #expect(json["credentials"]?["recovery_question"]?["answer"] == "[REDACTED]")
            #expect(json["credentials"]?["recovery_question"]?["question"] == "Colour?")
            #expect(json["profile"]?["login"] == "jo@example.com")
            #expect(entries[1].body == nil && !entries[0].bodyTruncated)

            // Reading the journal is not journaled; clearing empties it, and numbering goes on.
            #expect(try await mock.raw("DELETE", "/__mock/requests").status == 204)
            #expect(try await Self.journal(mock).isEmpty)
            _ = try await mock.raw("GET", "/api/v1/users/\(id)")
            #expect(try await Self.journal(mock).map(\.sequence) == [4])
            #expect(await mock.server.receivedRequests.map(\.sequence) == [4])
        }
    }

    @Test func theControlEndpointsNeedTheToken() async throws {
        try await RunningMock.run { mock in
            let endpoints = [("GET", "/__mock/requests"), ("DELETE", "/__mock/requests"), ("POST", "/__mock/reset")]
            for (method, path) in endpoints {
                for authorization in [nil, "SSWS wrong-token"] {
                    let answer = try await mock.raw(method, path, authorization: authorization)
                    #expect(answer.status == 401, "\(method) \(path)")
                    #expect(try JSONDecoder.okta.decode(OktaError.self, from: answer.body).errorCode == "E0000011")
                }
            }
        }
    }

    @Test func theNamespaceShadowsNoOktaPath() async throws {
        #expect(try OktaMockServer.routeTable().methods(forPath: "/__mock/requests").isEmpty)
        #expect(try OktaMockServer.routeTable().methods(forPath: "/__mock/reset").isEmpty)
        try await RunningMock.run { mock in
            let user = try await mock.raw("GET", "/api/v1/users/__mock")
            #expect(user.status == 404)
            #expect(try JSONDecoder.okta.decode(OktaError.self, from: user.body).errorCode == "E0000007")
            let unknown = try await mock.raw("GET", "/__mock/nothing")
            #expect(unknown.status == 404)
            let wrongMethod = try await mock.raw("PUT", "/__mock/reset")
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.headers["allow"] == "POST")
            #expect(try await mock.raw("POST", "/__mock/requests").headers["allow"] == "GET, DELETE")
        }
    }

    @Test func resetRestoresTheSeedAndClearsTheJournal() async throws {
        let directory = try TemporaryDirectory()
        let seed = try directory.file("seed.json", Fixture.seed)
        let stateURL = directory.url.appendingPathComponent("state.json")
        try await RunningMock.run(.mock(stateURL: stateURL, seedURL: seed, rateLimit: 50)) { mock in
            let seeded = await mock.server.userCount
            let created = try await mock.client.users.createUser(body: Fixture.createBody("new@example.com"))
            _ = try await mock.raw("POST", "/api/v1/users/00uLocked00000000001/lifecycle/deactivate")
            _ = try await mock.raw("DELETE", "/api/v1/users/00uLocked00000000001")
            #expect(await mock.server.userCount == seeded)
            // The create and this list in the `users` bucket's window so far.
            let before = try await mock.raw("GET", "/api/v1/users")
            #expect(before.headers["x-rate-limit-remaining"] == "48")

            let reset = try await mock.raw("POST", "/__mock/reset")
            #expect(reset.status == 200)
            #expect(String(decoding: reset.body, as: UTF8.self) == #"{"users":\#(seeded)}"#)
            #expect(try await Self.journal(mock).isEmpty)
            #expect(try await mock.raw("GET", "/api/v1/users/\(try #require(created.body.id))").status == 404)
            let locked = try await mock.client.users.getUser(userId: "00uLocked00000000001").body
            #expect(locked.status == .lockedOut)
            // The windows were cleared: this is the first request of the `users` bucket's new window.
            #expect(try await mock.raw("GET", "/api/v1/users").headers["x-rate-limit-remaining"] == "49")
            // The reset is saved like any change: the state file now holds the seed's org.
            let saved = try JSONDecoder.okta.decode(JSONValue.self, from: Data(contentsOf: stateURL))
            #expect(String(describing: saved).contains("00uLocked00000000001"))
            #expect(!String(describing: saved).contains("new@example.com"))
        }
    }

    @Test func theJournalIsBounded() async throws {
        let configuration = OktaMockConfiguration(port: 0, token: RunningMock.token, journalCapacity: 3)
        try await RunningMock.run(configuration) { mock in
            for index in 1...5 { _ = try await mock.raw("GET", "/api/v1/users?limit=\(index)") }
            #expect(try await Self.journal(mock).map(\.query) == ["limit=3", "limit=4", "limit=5"])
            // Around the ring again, then cleared: still oldest first, and the sequence goes on.
            for index in 6...7 { _ = try await mock.raw("GET", "/api/v1/users?limit=\(index)") }
            #expect(try await Self.journal(mock).map(\.query) == ["limit=5", "limit=6", "limit=7"])
            _ = try await mock.raw("DELETE", "/__mock/requests")
            _ = try await mock.raw("GET", "/api/v1/users?limit=8")
            let after = try await Self.journal(mock)
            #expect(after.map(\.query) == ["limit=8"] && after.map(\.sequence) == [8])
        }
        // A body over 64 KiB is cut, on a character boundary, and says so.
        let big = JSONValue.object(["profile": ["bio": .string(String(repeating: "é", count: 40_000))]])
        let (text, truncated) = RequestJournal.describe(try JSONEncoder.okta.encode(big))
        #expect(truncated)
        #expect(try #require(text).utf8.count <= RequestJournal.bodyLimit)
        #expect(try #require(text).utf8.count > RequestJournal.bodyLimit - 4)
        // A body that is not JSON is not kept at all: it could hold anything.
        #expect(RequestJournal.describe(Data("password=hunter2".utf8)) == ("(16 bytes, not JSON: not recorded)", false))
    }
}
