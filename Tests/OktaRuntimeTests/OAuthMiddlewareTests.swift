import Foundation
import Testing

@testable import OktaRuntime

/// A token endpoint and API that behave as Okta documents for API Services apps with DPoP: the first token request
/// gets `400 use_dpop_nonce` with a `DPoP-Nonce`, proofs and assertions are verified with ``JWTCheck`` (not with the
/// runtime's code), tokens are DPoP-bound and checked against the proof's key and `ath`.
actor FakeOkta {
    var nonce = "nonce-1"
    var tokenLifetime = 3600
    var issued = 0
    var tokenRequests: [[String: String]] = []
    var apiRequests: [HTTPRequest] = []
    /// Tokens the API refuses with `invalid_token` once (as if revoked or expired early).
    var revoked: Set<String> = []
    /// A nonce the API demands once (RFC 9449 §9) before answering.
    var resourceNonce: String?
    /// Answers the token endpoint with this error instead.
    var tokenError: (Int, String)?
    /// Delays each token response, so that concurrent callers overlap.
    var tokenDelay: Duration = .zero
    private var seenJTIs: Set<String> = []
    private var tokenKeys: [String: String] = [:]

    func configure(_ change: @Sendable (isolated FakeOkta) -> Void) { change(self) }

    func handle(_ request: HTTPRequest, _ body: HTTPBody?, _ baseURL: URL) async throws -> (HTTPResponse, HTTPBody?) {
        if request.path == "/oauth2/v1/token" { return try await token(request, body, baseURL) }
        apiRequests.append(request)
        return try api(request, baseURL)
    }

    private func token(_ request: HTTPRequest, _ body: HTTPBody?, _ baseURL: URL) async throws -> (
        HTTPResponse, HTTPBody?
    ) {
        let text = try await String(collecting: body ?? HTTPBody(), upTo: 1 << 16)
        var form: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            form[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        tokenRequests.append(form)
        if tokenDelay > .zero { try await Task.sleep(for: tokenDelay) }
        if let (status, error) = tokenError { return Self.json(status, ["error": error, "error_description": "no"]) }
        #expect(request.method == .post)
        #expect(request.headerFields[.contentType] == "application/x-www-form-urlencoded")
        #expect(form["grant_type"] == "client_credentials")
        #expect(form["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        let assertion = try JWTCheck.decode(try #require(form["client_assertion"]))
        #expect(try JWTCheck.verifyES256(assertion, jwk: OAuthMiddlewareTests.appPublicJWK))
        #expect(assertion.claims["aud"] as? String == baseURL.absoluteString + "/oauth2/v1/token")
        let jti = try #require(assertion.claims["jti"] as? String)
        #expect(!seenJTIs.contains(jti), "a client assertion jti was reused")
        seenJTIs.insert(jti)
        guard let proofText = request.headerFields[.dpop] else {
            return Self.json(400, ["error": "invalid_dpop_proof", "error_description": "DPoP proof is missing"])
        }
        let proof = try JWTCheck.verifyDPoPProof(proofText)
        #expect(proof.claims["htm"] as? String == "POST")
        #expect(proof.claims["htu"] as? String == baseURL.absoluteString + "/oauth2/v1/token")
        guard proof.claims["nonce"] as? String == nonce else {
            var response = Self.json(
                400,
                ["error": "use_dpop_nonce", "error_description": "Authorization server requires nonce in DPoP proof."])
            response.0.headerFields[.dpopNonce] = nonce
            return response
        }
        issued += 1
        let token = "token-\(issued)"
        let jwk = try #require(proof.header["jwk"] as? [String: Any])
        tokenKeys[token] = try #require(jwk["x"] as? String)
        return Self.json(
            200,
            ["token_type": "DPoP", "expires_in": tokenLifetime, "access_token": token, "scope": form["scope"] ?? ""])
    }

    private func api(_ request: HTTPRequest, _ baseURL: URL) throws -> (HTTPResponse, HTTPBody?) {
        let authorization = request.headerFields[.authorization] ?? ""
        guard authorization.hasPrefix("DPoP "), let proofText = request.headerFields[.dpop] else {
            return (HTTPResponse(status: .unauthorized), nil)
        }
        let token = String(authorization.dropFirst(5))
        let proof = try JWTCheck.verifyDPoPProof(proofText)
        let jwk = try #require(proof.header["jwk"] as? [String: Any])
        #expect(tokenKeys[token] == jwk["x"] as? String, "the proof is signed with the key the token is bound to")
        #expect(proof.claims["ath"] as? String == JWTCheck.sha256Base64URL(token))
        #expect(proof.claims["htm"] as? String == request.method.rawValue)
        let path = request.path ?? ""
        #expect(proof.claims["htu"] as? String == baseURL.absoluteString + String(path.prefix { $0 != "?" }))
        if revoked.remove(token) != nil {
            var response = HTTPResponse(status: .unauthorized)
            response.headerFields[.wwwAuthenticate] =
                #"DPoP error="invalid_token", error_description="The access token is invalid.""#
            return (response, nil)
        }
        if let demanded = resourceNonce, proof.claims["nonce"] as? String != demanded {
            var response = HTTPResponse(status: .unauthorized)
            response.headerFields[.wwwAuthenticate] =
                #"DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof""#
            response.headerFields[.dpopNonce] = demanded
            return (response, nil)
        }
        return Self.json(200, ["ok": true])
    }

    static func json(_ status: Int, _ object: [String: Any]) -> (HTTPResponse, HTTPBody?) {
        var response = HTTPResponse(status: .init(code: status))
        response.headerFields[.contentType] = "application/json"
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return (response, HTTPBody(data))
    }
}

/// A settable clock.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_800_000_000)
    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

@Suite struct OAuthMiddlewareTests {
    static let orgURL = URL(string: "https://org.example.okta.com")!
    static let appKey = try! OktaSigningKey(jwk: TestKeys.ecJWK)
    static var appPublicJWK: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(appKey.publicJWK.json.utf8)) as? [String: Any]) ?? [:]
    }

    static func middleware(clock: TestClock = TestClock()) -> OktaOAuthMiddleware {
        OktaOAuthMiddleware(
            orgURL: orgURL,
            credentials: OktaPrivateKeyCredentials(
                clientID: "0oa-service", scopes: ["okta.users.read", "okta.users.manage"], privateKey: appKey),
            now: { clock.now })
    }

    static func call(
        _ middleware: OktaOAuthMiddleware, _ okta: FakeOkta, path: String = "/api/v1/users?limit=2",
        method: HTTPRequest.Method = .get, body: HTTPBody? = nil
    ) async throws -> HTTPResponse {
        let request = HTTPRequest(method: method, scheme: nil, authority: nil, path: path)
        let (response, _) = try await middleware.intercept(
            request, body: body, baseURL: orgURL, operationID: "listUsers",
            next: { try await okta.handle($0, $1, $2) })
        return response
    }

    @Test func theFirstCallGetsADPoPTokenAfterOneNonceRoundTrip() async throws {
        let okta = FakeOkta()
        let middleware = Self.middleware()
        #expect(try await Self.call(middleware, okta).status == .ok)
        let forms = await okta.tokenRequests
        #expect(forms.count == 2, "the nonce-less first request, then the one with Okta's nonce")
        #expect(forms.first?["scope"] == "okta.users.read okta.users.manage")
        #expect(await okta.apiRequests.first?.headerFields[.authorization] == "DPoP token-1")
        // The nonce is kept: later token requests need no extra round trip.
        #expect(try await Self.call(middleware, okta).status == .ok)
        #expect(await okta.tokenRequests.count == 2)
    }

    @Test func aHundredConcurrentCallsCauseOneTokenRequest() async throws {
        let okta = FakeOkta()
        await okta.configure { $0.tokenDelay = .milliseconds(50) }
        let middleware = Self.middleware()
        try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
            for index in 0..<100 {
                group.addTask { try await Self.call(middleware, okta, path: "/api/v1/users/u\(index)").status }
            }
            for try await status in group { #expect(status == .ok) }
        }
        #expect(await middleware.tokenRequestCount == 1)
        #expect(await okta.issued == 1)
        #expect(await okta.apiRequests.count == 100)
    }

    @Test func aTokenIsRefreshedShortlyBeforeItExpires() async throws {
        let okta = FakeOkta()
        await okta.configure { $0.tokenLifetime = 300 }
        let clock = TestClock()
        let middleware = Self.middleware(clock: clock)
        _ = try await Self.call(middleware, okta)
        clock.advance(200)
        _ = try await Self.call(middleware, okta)
        #expect(await okta.issued == 1, "still fresh")
        clock.advance(50)  // 250 s of 300: within the last minute
        _ = try await Self.call(middleware, okta)
        #expect(await okta.issued == 2)
        #expect(await okta.apiRequests.last?.headerFields[.authorization] == "DPoP token-2")
    }

    @Test func anInvalidTokenIsReplacedAndTheRequestSentOnceMore() async throws {
        let okta = FakeOkta()
        let middleware = Self.middleware()
        _ = try await Self.call(middleware, okta)
        await okta.configure { $0.revoked = ["token-1"] }
        let response = try await Self.call(middleware, okta, method: .post, body: HTTPBody(#"{"profile":{}}"#))
        #expect(response.status == .ok)
        #expect(await okta.issued == 2)
        #expect(await okta.apiRequests.count == 3)
    }

    @Test func theAPIsNonceIsUsedAndKept() async throws {
        let okta = FakeOkta()
        await okta.configure { $0.resourceNonce = "api-nonce" }
        let middleware = Self.middleware()
        #expect(try await Self.call(middleware, okta).status == .ok)
        #expect(await okta.apiRequests.count == 2, "refused once, then sent with the nonce")
        #expect(try await Self.call(middleware, okta).status == .ok)
        #expect(await okta.apiRequests.count == 3, "the nonce is kept for later requests")
    }

    @Test func aSecondUnauthorizedAnswerIsReturnedNotRetriedForever() async throws {
        let okta = FakeOkta()
        let middleware = Self.middleware()
        _ = try await Self.call(middleware, okta)
        await okta.configure { $0.revoked = ["token-1", "token-2"] }
        #expect(try await Self.call(middleware, okta).status == .unauthorized)
        #expect(await okta.apiRequests.count == 3)
    }

    @Test func tokenEndpointErrorsSayWhatToFixWithoutSecrets() async throws {
        let okta = FakeOkta()
        await okta.configure { $0.tokenError = (401, "invalid_client") }
        let middleware = Self.middleware()
        let error = await #expect(throws: OktaOAuthError.self) { try await Self.call(middleware, okta) }
        let message = try #require(error).description
        #expect(message.contains("invalid_client"))
        #expect(message.contains("public key"))
        #expect(!message.contains("eyJ"), "no assertion or proof in the message")
        #expect(!String(describing: middleware).contains("eyJ"))
        #expect(Mirror(reflecting: middleware).children.isEmpty)
    }

    @Test func concurrentCallersShareTheLeadersFailure() async throws {
        let okta = FakeOkta()
        await okta.configure {
            $0.tokenError = (400, "invalid_scope")
            $0.tokenDelay = .milliseconds(50)
        }
        let middleware = Self.middleware()
        let failures = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<20 {
                group.addTask { (try? await Self.call(middleware, okta)) == nil }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(failures == 20)
        #expect(await okta.tokenRequests.count == 1)
    }

    @Test func configurationReadsPrivateKeyModeFromTheEnvironment() throws {
        let environment = [
            "OKTA_CLIENT_ORGURL": "https://org.example.okta.com",
            "OKTA_CLIENT_AUTHORIZATIONMODE": "PrivateKey",
            "OKTA_CLIENT_CLIENTID": "0oa-service",
            "OKTA_CLIENT_SCOPES": "okta.users.read,okta.users.manage",
            "OKTA_CLIENT_PRIVATEKEY": TestKeys.rsaPKCS1,
            "OKTA_CLIENT_PRIVATEKEYID": "kid-7",
        ]
        let configuration = try OktaClientConfiguration.fromEnvironment(environment)
        guard case .privateKey(let credentials) = configuration.authorization else {
            Issue.record("not PrivateKey mode")
            return
        }
        #expect(credentials.scopes == ["okta.users.read", "okta.users.manage"])
        #expect(credentials.privateKey.keyID == "kid-7")
        #expect(credentials.usesDPoP)
        #expect(configuration.authMiddleware is OktaOAuthMiddleware)
        #expect(!String(describing: configuration).contains("MII"))
        #expect(String(describing: configuration).contains("PrivateKey"))

        var missing = environment
        missing["OKTA_CLIENT_SCOPES"] = nil
        #expect(throws: OktaConfigurationError.missingEnvironmentVariable("OKTA_CLIENT_SCOPES")) {
            try OktaClientConfiguration.fromEnvironment(missing)
        }
        var broken = environment
        broken["OKTA_CLIENT_PRIVATEKEY"] = TestKeys.rsaPublic
        let error = #expect(throws: OktaConfigurationError.self) { try OktaClientConfiguration.fromEnvironment(broken) }
        #expect(error?.description.contains("OKTA_CLIENT_PRIVATEKEY") == true)
        #expect(error?.description.contains("MII") == false)
    }
}
