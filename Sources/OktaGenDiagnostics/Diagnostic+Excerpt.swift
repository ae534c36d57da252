extension Diagnostic {
    /// Input text as a message may quote it: control characters and backslashes escaped (`\n`, `\u{1b}`), at most
    /// `limit` characters, with `…` when cut.
    ///
    /// Messages quote names from files the user may not have written (a template's tag, a settings file's key); a
    /// name of a megabyte, or one with terminal escape sequences, must not reach the terminal whole. Only the first
    /// `limit` characters are looked at, so the cost does not grow with the input.
    /// - Parameters:
    ///   - text: The text quoted.
    ///   - limit: The most characters kept (default 64).
    public static func excerpt(_ text: some StringProtocol, limit: Int = 64) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit { return result + "…" }
            count += 1
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\\": result += "\\\\"
            default:
                // C0 and C1 controls, DEL, and the bidirectional overrides and isolates (U+202A–202E, U+2066–2069).
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
                    || (0x2066...0x2069).contains(value)
                {
                    result += "\\u{\(String(value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
