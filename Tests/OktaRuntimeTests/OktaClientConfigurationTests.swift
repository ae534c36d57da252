import Foundation
import OktaRuntime
import Testing

@Suite struct OktaClientConfigurationTests {
    static let token = "00SeCrEtApItOkEn-xyz"

    @Test func readsTheStandardEnvironmentVariables() throws {
        let configuration = try OktaClientConfiguration.fromEnvironment([
            "OKTA_CLIENT_ORGURL": " https://dev-123456.okta.com/ ",
            "OKTA_CLIENT_TOKEN": Self.token,
        ])
        #expect(configuration.serverURL.absoluteString == "https://dev-123456.okta.com")
        guard case .ssws(let token) = configuration.authorization else {
            Issue.record("expected SSWS authorization")
            return
        }
        #expect(token == Self.token)
        #expect(configuration.middlewares.count == 3)
        #expect(configuration.middlewares[1] is OktaRateLimitGovernor)
        #expect(configuration.middlewares.first is RetryMiddleware)
        #expect(configuration.middlewares.last is SSWSAuthMiddleware)
    }

    @Test func middlewaresRetryThenAuthenticate() async throws {
        let configuration = try OktaClientConfiguration(orgURL: url("https://dev-1.okta.com"), token: Self.token)
        let transport = FakeTransport([HTTPResponse(status: .ok)])
        // Chain the middlewares the way swift-openapi-runtime's client does: the first one is outermost.
        typealias Next = @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
        var chain: Next = { request, body, _ in try await transport.send(request, body) }
        for middleware in configuration.middlewares.reversed() {
            let next = chain
            chain = { request, body, baseURL in
                try await middleware.intercept(request, body: body, baseURL: baseURL, operationID: "op", next: next)
            }
        }
        let request = HTTPRequest(method: .get, scheme: "https", authority: "dev-1.okta.com", path: "/api/v1/users")
        _ = try await chain(request, nil, configuration.serverURL)
        #expect(await transport.calls.first?.request.headerFields[.authorization] == "SSWS \(Self.token)")
    }

    @Test(arguments: ["Bearer", "bearer", " BEARER "])
    func bearerMode(_ mode: String) throws {
        let configuration = try OktaClientConfiguration.fromEnvironment([
            "OKTA_CLIENT_ORGURL": "https://dev-1.okta.com",
            "OKTA_CLIENT_TOKEN": Self.token,
            "OKTA_CLIENT_AUTHORIZATIONMODE": mode,
        ])
        #expect(configuration.authMiddleware is BearerAuthMiddleware)
    }

    @Test func missingVariablesAreReportedByName() {
        #expect(throws: OktaConfigurationError.missingEnvironmentVariable("OKTA_CLIENT_ORGURL")) {
            try OktaClientConfiguration.fromEnvironment(["OKTA_CLIENT_TOKEN": Self.token])
        }
        #expect(throws: OktaConfigurationError.missingEnvironmentVariable("OKTA_CLIENT_TOKEN")) {
            try OktaClientConfiguration.fromEnvironment([
                "OKTA_CLIENT_ORGURL": "https://dev-1.okta.com", "OKTA_CLIENT_TOKEN": "  ",
            ])
        }
        #expect(throws: OktaConfigurationError.missingEnvironmentVariable("OKTA_CLIENT_ORGURL")) {
            try OktaClientConfiguration.fromEnvironment([:])
        }
    }

    @Test func unsupportedAuthorizationModesAreRejected() {
        #expect(throws: OktaConfigurationError.unsupportedAuthorizationMode("JWT")) {
            try OktaClientConfiguration.fromEnvironment([
                "OKTA_CLIENT_ORGURL": "https://dev-1.okta.com",
                "OKTA_CLIENT_TOKEN": Self.token,
                "OKTA_CLIENT_AUTHORIZATIONMODE": "JWT",
            ])
        }
    }

    @Test(arguments: [
        ("https://{yourOktaDomain}", "{yourOktaDomain}"),
        ("http://dev-1.okta.com", "https://"),
        ("http://127.0.0.1:8080", "allowInsecureHTTP: true or set OKTA_TESTING_DISABLEHTTPSCHECK=true"),
        ("dev-1.okta.com", "absolute URL"),
        ("https://dev-1-admin.okta.com", "-admin"),
        ("https://dev-1.okta.com.com", ".com.com"),
        ("https://dev-1.okta.com/api/v1", "path"),
        ("https://dev-1.okta.com?x=1", "query"),
        ("not a url at all", "absolute URL"),
    ])
    func invalidOrgURLsAreRejectedWithAReason(_ orgURL: String, _ reasonFragment: String) {
        #expect {
            try OktaClientConfiguration.fromEnvironment(["OKTA_CLIENT_ORGURL": orgURL, "OKTA_CLIENT_TOKEN": Self.token])
        } throws: { error in
            guard case OktaConfigurationError.invalidOrgURL(_, let reason) = error else { return false }
            return reason.contains(reasonFragment)
        }
    }

    @Test func httpIsAllowedOnlyWhenTheCheckIsDisabled() throws {
        let configuration = try OktaClientConfiguration.fromEnvironment([
            "OKTA_CLIENT_ORGURL": "http://localhost:8080",
            "OKTA_CLIENT_TOKEN": Self.token,
            "OKTA_TESTING_DISABLEHTTPSCHECK": "true",
        ])
        #expect(configuration.serverURL.absoluteString == "http://localhost:8080")
    }

    @Test func invalidTokensAreRejectedWithoutEchoingThem() {
        #expect(throws: OktaConfigurationError.invalidToken(reason: "replace {apiToken} with an API token.")) {
            try OktaClientConfiguration(orgURL: url("https://dev-1.okta.com"), token: "{apiToken}")
        }
        for token in ["00abc def-SeCrEt", "00abc\ndef-SeCrEt"] {
            #expect {
                try OktaClientConfiguration(orgURL: url("https://dev-1.okta.com"), token: token)
            } throws: { error in
                guard case OktaConfigurationError.invalidToken = error else { return false }
                return !"\(error)".contains(token)
            }
        }
        #expect(throws: OktaConfigurationError.self) {
            try OktaClientConfiguration(orgURL: url("https://dev-1.okta.com"), authorization: .bearer(token: ""))
        }
    }

    @Test func descriptionRedactsTheToken() throws {
        let configuration = try OktaClientConfiguration(orgURL: url("https://dev-1.okta.com"), token: Self.token)
        var dumped = ""
        dump(configuration, to: &dumped)
        for rendering in [String(describing: configuration), String(reflecting: configuration), dumped] {
            #expect(!rendering.contains(Self.token), "token leaked in: \(rendering)")
        }
        #expect(
            configuration.description
                == "OktaClientConfiguration(orgURL: https://dev-1.okta.com, authorization: SSWS <redacted>)")
    }

    @Test func errorMessagesAreHelpful() {
        #expect(
            OktaConfigurationError.missingEnvironmentVariable("OKTA_CLIENT_TOKEN").description.contains(
                "OKTA_CLIENT_TOKEN"))
        #expect(OktaConfigurationError.unsupportedAuthorizationMode("JWT").localizedDescription.contains("SSWS"))
    }
}
