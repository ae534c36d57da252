import OktaGenIR

// Where spec text lands in generated Swift, as types.
//
// A spec is untrusted input, and the generated files are code that people compile and run. Every piece of text that
// the context builders hand to the templates is one of these kinds, and each kind can only be made in a way that
// makes it safe where it lands:
//
// - `SwiftCommentText`: text for a `//` or `///` comment line. Whatever it is built from, its initializer rewrites it:
//   line breaks (LF, CR, CRLF, VT, FF, NEL U+0085, LS U+2028, PS U+2029; Swift's lexer ends a comment at CR as well
//   as LF, and editors show the others as breaks) end the line (`lines(_:)`) or become a space; control characters,
//   bidirectional controls (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069: the "Trojan Source" class) and invisible
//   format characters (U+180E, U+200B–U+200D, U+2060–U+2064, U+206A–U+206F, U+FEFF, U+FFF9–U+FFFB) are written as
//   visible `\u{…}` text; a space splits every `/*` and `*/`, so the text cannot open or close a block comment either.
//   Tabs become four spaces. Printable text, ASCII or not, is kept as it is.
// - `SwiftStringLiteral`: a complete single-line `"…"` literal. `\` and `"` are escaped (so `\(`, `"""` and `"#`
//   cannot appear unescaped: no interpolation, no early end, whatever the text), and so are every character above
//   that a comment rewrites, as `\n`, `\r`, `\t` or `\u{…}`.
// - `SwiftIdentifier`: a name from the IR's naming layer (`SwiftNames`), checked against Swift's identifier grammar
//   (letters, digits and `_` of the ranges the language reference allows, minus the bidirectional and invisible
//   characters it also allows), backticked when it is a keyword. A name that fails is a generator bug:
//   `RenderCheck` reports it as an error at the IR node's location before anything renders.
// - `SwiftNumberLiteral`: made from an `Int` or a finite `Double`, never from text.
// - `SwiftCode`: code. It is built only from string literals written in the generator (`StaticString`: no runtime
//   text can be one) and interpolations of the typed values above, or joins of other `SwiftCode`. There is no
//   initializer from `String`: a context builder that tries to put spec text into code does not compile.
//
// `TemplateValue` has a case for code and one for comment text, and none for a bare string, so templates only ever
// receive values of these kinds; the engine prints each as it is (the escaping happened when the value was made).
// templates/README.md says which keys hold comment text. docs/Escaping.md describes the kinds and how
// HostileSpecTests proves that spec text only lands in comment trivia and string-literal segments.

// MARK: Code

