import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Authenticates requests with an Okta API token: `Authorization: SSWS <token>`.
///
/// Replaces any `Authorization` header already on the request. The token never appears in `description`,
/// `debugDescription` or reflection.
public struct SSWSAuthMiddleware: ClientMiddleware, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The API token.
    private let token: RedactedSecret

    /// Makes the middleware.
    ///
    /// - Parameter token: An Okta API token (created under Security › API › Tokens), without the `SSWS` prefix.
    public init(token: String) { self.token = RedactedSecret(token) }

    /// Adds the `Authorization` header and passes the request on.
    ///
    /// - Parameters:
    ///   - request: The request.
    ///   - body: The request body.
    ///   - baseURL: The server URL.
    ///   - operationID: The operation's identifier.
    ///   - next: The rest of the middleware chain and the transport.
    /// - Returns: The response from `next`.
    /// - Throws: Whatever `next` throws.
    public func intercept(
        _ request: HTTPRequest,
        body: HTTPBody?,
        baseURL: URL,
        operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        request.headerFields.setAuthorization("SSWS \(token.value)")
        return try await next(request, body, baseURL)
    }

    /// `SSWSAuthMiddleware(token: <redacted>)`.
    public var description: String { "SSWSAuthMiddleware(token: <redacted>)" }

    /// `SSWSAuthMiddleware(token: <redacted>)`.
    public var debugDescription: String { description }

    /// A mirror whose only child is the redacted token.
    public var customMirror: Mirror { Mirror(self, children: ["token": token], displayStyle: .struct) }
}
