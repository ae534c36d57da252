import Crypto
import Foundation

/// The public half of a signing key as a JSON Web Key (RFC 7517): what a DPoP proof carries in its header and what
/// an Okta service app registers.
public enum OktaPublicJWK: Sendable, Hashable {
    /// A P-256 key (`kty` `EC`, `crv` `P-256`): coordinates in base64url.
    case p256(x: String, y: String)
    /// An RSA key (`kty` `RSA`): modulus and exponent in base64url.
    case rsa(n: String, e: String)

    /// The JWK's required members in lexicographic order, as RFC 7638 §3.2 hashes them and as the DPoP header
    /// carries them.
    var object: JOSEObject {
        switch self {
        case .p256(let x, let y):
            JOSEObject(["crv": .string("P-256"), "kty": .string("EC"), "x": .string(x), "y": .string(y)])
        case .rsa(let n, let e): JOSEObject(["e": .string(e), "kty": .string("RSA"), "n": .string(n)])
        }
    }

    /// The JSON text of the key (required members only, sorted, no whitespace).
    public var json: String { object.json }

    /// The RFC 7638 thumbprint: base64url of the SHA-256 of ``json``. A DPoP-bound token names its key by this
    /// value (`cnf.jkt`, RFC 9449 §6.1).
    public var thumbprint: String { Base64URL.encode(Data(SHA256.hash(data: Data(json.utf8)))) }

    /// Reads the public members of a JWK.
    ///
    /// - Parameter members: The JWK's members (private members, `kid`, `alg` and `use` are ignored).
    /// - Throws: ``OktaKeyError`` if the key is neither a P-256 nor an RSA key or a member is missing.
    init(members: [String: Any]) throws(OktaKeyError) {
        func member(_ name: String) throws(OktaKeyError) -> String {
            guard let value = members[name] as? String, Base64URL.decode(value) != nil else {
                throw OktaKeyError.invalidJWK("the member '\(name)' is missing or not base64url")
            }
            return value
        }
        switch members["kty"] as? String {
        case "EC":
            guard members["crv"] as? String == "P-256" else {
                throw OktaKeyError.unsupportedKey("EC keys must use the curve P-256 (ES256)")
            }
            self = .p256(x: try member("x"), y: try member("y"))
        case "RSA": self = .rsa(n: try member("n"), e: try member("e"))
        case let kty?: throw OktaKeyError.unsupportedKey("the key type '\(kty)' is not supported; use RSA or EC P-256")
        case nil: throw OktaKeyError.invalidJWK("the member 'kty' is missing")
        }
    }

    /// The JWK of a P-256 public key.
    ///
    /// - Parameter key: The key.
    init(_ key: P256.Signing.PublicKey) {
        // The raw representation is the two 32-byte coordinates, x then y.
        let raw = key.rawRepresentation
        self = .p256(x: Base64URL.encode(raw.prefix(32)), y: Base64URL.encode(raw.suffix(32)))
    }
}
