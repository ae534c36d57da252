import Foundation
import OktaRuntime
import OktaUsers
import Testing

/// Creating a user and reading it back, over HTTP, through the generated client and server stubs.
@Suite struct UserRoundTripTests {
    @Test func createdUserReadsBackWithServerSetFields() async throws {
        try await TestServer.run { server in
            let client = try server.authenticatedClient()
            let profile = UserProfile(
                email: "isabella.ruiz@example.com",
                firstName: .value("Isabella"),
                lastName: .value("Ruiz"),
                login: "isabella.ruiz@example.com",
                mobilePhone: .value("+1 555 0100"),
                additionalProperties: [
                    "favoriteColor": "teal",
                    "employeeLevel": 7,
                    "certifications": ["CISSP", "OSCP"],
                ]
            )

            let created = try await client.users.createUser(activate: false, body: CreateUserRequest(profile: profile))

            #expect(created.metadata.status == .ok)
            #expect(created.body.id == "00ue2e00000000000001")
            #expect(created.body.status == .staged)
            #expect(created.body.created == UserDirectory.epoch)
            #expect(created.body.lastUpdated == UserDirectory.epoch)
            #expect(created.body.activated == .null)
            #expect(created.body.profile == profile)
            #expect(created.metadata.requestID == "e2e-request-1")

            let id = try #require(created.body.id)
            let fetched = try await client.users.getUser(userId: id)

            #expect(fetched.body.id == id)
            #expect(fetched.body.status == .staged)
            #expect(fetched.body.created == UserDirectory.epoch)
            #expect(try OktaDateCoding.formatTimestamp(#require(fetched.body.created)) == "2026-01-02T03:04:05.500Z")
            #expect(fetched.body.profile == profile)
            #expect(fetched.body.profile?.firstName == .value("Isabella"))
            #expect(fetched.body.profile?.additionalProperties["favoriteColor"] == "teal")
            #expect(fetched.body.profile?.additionalProperties["employeeLevel"] == 7)
            #expect(fetched.body.profile?.additionalProperties["certifications"] == ["CISSP", "OSCP"])

            // On the wire: the custom attributes sit beside the standard ones in `profile`, and the token was sent.
            let post = try #require(await server.log.requests(.post, "/api/v1/users").first)
            #expect(post.path == "/api/v1/users?activate=false")
            #expect(post.headerFields[.authorization] == "SSWS \(TestServer.token)")
            let sent = try post.jsonBody()
            #expect(sent["profile"]?["favoriteColor"] == "teal")
            #expect(sent["profile"]?["employeeLevel"] == 7)
            #expect(sent["profile"]?["firstName"] == "Isabella")
            #expect(sent["profile"]?["nickName"] == nil)
        }
    }

    @Test func userCanBeReadByLogin() async throws {
        try await TestServer.run { server in
            let client = try server.authenticatedClient()
            let created = try await client.users.createUser(
                body: CreateUserRequest(profile: UserProfile(email: "a.b@example.com", login: "a.b@example.com")))

            // A login is a valid `id`; the `@` is percent-encoded in the path and decoded by the server stub.
            let fetched = try await client.users.getUser(userId: "a.b@example.com")

            #expect(fetched.body.id == created.body.id)
            #expect(fetched.body.status == .active)
            #expect(await server.log.requests(.get, "/api/v1/users/a.b%40example.com").count == 1)
        }
    }
}
