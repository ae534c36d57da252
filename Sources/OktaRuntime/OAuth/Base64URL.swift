import Foundation

/// Base64url without padding (RFC 4648 §5), the encoding of every part of a JWT and of JWK members (RFC 7515 §2).
enum Base64URL {
    /// Encodes bytes.
    ///
    /// - Parameter bytes: The bytes.
    /// - Returns: Base64url text without `=` padding.
    static func encode(_ bytes: some DataProtocol) -> String {
        var text = Data(bytes).base64EncodedString()
        text = text.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    /// Decodes unpadded base64url text.
    ///
    /// - Parameter text: The text; padding, whitespace and the characters of standard base64 (`+`, `/`) are refused,
    ///   since JOSE allows none of them.
    /// - Returns: The bytes, or `nil` if `text` is not base64url.
    static func decode(_ text: some StringProtocol) -> Data? {
        guard text.utf8.count % 4 != 1,
            text.utf8.allSatisfy({ byte in
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                    true
                default: false
                }
            })
        else { return nil }
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard += String(repeating: "=", count: (4 - standard.utf8.count % 4) % 4)
        return Data(base64Encoded: standard)
    }
}
