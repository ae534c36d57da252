import Foundation
import OktaRuntime
import OktaUsers
import Testing

/// `POST /api/v1/users/{id}`: members present in the body change, an explicit `null` clears, absent members stay.
@Suite struct UserPartialUpdateTests {
    @Test func explicitNullClearsAndAbsentMemberIsLeftAlone() async throws {
        try await TestServer.run { server in
            let client = try server.authenticatedClient()
            let created = try await client.users.createUser(
                body: CreateUserRequest(
                    profile: UserProfile(
                        email: "annie.jump@example.com",
                        login: "annie.jump@example.com",
                        mobilePhone: .value("+1 555 0199"),
                        nickName: .value("Annie"),
                        title: .value("Astronomer"),
                        additionalProperties: ["favoriteColor": "teal", "badge": "A-113"]
                    )))
            let id = try #require(created.body.id)

            let patch = UserProfile(
                mobilePhone: .null,
                title: .value("Curator"),
                additionalProperties: ["favoriteColor": .null]
            )
            let updated = try await client.users.updateUser(userId: id, body: UpdateUserRequest(profile: patch))

            // On the wire: `null` for the cleared members, nothing at all for the untouched ones.
            let post = try #require(await server.log.requests(.post, "/api/v1/users/\(id)").first)
            let sent = try post.jsonBody()
            #expect(sent == ["profile": ["mobilePhone": nil, "title": "Curator", "favoriteColor": nil]])
            #expect(sent["profile"]?["mobilePhone"] == .null)
            #expect(sent["profile"]?["nickName"] == nil)

            // In the response and on a later read: cleared, changed, and left alone.
            let fetched = try await client.users.getUser(userId: id)
            for profile in [updated.body.profile, fetched.body.profile] {
                #expect(profile?.mobilePhone == .null)
                #expect(profile?.title == .value("Curator"))
                #expect(profile?.nickName == .value("Annie"))
                #expect(profile?.login == "annie.jump@example.com")
                #expect(profile?.additionalProperties["favoriteColor"] == .null)
                #expect(profile?.additionalProperties["badge"] == "A-113")
            }
            #expect(updated.body.lastUpdated == UserDirectory.epoch.addingTimeInterval(1))
            #expect(fetched.body.created == UserDirectory.epoch)
        }
    }

    @Test func bodyWithoutProfileChangesNoProfileMember() async throws {
        try await TestServer.run { server in
            let client = try server.authenticatedClient()
            let profile = UserProfile(
                email: "kay@example.com", login: "kay@example.com", nickName: .value("Kay"),
                additionalProperties: ["badge": "K-1"])
            let created = try await client.users.createUser(body: CreateUserRequest(profile: profile))
            let id = try #require(created.body.id)

            let updated = try await client.users.updateUser(userId: id, body: UpdateUserRequest(realmId: "guo1realm"))

            let post = try #require(await server.log.requests(.post, "/api/v1/users/\(id)").first)
            #expect(try post.jsonBody() == ["realmId": "guo1realm"])
            #expect(updated.body.profile == profile)
        }
    }
}