/// Swift source text made only from the generator's own literals and typed, escaped values.
///
/// Held as UTF-8 bytes: code is built from many small pieces for every generated file, and appending a literal's
/// bytes to an array costs less than making a `String` of each piece (the engine writes the bytes as they are).
struct SwiftCode: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The code's UTF-8 bytes.
    let bytes: [UInt8]

    private init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    /// A literal written in the generator's source.
    init(stringLiteral value: StaticString) { bytes = value.withUTF8Buffer { Array($0) } }

    init(stringInterpolation: StringInterpolation) { bytes = stringInterpolation.bytes }

    /// The code as text (there is no way back from `String` to `SwiftCode`).
    var text: String { String(decoding: bytes, as: UTF8.self) }
    var description: String { text }
    var isEmpty: Bool { bytes.isEmpty }

    /// Builds code: literal segments are compile-time strings, interpolations only typed values.
    struct StringInterpolation: StringInterpolationProtocol {
        var bytes: [UInt8] = []

        init(literalCapacity: Int, interpolationCount: Int) {
            bytes.reserveCapacity(literalCapacity + 16 * interpolationCount)
        }

        mutating func appendLiteral(_ literal: StaticString) {
            literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }

        mutating func appendInterpolation(_ code: SwiftCode) { bytes.append(contentsOf: code.bytes) }
        mutating func appendInterpolation(_ identifier: SwiftIdentifier) { append(identifier.text) }
        mutating func appendInterpolation(_ literal: SwiftStringLiteral) { append(literal.text) }
        mutating func appendInterpolation(_ number: SwiftNumberLiteral) { append(number.text) }
        mutating func appendInterpolation(_ number: Int) { append(String(number)) }
        mutating func appendInterpolation(_ flag: Bool) { append(flag ? "true" : "false") }
        /// An optional piece: its code, or nothing.
        mutating func appendInterpolation(_ code: SwiftCode?) { if let code { bytes.append(contentsOf: code.bytes) } }

        private mutating func append(_ text: String) {
            var text = text
            text.withUTF8 { bytes.append(contentsOf: $0) }
        }
    }

    /// The pieces with a separator between them.
    static func joined(_ parts: [SwiftCode], separator: StaticString = "") -> SwiftCode {
        var bytes: [UInt8] = []
        separator.withUTF8Buffer { separator in
            for (index, part) in parts.enumerated() {
                if index > 0 { bytes.append(contentsOf: separator) }
                bytes.append(contentsOf: part.bytes)
            }
        }
        return SwiftCode(unchecked: bytes)
    }

    static func + (lhs: SwiftCode, rhs: SwiftCode) -> SwiftCode { SwiftCode(unchecked: lhs.bytes + rhs.bytes) }

    /// `///` lines for a text (``SwiftCommentText/lines(_:)``, each through ``docComment(_:)``), leading and trailing
    /// empty lines dropped. Text that needs no rewrite (printable ASCII, tabs, LF) is copied line by line straight
    /// into the code's bytes: this runs for every description of every generated file.
    static func docCommentLines(_ raw: String) -> [SwiftCode] {
        var lines: [SwiftCode] = []
        if SwiftCommentText.needsRewrite(raw) {
            lines = SwiftCommentText.lines(raw).map(docComment)
        } else {
            var raw = raw
            raw.withUTF8 { bytes in
                var start = 0
                for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x0A {
                    var last = index
                    while last > start, bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09 { last -= 1 }
                    var line: [UInt8] = [0x2F, 0x2F, 0x2F]
                    if last > start {
                        let text = UnsafeBufferPointer(rebasing: bytes[start..<last])
                        line.reserveCapacity(text.count + 4)
                        line.append(0x20)
                        if !text.contains(0x09) {
                            line.append(contentsOf: text)
                        } else {
                            for byte in text {
                                if byte == 0x09 { line += [0x20, 0x20, 0x20, 0x20] } else { line.append(byte) }
                            }
                        }
                    }
                    lines.append(SwiftCode(unchecked: line))
                    start = index + 1
                }
            }
        }
        let empty: SwiftCode = "///"
        guard let first = lines.firstIndex(where: { $0 != empty }), let last = lines.lastIndex(where: { $0 != empty })
        else { return [] }
        return Array(lines[first...last])
    }

    /// A `///` documentation line: `///` alone for empty text, else `/// ` and the text.
    static func docComment(_ text: SwiftCommentText) -> SwiftCode {
        text.text.isEmpty ? "///" : "/// \(comment: text)"
    }
}

extension SwiftCode.StringInterpolation {
    /// Comment text, only for ``SwiftCode/docComment(_:)`` (right after `///`).
    fileprivate mutating func appendInterpolation(comment: SwiftCommentText) {
        var text = comment.text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }
}

// MARK: Comment text

