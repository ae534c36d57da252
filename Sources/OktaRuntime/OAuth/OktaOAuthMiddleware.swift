import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Authenticates requests with access tokens it obtains itself: OAuth 2.0 client credentials with a private key JWT
/// (RFC 7523), DPoP-bound by default (RFC 9449), from the org's `/oauth2/v1/token`.
///
/// - The token request goes through the same transport as the API calls (the rest of the middleware chain), to
///   `{orgURL}/oauth2/v1/token`, with a DPoP proof from the first request on (Okta answers the first one with
///   `use_dpop_nonce` and a `DPoP-Nonce`, and the request is sent again once with it).
/// - The token is cached until shortly before `expires_in` runs out (a minute, or half the lifetime if shorter);
///   concurrent requests that need a new token cause one token request.
/// - API requests carry `Authorization: DPoP <token>` and a proof with `ath`, `htm`, `htu` and the API's last
///   `DPoP-Nonce`, if it gave one. A 401 with `error="invalid_token"` drops the token, fetches another and sends the
///   request once more; a 401 with `error="use_dpop_nonce"` sends it once more with the new nonce.
/// - The credentials, tokens and proofs never appear in `description`, errors or reflection.
///
/// One middleware (hence one DPoP key and one token cache) per client: make it once and give it to the client.
public struct OktaOAuthMiddleware: ClientMiddleware, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// Returns the current time.
    public typealias Clock = @Sendable () -> Date

    /// The token endpoint's path under the org URL.
    static let tokenPath = "/oauth2/v1/token"

    /// The app's credentials.
    private let credentials: OktaPrivateKeyCredentials
    /// `{orgURL}/oauth2/v1/token`, the assertion's audience and the token proof's `htu`.
    private let tokenURL: String
    /// The client's DPoP key, made with the middleware.
    private let dpopKey: OktaSigningKey
    /// Token, nonces and the request in flight, shared by every copy of the middleware.
    private let session = OAuthSession()
    /// The clock, for assertion and proof times and token expiry.
    private let now: Clock
    /// The largest single-use request body buffered so that a refused request can be sent again.
    private let maximumBufferedBodySize = 1 << 20

    /// Makes the middleware.
    ///
    /// - Parameters:
    ///   - orgURL: `https://{yourOktaDomain}`.
    ///   - credentials: The service app's client ID, scopes and private key.
    ///   - now: The clock; the system clock by default.
    public init(orgURL: URL, credentials: OktaPrivateKeyCredentials, now: @escaping Clock = { Date() }) {
        var base = orgURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        self.tokenURL = base + Self.tokenPath
        self.credentials = credentials
        self.dpopKey = .generateP256()
        self.now = now
    }

    /// The number of token requests sent so far (for tests and diagnostics).
    public var tokenRequestCount: Int { get async { await session.tokenRequests } }

    /// Authenticates the request, fetching a token first if needed, and retries once after a 401 that a new token
    /// or nonce can fix.
    ///
    /// - Parameters:
    ///   - request: The request.
    ///   - body: The request body.
    ///   - baseURL: The server URL.
    ///   - operationID: The operation's identifier.
    ///   - next: The rest of the middleware chain and the transport.
    /// - Returns: The response.
    /// - Throws: ``OktaOAuthError`` when no token can be obtained, or whatever `next` throws.
    public func intercept(
        _ request: HTTPRequest,
        body: HTTPBody?,
        baseURL: URL,
        operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let (body, canResend) = try await resendable(body)
        var retried = false
        while true {
            let token = try await accessToken(baseURL: baseURL, next: next)
            var authorized = request
            let nonce = await session.resourceNonce
            if token.type.caseInsensitiveCompare("DPoP") == .orderedSame {
                authorized.headerFields.setAuthorization("DPoP \(token.value)")
                authorized.headerFields[.dpop] = try DPoPProof.make(
                    key: dpopKey, method: request.method.rawValue, url: Self.url(of: request, baseURL: baseURL),
                    now: now(), jti: UUID().uuidString, nonce: nonce, accessToken: token.value)
            } else {
                authorized.headerFields.setAuthorization("Bearer \(token.value)")
                authorized.headerFields[.dpop] = nil
            }
            let (response, responseBody) = try await next(authorized, body, baseURL)
            let newNonce = response.headerFields[.dpopNonce]
            await session.setResourceNonce(newNonce)
            guard response.status == .unauthorized, !retried, canResend else { return (response, responseBody) }
            let errors = OktaAuthenticationChallenge.challenges(in: response.headerFields).compactMap(\.error)
            if errors.contains("invalid_token") {
                await session.invalidate(token.value)
            } else if !(errors.contains("use_dpop_nonce") && newNonce != nil && newNonce != nonce) {
                return (response, responseBody)
            }
            retried = true
        }
    }

    /// A fresh token: the cached one, the one another request is fetching, or a new one.
    private func accessToken(
        baseURL: URL, next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> OAuthSession.AccessToken {
        while true {
            switch await session.acquire(now: now()) {
            case .token(let token): return token
            case .failed(let error): throw error
            case .lead:
                do {
                    let token = try await fetchToken(baseURL: baseURL, next: next)
                    await session.finish(.success(token))
                    return token
                } catch {
                    await session.finish(.failure(error))
                    throw error
                }
            }
        }
    }

    /// Sends the client credentials request, once more if the token endpoint asks for a DPoP nonce.
    private func fetchToken(
        baseURL: URL, next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> OAuthSession.AccessToken {
        var attempt = 0
        while true {
            attempt += 1
            let nonce = await session.tokenNonce
            let sent = now()
            var request = HTTPRequest(method: .post, scheme: nil, authority: nil, path: Self.tokenPath)
            request.headerFields[.contentType] = "application/x-www-form-urlencoded"
            request.headerFields[.accept] = "application/json"
            if credentials.usesDPoP {
                request.headerFields[.dpop] = try DPoPProof.make(
                    key: dpopKey, method: "POST", url: tokenURL, now: sent, jti: UUID().uuidString, nonce: nonce,
                    accessToken: nil)
            }
            let assertion = try ClientAssertion.make(
                clientID: credentials.clientID, tokenURL: tokenURL, key: credentials.privateKey, now: sent,
                lifetime: credentials.assertionLifetime, jti: UUID().uuidString)
            let form = Self.formEncoded([
                ("grant_type", "client_credentials"),
                ("scope", credentials.scopes.joined(separator: " ")),
                ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
                ("client_assertion", assertion),
            ])
            let (response, responseBody) = try await next(request, HTTPBody(form), baseURL)
            let newNonce = response.headerFields[.dpopNonce]
            await session.setTokenNonce(newNonce)
            let data = try await Self.collect(responseBody)
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
            guard response.status == .ok else {
                let error = object?["error"] as? String
                if error == "use_dpop_nonce", newNonce != nil, newNonce != nonce, attempt == 1 { continue }
                throw OktaOAuthError.tokenRequestFailed(
                    status: response.status.code, error: error,
                    description: object?["error_description"] as? String)
            }
            guard let object, let value = object["access_token"] as? String, !value.isEmpty else {
                throw OktaOAuthError.invalidTokenResponse("no access_token")
            }
            let type = object["token_type"] as? String ?? "Bearer"
            if credentials.usesDPoP, type.caseInsensitiveCompare("DPoP") != .orderedSame {
                throw OktaOAuthError.invalidTokenResponse("the token is not DPoP-bound (token_type \(type))")
            }
            let lifetime = (object["expires_in"] as? NSNumber)?.doubleValue ?? 3600
            let margin = min(60, lifetime / 2)
            return OAuthSession.AccessToken(
                value: value, type: type, refreshAt: sent.addingTimeInterval(lifetime - margin))
        }
    }

    /// Makes the request body resendable if it is small enough.
    private func resendable(_ body: HTTPBody?) async throws -> (HTTPBody?, Bool) {
        guard let body else { return (nil, true) }
        if body.iterationBehavior == .multiple { return (body, true) }
        guard case .known(let length) = body.length, length <= Int64(maximumBufferedBodySize) else {
            return (body, false)
        }
        return (HTTPBody(try await [UInt8](collecting: body, upTo: maximumBufferedBodySize)), true)
    }

    /// Reads a token endpoint response body (at most 64 KiB: token responses are small).
    private static func collect(_ body: HTTPBody?) async throws -> Data {
        guard let body else { return Data() }
        return try await Data(collecting: body, upTo: 64 * 1024)
    }

    /// The absolute URL of a request: the base URL and the request's path (with its query, which `htu` drops).
    static func url(of request: HTTPRequest, baseURL: URL) -> String {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return base + (request.path ?? "")
    }

    /// `application/x-www-form-urlencoded` text (WHATWG URL §5.2): unreserved characters kept, space as `+`.
    static func formEncoded(_ fields: [(String, String)]) -> String {
        let unreserved = CharacterSet(
            charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._*")
        func encode(_ text: String) -> String {
            text.split(separator: " ", omittingEmptySubsequences: false)
                .map { $0.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "" }
                .joined(separator: "+")
        }
        return fields.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }

    /// For example `OktaOAuthMiddleware(clientID: 0oa1…, DPoP)`.
    public var description: String {
        "OktaOAuthMiddleware(clientID: \(credentials.clientID)\(credentials.usesDPoP ? ", DPoP" : ""))"
    }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// A mirror with no children, so reflection cannot reach the key or tokens.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
