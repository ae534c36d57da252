import Foundation
import Logging
import OktaMockKit
import OktaMockTestSupport
import OktaRuntime
import OktaUsers
import OpenAPIURLSession
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What the OAuth middleware sent through the transport, and what came back.
actor SentRequests {
    private(set) var exchanges: [(request: HTTPRequest, response: HTTPResponse)] = []
    /// The bodies of the token requests.
    private(set) var tokenRequestBodies: [String] = []

    func record(_ request: HTTPRequest, _ response: HTTPResponse) { exchanges.append((request, response)) }

    func recordTokenRequestBody(_ body: String) { tokenRequestBodies.append(body) }

    /// The last API request (not the token endpoint) and its answer.
    var lastAPIRequest: HTTPRequest? { exchanges.last { $0.request.path != "/oauth2/v1/token" }?.request }
}

/// Records every request after the OAuth middleware, that is with its `Authorization` and `DPoP` header fields.
struct RecordingMiddleware: ClientMiddleware {
    let sent: SentRequests

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        if request.path == "/oauth2/v1/token", let body {
            await sent.recordTokenRequestBody(try await String(collecting: body, upTo: 1 << 16))
        }
        let (response, responseBody) = try await next(request, body, baseURL)
        await sent.record(request, response)
        return (response, responseBody)
    }
}

/// okta-mock's token endpoint and its check of DPoP-bound tokens on API requests (``AuthorizationServer``), through
/// OktaRuntime's OAuth middleware and raw requests that replay or misuse what it sent.
@Suite(.serialized) struct AuthorizationServerTests {
    static let clientID = "0oaMockServiceApp001"
    static let seed = Data(
        #"{"users": [{"id": "00uSeeded00000000001", "profile": {"login": "sam@example.com", "firstName": "Sam"}}]}"#
            .utf8)

    /// okta-mock with the service app registered (its RSA key, `kid` `k1`).
    static func configuration(requireDPoP: Bool = true, tokenLifetime: Duration = .seconds(3600)) throws
        -> OktaMockConfiguration
    {
        var configuration = OktaMockConfiguration.mock()
        configuration.seedData = seed
        configuration.oauthClients = [
            OAuthClientRegistration(
                clientID: clientID,
                keys: [.init(keyID: "k1", jwk: try OktaSigningKey(pem: OAuthTestKeys.serviceAppRSA).publicJWK)])
        ]
        configuration.requireDPoP = requireDPoP
        configuration.oauthTokenLifetime = tokenLifetime
        return configuration
    }

    /// A generated client authenticated by the OAuth middleware, recording what it sends.
    static func client(
        _ mock: RunningMock, sent: SentRequests, usesDPoP: Bool = true,
        now: @escaping OktaOAuthMiddleware.Clock = { Date() }
    ) throws -> OktaClient {
        let credentials = OktaPrivateKeyCredentials(
            clientID: clientID, scopes: ["okta.users.read", "okta.users.manage"],
            privateKey: try OktaSigningKey(pem: OAuthTestKeys.serviceAppRSA, keyID: "k1"), usesDPoP: usesDPoP)
        return OktaClient(
            serverURL: mock.baseURL, transport: URLSessionTransport(configuration: .init(session: mock.session)),
            middlewares: [
                OktaOAuthMiddleware(orgURL: mock.baseURL, credentials: credentials, now: now),
                RecordingMiddleware(sent: sent),
            ])
    }

    /// The challenge of a raw answer's `WWW-Authenticate`.
    static func challenge(_ headers: [String: String]) -> OktaAuthenticationChallenge? {
        var fields = HTTPFields()
        fields[.wwwAuthenticate] = headers["www-authenticate"]
        return OktaAuthenticationChallenge.challenges(in: fields).first
    }

    @Test func tokenResponsesAreOktasAndTheFirstAsksForANonce() async throws {
        try await RunningMock.run(try Self.configuration()) { mock in
            let sent = SentRequests()
            let client = try Self.client(mock, sent: sent)
            _ = try await client.users.getUser(userId: "sam")
            let exchanges = await sent.exchanges
            try #require(exchanges.count == 3)
            let (nonceRequest, nonceAnswer) = exchanges[0]
            #expect(nonceRequest.path == "/oauth2/v1/token")
            #expect(nonceAnswer.status == .badRequest)
            let nonce = try #require(nonceAnswer.headerFields[.dpopNonce])
            #expect(nonceAnswer.headerFields[.cacheControl] == "no-store")
            let (tokenRequest, tokenAnswer) = exchanges[1]
            #expect(tokenAnswer.status == .ok)
            #expect(tokenAnswer.headerFields[.cacheControl] == "no-store")
            #expect(tokenAnswer.headerFields[.contentType] == "application/json")
            let proof = try #require(tokenRequest.headerFields[.dpop].flatMap { OktaJWS(compact: $0) })
            #expect(proof.claims["nonce"]?.stringValue == nonce)
            #expect(exchanges[2].response.status == .ok)
            #expect(exchanges[2].request.headerFields[.authorization]?.hasPrefix("DPoP ") == true)
        }
    }

