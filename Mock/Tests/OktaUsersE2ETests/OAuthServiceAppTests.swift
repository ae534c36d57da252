import Foundation
import OktaMockKit
import OktaMockTestSupport
import OktaRuntime
import OktaUsers
import OpenAPIURLSession
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The generated client as a service app: configured only through `OKTA_CLIENT_*` variables in `PrivateKey` mode,
/// against an in-process okta-mock whose token endpoint has the app registered, over DPoP (docs/OAuth.md).
@Suite(.serialized) struct OAuthServiceAppTests {
    /// The app granted `okta.users.read` and `okta.users.manage` (RSA key with a `kid`).
    static let appID = "0oaServiceApp0000001"
    /// The app granted `okta.users.read` only (EC key without `kid`).
    static let readerID = "0oaReaderApp00000001"

    /// Starts okta-mock with both apps registered; its SSWS token is one the clients do not know.
    static func startMock(tokenLifetime: Duration = .seconds(3600)) async throws -> RunningOktaMock {
        var configuration = OktaMockConfiguration()
        configuration.oauthClients = [
            OAuthClientRegistration(
                clientID: appID,
                keys: [.init(keyID: "app-key-1", jwk: try OktaSigningKey(pem: OAuthTestKeys.serviceAppRSA).publicJWK)]),
            OAuthClientRegistration(
                clientID: readerID,
                keys: [.init(keyID: nil, jwk: try OktaSigningKey(pem: OAuthTestKeys.readerEC).publicJWK)],
                scopes: ["okta.users.read"]),
        ]
        configuration.oauthTokenLifetime = tokenLifetime
        return try await OktaMockServer.start(token: "00sswsTokenTheClientsDoNotHave", configuration: configuration)
    }

    /// A generated client configured from variables only, as `OktaClientConfiguration.load` reads them (with a home
    /// and working directory that hold no okta.yaml).
    static func client(
        _ mock: RunningOktaMock, clientID: String, key: String, keyID: String?, scopes: String, session: URLSession
    ) throws -> OktaClient {
        var environment = [
            "OKTA_CLIENT_ORGURL": mock.baseURL.absoluteString,
            "OKTA_CLIENT_AUTHORIZATIONMODE": "PrivateKey",
            "OKTA_CLIENT_CLIENTID": clientID,
            "OKTA_CLIENT_SCOPES": scopes,
            "OKTA_CLIENT_PRIVATEKEY": key,
            "OKTA_TESTING_DISABLEHTTPSCHECK": "true",
        ]
        if let keyID { environment["OKTA_CLIENT_PRIVATEKEYID"] = keyID }
        let nowhere = FileManager.default.temporaryDirectory.appendingPathComponent("no-okta-yaml-\(UUID())").path
        let configuration = try OktaClientConfiguration.load(
            environment: environment, homeDirectory: nowhere, workingDirectory: nowhere)
        return OktaClient(
            configuration: configuration, transport: URLSessionTransport(configuration: .init(session: session)))
    }

    /// The app's client with both scopes.
    static func appClient(_ mock: RunningOktaMock, session: URLSession) throws -> OktaClient {
        try client(
            mock, clientID: appID, key: OAuthTestKeys.serviceAppRSA, keyID: "app-key-1",
            scopes: "okta.users.read okta.users.manage", session: session)
    }

    /// The statuses of the token endpoint's answers, in order.
    static func tokenStatuses(_ mock: RunningOktaMock) async -> [Int] {
        await mock.server.receivedRequests.filter { $0.path == "/oauth2/v1/token" }.map(\.status)
    }

    /// Runs a test with a mock and a URL session, stopping both afterwards.
    static func run(
        tokenLifetime: Duration = .seconds(3600),
        _ body: @escaping @Sendable (RunningOktaMock, URLSession) async throws -> Void
    ) async throws {
        try await withTimeout(.seconds(60), "OAuth service app test") {
            let mock = try await startMock(tokenLifetime: tokenLifetime)
            let session = URLSession(configuration: .ephemeral)
            do {
                try await body(mock, session)
            } catch {
                session.invalidateAndCancel()
                await mock.stop()
                throw error
            }
            session.invalidateAndCancel()
            await mock.stop()
        }
    }

