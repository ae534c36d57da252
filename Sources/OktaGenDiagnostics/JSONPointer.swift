/// RFC 6901 JSON pointers, written as URI fragments (`#/paths/~1api~1v1~1users/get`).
public enum JSONPointer {
    /// Escapes one reference token: `~` becomes `~0` and `/` becomes `~1`.
    /// - Parameter token: The raw token (a mapping key or an array index).
    /// - Returns: The escaped token.
    public static func escape(_ token: String) -> String {
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return token }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(token.utf8.count + 8)
        appendEscaped(token, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends a token's escaped UTF-8 bytes (work on bytes: `~` and `/` are ASCII, never inside a multi-byte
    /// character).
    private static func appendEscaped(_ token: String, to bytes: inout [UInt8]) {
        for byte in token.utf8 {
            switch byte {
            case UInt8(ascii: "~"): bytes.append(contentsOf: [UInt8(ascii: "~"), UInt8(ascii: "0")])
            case UInt8(ascii: "/"): bytes.append(contentsOf: [UInt8(ascii: "~"), UInt8(ascii: "1")])
            default: bytes.append(byte)
            }
        }
    }

    /// Unescapes one reference token: `~1` becomes `/` and `~0` becomes `~`, in that order.
    /// - Parameter token: The escaped token.
    /// - Returns: The raw token.
    public static func unescape(_ token: String) -> String {
        guard token.utf8.contains(UInt8(ascii: "~")) else { return token }
        return unescape(Array(token.utf8)[...])
    }

    private static func unescape(_ token: ArraySlice<UInt8>) -> String {
        guard token.contains(UInt8(ascii: "~")) else { return String(decoding: token, as: UTF8.self) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(token.count)
        var index = token.startIndex
        while index < token.endIndex {
            let byte = token[index]
            if byte == UInt8(ascii: "~"), index + 1 < token.endIndex {
                let next = token[index + 1]
                if next == UInt8(ascii: "1") {
                    bytes.append(UInt8(ascii: "/"))
                    index += 2
                    continue
                }
                if next == UInt8(ascii: "0") {
                    bytes.append(UInt8(ascii: "~"))
                    index += 2
                    continue
                }
            }
            bytes.append(byte)
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Builds a fragment pointer from raw tokens.
    /// - Parameter tokens: Unescaped tokens from the root down.
    /// - Returns: `#` for the root, otherwise `#/a/b`.
    public static func fragment<S: Sequence>(_ tokens: S) -> String where S.Element == String {
        var bytes: [UInt8] = [UInt8(ascii: "#")]
        bytes.reserveCapacity(64)
        for token in tokens {
            bytes.append(UInt8(ascii: "/"))
            appendEscaped(token, to: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Splits a fragment pointer (`#/a/b`, `/a/b` or empty) into unescaped tokens.
    ///
    /// Percent-encoding (as URI fragments may carry it) is decoded first.
    /// - Parameter pointer: The pointer text.
    /// - Returns: The tokens, or `nil` when the text is not a JSON pointer.
    public static func tokens(of pointer: String) -> [String]? {
        var text = Array(pointer.utf8)[...]
        if text.first == UInt8(ascii: "#") { text = text.dropFirst() }
        if text.contains(UInt8(ascii: "%")) {
            guard let decoded = percentDecode(String(decoding: text, as: UTF8.self)) else { return nil }
            text = Array(decoded.utf8)[...]
        }
        if text.isEmpty { return [] }
        guard text.first == UInt8(ascii: "/") else { return nil }
        return text.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map(unescape)
    }

    private static func percentDecode(_ text: String) -> String? {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