/// Text that is safe inside a `//` or `///` comment line: one line, nothing that ends the comment, opens or closes a
/// block comment, or makes the line read differently from what the compiler sees.
struct SwiftCommentText: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The rewritten text (see the top of this file).
    let text: String

    private init(safe text: String) { self.text = text }

    /// Rewrites any text into one comment line (line breaks become spaces).
    init(_ raw: String) {
        text = Self.needsRewrite(raw) ? Self.rewrite(Substring(raw), breaksAsSpace: true) : raw
    }

    init(stringLiteral value: String) { self.init(value) }

    /// Interpolated text is rewritten as a whole, so pieces cannot combine into `/*` or `*/` either.
    init(stringInterpolation: DefaultStringInterpolation) {
        self.init(String(stringInterpolation: stringInterpolation))
    }

    var description: String { text }
    var isEmpty: Bool { text.isEmpty }

    /// The text's lines (split at every line break, see the top of this file), each rewritten and with trailing
    /// spaces and tabs removed.
    static func lines(_ raw: String) -> [SwiftCommentText] {
        var result: [SwiftCommentText] = []
        var raw = raw
        if !needsRewrite(raw) {
            // Printable ASCII and line feeds (tabs included): split at LF only, nothing to rewrite.
            raw.withUTF8 { bytes in
                var start = 0
                for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x0A {
                    result.append(SwiftCommentText(safe: trimmedLine(bytes, start, index)))
                    start = index + 1
                }
            }
            return result
        }
        var line = Substring()
        var lineStart = raw.unicodeScalars.startIndex
        let scalars = raw.unicodeScalars
        var index = lineStart
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if isLineBreak(scalar) {
                line = Substring(scalars[lineStart..<index])
                result.append(SwiftCommentText(safe: trimmingEnd(rewrite(line, breaksAsSpace: true))))
                var next = scalars.index(after: index)
                if scalar == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
                lineStart = next
                index = next
            } else {
                index = scalars.index(after: index)
            }
        }
        line = Substring(scalars[lineStart...])
        result.append(SwiftCommentText(safe: trimmingEnd(rewrite(line, breaksAsSpace: true))))
        return result
    }

    /// One line of ASCII bytes without LF: tabs widened to four spaces, trailing spaces and tabs dropped.
    private static func trimmedLine(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        var last = end
        while last > start, bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09 { last -= 1 }
        let line = UnsafeBufferPointer(rebasing: bytes[start..<last])
        guard line.contains(0x09) else { return String(decoding: line, as: UTF8.self) }
        var widened: [UInt8] = []
        widened.reserveCapacity(line.count + 12)
        for byte in line {
            if byte == 0x09 { widened += [0x20, 0x20, 0x20, 0x20] } else { widened.append(byte) }
        }
        return String(decoding: widened, as: UTF8.self)
    }

    private static func trimmingEnd(_ text: String) -> String {
        var end = text.utf8.endIndex
        while end > text.utf8.startIndex, text.utf8[text.utf8.index(before: end)] == 0x20 {
            end = text.utf8.index(before: end)
        }
        return String(text[..<end])
    }

    /// Whether a text has anything but printable ASCII, tabs and line feeds, or a `/*` or `*/`: one pass over its
    /// bytes (the fast path: most spec text is plain ASCII).
    static func needsRewrite(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for index in bytes.indices {
                let byte = bytes[index]
                if byte &- 0x20 >= 0x5F {
                    // Not printable ASCII: fine only for tab and LF.
                    if byte != 0x09 && byte != 0x0A { return true }
                } else if byte == 0x2A {
                    // `*` next to `/`.
                    if index > 0, bytes[index - 1] == 0x2F { return true }
                    if index + 1 < bytes.count, bytes[index + 1] == 0x2F { return true }
                }
            }
            return false
        }
    }

    /// The rewrite itself, scalar by scalar (see the top of this file). Line feeds only reach it from `init`.
    private static func rewrite(_ text: Substring, breaksAsSpace: Bool) -> String {
        var result = String.UnicodeScalarView()
        var previous: Unicode.Scalar = " "
        func append(_ scalar: Unicode.Scalar) {
            // `/*` and `*/` get a space between their characters, however they arise.
            if (previous == "/" && scalar == "*") || (previous == "*" && scalar == "/") { result.append(" ") }
            result.append(scalar)
            previous = scalar
        }
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            if scalar == "\t" {
                for _ in 0..<4 { append(" ") }
            } else if isLineBreak(scalar) {
                if scalar == "\r", pending == "\n" { pending = scalars.next() }
                append(" ")
            } else if SwiftStringLiteral.isHidden(scalar) {
                for escaped in SwiftStringLiteral.unicodeEscape(scalar).unicodeScalars { append(escaped) }
            } else {
                append(scalar)
            }
        }
        return String(result)
    }

    /// LF, VT, FF, CR, NEL, LS and PS.
    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }
}

// MARK: String literals

/// A complete single-line Swift string literal (`"…"`, quotes included) holding any text.
struct SwiftStringLiteral: Sendable, Hashable, CustomStringConvertible {
    /// The literal as written in code.
    let text: String

