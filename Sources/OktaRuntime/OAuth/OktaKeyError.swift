/// Why a private key could not be read. Messages never contain key material.
public enum OktaKeyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The PEM text is not a private key this runtime can read; `reason` says why.
    case invalidPEM(String)
    /// The JWK is not a private key this runtime can read; `reason` says why.
    case invalidJWK(String)
    /// The key is of a kind Okta's service apps do not use (only RSA with RS256 and EC P-256 with ES256 are).
    case unsupportedKey(String)
    /// The key file could not be read.
    case unreadableFile(path: String, reason: String)

    /// A message that says what is wrong.
    public var description: String {
        switch self {
        case .invalidPEM(let reason): "The private key PEM is invalid: \(reason)."
        case .invalidJWK(let reason): "The private key JWK is invalid: \(reason)."
        case .unsupportedKey(let reason): "The private key is not supported: \(reason)."
        case .unreadableFile(let path, let reason): "The private key file '\(path)' cannot be read: \(reason)."
        }
    }
}
