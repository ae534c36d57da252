import Foundation
import OktaRuntime
import OktaUsers
import Testing

/// `limit` outside 1…200, for every operation that takes it. The user list (no bounds in the spec) serves any value
/// with a page of at most 200; the grant and refresh-token lists (spec: `minimum: 1, maximum: 200`) refuse values
/// outside with 400 `E0000001`. See docs/okta-mock-hardening.md.
@Suite struct PageLimitTests {
    /// An org of 205 users, `u000@example.com` to `u204@example.com`.
    private static func withManyUsers(_ body: @escaping @Sendable (RunningMock) async throws -> Void) async throws {
        let users = (0..<205).map { index in
            let login = "u\(String(format: "%03d", index))@example.com"
            return #"{"profile": {"login": "\#(login)", "email": "\#(login)", "firstName": "U", "lastName": "N"}}"#
        }
        let directory = try TemporaryDirectory()
        let seed = try directory.file("seed.json", #"{"users": [\#(users.joined(separator: ","))]}"#)
        try await RunningMock.run(.mock(seedURL: seed), body)
    }

    /// `limit` values and the page size of `GET /api/v1/users` for them.
    static let userLimits: [(String, Int, Bool)] = [
        ("1", 1, true), ("200", 200, true), ("201", 200, true), ("1000", 200, true), ("2147483647", 200, true),
        ("0", 200, true), ("-5", 200, true),
    ]

    @Test func theUserListServesAnyLimitWithAtMost200() async throws {
        try await Self.withManyUsers { mock in
            for (limit, size, hasNext) in Self.userLimits {
                let response = try await mock.raw("GET", "/api/v1/users?limit=\(limit)")
                #expect(response.status == 200, "limit=\(limit)")
                let users = try JSONDecoder.okta.decode([User].self, from: response.body)
                #expect(users.count == size, "limit=\(limit)")
                #expect(response.headers["link"]?.contains(#"rel="next""#) == hasNext, "limit=\(limit)")
            }
            // Following the next links of a too-large limit still gives every user once.
            var all: [String] = []
            for try await user in mock.client.users.listUsersSequence(limit: 500) { all.append(user.id ?? "") }
            #expect(all.count == 205)
            #expect(Set(all).count == 205)
            // With `q` the default is 10, and there is no paging.
            let q = try await mock.raw("GET", "/api/v1/users?q=u&limit=0")
            #expect(try JSONDecoder.okta.decode([User].self, from: q.body).count == 10)
            let qLarge = try await mock.raw("GET", "/api/v1/users?q=u&limit=300")
            #expect(try JSONDecoder.okta.decode([User].self, from: qLarge.body).count == 200)
            // Not an int32 at all: the generated stub refuses it.
            let notInt32 = try await mock.raw("GET", "/api/v1/users?limit=2147483648")
            #expect(notInt32.status == 400)
            #expect(try JSONDecoder.okta.decode(OktaError.self, from: notInt32.body).errorCode == "E0000001")
        }
    }

    /// Every operation with a bounded `limit` (the spec's `minimum: 1, maximum: 200`).
    static let boundedLists = [
        "/api/v1/users/00uAdmin000000000001/grants",
        "/api/v1/users/00uAdmin000000000001/clients/0oaWebApp00000000001/grants",
        "/api/v1/users/00uAdmin000000000001/clients/0oaWebApp00000000001/tokens",
    ]

    @Test(arguments: boundedLists)
    func boundedListsRefuseALimitOutside1To200(_ path: String) async throws {
        let directory = try TemporaryDirectory()
        let seed = try directory.file("seed.json", Fixture.seed)
        try await RunningMock.run(.mock(seedURL: seed)) { mock in
            for limit in ["0", "-1", "201", "1000"] {
                let response = try await mock.raw("GET", "\(path)?limit=\(limit)")
                #expect(response.status == 400, "\(path)?limit=\(limit)")
                let error = try JSONDecoder.okta.decode(OktaError.self, from: response.body)
                #expect(error.errorCode == "E0000001")
                #expect(error.errorSummary == "Api validation failed: limit")
                #expect(error.errorCauses.map(\.errorSummary) == ["limit: must be between 1 and 200"])
            }
            for limit in ["1", "200"] {
                let response = try await mock.raw("GET", "\(path)?limit=\(limit)")
                #expect(response.status == 200, "\(path)?limit=\(limit)")
            }
        }
    }
}
