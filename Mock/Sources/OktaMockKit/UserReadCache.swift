import Foundation
import Hummingbird
import NIOCore
import OktaRuntime
import OktaUsers

/// `GET /api/v1/users/{id}` from bytes encoded once.
///
/// A user is 2.5 KB of JSON with up to fifteen `_links`; encoding it with Foundation's `JSONEncoder` on every read was
/// about 30% of okta-mock's CPU under load, and the generated stub's request and response conversions most of the
/// rest. So the plain form of the read -- no query (`expand`), no `okta-response` in `Content-Type`, the key not
/// percent-encoded -- is answered in ``OktaMockMiddleware`` (after the token, rate-limit and fault steps, before the
/// router) from the bytes the stub path would send: ``UserStore/encodedUser(_:origin:)`` renders the user with
/// ``UserRenderer`` and `JSONEncoder.okta`, as `getUser` does, the first time and keeps the bytes until the next
/// change to the org. Anything else, and a key that finds no user, goes the stub's way (404 included), so the
/// answers stay byte for byte the same (`ReadCacheTests`).
struct UserReadCache: Sendable {
    /// The org.
    let store: UserStore

    /// The encoded user a plain `GET /api/v1/users/{id}` asks for, or `nil` for any other request.
    ///
    /// - Parameter request: The request.
    /// - Returns: The response, or `nil` to go on to the router.
    func respond(to request: Request) async -> Response? {
        guard request.method == .get, request.uri.query?.isEmpty ?? true,
            request.headers[.contentType]?.range(of: "okta-response", options: .caseInsensitive) == nil
        else { return nil }
        let path = request.uri.path
        let prefix = "/api/v1/users/"
        guard path.hasPrefix(prefix) else { return nil }
        let key = path.dropFirst(prefix.count)
        guard !key.isEmpty, !key.contains("/"), !key.contains("%") else { return nil }
        guard let encoded = await store.encodedUser(String(key), origin: UserRenderer.origin(of: request.head))
        else { return nil }
        var headers = HTTPFields()
        headers.reserveCapacity(8)
        headers[.contentType] = "application/json"
        if let etag = MockAPI.entityTagField { headers[etag] = encoded.entityTag }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: encoded.body))
    }
}

/// A user's `GET` answer, encoded.
struct EncodedUser: Sendable {
    /// The JSON body, as the generated stub encodes it.
    var body: ByteBuffer
    /// The `ETag`.
    var entityTag: String
}

extension UserStore {
    /// The most answers kept: a bound against clients that vary `Host` (links are absolute on it).
    static let encodedUserLimit = 100_000

    /// The user with an ID, login, unique short login or `me`, as `getUser` encodes it for a client that called
    /// `origin`; encoded on first use and kept until the next change.
    ///
    /// - Parameters:
    ///   - key: The path parameter.
    ///   - origin: The origin links point to.
    /// - Returns: The encoded answer, or `nil` when no user has that key.
    func encodedUser(_ key: String, origin: String) -> EncodedUser? {
        guard let id = state.userID(for: key), let user = state.users[id] else { return nil }
        let cacheKey = EncodedUserKey(id: id, origin: origin)
        if let cached = encodedUsers[cacheKey] { return cached }
        var renderer = UserRenderer(request: HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/"))
        renderer.origin = origin
        guard let data = try? JSONEncoder.okta.encode(renderer.singleton(user, expand: nil)) else { return nil }
        let encoded = EncodedUser(body: ByteBuffer(bytes: data), entityTag: UserRenderer.entityTag(user))
        if encodedUsers.count >= Self.encodedUserLimit { encodedUsers.removeAll() }
        encodedUsers[cacheKey] = encoded
        return encoded
    }
}

/// What an encoded answer depends on besides the org: the user and the origin of its links.
struct EncodedUserKey: Hashable, Sendable {
    var id: String
    var origin: String
}
