import Foundation
import OktaRuntime
import OktaUsers
import Testing

@testable import OktaMockKit

/// Groups, app links, devices, clients, grants, refresh tokens and sessions of seeded users.
@Suite struct UserResourceTests {
    private static func withSeededMock(_ body: @escaping @Sendable (RunningMock) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        let seed = try directory.file("seed.json", Fixture.seed)
        try await RunningMock.run(.mock(seedURL: seed), body)
    }

    @Test func attachedResourcesComeFromTheSeed() async throws {
        try await Self.withSeededMock { mock in
            let resources = mock.client.userResources
            let groups = try await resources.listUserGroups(userId: "me").body
            #expect(groups.count == 2)
            #expect(groups.last?.id == "00gEngineering000001")
            #expect(groups.first?.type == .builtIn)
            // GroupProfile is an anyOf whose variants require nothing: a profile decodes as both (docs/Models.md).
            #expect(
                groups.first?.profile?.oktaUserGroupProfile
                    == OktaUserGroupProfile(description: "All users in your organization", name: "Everyone"))
            #expect(
                groups.last?.profile?.oktaUserGroupProfile
                    == OktaUserGroupProfile(description: "Builds things", name: "Engineering"))
            let links = try await resources.listAppLinks(userId: "admin@example.com").body
            #expect(links.map(\.label) == ["Web App"])
            #expect(links.first?.appInstanceId == "0oaWebApp00000000001")
            let devices = try await resources.listUserDevices(userId: "00uAdmin000000000001").body
            #expect(devices.map(\.device?.id) == ["guoAdminLaptop000001"])
            #expect(devices.first?.device?.profile?.platform == .macos)
            let clients = try await resources.listUserClients(userId: "00uAdmin000000000001").body
            #expect(clients.map(\.clientId) == ["0oaCli00000000000002", "0oaWebApp00000000001"])
            #expect(
                clients.last?.links?.grants?.href
                    == mock.baseURL.absoluteString
                    + "/api/v1/users/00uAdmin000000000001/clients/0oaWebApp00000000001/grants"
            )
            // A user with nothing attached still belongs to Everyone.
            #expect(try await resources.listUserGroups(userId: "locked@example.com").body.count == 1)
            // `{userId}` takes an ID only (a login is 404: RequestBodyTests); `{id}` takes a login too.
            #expect(try await resources.listUserDevices(userId: "00uLocked00000000001").body == [])
        }
    }

    @Test func grantsArePagedExpandedAndRevocable() async throws {
        try await Self.withSeededMock { mock in
            let grants = mock.client.userGrants
            let admin = "00uAdmin000000000001"
            let first = try await grants.listUserGrants(userId: admin, limit: 2)
            #expect(first.body.map(\.id) == ["oagAdminCli000000003", "oagAdminManage000002"])
            #expect(first.metadata.links.nextCursor == "oagAdminManage000002")
            let rest = try await grants.listUserGrants(userId: admin, after: "oagAdminManage000002", limit: 2)
            #expect(rest.body.map(\.id) == ["oagAdminRead00000001"])
            #expect(rest.metadata.links.next == nil)
            let read = try await grants.listUserGrants(userId: admin, scopeId: "okta.users.read", expand: "scope").body
            #expect(read.map(\.id) == ["oagAdminCli000000003", "oagAdminRead00000001"])
            #expect(read.first?.embedded?.scope?.id == "okta.users.read")
            #expect(read.first?.status == .active)
            #expect(read.first?.userId == admin)
            let one = try await grants.getUserGrant(userId: admin, grantId: "oagAdminRead00000001").body
            #expect(one.clientId == "0oaWebApp00000000001")
            #expect(
                one.links?.selfLink?.href
                    == "\(mock.baseURL.absoluteString)/api/v1/users/\(admin)/grants/oagAdminRead00000001")
            let byClient = try await grants.listGrantsForUserAndClient(userId: admin, clientId: "0oaWebApp00000000001")
                .body
            #expect(byClient.map(\.id) == ["oagAdminManage000002", "oagAdminRead00000001"])

            _ = try await grants.revokeUserGrant(userId: admin, grantId: "oagAdminRead00000001")
            let revoked = try await expectOktaError {
                try await grants.getUserGrant(userId: admin, grantId: "oagAdminRead00000001")
            }
            #expect(revoked.status == .notFound)
            #expect(
                revoked.error?.errorSummary
                    == "Not found: Resource not found: oagAdminRead00000001 (OAuth2ScopeConsentGrant)")
            _ = try await grants.revokeGrantsForUserAndClient(userId: admin, clientId: "0oaWebApp00000000001")
            #expect(try await grants.listUserGrants(userId: admin).body.map(\.id) == ["oagAdminCli000000003"])
            _ = try await grants.revokeUserGrants(userId: admin)
            #expect(try await grants.listUserGrants(userId: admin).body == [])

            let unknownClient = try await expectOktaError {
                try await grants.listGrantsForUserAndClient(userId: admin, clientId: "0oaNope")
            }
            #expect(unknownClient.error?.errorSummary == "Not found: Resource not found: 0oaNope (OAuth2Client)")
            let badLimit = try await expectOktaError { try await grants.listUserGrants(userId: admin, limit: 0) }
            #expect(badLimit.codeAndCauses == "E0000001 | limit: must be between 1 and 200")
        }
    }

    @Test func refreshTokensAreListedAndRevocable() async throws {
        try await Self.withSeededMock { mock in
            let oauth = mock.client.userOAuthTokenManagement
            let admin = "00uAdmin000000000001"
            let web = "0oaWebApp00000000001"
            let tokens = try await oauth.listRefreshTokensForUserAndClient(
                userId: admin, clientId: web, expand: "scope"
            ).body
            #expect(tokens.map(\.id) == ["oarAdminWeb000000001", "oarAdminWeb000000002"])
            #expect(tokens.first?.embedded?.scopes?.map(\.name) == ["openid", "offline_access"])
            #expect(tokens.first?.links?.revoke?.href?.hasSuffix("/clients/\(web)/tokens/oarAdminWeb000000001") == true)
            let token = try await oauth.getRefreshTokenForUserAndClient(
                userId: admin, clientId: web, tokenId: "oarAdminWeb000000002"
            ).body
            #expect(token.scopes == ["openid"])
            _ = try await oauth.revokeTokenForUserAndClient(
                userId: admin, clientId: web, tokenId: "oarAdminWeb000000002")
            let gone = try await expectOktaError {
                try await oauth.getRefreshTokenForUserAndClient(
                    userId: admin, clientId: web, tokenId: "oarAdminWeb000000002")
            }
            #expect(gone.status == .notFound)
            _ = try await oauth.revokeTokensForUserAndClient(userId: admin, clientId: web)
            #expect(try await oauth.listRefreshTokensForUserAndClient(userId: admin, clientId: web).body == [])
        }
    }

    @Test func revokingSessionsCanTakeTheTokensToo() async throws {
        let directory = try TemporaryDirectory()
        let seed = try directory.file("seed.json", Fixture.seed)
        let server = try await OktaMockServer(
            configuration: OktaMockConfiguration(port: 0, seedURL: seed), logger: LogRecorder().logger())
        let store = server.store
        let admin = "00uAdmin000000000001"
        #expect(try await store.user(admin).sessionIDs.count == 2)
        try await store.revokeSessions(of: admin, oauthTokens: false)
        #expect(try await store.user(admin).sessionIDs == [])
        #expect(await store.state.refreshTokens.count == 2)
        try await store.revokeSessions(of: admin, oauthTokens: true)
        #expect(await store.state.refreshTokens.count == 0)

        // And through the generated client, against a running server.
        try await Self.withSeededMock { mock in
            _ = try await mock.client.userSessions.revokeUserSessions(userId: admin, oauthTokens: true)
            #expect(
                try await mock.client.userOAuthTokenManagement.listRefreshTokensForUserAndClient(
                    userId: admin, clientId: "0oaWebApp00000000001"
                ).body == [])
            // The web app still has grants, so it is still one of the user's clients, until they go too.
            let clients = try await mock.client.userResources.listUserClients(userId: admin).body
            #expect(clients.map(\.clientId) == ["0oaCli00000000000002", "0oaWebApp00000000001"])
            _ = try await mock.client.userGrants.revokeGrantsForUserAndClient(
                userId: admin, clientId: "0oaWebApp00000000001")
            let remaining = try await mock.client.userResources.listUserClients(userId: admin).body
            #expect(remaining.map(\.clientId) == ["0oaCli00000000000002"])
        }
    }

    @Test func deletingAUserTakesItsGrantsTokensAndSessions() async throws {
        let directory = try TemporaryDirectory()
        let seed = try directory.file("seed.json", Fixture.seed)
        let server = try await OktaMockServer(
            configuration: OktaMockConfiguration(port: 0, seedURL: seed), logger: LogRecorder().logger())
        let store = server.store
        let admin = "00uAdmin000000000001"
        #expect(try await store.deleteUser(admin) == false)
        let deactivated = try await store.user(admin)
        #expect(deactivated.status == .deprovisioned)
        #expect(deactivated.sessionIDs == [])
        #expect(await store.state.grants.count == 3)
        #expect(try await store.deleteUser(admin) == true)
        #expect(await store.state.users[admin] == nil)
        #expect(await store.state.grants.isEmpty)
        #expect(await store.state.refreshTokens.isEmpty)
        #expect(await store.state.meUserID == nil)
        await #expect(throws: OktaErrorResponse.self) { try await store.user("me") }
    }
}
