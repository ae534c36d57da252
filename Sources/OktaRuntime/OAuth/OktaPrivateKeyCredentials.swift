import Foundation

/// What an Okta API Services app needs to get access tokens by itself: OAuth 2.0 client credentials with private key
/// JWT client authentication (RFC 7523), the tokens DPoP-bound (RFC 9449) as Okta requires for new apps by default.
///
/// ```swift
/// let credentials = OktaPrivateKeyCredentials(
///     clientID: "0oa1b2c3d4", scopes: ["okta.users.read", "okta.users.manage"],
///     privateKey: try OktaSigningKey(pem: pemText, keyID: "my-key-id"))
/// let configuration = try OktaClientConfiguration(orgURL: orgURL, authorization: .privateKey(credentials))
/// ```
///
/// The key never appears in `description`, `debugDescription` or reflection.
public struct OktaPrivateKeyCredentials: Sendable, CustomStringConvertible {
    /// The service app's client ID.
    public var clientID: String
    /// The scopes to request, for example `okta.users.read` and `okta.users.manage` (granted to the app in Okta).
    public var scopes: [String]
    /// The app's private key; its public half is registered with the app.
    public var privateKey: OktaSigningKey
    /// Whether tokens are DPoP-bound; on by default, as Okta's API Services apps require ("Require Demonstrating
    /// Proof of Possession (DPoP) header in token requests"). Turn it off only for an app that has the setting off.
    public var usesDPoP: Bool
    /// How long each client assertion is valid (at most one hour; five minutes by default).
    public var assertionLifetime: Duration

    /// Makes credentials.
    ///
    /// - Parameters:
    ///   - clientID: The service app's client ID.
    ///   - scopes: The scopes to request.
    ///   - privateKey: The app's private key.
    ///   - usesDPoP: Whether tokens are DPoP-bound (default `true`).
    ///   - assertionLifetime: How long each client assertion is valid (default five minutes, at most one hour).
    public init(
        clientID: String, scopes: [String], privateKey: OktaSigningKey, usesDPoP: Bool = true,
        assertionLifetime: Duration = .seconds(300)
    ) {
        self.clientID = clientID
        self.scopes = scopes
        self.privateKey = privateKey
        self.usesDPoP = usesDPoP
        self.assertionLifetime = min(assertionLifetime, ClientAssertion.maximumLifetime)
    }

    /// For example `OktaPrivateKeyCredentials(clientID: 0oa1…, scopes: okta.users.read, key: RS256, DPoP)`.
    public var description: String {
        "OktaPrivateKeyCredentials(clientID: \(clientID), scopes: \(scopes.joined(separator: " ")), "
            + "key: \(privateKey.algorithm.rawValue)\(usesDPoP ? ", DPoP" : ""))"
    }
}

/// Why an access token could not be obtained. Messages never contain tokens, assertions or keys.
public enum OktaOAuthError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// The token endpoint refused the request: its HTTP status and OAuth error (`invalid_client`,
    /// `invalid_dpop_proof`, `invalid_scope`…).
    case tokenRequestFailed(status: Int, error: String?, description: String?)
    /// The token endpoint answered 200 with something that is not a token response.
    case invalidTokenResponse(String)

    /// A message that says what went wrong and, for the common cases, how to fix it.
    public var description: String {
        switch self {
        case .tokenRequestFailed(let status, let error, let description):
            var message = "Okta's token endpoint refused the request (HTTP \(status)"
            if let error { message += ", \(error)" }
            message += ")"
            if let description { message += ": \(description)" }
            switch error {
            case "invalid_client"?:
                message +=
                    ". Check the client ID, that the app uses public key / private key authentication, and "
                    + "that its registered public key (and key ID) matches the private key."
            case "invalid_dpop_proof"?:
                message += ". The app requires DPoP: keep OktaPrivateKeyCredentials.usesDPoP on."
            case "invalid_scope"?:
                message += ". Grant the scopes to the app (Okta API Scopes tab) or request fewer."
            default: break
            }
            return message
        case .invalidTokenResponse(let reason):
            return "Okta's token endpoint answered with an invalid token response: \(reason)."
        }
    }

    /// Same as ``description``.
    public var errorDescription: String? { description }
}
