import Foundation

/// The client assertion of private key JWT client authentication (RFC 7523 §2.2, OpenID Connect Core §9), as Okta's
/// token endpoint requires it: `iss` and `sub` the client ID, `aud` the token endpoint URL, `iat`, `exp` at most an
/// hour later, a unique `jti`, and `kid` in the header when the key has an identifier.
enum ClientAssertion {
    /// The longest lifetime Okta accepts for a client assertion.
    static let maximumLifetime: Duration = .seconds(3600)

    /// Makes and signs an assertion.
    ///
    /// - Parameters:
    ///   - clientID: The service app's client ID.
    ///   - tokenURL: The token endpoint, `https://{yourOktaDomain}/oauth2/v1/token`.
    ///   - key: The app's private key.
    ///   - now: The issue time.
    ///   - lifetime: How long the assertion is valid; clamped to one second … one hour.
    ///   - jti: A unique identifier (Okta refuses a `jti` it has seen).
    /// - Returns: The compact JWT.
    /// - Throws: What signing throws.
    static func make(
        clientID: String, tokenURL: String, key: OktaSigningKey, now: Date, lifetime: Duration, jti: String
    ) throws -> String {
        let seconds = min(max(lifetime.components.seconds, 1), maximumLifetime.components.seconds)
        let issued = Int64(now.timeIntervalSince1970.rounded(.down))
        var header = JOSEObject(["typ": .string("JWT")])
        if let keyID = key.keyID { header.append("kid", .string(keyID)) }
        let claims = JOSEObject([
            "iss": .string(clientID), "sub": .string(clientID), "aud": .string(tokenURL),
            "iat": .integer(issued), "exp": .integer(issued + seconds), "jti": .string(jti),
        ])
        return try JWT.sign(header: header, claims: claims, with: key)
    }
}
