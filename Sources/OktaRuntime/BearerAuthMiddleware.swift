import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Authenticates requests with an OAuth 2.0 access token: `Authorization: Bearer <token>`.
///
/// The token is either fixed or fetched before every request from an async provider, which can cache and refresh
/// it (for example a client-credentials flow with a private key JWT). Replaces any `Authorization` header already on
/// the request. The token never appears in `description`, `debugDescription` or reflection.
public struct BearerAuthMiddleware: ClientMiddleware, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// Supplies an access token; called once per request (and per retry).
    public typealias TokenProvider = @Sendable () async throws -> String

    /// Where the token comes from.
    private enum Source: Sendable {
        case fixed(RedactedSecret)
        case provider(TokenProvider)
    }

    /// Where the token comes from.
    private let source: Source

    /// Makes the middleware with a fixed token.
    ///
    /// - Parameter token: An access token, without the `Bearer` prefix.
    public init(token: String) { source = .fixed(RedactedSecret(token)) }

    /// Makes the middleware with a token provider.
    ///
    /// - Parameter tokenProvider: Returns a current access token, without the `Bearer` prefix; its errors fail the
    ///   request before anything is sent.
    public init(tokenProvider: @escaping TokenProvider) { source = .provider(tokenProvider) }

    /// Adds the `Authorization` header and passes the request on.
    ///
    /// - Parameters:
    ///   - request: The request.
    ///   - body: The request body.
    ///   - baseURL: The server URL.
    ///   - operationID: The operation's identifier.
    ///   - next: The rest of the middleware chain and the transport.
    /// - Returns: The response from `next`.
    /// - Throws: The token provider's error, or whatever `next` throws.
    public func intercept(
        _ request: HTTPRequest,
        body: HTTPBody?,
        baseURL: URL,
        operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let token: String
        switch source {
        case .fixed(let secret): token = secret.value
        case .provider(let provider): token = try await provider()
        }
        var request = request
        request.headerFields.setAuthorization("Bearer \(token)")
        return try await next(request, body, baseURL)
    }

    /// `BearerAuthMiddleware(token: <redacted>)` or `BearerAuthMiddleware(tokenProvider: …)`.
    public var description: String {
        switch source {
        case .fixed: "BearerAuthMiddleware(token: <redacted>)"
        case .provider: "BearerAuthMiddleware(tokenProvider: …)"
        }
    }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// A mirror with no children, so reflection cannot reach the token.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
