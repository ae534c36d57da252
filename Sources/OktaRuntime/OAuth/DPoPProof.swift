import Crypto
import Foundation

/// DPoP proofs (RFC 9449 §4): a JWT signed with the client's DPoP key, carrying the public key (`jwk`), the request's
/// method (`htm`) and URL without query or fragment (`htu`), the time (`iat`), a unique `jti`, the server's nonce
/// when it gave one, and on resource requests the hash of the access token (`ath`).
enum DPoPProof {
    /// Makes and signs a proof.
    ///
    /// - Parameters:
    ///   - key: The client's DPoP key (P-256).
    ///   - method: The HTTP method, for example `POST`.
    ///   - url: The request URL; its query and fragment are left out of `htu`.
    ///   - now: The issue time.
    ///   - jti: A unique identifier.
    ///   - nonce: The server's last `DPoP-Nonce`, if any.
    ///   - accessToken: The access token the request carries (resource requests only).
    /// - Returns: The compact JWT for the `DPoP` header.
    /// - Throws: What signing throws.
    static func make(
        key: OktaSigningKey, method: String, url: String, now: Date, jti: String, nonce: String?,
        accessToken: String?
    ) throws -> String {
        let header = JOSEObject(["typ": .string("dpop+jwt"), "jwk": .object(key.publicJWK.object)])
        var claims = JOSEObject([
            "jti": .string(jti), "htm": .string(method), "htu": .string(targetURI(url)),
            "iat": .integer(Int64(now.timeIntervalSince1970.rounded(.down))),
        ])
        if let accessToken { claims.append("ath", .string(accessTokenHash(accessToken))) }
        if let nonce { claims.append("nonce", .string(nonce)) }
        return try JWT.sign(header: header, claims: claims, with: key)
    }

    /// The `ath` claim: base64url of the SHA-256 of the access token's ASCII text (RFC 9449 §4.2).
    ///
    /// - Parameter accessToken: The token.
    /// - Returns: The hash.
    static func accessTokenHash(_ accessToken: String) -> String {
        Base64URL.encode(Data(SHA256.hash(data: Data(accessToken.utf8))))
    }

    /// The `htu` claim: the URL without query and fragment (RFC 9449 §4.2), scheme and host in lower case.
    ///
    /// - Parameter url: The request URL.
    /// - Returns: The target URI.
    static func targetURI(_ url: String) -> String {
        var end = url.endIndex
        if let mark = url.firstIndex(where: { $0 == "?" || $0 == "#" }) { end = mark }
        let trimmed = String(url[..<end])
        guard var components = URLComponents(string: trimmed) else { return trimmed }
        components.scheme = components.scheme?.lowercased()
        components.host = components.host?.lowercased()
        return components.string ?? trimmed
    }
}
