import Crypto
import Foundation
import _CryptoExtras

/// A private key that signs JWTs: an RSA key (RS256) or a P-256 key (ES256), as Okta service apps use for private
/// key JWT client authentication (the public half registered with the app) and for DPoP proofs.
///
/// Reads PEM (PKCS#1 `RSA PRIVATE KEY`, PKCS#8 `PRIVATE KEY`, SEC1 `EC PRIVATE KEY`) and JWK (what Okta's Admin
/// Console gives when it generates a key). The key never appears in `description`, `debugDescription` or reflection.
public struct OktaSigningKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The JWS algorithm the key signs with.
    public enum Algorithm: String, Sendable, Hashable {
        /// RSASSA-PKCS1-v1_5 with SHA-256.
        case rs256 = "RS256"
        /// ECDSA on P-256 with SHA-256.
        case es256 = "ES256"
    }

    /// The key itself.
    private enum Backing: Sendable {
        case rsa(_RSA.Signing.PrivateKey)
        case p256(P256.Signing.PrivateKey)
    }

    /// The key itself.
    private let backing: Backing
    /// The key's identifier (`kid`), sent in the header of client assertions so that Okta picks the right public key
    /// when the app has several.
    public let keyID: String?

    /// The algorithm the key signs with.
    public var algorithm: Algorithm {
        switch backing {
        case .rsa: .rs256
        case .p256: .es256
        }
    }

    /// The public half as a JWK.
    public var publicJWK: OktaPublicJWK {
        switch backing {
        case .p256(let key): OktaPublicJWK(key.publicKey)
        case .rsa(let key):
            // `getKeyPrimitives` fails only for keys BoringSSL cannot describe, which it would not have loaded.
            if let primitives = try? key.publicKey.getKeyPrimitives() {
                .rsa(n: Base64URL.encode(primitives.modulus), e: Base64URL.encode(primitives.publicExponent))
            } else {
                .rsa(n: "", e: "")
            }
        }
    }

    /// Makes a fresh P-256 key, as a DPoP key pair (RFC 9449 §2) is made for each client.
    ///
    /// - Returns: The key, without identifier.
    public static func generateP256() -> OktaSigningKey { OktaSigningKey(.p256(P256.Signing.PrivateKey()), keyID: nil) }

    /// Wraps a key.
    private init(_ backing: Backing, keyID: String?) {
        self.backing = backing
        self.keyID = keyID
    }

    /// Reads a PEM private key.
    ///
    /// - Parameters:
    ///   - pem: PEM text: `RSA PRIVATE KEY` (PKCS#1), `PRIVATE KEY` (PKCS#8, RSA or P-256) or `EC PRIVATE KEY` (SEC1).
    ///   - keyID: The key's identifier in the Okta app (`kid`), if the app has more than one key.
    /// - Throws: ``OktaKeyError`` if the text is not such a key (an encrypted key, a public key or a certificate are
    ///   named as such).
    public init(pem: String, keyID: String? = nil) throws(OktaKeyError) {
        let text = pem.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let label = Self.pemLabel(text) else {
            throw OktaKeyError.invalidPEM("it does not start with a '-----BEGIN …-----' line")
        }
        switch label {
        case "RSA PRIVATE KEY":
            guard let key = try? _RSA.Signing.PrivateKey(pemRepresentation: text) else {
                throw OktaKeyError.invalidPEM("the RSA key cannot be read (RS256 needs at least 2,048 bits)")
            }
            self.init(.rsa(key), keyID: keyID)
        case "EC PRIVATE KEY":
            guard let key = try? P256.Signing.PrivateKey(pemRepresentation: text) else {
                throw OktaKeyError.unsupportedKey("the EC key cannot be read as a P-256 key (ES256)")
            }
            self.init(.p256(key), keyID: keyID)
        case "PRIVATE KEY":
            if let key = try? P256.Signing.PrivateKey(pemRepresentation: text) {
                self.init(.p256(key), keyID: keyID)
            } else if let key = try? _RSA.Signing.PrivateKey(pemRepresentation: text) {
                self.init(.rsa(key), keyID: keyID)
            } else {
                throw OktaKeyError.unsupportedKey(
                    "the PKCS#8 key is neither an RSA key of at least 2,048 bits nor a P-256 key")
            }
        case "ENCRYPTED PRIVATE KEY":
            throw OktaKeyError.invalidPEM("the key is encrypted; give the unencrypted key (keep it in a secret store)")
        case "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE":
            throw OktaKeyError.invalidPEM("it holds a \(label.lowercased()), not the private key")
        default:
            throw OktaKeyError.invalidPEM("'\(label)' is not a private key label")
        }
    }

    /// Reads a private key in JWK form (RFC 7517), as Okta's Admin Console shows it when it generates a key.
    ///
    /// - Parameter jwk: The JWK's JSON text: `kty` `RSA` with `n`, `e`, `d`, `p`, `q`, or `kty` `EC`, `crv` `P-256`
    ///   with `x`, `y`, `d`. Its `kid`, if any, becomes ``keyID``.
    /// - Throws: ``OktaKeyError`` if the JSON is not such a key, or its private part does not match its public part.
    public init(jwk: String) throws(OktaKeyError) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(jwk.utf8)),
            let members = object as? [String: Any]
        else { throw OktaKeyError.invalidJWK("it is not a JSON object") }
        let publicJWK = try OktaPublicJWK(members: members)
        func bytes(_ name: String) throws(OktaKeyError) -> Data {
            guard let text = members[name] as? String, let data = Base64URL.decode(text) else {
                throw OktaKeyError.invalidJWK(
                    "the private member '\(name)' is missing or not base64url (is this the public key?)")
            }
            return data
        }
        let keyID = members["kid"] as? String
        switch publicJWK {
        case .p256:
            guard let key = try? P256.Signing.PrivateKey(rawRepresentation: try bytes("d")) else {
                throw OktaKeyError.invalidJWK("'d' is not a P-256 private key")
            }
            self.init(.p256(key), keyID: keyID)
        case .rsa:
            let parts = (try bytes("n"), try bytes("e"), try bytes("d"), try bytes("p"), try bytes("q"))
            guard let key = try? _RSA.Signing.PrivateKey(n: parts.0, e: parts.1, d: parts.2, p: parts.3, q: parts.4),
                key.keySizeInBits >= 2048
            else { throw OktaKeyError.invalidJWK("the RSA members do not form a key of at least 2,048 bits") }
            self.init(.rsa(key), keyID: keyID)
        }
        guard self.publicJWK == publicJWK else {
            throw OktaKeyError.invalidJWK("the private key does not match the public members")
        }
    }

    /// Reads a key from `OKTA_CLIENT_PRIVATEKEY`-style text: PEM, JWK JSON, or the path of a file holding either.
    ///
    /// - Parameters:
    ///   - text: PEM text, JWK JSON, or a file path.
    ///   - keyID: The key's identifier, if the text does not carry one.
    /// - Returns: The key.
    /// - Throws: ``OktaKeyError``.
    public static func read(_ text: String, keyID: String? = nil) throws(OktaKeyError) -> OktaSigningKey {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("-----BEGIN") { return try OktaSigningKey(pem: trimmed, keyID: keyID) }
        if trimmed.hasPrefix("{") {
            let key = try OktaSigningKey(jwk: trimmed)
            return key.keyID == nil && keyID != nil ? OktaSigningKey(key.backing, keyID: keyID) : key
        }
        let path = (trimmed as NSString).expandingTildeInPath
        let contents: String
        do {
            contents = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw OktaKeyError.unreadableFile(path: trimmed, reason: "it is not a readable UTF-8 file")
        }
        let inner = contents.trimmingCharacters(in: .whitespacesAndNewlines)
        guard inner.hasPrefix("-----BEGIN") || inner.hasPrefix("{") else {
            throw OktaKeyError.unreadableFile(path: trimmed, reason: "it holds neither PEM nor JWK text")
        }
        return try read(inner, keyID: keyID)
    }

    /// Signs a JWS signing input (RFC 7515 §5.1).
    ///
    /// - Parameter input: `BASE64URL(header) || '.' || BASE64URL(payload)`.
    /// - Returns: The signature: PKCS#1 v1.5 bytes for RS256, `r || s` (32 bytes each) for ES256 (RFC 7518 §3.4).
    /// - Throws: What the crypto library throws (not expected for a loaded key).
    func sign(_ input: String) throws -> Data {
        let data = Data(input.utf8)
        switch backing {
        case .rsa(let key): return try key.signature(for: data, padding: .insecurePKCS1v1_5).rawRepresentation
        case .p256(let key): return try key.signature(for: data).rawRepresentation
        }
    }

    /// The label of the first PEM block, for example `PRIVATE KEY`.
    private static func pemLabel(_ text: String) -> String? {
        let prefix = "-----BEGIN "
        guard text.hasPrefix(prefix),
            let end = text.range(
                of: "-----", range: text.index(text.startIndex, offsetBy: prefix.count)..<text.endIndex)
        else { return nil }
        return String(text[text.index(text.startIndex, offsetBy: prefix.count)..<end.lowerBound])
    }

    /// For example `OktaSigningKey(ES256, kid: none, private key: <redacted>)`.
    public var description: String {
        "OktaSigningKey(\(algorithm.rawValue), kid: \(keyID ?? "none"), private key: <redacted>)"
    }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// A mirror showing the algorithm and key identifier only.
    public var customMirror: Mirror {
        Mirror(self, children: ["algorithm": algorithm, "keyID": keyID as Any], displayStyle: .struct)
    }
}
