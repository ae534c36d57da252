import Foundation

/// Signs compact JWS (RFC 7515 §7.1): `BASE64URL(header).BASE64URL(claims).BASE64URL(signature)`.
enum JWT {
    /// Signs a header and claims.
    ///
    /// - Parameters:
    ///   - header: The protected header; `alg` is added first from the key.
    ///   - claims: The claims.
    ///   - key: The signing key.
    /// - Returns: The compact serialization.
    /// - Throws: What signing throws.
    static func sign(header: JOSEObject, claims: JOSEObject, with key: OktaSigningKey) throws -> String {
        var fullHeader = JOSEObject(["alg": .string(key.algorithm.rawValue)])
        for member in header.members { fullHeader.append(member.name, member.value) }
        let input = Base64URL.encode(Data(fullHeader.json.utf8)) + "." + Base64URL.encode(Data(claims.json.utf8))
        return input + "." + Base64URL.encode(try key.sign(input))
    }
}
