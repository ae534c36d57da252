import Foundation

/// The parser behind ``LinkHeader``: RFC 8288 §3 `link-value`s, leniently.
///
/// Grammar handled: `#( "<" URI-Reference ">" *( OWS ";" OWS link-param ) )`, where a `link-param` is a token
/// optionally followed by `=` and a token or a quoted-string (with backslash escapes). Commas and semicolons inside
/// `<…>` and inside quoted strings do not split. Anything unexpected skips to the next top-level comma.
enum LinkHeaderParser {
    /// Parses one field value.
    ///
    /// - Parameters:
    ///   - fieldValue: The text of one `Link` field.
    ///   - baseURL: The URL relative targets are resolved against.
    /// - Returns: The valid links, in order.
    static func parse(_ fieldValue: String, relativeTo baseURL: URL?) -> [LinkHeader.Link] {
        fieldValue.withASCIIScanner { scanner in
            var links: [LinkHeader.Link] = []
            while true {
                scanner.skip { isWhitespace($0) || $0 == UInt8(ascii: ",") }
                if scanner.isAtEnd { break }
                guard scanner.consume(UInt8(ascii: "<")) else {
                    skipToNextLinkValue(&scanner)
                    continue
                }
                let targetRange = scanner.skip { $0 != UInt8(ascii: ">") }
                // An unterminated `<` swallows the rest: nothing after it can be delimited reliably.
                guard scanner.consume(UInt8(ascii: ">")) else { break }
                let reference = scanner.string(targetRange).trimmingCharacters(in: .whitespaces)
                let parameters = parseParameters(&scanner)
                scanner.skip(while: isWhitespace)
                if !scanner.isAtEnd && scanner.peek != UInt8(ascii: ",") {
                    skipToNextLinkValue(&scanner)
                }
                guard let target = resolve(reference, relativeTo: baseURL) else { continue }
                var named: [String: String] = [:]
                for (name, value) in parameters where named[name] == nil { named[name] = value }
                let relations = (named["rel"] ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                links.append(LinkHeader.Link(target: target, relations: relations, parameters: named))
            }
            return links
        }
    }

    /// Parses the `; name=value` parameters following a target.
    ///
    /// - Parameter scanner: The scanner, just after `>`; left at the first byte that does not continue a parameter.
    /// - Returns: The parameters in order, names lowercased; a parameter without `=` has an empty value.
    private static func parseParameters(_ scanner: inout ASCIIScanner) -> [(String, String)] {
        var parameters: [(String, String)] = []
        while true {
            scanner.skip(while: isWhitespace)
            guard scanner.consume(UInt8(ascii: ";")) else { return parameters }
            scanner.skip(while: isWhitespace)
            let name = scanner.string(scanner.skip(while: isTokenByte)).lowercased()
            scanner.skip(while: isWhitespace)
            var value = ""
            if scanner.consume(UInt8(ascii: "=")) {
                scanner.skip(while: isWhitespace)
                if scanner.peek == UInt8(ascii: "\"") {
                    value = parseQuotedString(&scanner)
                } else {
                    value = scanner.string(scanner.skip(while: isTokenByte))
                }
            }
            if !name.isEmpty { parameters.append((name, value)) }
        }
    }

    /// Parses a quoted-string, unescaping `\x` pairs; an unterminated string runs to the end of the value.
    ///
    /// - Parameter scanner: The scanner, on the opening quote.
    /// - Returns: The unquoted text.
    private static func parseQuotedString(_ scanner: inout ASCIIScanner) -> String {
        _ = scanner.consume(UInt8(ascii: "\""))
        var bytes: [UInt8] = []
        while let byte = scanner.peek {
            scanner.position += 1
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\"), let escaped = scanner.peek {
                scanner.position += 1
                bytes.append(escaped)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Skips to the next comma that is not inside `<…>` or a quoted string, or to the end.
    ///
    /// - Parameter scanner: The scanner, somewhere inside a malformed link-value.
    private static func skipToNextLinkValue(_ scanner: inout ASCIIScanner) {
        var inQuotes = false
        var inBrackets = false
        while let byte = scanner.peek {
            if inQuotes {
                if byte == UInt8(ascii: "\\") {
                    scanner.position += 1
                } else if byte == UInt8(ascii: "\"") {
                    inQuotes = false
                }
            } else if inBrackets {
                if byte == UInt8(ascii: ">") { inBrackets = false }
            } else if byte == UInt8(ascii: ",") {
                return
            } else if byte == UInt8(ascii: "\"") {
                inQuotes = true
            } else if byte == UInt8(ascii: "<") {
                inBrackets = true
            }
            scanner.position += 1
        }
    }

    /// Makes a URL from a URI reference.
    ///
    /// - Parameters:
    ///   - reference: The text between `<` and `>`.
    ///   - baseURL: The base for relative references.
    /// - Returns: The absolute URL (or the reference as-is without a base), or `nil` if it is not a valid URL.
    private static func resolve(_ reference: String, relativeTo baseURL: URL?) -> URL? {
        guard !reference.isEmpty else { return baseURL }
        // RFC 3986 references never contain spaces or control characters; Foundation's leniency varies by platform.
        guard !reference.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else { return nil }
        if let baseURL {
            return URL(string: reference, relativeTo: baseURL)?.absoluteURL
        }
        return URL(string: reference)
    }

    /// Whether `byte` is optional whitespace (space or tab).
    ///
    /// - Parameter byte: A byte.
    /// - Returns: `true` for space and horizontal tab.
    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    /// Whether `byte` may appear in an unquoted parameter name or value.
    ///
    /// - Parameter byte: A byte.
    /// - Returns: `false` for whitespace, controls and the delimiters `;`, `,`, `=`, `"`, `<`, `>`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0...0x20, 0x7F, UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "="), UInt8(ascii: "\""),
            UInt8(ascii: "<"), UInt8(ascii: ">"):
            false
        default:
            true
        }
    }
}