    @Test func aServiceAppListsCreatesAndUpdatesUsersOverDPoP() async throws {
        try await Self.run { mock, session in
            let client = try Self.appClient(mock, session: session)

            let created = try await client.users.createUser(
                body: CreateUserRequest(
                    profile: UserProfile(email: "ada@example.com", firstName: .value("Ada"), login: "ada@example.com")))
            let id = try #require(created.body.id)
            let listed = try await client.users.listUsers(limit: 10)
            #expect(listed.body.map(\.id) == [id])
            let updated = try await client.users.updateUser(
                userId: id, body: UpdateUserRequest(profile: UserProfile(nickName: .value("Countess"))))
            #expect(updated.body.profile?.nickName.value == "Countess")

            // One grant: Okta's first answer asks for a nonce, the second request carries it.
            #expect(await Self.tokenStatuses(mock) == [400, 200])
            let api = await mock.server.receivedRequests.filter { $0.path.hasPrefix("/api/v1/") }
            #expect(api.map(\.status) == [200, 200, 200])
        }
    }

    @Test func anAppWithOnlyTheReadScopeReadsButGets403OnAWrite() async throws {
        try await Self.run { mock, session in
            let reader = try Self.client(
                mock, clientID: Self.readerID, key: OAuthTestKeys.readerEC, keyID: nil, scopes: "okta.users.read",
                session: session)
            #expect(try await reader.users.listUsers().body.isEmpty)

            let error = try await #require(throws: OktaAPIError.self) {
                try await reader.users.createUser(
                    body: CreateUserRequest(profile: UserProfile(email: "eve@example.com", login: "eve@example.com")))
            }
            #expect(error.status == .forbidden)
            #expect(error.rawBody?.isEmpty ?? true)
            #expect(error.requiredScopes == ["okta.users.manage"])
            #expect(error.authenticationChallenges.first?.scheme == "DPoP")
            #expect(error.authenticationChallenges.first?.error == "insufficient_scope")
            #expect(
                error.authenticationChallenges.first?.errorDescription
                    == "The access token provided does not contain the required scopes.")
            #expect(await mock.server.userCount == 0)

            // Asking for a scope the app was not granted fails at the token endpoint.
            let greedy = try Self.client(
                mock, clientID: Self.readerID, key: OAuthTestKeys.readerEC, keyID: nil,
                scopes: "okta.users.read okta.users.manage", session: session)
            let refused = try await #require(throws: OktaOAuthError.self) { try await greedy.users.listUsers() }
            guard case .tokenRequestFailed(400, "invalid_scope"?, _) = refused else {
                Issue.record("unexpected error \(refused)")
                return
            }
        }
    }

    @Test func hundredConcurrentCallsCauseOneTokenRequest() async throws {
        try await Self.run { mock, session in
            let client = try Self.appClient(mock, session: session)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<100 { group.addTask { try await client.users.listUsers(limit: 1).metadata.status.code } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.count == 100)
            #expect(statuses.allSatisfy { $0 == 200 })
            // One grant (the nonce round trip is its first half), shared by the hundred calls.
            #expect(await Self.tokenStatuses(mock) == [400, 200])
        }
    }

    @Test func aTokenIsRefreshedBeforeItExpiresKeepingTheNonce() async throws {
        // A two-second token is refreshed a second after it was issued (half its lifetime before expiry).
        try await Self.run(tokenLifetime: .seconds(2)) { mock, session in
            let client = try Self.appClient(mock, session: session)
            _ = try await client.users.listUsers()
            try await Task.sleep(for: .milliseconds(1500))
            _ = try await client.users.listUsers()
            // The refresh reuses the nonce: no second `use_dpop_nonce`.
            #expect(await Self.tokenStatuses(mock) == [400, 200, 200])
        }
    }

    @Test func aRotatedNonceIsTakenFromUseDPoPNonceAndTheRequestSentOnceMore() async throws {
        try await Self.run(tokenLifetime: .seconds(2)) { mock, session in
            let client = try Self.appClient(mock, session: session)
            _ = try await client.users.listUsers()
            mock.server.rotateDPoPNonce()
            try await Task.sleep(for: .milliseconds(1500))
            #expect(try await client.users.listUsers().metadata.status == .ok)
            #expect(await Self.tokenStatuses(mock) == [400, 200, 400, 200])
        }
    }
}
