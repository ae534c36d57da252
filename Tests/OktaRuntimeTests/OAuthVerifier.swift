import Crypto
import Foundation
import _CryptoExtras

/// Verifies JWTs independently of the runtime's signing code: base64url, JSON and signatures are read here with
/// Foundation and swift-crypto directly, and this verifier is itself checked against RFC 9449's published proof,
/// so that signer and verifier cannot share a mistake.
enum JWTCheck {
    struct Decoded {
        var header: [String: Any]
        var claims: [String: Any]
        var signingInput: Data
        var signature: Data
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func base64URL(_ text: some StringProtocol) throws -> Data {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        guard let data = Data(base64Encoded: standard) else { throw Failure(description: "not base64url: \(text)") }
        return data
    }

    static func decode(_ jwt: String) throws -> Decoded {
        let parts = jwt.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw Failure(description: "not a compact JWS") }
        func object(_ part: Substring) throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: try base64URL(part)) as? [String: Any] else {
                throw Failure(description: "not a JSON object")
            }
            return object
        }
        return Decoded(
            header: try object(parts[0]), claims: try object(parts[1]),
            signingInput: Data("\(parts[0]).\(parts[1])".utf8), signature: try base64URL(parts[2]))
    }

    /// Checks an ES256 signature against a P-256 JWK (`x`, `y`).
    static func verifyES256(_ decoded: Decoded, jwk: [String: Any]) throws -> Bool {
        guard let x = jwk["x"] as? String, let y = jwk["y"] as? String else { throw Failure(description: "no x/y") }
        let key = try P256.Signing.PublicKey(rawRepresentation: try base64URL(x) + base64URL(y))
        let signature = try P256.Signing.ECDSASignature(rawRepresentation: decoded.signature)
        return key.isValidSignature(signature, for: decoded.signingInput)
    }

    /// Checks an RS256 signature against an RSA JWK (`n`, `e`).
    static func verifyRS256(_ decoded: Decoded, jwk: [String: Any]) throws -> Bool {
        guard let n = jwk["n"] as? String, let e = jwk["e"] as? String else { throw Failure(description: "no n/e") }
        let key = try _RSA.Signing.PublicKey(n: try base64URL(n), e: try base64URL(e))
        return key.isValidSignature(
            _RSA.Signing.RSASignature(rawRepresentation: decoded.signature), for: decoded.signingInput,
            padding: .insecurePKCS1v1_5)
    }

    /// Verifies a DPoP proof's signature with the key in its own header and checks the header fields of RFC 9449
    /// §4.2.
    static func verifyDPoPProof(_ proof: String) throws -> Decoded {
        let decoded = try decode(proof)
        guard decoded.header["typ"] as? String == "dpop+jwt", decoded.header["alg"] as? String == "ES256",
            let jwk = decoded.header["jwk"] as? [String: Any], jwk["d"] == nil
        else { throw Failure(description: "bad DPoP header \(decoded.header)") }
        guard try verifyES256(decoded, jwk: jwk) else { throw Failure(description: "bad DPoP signature") }
        return decoded
    }

    static func sha256Base64URL(_ text: String) -> String {
        Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
