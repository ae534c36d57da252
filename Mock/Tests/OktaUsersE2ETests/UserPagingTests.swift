import Foundation
import OktaRuntime
import OktaUsers
import Testing

/// Listing users page by page, following the `Link: <…>; rel="next"` headers the server builds.
@Suite struct UserPagingTests {
    /// Creates three users, `00ue2e…1` to `00ue2e…3`, and returns their IDs in order.
    static func createThreeUsers(_ client: OktaClient) async throws -> [String] {
        var ids: [String] = []
        for name in ["ada", "grace", "margaret"] {
            let login = "\(name)@example.com"
            let created = try await client.users.createUser(
                body: CreateUserRequest(profile: UserProfile(email: login, firstName: .value(name), login: login)))
            ids.append(try #require(created.body.id))
        }
        return ids
    }

    @Test func rawPagesFollowTheNextLink() async throws {
        try await TestServer.run { server in
            let client = try server.authenticatedClient()
            let ids = try await Self.createThreeUsers(client)

            let first = try await client.users.listUsers(limit: 2)

            #expect(first.body.map(\.id) == [ids[0], ids[1]])
            let origin = server.baseURL.absoluteString
            let next = try #require(first.next)
            #expect(next.absoluteString == "\(origin)/api/v1/users?after=\(ids[1])&limit=2")
            #expect(first.metadata.links.selfURL?.absoluteString == "\(origin)/api/v1/users?limit=2")
            #expect(first.metadata.links.nextCursor == ids[1])

            let second = try await client.users.listUsers(after: LinkHeader.cursor(in: next), limit: 2)

            #expect(second.body.map(\.id) == [ids[2]])
            #expect(second.next == nil)
            #expect(second.body.first?.profile?.firstName == .value("margaret"))
            let paths = await server.log.requests(.get, "/api/v1/users").map(\.path)
            #expect(paths == ["/api/v1/users?limit=2", "/api/v1/users?after=\(ids[1])&limit=2"])
        }
    }

    @Test func sequenceYieldsEveryUserOnce() async throws {
        try await TestServer.run { server in
            let client = try server.authenticatedClient()
            let ids = try await Self.createThreeUsers(client)

            var seen: [String] = []
            for try await user in client.users.listUsersSequence(limit: 2) {
                seen.append(try #require(user.id))
            }

            #expect(seen == ids)
            // Two pages: the second request is the server's `next` link, followed verbatim.
            let requests = await server.log.requests(.get, "/api/v1/users")
            #expect(requests.map(\.path) == ["/api/v1/users?limit=2", "/api/v1/users?after=\(ids[1])&limit=2"])
            #expect(requests.allSatisfy { $0.headerFields[.authorization] == "SSWS \(TestServer.token)" })
            #expect(requests.allSatisfy { $0.status == .ok })

            var pageSizes: [Int] = []
            for try await page in client.users.listUsersSequence(limit: 2).pages { pageSizes.append(page.items.count) }
            #expect(pageSizes == [2, 1])
        }
    }

    /// Header parameters belong to every page's request: `Content-Type: …; okta-response=omitCredentials` reaches the
    /// first page and every page after it.
    @Test func sequenceSendsHeaderParametersWithEveryPage() async throws {
        try await TestServer.run { server in
            let client = try server.authenticatedClient()
            _ = try await Self.createThreeUsers(client)
            let contentType = #"application/json; okta-response="omitCredentials""#

            var count = 0
            for try await _ in client.users.listUsersSequence(limit: 2, responseOptions: [.omitCredentials]) {
                count += 1
            }

            #expect(count == 3)
            let sent = await server.log.requests(.get, "/api/v1/users").map { $0.headerFields[.contentType] }
            #expect(sent.first == contentType)
            #expect(sent == [contentType, contentType])
        }
    }
}
