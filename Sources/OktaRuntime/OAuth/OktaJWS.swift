import Crypto
import Foundation
import _CryptoExtras

/// A compact JWS (RFC 7515 §7.1) read but not trusted: its header and claims as JSON, and a check of its signature
/// against a public key. What a server needs to verify the client assertions and DPoP proofs this runtime signs
/// (okta-mock's token endpoint uses it), so that signing and verifying share the base64url, JWK and signature code.
///
/// Only RS256 (RSA of at least 2,048 bits) and ES256 (P-256) signatures are verified; any other `alg`, including
/// `none` and the symmetric `HS256`, never verifies.
public struct OktaJWS: Sendable {
    /// The protected header.
    public let header: JSONObject
    /// The payload's claims.
    public let claims: JSONObject
    /// `BASE64URL(header) '.' BASE64URL(payload)`.
    private let signingInput: Data
    /// The signature bytes.
    private let signature: Data

    /// The header's `alg`, for example `ES256`.
    public var algorithm: String? { header["alg"]?.stringValue }

    /// Reads a compact JWS.
    ///
    /// - Parameter compact: `header.payload.signature`, each part unpadded base64url, header and payload JSON objects.
    /// - Returns: `nil` if the text is not such a JWS.
    public init?(compact: String) {
        let parts = compact.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Base64URL.decode(parts[0]),
            let claimsData = Base64URL.decode(parts[1]), let signature = Base64URL.decode(parts[2]),
            case .object(let header)? = try? JSONDecoder().decode(JSONValue.self, from: headerData),
            case .object(let claims)? = try? JSONDecoder().decode(JSONValue.self, from: claimsData)
        else { return nil }
        self.header = header
        self.claims = claims
        self.signingInput = Data("\(parts[0]).\(parts[1])".utf8)
        self.signature = signature
    }

    /// Whether the signature is valid for `key` with the header's `alg`, which must be the key's algorithm (RS256
    /// for an RSA key, ES256 for a P-256 key).
    ///
    /// - Parameter key: The public key.
    /// - Returns: `true` if the JWS was signed by the key's private half.
    public func isSigned(by key: OktaPublicJWK) -> Bool {
        switch key {
        case .p256(let x, let y):
            guard algorithm == OktaSigningKey.Algorithm.es256.rawValue, let x = Base64URL.decode(x),
                let y = Base64URL.decode(y), let publicKey = try? P256.Signing.PublicKey(rawRepresentation: x + y),
                let signature = try? P256.Signing.ECDSASignature(rawRepresentation: signature)
            else { return false }
            return publicKey.isValidSignature(signature, for: signingInput)
        case .rsa(let n, let e):
            guard algorithm == OktaSigningKey.Algorithm.rs256.rawValue, let n = Base64URL.decode(n),
                let e = Base64URL.decode(e), let publicKey = try? _RSA.Signing.PublicKey(n: n, e: e),
                publicKey.keySizeInBits >= 2048
            else { return false }
            return publicKey.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: signature), for: signingInput, padding: .insecurePKCS1v1_5)
        }
    }

    /// The `ath` claim of a DPoP proof for an access token: base64url of the SHA-256 of its ASCII text (RFC 9449
    /// §4.2).
    ///
    /// - Parameter accessToken: The token.
    /// - Returns: The hash.
    public static func dpopAccessTokenHash(_ accessToken: String) -> String {
        DPoPProof.accessTokenHash(accessToken)
    }

    /// The `htu` of a DPoP proof for a URL: without query and fragment, scheme and host in lower case (RFC 9449
    /// §4.2, §4.3).
    ///
    /// - Parameter url: The request URL.
    /// - Returns: The target URI.
    public static func dpopTargetURI(_ url: String) -> String { DPoPProof.targetURI(url) }
}

extension OktaPublicJWK {
    /// Reads the public members of a JWK (RFC 7517), for example one key of a JWKS or a DPoP proof's `jwk`.
    ///
    /// - Parameter jwk: The JWK; private members, `kid`, `alg` and `use` are ignored (check for private members
    ///   before, where a public key is required).
    /// - Throws: ``OktaKeyError`` if the key is neither a P-256 nor an RSA key, or a member is missing.
    public init(jwk: JSONObject) throws(OktaKeyError) {
        var members: [String: Any] = [:]
        for (name, value) in jwk { if let text = value.stringValue { members[name] = text } }
        try self.init(members: members)
    }

    /// The members of a JWK that belong to a private key (RFC 7518 §6.2.2, §6.3.2, §6.4.1): a JWK that has any is
    /// not a public key.
    public static let privateMembers: Set<String> = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"]
}