    /// The literal of a text.
    ///
    /// On UTF-8 bytes for ASCII: every character escaped there is ASCII, so other bytes are copied as they are; text
    /// with non-ASCII characters is also checked scalar by scalar for the hidden ones (see the top of this file).
    init(_ value: String) {
        var result: [UInt8] = [UInt8(ascii: "\"")]
        result.reserveCapacity(value.utf8.count + 2)
        var sawNonASCII = false
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): result += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): result += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): result += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): result += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): result += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20, 0x7F: result += Array(Self.unicodeEscape(Unicode.Scalar(byte)).utf8)
            case 0x80...:
                sawNonASCII = true
                result.append(byte)
            default: result.append(byte)
            }
        }
        result.append(UInt8(ascii: "\""))
        if sawNonASCII, value.unicodeScalars.contains(where: Self.isHidden) {
            // Rare: do it again scalar by scalar.
            var text = "\""
            for scalar in value.unicodeScalars {
                if scalar.isASCII {
                    text += String(
                        decoding: SwiftStringLiteral(String(scalar)).text.utf8.dropFirst().dropLast(), as: UTF8.self)
                } else if Self.isHidden(scalar) {
                    text += Self.unicodeEscape(scalar)
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
            self.text = text + "\""
            return
        }
        text = String(decoding: result, as: UTF8.self)
    }

    var description: String { text }

    /// `\u{…}`, lowercase hex.
    static func unicodeEscape(_ scalar: Unicode.Scalar) -> String { "\\u{\(String(scalar.value, radix: 16))}" }

    /// Characters a reader cannot see, or that reorder or break what is shown (beyond ASCII controls): C1 controls
    /// (NEL among them), LS, PS, bidirectional controls and invisible format characters.
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F: scalar != "\t" && scalar != "\n"  // (ASCII controls; tab and LF are handled apart)
        case 0x80...0x9F, 0x061C, 0x180E, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2064, 0x2066...0x206F, 0xFEFF,
            0xFFF9...0xFFFB:
            true
        default: false
        }
    }
}

// MARK: Numbers

/// A number literal, from a parsed number only.
struct SwiftNumberLiteral: Sendable, Hashable, CustomStringConvertible {
    let text: String

    init(_ value: Int) { text = String(value) }

    /// `nil` for infinities and NaN, which have no literal.
    init?(_ value: Double) {
        guard value.isFinite else { return nil }
        text = String(value)
    }

    var description: String { text }
}

// MARK: Identifiers

/// A Swift identifier from the naming layer, valid by construction (backticked when it is a keyword).
struct SwiftIdentifier: Sendable, Hashable, CustomStringConvertible {
    /// The identifier as written in code (`` `default` `` for a keyword).
    let text: String

    private init(checked text: String) { self.text = text }

    /// A name the naming layer made, checked: `nil` when it is not a Swift identifier (or an unbackticked keyword).
    init?(validating name: String) {
        guard Self.isValid(name) else { return nil }
        text = name
    }

    /// A name the naming layer made. The model's names were all checked before rendering (`RenderCheck`, which
    /// fails with a located error), so this never rewrites; if it ever had to, the result is still an identifier
    /// (every character that cannot be one becomes `_`), never other code.
    init(_ name: String) {
        text = Self.isValid(name) ? name : Self.sanitized(name)
    }

    var description: String { text }

    /// The name without backticks (for `_name` storage and similar compositions): identifier characters only.
    var bare: SwiftCode { SwiftCode(identifierCharacters: bareText) }

    /// The name without backticks, as text.
    var bareText: String {
        text.hasPrefix("`") && text.hasSuffix("`") && text.count >= 2 ? String(text.dropFirst().dropLast()) : text
    }

    /// The name with text put before or after it (`_` + name, name + `Input`), backticked when the result is a
    /// keyword.
    func composed(prefix: StaticString = "", suffix: StaticString = "") -> SwiftIdentifier {
        SwiftIdentifier(Self.escapingKeyword(prefix.description + bareText + suffix.description))
    }

    /// The name with its first character uppercased (`listUsers` → `ListUsers`).
    var upperFirst: SwiftIdentifier {
        let bare = bareText
        guard let first = bare.first else { return self }
        return SwiftIdentifier(Self.escapingKeyword(first.uppercased() + bare.dropFirst()))
    }

    static func escapingKeyword(_ name: String) -> String {
        isKeyword(name) ? "`\(name)`" : name
    }

