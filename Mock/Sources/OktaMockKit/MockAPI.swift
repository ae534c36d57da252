import Foundation
import OktaRuntime
import OktaUsers

/// The hand-written implementation behind the generated server stubs: every one of the 36 operations of the seven
/// user tags, over a ``UserStore``.
///
/// The generated code has parsed and validated parameters and bodies before a method here runs; authentication, rate
/// limiting and request IDs are done around it by ``OktaMockMiddleware``.
struct MockAPI: OktaAPIHandler {
    /// The org.
    let store: UserStore

    /// The user identifier of a request, taken from the raw path when possible.
    ///
    /// The generated stub decodes path parameters like query values, turning `+` into a space; a login such as
    /// `ann+test@example.com` would not be found. The raw segment, percent-decoded without that rule, is right.
    ///
    /// - Parameters:
    ///   - parsed: The identifier the stub parsed.
    ///   - request: The request.
    /// - Returns: The identifier to look up.
    static func userKey(_ parsed: String, _ request: HTTPRequest) -> String {
        guard let path = request.path?.prefix(while: { $0 != "?" }) else { return parsed }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        // "", "api", "v1", "users", "{id}", …
        guard segments.count > 4, segments[1] == "api", segments[3] == "users" else { return parsed }
        return String(segments[4]).removingPercentEncoding ?? parsed
    }

    /// The user of a `{userId}` path: an ID only, as Okta's spec names it (a `{id}` path also takes a login, a login
    /// shortname or `me`, through ``userKey(_:_:)``).
    ///
    /// - Parameters:
    ///   - parsed: The identifier the stub parsed.
    ///   - request: The request.
    /// - Returns: The ID.
    /// - Throws: 404 `E0000007` when no user has that ID.
    func userID(_ parsed: String, _ request: HTTPRequest) async throws -> String {
        let key = Self.userKey(parsed, request)
        guard await store.hasUser(id: key) else { throw OktaErrorResponse.userNotFound(key) }
        return key
    }
}
