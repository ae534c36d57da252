import Foundation
import OktaRuntime
import OktaUsers
import Testing

/// `GET /api/v1/users/{id}` answered from encoded bytes (``UserReadCache``) is the stub's answer, byte for byte, and
/// never an old one.
@Suite struct ReadCacheTests {
    /// The header fields that differ from one answer to the next whatever serves it.
    static let varying: Set<String> = ["x-okta-request-id", "x-rate-limit-remaining", "x-rate-limit-reset", "date"]

    @Test func thePlainReadIsTheStubsAnswer() async throws {
        let directory = try TemporaryDirectory()
        let seed = try directory.file("seed.json", Fixture.seed)
        try await RunningMock.run(.mock(seedURL: seed)) { mock in
            for key in ["00uAdmin000000000001", "admin@example.com", "admin", "me"] {
                // `?expand=` (empty) goes the stub's way and asks for nothing more.
                let cached = try await mock.raw("GET", "/api/v1/users/\(key)")
                let stub = try await mock.raw("GET", "/api/v1/users/\(key)?expand=")
                #expect(cached.status == 200 && stub.status == 200, "\(key)")
                #expect(cached.body == stub.body, "\(key)")
                #expect(
                    cached.headers.filter { !Self.varying.contains($0.key) }
                        == stub.headers.filter { !Self.varying.contains($0.key) }, "\(key)")
                #expect(cached.headers["etag"] != nil)
                // Twice: the second comes from the cache.
                #expect(try await mock.raw("GET", "/api/v1/users/\(key)").body == cached.body)
            }
            let missing = try await mock.raw("GET", "/api/v1/users/nobody@example.com")
            #expect(missing.status == 404)
            #expect(String(decoding: missing.body, as: UTF8.self).contains("E0000007"))
        }
    }

    @Test func aChangeIsSeenByTheNextRead() async throws {
        let directory = try TemporaryDirectory()
        let seed = try directory.file("seed.json", Fixture.seed)
        try await RunningMock.run(.mock(seedURL: seed)) { mock in
            let path = "/api/v1/users/00uAdmin000000000001"
            let before = try await mock.raw("GET", path)
            _ = try await mock.raw("POST", path, body: #"{"profile": {"firstName": "Grace"}}"#)
            let renamed = try JSONDecoder.okta.decode(JSONValue.self, from: try await mock.raw("GET", path).body)
            #expect(renamed["profile"]?["firstName"] == "Grace")
            _ = try await mock.raw("POST", path + "/lifecycle/suspend")
            let suspended = try await mock.raw("GET", path)
            let json = try JSONDecoder.okta.decode(JSONValue.self, from: suspended.body)
            #expect(json["status"] == "SUSPENDED")
            #expect(json["_links"]?["unsuspend"] != nil && json["_links"]?["suspend"] == nil)
            #expect(suspended.headers["etag"] != before.headers["etag"])
            // okta-response and expand are the stub's.
            let omitted = try await mock.raw(
                "GET", path, headers: ["Content-Type": "application/json; okta-response=omitCredentials"])
            #expect(try JSONDecoder.okta.decode(JSONValue.self, from: omitted.body)["credentials"] == nil)
        }
    }
}