    @Test func aTokenRequestWithoutAProofIsInvalidDPoPProof() async throws {
        try await RunningMock.run(try Self.configuration()) { mock in
            let client = try Self.client(mock, sent: SentRequests(), usesDPoP: false)
            let error = try await #require(throws: OktaOAuthError.self) {
                try await client.users.getUser(userId: "sam")
            }
            #expect(
                error
                    == .tokenRequestFailed(
                        status: 400, error: "invalid_dpop_proof", description: "The DPoP proof JWT header is missing."))
        }
    }

    @Test func anAppThatDoesNotRequireDPoPGetsABearerToken() async throws {
        try await RunningMock.run(try Self.configuration(requireDPoP: false)) { mock in
            let sent = SentRequests()
            let client = try Self.client(mock, sent: sent, usesDPoP: false)
            #expect(try await client.users.getUser(userId: "sam").body.id == "00uSeeded00000000001")
            let authorization = await sent.lastAPIRequest?.headerFields[.authorization]
            #expect(authorization?.hasPrefix("Bearer mock.") == true)
        }
    }

    @Test func anExpiredAssertionIsInvalidClient() async throws {
        try await RunningMock.run(try Self.configuration()) { mock in
            // The app's clock is two hours behind: its five-minute assertion expired long ago.
            let client = try Self.client(mock, sent: SentRequests(), now: { Date().addingTimeInterval(-7200) })
            let error = try await #require(throws: OktaOAuthError.self) {
                try await client.users.getUser(userId: "sam")
            }
            #expect(
                error
                    == .tokenRequestFailed(
                        status: 401, error: "invalid_client", description: "The client_assertion token is expired."))
        }
    }

    @Test func aReplayedTokenRequestIsInvalidClient() async throws {
        try await RunningMock.run(try Self.configuration()) { mock in
            let sent = SentRequests()
            _ = try await Self.client(mock, sent: sent).users.getUser(userId: "sam")
            let granted = try #require(await sent.exchanges.first { $0.response.status == .ok }?.request)
            let body = try #require(await sent.tokenRequestBodies.last)
            var replay = URLRequest(url: mock.baseURL.appendingPathComponent("oauth2/v1/token"))
            replay.httpMethod = "POST"
            replay.httpBody = Data(body.utf8)
            replay.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
            replay.setValue(granted.headerFields[.dpop], forHTTPHeaderField: "DPoP")
            let (data, response) = try await mock.session.data(for: replay)
            #expect((response as? HTTPURLResponse)?.statusCode == 401)
            let answer = try JSONDecoder().decode([String: String].self, from: data)
            #expect(answer["error"] == "invalid_client")
            #expect(answer["error_description"]?.contains("already been used") == true)
        }
    }

    @Test func aReplayedProofIsRefused() async throws {
        try await RunningMock.run(try Self.configuration()) { mock in
            let sent = SentRequests()
            _ = try await Self.client(mock, sent: sent).users.getUser(userId: "sam")
            let request = try #require(await sent.lastAPIRequest)
            let replay = try await mock.raw(
                "GET", "/api/v1/users/sam", authorization: request.headerFields[.authorization],
                headers: ["DPoP": request.headerFields[.dpop] ?? ""])
            #expect(replay.status == 401)
            let challenge = try #require(Self.challenge(replay.headers))
            #expect(challenge.scheme == "DPoP")
            #expect(challenge.error == "invalid_dpop_proof")
            #expect(challenge.errorDescription?.contains("already been used") == true)
        }
    }

    @Test func aProofForAnotherURLIsRefused() async throws {
        try await RunningMock.run(try Self.configuration()) { mock in
            let sent = SentRequests()
            _ = try await Self.client(mock, sent: sent).users.getUser(userId: "sam")
            let request = try #require(await sent.lastAPIRequest)
            // The proof's `htu` is …/api/v1/users/sam; the request goes to …/api/v1/users.
            let answer = try await mock.raw(
                "GET", "/api/v1/users", authorization: request.headerFields[.authorization],
                headers: ["DPoP": request.headerFields[.dpop] ?? ""])
            #expect(answer.status == 401)
            let challenge = try #require(Self.challenge(answer.headers))
            #expect(challenge.error == "invalid_dpop_proof")
            #expect(challenge.errorDescription?.contains("'htu'") == true)
        }
    }

    @Test func aDPoPBoundTokenSentAsBearerIsRefused() async throws {
        try await RunningMock.run(try Self.configuration()) { mock in
            let sent = SentRequests()
            _ = try await Self.client(mock, sent: sent).users.getUser(userId: "sam")
            let authorization = try #require(await sent.lastAPIRequest?.headerFields[.authorization])
            let token = authorization.dropFirst("DPoP ".count)
            let answer = try await mock.raw("GET", "/api/v1/users/sam", authorization: "Bearer \(token)")
            #expect(answer.status == 401)
            #expect(Self.challenge(answer.headers)?.error == "invalid_token")
            let missing = try await mock.raw("GET", "/api/v1/users/sam", authorization: authorization)
            #expect(missing.status == 401)
            #expect(Self.challenge(missing.headers)?.error == "invalid_dpop_proof")
        }
    }

    @Test func anExpiredTokenIsInvalidTokenAndTheClientFetchesAnother() async throws {
        try await RunningMock.run(try Self.configuration(tokenLifetime: .seconds(2))) { mock in
            // The app's clock stands still, so it never thinks its two-second token has expired; okta-mock does.
            let frozen = Date()
            let sent = SentRequests()
            let client = try Self.client(mock, sent: sent, now: { frozen })
            _ = try await client.users.getUser(userId: "sam")
            try await Task.sleep(for: .milliseconds(2500))
            #expect(try await client.users.getUser(userId: "sam").metadata.status == .ok)
            let statuses = await sent.exchanges.map { "\($0.request.path ?? "") \($0.response.status.code)" }
            #expect(
                statuses == [
                    "/oauth2/v1/token 400", "/oauth2/v1/token 200", "/api/v1/users/sam 200", "/api/v1/users/sam 401",
                    "/oauth2/v1/token 200", "/api/v1/users/sam 200",
                ])
        }
    }

    @Test func aRegistrationIsReadFromAJWKSFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jwks-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = try OktaSigningKey(pem: OAuthTestKeys.readerEC)
        let file = directory.appendingPathComponent("app.jwks.json")
        let jwk = String(key.publicJWK.json.dropLast()) + #","kid":"r1"}"#
        try Data(#"{"keys": [\#(jwk)]}"#.utf8).write(to: file)

        let registration = try OAuthClientRegistration.parse(option: "0oaReader=\(file.path):okta.users.read")
        #expect(registration.clientID == "0oaReader")
        #expect(registration.keys == [.init(keyID: "r1", jwk: key.publicJWK)])
        #expect(registration.scopes == ["okta.users.read"])
        #expect(
            try OAuthClientRegistration.parse(option: "0oaReader=\(file.path)").scopes
                == OAuthClientRegistration.knownScopes)

        let privateFile = directory.appendingPathComponent("private.json")
        try Data(#"{"kty":"EC","crv":"P-256","x":"AA","y":"AA","d":"AA"}"#.utf8).write(to: privateFile)
        #expect(throws: OktaMockError.self) { try OAuthClientRegistration.parse(option: "0oa=\(privateFile.path)") }
        #expect(throws: OktaMockError.self) { try OAuthClientRegistration.parse(option: "=\(file.path)") }
        #expect(
            throws: OktaMockError.invalidOption(
                "--oauth-client bad: no '=' (expected CLIENT_ID=JWKS_FILE[:SCOPE,SCOPE…])")
        ) { try OAuthClientRegistration.parse(option: "bad") }
    }

    @Test func aSeedFileRegistersServiceApps() async throws {
        let jwk =
            String(try OktaSigningKey(pem: OAuthTestKeys.serviceAppRSA).publicJWK.json.dropLast()) + #","kid":"k1"}"#
        let apps =
            #""serviceApps": [{"clientId": "\#(Self.clientID)", "jwks": {"keys": [\#(jwk)]}, "scopes": ["okta.users.read"]}]"#
        var configuration = OktaMockConfiguration.mock()
        configuration.seedData = Data(
            #"{"users": [{"id": "00uSeeded00000000001", "profile": {"login": "sam@example.com"}}], \#(apps)}"#.utf8)
        try await RunningMock.run(configuration) { mock in
            let client = try Self.client(mock, sent: SentRequests())
            // The client asks for both scopes; the seed granted only okta.users.read.
            let error = try await #require(throws: OktaOAuthError.self) {
                try await client.users.getUser(userId: "sam")
            }
            guard case .tokenRequestFailed(400, "invalid_scope"?, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
        }
        var broken = OktaMockConfiguration.mock()
        broken.seedData = Data(#"{"serviceApps": [{"clientId": "0oa1", "jwks": {"keys": []}}]}"#.utf8)
        await #expect(
            throws: OktaMockError.invalidSeed(path: "<seed data>", reason: "serviceApps[0]: jwks: the JWKS has no keys")
        ) {
            _ = try await OktaMockServer(configuration: broken, logger: Logger(label: "test"))
        }
    }
}
