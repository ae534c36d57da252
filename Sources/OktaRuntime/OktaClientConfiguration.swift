import Foundation
import OpenAPIRuntime

/// Where an Okta client connects and how it authenticates: the server URL and middleware for a generated client.
///
/// ```swift
/// let configuration = try OktaClientConfiguration.fromEnvironment()
/// let client = Client(
///     serverURL: configuration.serverURL,
///     configuration: .okta,
///     transport: URLSessionTransport(),
///     middlewares: configuration.middlewares
/// )
/// ```
///
/// The environment variables are the ones the other Okta SDKs read:
/// - `OKTA_CLIENT_ORGURL` (required): `https://{yourOktaDomain}`.
/// - `OKTA_CLIENT_AUTHORIZATIONMODE` (optional): `SSWS` (default), `Bearer` or `PrivateKey`, case-insensitive.
/// - `OKTA_CLIENT_TOKEN` (`SSWS` and `Bearer`): an API token (`SSWS`) or an access token (`Bearer`).
/// - `PrivateKey` mode (OAuth 2.0 client credentials with a private key JWT, DPoP-bound tokens; see
///   ``OktaPrivateKeyCredentials``): `OKTA_CLIENT_CLIENTID`, `OKTA_CLIENT_SCOPES` (separated by spaces or commas),
///   `OKTA_CLIENT_PRIVATEKEY` (PEM or JWK text, or the path of a file holding it) and, optionally,
///   `OKTA_CLIENT_PRIVATEKEYID` (the key's `kid`).
/// - `OKTA_TESTING_DISABLEHTTPSCHECK` (optional): `true` allows an `http` org URL, for local test servers only.
///
/// The token never appears in `description`, `debugDescription` or reflection.
public struct OktaClientConfiguration: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// How requests are authenticated.
    public enum Authorization: Sendable {
        /// An Okta API token: `Authorization: SSWS <token>`.
        case ssws(token: String)
        /// A fixed OAuth 2.0 access token: `Authorization: Bearer <token>`.
        case bearer(token: String)
        /// OAuth 2.0 access tokens from a provider called for every request: `Authorization: Bearer <token>`.
        case bearerProvider(BearerAuthMiddleware.TokenProvider)
        /// OAuth 2.0 access tokens the client obtains with a service app's private key, DPoP-bound by default:
        /// `Authorization: DPoP <token>` (see ``OktaOAuthMiddleware``).
        case privateKey(OktaPrivateKeyCredentials)
    }

    /// The org URL, without trailing slash: `https://{yourOktaDomain}`.
    public let orgURL: URL
    /// How requests are authenticated.
    public let authorization: Authorization
    /// The retry policy for rate-limited requests.
    public var retryPolicy: RetryMiddleware.Policy
    /// How long to wait for a connection (`okta.client.connectionTimeout`), for the transport; `nil`: its default.
    public var connectionTimeout: Duration?
    /// How long a request may take in all (`okta.client.requestTimeout`), for the transport; `nil`: no limit.
    public var requestTimeout: Duration?
    /// What the rate-limit governor does (see ``OktaRateLimitGovernor``); `nil` turns it off.
    public var rateLimitGovernor: OktaRateLimitGovernor.Policy? = OktaRateLimitGovernor.Policy()
    /// The proxy (`okta.client.proxy`), for a transport that takes one in code (see docs/OAuth.md, "Transports").
    public var proxy: OktaProxySettings?

    /// Makes a configuration after validating the org URL and token.
    ///
    /// - Parameters:
    ///   - orgURL: `https://{yourOktaDomain}`; a trailing slash is removed.
    ///   - authorization: How requests are authenticated.
    ///   - retryPolicy: The retry policy for rate-limited requests.
    ///   - allowInsecureHTTP: Whether an `http` URL is accepted, for local test servers only.
    /// - Throws: ``OktaConfigurationError`` if the URL or token is invalid.
    public init(
        orgURL: URL,
        authorization: Authorization,
        retryPolicy: RetryMiddleware.Policy = RetryMiddleware.Policy(),
        allowInsecureHTTP: Bool = false
    ) throws {
        self.orgURL = try Self.validatedOrgURL(orgURL.absoluteString, allowInsecureHTTP: allowInsecureHTTP)
        switch authorization {
        case .ssws(let token), .bearer(let token): try Self.validateToken(token)
        case .bearerProvider: break
        case .privateKey(let credentials): try Self.validate(credentials)
        }
        self.authorization = authorization
        self.retryPolicy = retryPolicy
    }

    /// Makes a configuration with API token (`SSWS`) authentication.
    ///
    /// - Parameters:
    ///   - orgURL: `https://{yourOktaDomain}`.
    ///   - token: An Okta API token.
    /// - Throws: ``OktaConfigurationError`` if the URL or token is invalid.
    public init(orgURL: URL, token: String) throws {
        try self.init(orgURL: orgURL, authorization: .ssws(token: token))
    }

    /// Makes a configuration from environment variables (see ``OktaClientConfiguration``).
    ///
    /// - Parameter environment: The variables; the process environment by default. Pass a dictionary in tests.
    /// - Returns: The configuration.
    /// - Throws: ``OktaConfigurationError`` if a variable is missing or invalid.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> OktaClientConfiguration {
        func value(_ name: String) -> String? {
            guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                return nil
            }
            return value
        }
        guard let urlString = value("OKTA_CLIENT_ORGURL") else {
            throw OktaConfigurationError.missingEnvironmentVariable("OKTA_CLIENT_ORGURL")
        }
        func token() throws -> String {
            guard let token = value("OKTA_CLIENT_TOKEN") else {
                throw OktaConfigurationError.missingEnvironmentVariable("OKTA_CLIENT_TOKEN")
            }
            return token
        }
        func required(_ name: String) throws -> String {
            guard let value = value(name) else { throw OktaConfigurationError.missingEnvironmentVariable(name) }
            return value
        }
        let authorization: Authorization
        switch value("OKTA_CLIENT_AUTHORIZATIONMODE")?.lowercased() {
        case nil, "ssws": authorization = .ssws(token: try token())
        case "bearer": authorization = .bearer(token: try token())
        case "privatekey":
            let clientID = try required("OKTA_CLIENT_CLIENTID")
            let scopes = try required("OKTA_CLIENT_SCOPES").split(whereSeparator: { $0 == "," || $0 == " " })
                .map(String.init)
            let key: OktaSigningKey
            do {
                key = try OktaSigningKey.read(
                    try required("OKTA_CLIENT_PRIVATEKEY"), keyID: value("OKTA_CLIENT_PRIVATEKEYID"))
            } catch let error as OktaKeyError {
                throw OktaConfigurationError.invalidEnvironmentVariable(
                    "OKTA_CLIENT_PRIVATEKEY", reason: error.description)
            }
            authorization = .privateKey(OktaPrivateKeyCredentials(clientID: clientID, scopes: scopes, privateKey: key))
        case let mode?:
            throw OktaConfigurationError.unsupportedAuthorizationMode(
                environment["OKTA_CLIENT_AUTHORIZATIONMODE"]?.trimmingCharacters(in: .whitespaces) ?? mode
            )
        }
        let allowInsecureHTTP = value("OKTA_TESTING_DISABLEHTTPSCHECK")?.lowercased() == "true"
        let orgURL = try validatedOrgURL(urlString, allowInsecureHTTP: allowInsecureHTTP)
        return try OktaClientConfiguration(
            orgURL: orgURL,
            authorization: authorization,
            allowInsecureHTTP: allowInsecureHTTP
        )
    }

    /// The server URL for the generated client. Okta's spec puts `/api/v1` in each path, so this is the org URL.
    public var serverURL: URL { orgURL }

    /// The authentication middleware for ``authorization``.
    public var authMiddleware: any ClientMiddleware {
        switch authorization {
        case .ssws(let token): SSWSAuthMiddleware(token: token)
        case .bearer(let token): BearerAuthMiddleware(token: token)
        case .bearerProvider(let provider): BearerAuthMiddleware(tokenProvider: provider)
        case .privateKey(let credentials): OktaOAuthMiddleware(orgURL: orgURL, credentials: credentials)
        }
    }

    /// The client middleware, outermost first: retry on 429, the rate-limit governor (so that every attempt is
    /// governed), then authentication (so retries are authenticated afresh, with a fresh token from a provider).
    ///
    /// Each access makes new middleware; in `PrivateKey` mode that means a new DPoP key and token cache, so read it
    /// once per client (as the generated `OktaClient` does).
    public var middlewares: [any ClientMiddleware] {
        var middlewares: [any ClientMiddleware] = [RetryMiddleware(policy: retryPolicy)]
        if let rateLimitGovernor { middlewares.append(OktaRateLimitGovernor(policy: rateLimitGovernor)) }
        middlewares.append(authMiddleware)
        return middlewares
    }

    /// For example `OktaClientConfiguration(orgURL: https://dev-1.okta.com, authorization: SSWS <redacted>)`.
    public var description: String {
        let mode =
            switch authorization {
            case .ssws: "SSWS <redacted>"
            case .bearer: "Bearer <redacted>"
            case .bearerProvider: "Bearer (token provider)"
            case .privateKey(let credentials): "PrivateKey (client \(credentials.clientID))"
            }
        return "OktaClientConfiguration(orgURL: \(orgURL.absoluteString), authorization: \(mode))"
    }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// A mirror showing the org URL and retry policy but not the credentials.
    public var customMirror: Mirror {
        Mirror(self, children: ["orgURL": orgURL, "retryPolicy": retryPolicy], displayStyle: .struct)
    }

    // MARK: Validation

    /// Checks an org URL the way the other Okta SDKs do, and normalizes it.
    ///
    /// - Parameters:
    ///   - string: The URL text.
    ///   - allowInsecureHTTP: Whether `http` is accepted.
    /// - Returns: The URL without trailing slashes.
    /// - Throws: ``OktaConfigurationError/invalidOrgURL(_:reason:)``.
    static func validatedOrgURL(_ string: String, allowInsecureHTTP: Bool) throws -> URL {
        func invalid(_ reason: String) -> OktaConfigurationError { .invalidOrgURL(string, reason: reason) }
        var trimmed = string.trimmingCharacters(in: .whitespacesAndNewlines)
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        if trimmed.contains("{yourOktaDomain}") {
            throw invalid("replace {yourOktaDomain} with your Okta domain, for example dev-123456.okta.com.")
        }
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            let host = components.host?.lowercased(), !host.isEmpty
        else { throw invalid("it is not an absolute URL such as https://dev-123456.okta.com.") }
        guard scheme == "https" || (scheme == "http" && allowInsecureHTTP) else {
            guard scheme == "http" else { throw invalid("it must start with https://.") }
            // Say how to allow http, since the one reason to use it is a local test server such as okta-mock.
            throw invalid(
                "it must start with https://. For a local test server (okta-mock), pass allowInsecureHTTP: true "
                    + "or set OKTA_TESTING_DISABLEHTTPSCHECK=true.")
        }
        if host.contains("-admin.") {
            throw invalid("use the org URL rather than the admin console URL (remove '-admin').")
        }
        if host.hasSuffix(".com.com") { throw invalid("it ends in '.com.com'.") }
        guard components.path.isEmpty, components.query == nil, components.fragment == nil else {
            throw invalid("it must not contain a path, query or fragment; the API paths already include /api/v1.")
        }
        guard let url = components.url else { throw invalid("it is not a valid URL.") }
        return url
    }

    /// Checks private key credentials.
    ///
    /// - Parameter credentials: The credentials.
    /// - Throws: ``OktaConfigurationError/invalidCredentials(reason:)``.
    static func validate(_ credentials: OktaPrivateKeyCredentials) throws {
        if credentials.clientID.isEmpty || credentials.clientID.contains("{clientId}") {
            throw OktaConfigurationError.invalidCredentials(reason: "set the service app's client ID.")
        }
        if credentials.scopes.isEmpty {
            throw OktaConfigurationError.invalidCredentials(
                reason: "request at least one scope, for example okta.users.read.")
        }
    }

    /// Checks a token without ever putting it in an error message.
    ///
    /// - Parameter token: The token.
    /// - Throws: ``OktaConfigurationError/invalidToken(reason:)``.
    static func validateToken(_ token: String) throws {
        if token.isEmpty { throw OktaConfigurationError.invalidToken(reason: "it is empty.") }
        if token.contains("{apiToken}") {
            throw OktaConfigurationError.invalidToken(reason: "replace {apiToken} with an API token.")
        }
        if token.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) {
            throw OktaConfigurationError.invalidToken(reason: "it contains whitespace or control characters.")
        }
    }
}