    /// Whether a text is an identifier: a backticked one, or one that is not a keyword.
    static func isValid(_ text: String) -> Bool {
        if text.hasPrefix("`") {
            guard text.count >= 3, text.hasSuffix("`") else { return false }
            return isPlainIdentifier(String(text.dropFirst().dropLast()))
        }
        return isPlainIdentifier(text) && !isKeyword(text)
    }

    /// Swift's identifier grammar (The Swift Programming Language, Lexical Structure: identifier-head and
    /// identifier-character), without `$` names, without a lone `_`, and without the bidirectional and invisible
    /// characters the grammar allows (U+200B–U+200D, U+202A–U+202E, U+2060–U+206F).
    static func isPlainIdentifier(_ text: String) -> Bool {
        var copy = text
        // One pass over the bytes for ASCII names (nearly all); `nil` sends other names to the scalar check.
        let ascii: Bool? = copy.withUTF8 { bytes in
            guard let first = bytes.first, !(bytes.count == 1 && first == 95) else { return false }
            for (offset, byte) in bytes.enumerated() {
                if byte >= 0x80 { return nil }
                let letter = (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 95
                if !(letter || (offset > 0 && byte >= 48 && byte <= 57)) { return false }
            }
            return true
        }
        if let ascii { return ascii }
        var isFirst = true
        for scalar in text.unicodeScalars {
            if isFirst ? !isHead(scalar) : !(isHead(scalar) || isContinuation(scalar)) { return false }
            isFirst = false
        }
        return true
    }

    /// Whether a name is one of ``SwiftNames/keywords``; most names are rejected by length or first letter before
    /// any comparison (the set's hashing cost more than the rest of the check).
    static func isKeyword(_ name: String) -> Bool {
        let count = name.utf8.count
        guard count >= 2, count <= 15, let first = name.utf8.first, first < 128 else { return false }
        return keywordsByFirstByte[Int(first)].contains(name)
    }

    private static let keywordsByFirstByte: [[String]] = {
        var table = [[String]](repeating: [], count: 128)
        for keyword in SwiftNames.keywords { table[Int(keyword.utf8.first!)].append(keyword) }
        return table
    }()

    static func isHead(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return (v >= 65 && v <= 90) || (v >= 97 && v <= 122) || v == 95 }
        switch v {
        case 0x200B...0x200D, 0x202A...0x202E, 0x2060...0x206F: return false
        case 0xA8, 0xAA, 0xAD, 0xAF, 0xB2...0xB5, 0xB7...0xBA, 0xBC...0xBE, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0xFF,
            0x100...0x2FF, 0x370...0x167F, 0x1681...0x180D, 0x180F...0x1DBF, 0x1E00...0x1FFF, 0x203F...0x2040,
            0x2054, 0x2070...0x20CF, 0x2100...0x218F, 0x2460...0x24FF, 0x2776...0x2793, 0x2C00...0x2DFF,
            0x2E80...0x2FFF, 0x3004...0x3007, 0x3021...0x302F, 0x3031...0x303F, 0x3040...0xD7FF, 0xF900...0xFD3D,
            0xFD40...0xFDCF, 0xFDF0...0xFE1F, 0xFE30...0xFE44, 0xFE47...0xFFFD:
            return true
        default:
            // U+10000–U+EFFFD, except the last two code points of each plane.
            return v >= 0x10000 && v <= 0xEFFFD && (v & 0xFFFF) <= 0xFFFD
        }
    }

    static func isContinuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 48...57, 0x300...0x36F, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F: true
        default: false
        }
    }

    /// Every character that cannot be in an identifier replaced by `_` (a defensive fallback, see `init(_:)`).
    static func sanitized(_ name: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            let ok = result.isEmpty ? isHead(scalar) : (isHead(scalar) || isContinuation(scalar))
            result.append(ok ? scalar : "_")
        }
        var text = String(result)
        if text.isEmpty || text == "_" { text = "_invalid" }
        return escapingKeyword(text)
    }
}

extension SwiftCode {
    /// The bare form of a checked identifier: identifier characters only.
    fileprivate init(identifierCharacters text: String) { self.init(unchecked: Array(text.utf8)) }
}
