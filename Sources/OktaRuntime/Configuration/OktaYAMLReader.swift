/// Reads the YAML that `okta.yaml` files use, into dotted keys (`okta.client.orgUrl`) with their line and column.
///
/// The runtime that apps embed must not need libyaml, and `okta.yaml` uses a small part of YAML: block mappings,
/// block sequences (`scopes:` then `- okta.users.read`), one-line flow sequences (`[a, b]`), plain and quoted scalars,
/// `null`/`~`, comments, and literal or folded block scalars (`privateKey: |` followed by PEM lines). Anything else
/// (anchors, aliases, tags, flow mappings, several documents, tabs in indentation) is an error at its line and column
/// rather than a guess.
struct OktaYAMLReader {
    /// A value: a scalar (`nil` for `null`, `~` or nothing) or a list of scalars.
    enum Value: Sendable, Hashable {
        case scalar(String?)
        case list([String])
    }

    /// A value and where it starts (1-based).
    struct Entry: Sendable, Hashable {
        var value: Value
        var line: Int
        var column: Int
    }

    /// Why a file could not be read, and where.
    struct Failure: Error, Sendable, Hashable {
        var line: Int
        var column: Int
        var message: String
    }

    /// One line without its end of line, with its indentation measured.
    private struct Line {
        var number: Int
        var indent: Int
        var text: Substring  // without indentation and comment, trailing spaces removed
        var raw: Substring  // the whole line, for block scalars
    }

    /// Reads a file's text.
    ///
    /// - Parameter text: The YAML.
    /// - Returns: Every leaf value by dotted key (mapping keys joined with `.`).
    /// - Throws: ``Failure`` at the first construct outside the supported subset.
    static func read(_ text: String) throws(Failure) -> [String: Entry] {
        var lines: [Line] = []
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let raw = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let indentation = raw.prefix { $0 == " " || $0 == "\t" }
            if indentation.contains("\t") {
                throw Failure(line: number, column: 1, message: "indent okta.yaml with spaces, not tabs")
            }
            let content = stripComment(raw.dropFirst(indentation.count))
            lines.append(Line(number: number, indent: indentation.count, text: content, raw: raw))
        }
        var entries: [String: Entry] = [:]
        var index = 0
        // Skip a leading document marker.
        while index < lines.count, lines[index].text.isEmpty { index += 1 }
        if index < lines.count, lines[index].text == "---" { index += 1 }
        try readMapping(lines, &index, indent: nil, prefix: "", into: &entries)
        while index < lines.count, lines[index].text.isEmpty { index += 1 }
        if index < lines.count {
            let line = lines[index]
            throw Failure(line: line.number, column: line.indent + 1, message: "unexpected text; check its indentation")
        }
        return entries
    }

    /// Reads the block mapping starting at `index` whose keys sit at `indent` (the first key's, if `nil`).
    private static func readMapping(
        _ lines: [Line], _ index: inout Int, indent: Int?, prefix: String, into entries: inout [String: Entry]
    ) throws(Failure) {
        var mappingIndent = indent
        while index < lines.count {
            let line = lines[index]
            if line.text.isEmpty {
                index += 1
                continue
            }
            if mappingIndent == nil { mappingIndent = line.indent }
            guard line.indent == mappingIndent else {
                if line.indent < mappingIndent! { return }
                throw Failure(line: line.number, column: line.indent + 1, message: "unexpected indentation")
            }
            if line.text == "---" || line.text == "..." {
                throw Failure(line: line.number, column: line.indent + 1, message: "okta.yaml holds one document")
            }
            if line.text.hasPrefix("- ") || line.text == "-" {
                throw Failure(
                    line: line.number, column: line.indent + 1, message: "a list item where a key was expected")
            }
            guard let colon = keyColon(line.text) else {
                throw Failure(line: line.number, column: line.indent + 1, message: "expected 'key: value'")
            }
            let key = try scalar(line.text[..<colon], line: line.number, column: line.indent + 1) ?? ""
            let path = prefix.isEmpty ? key : prefix + "." + key
            let rest = line.text[line.text.index(after: colon)...].drop { $0 == " " }
            let valueColumn = line.indent + 1 + line.text.distance(from: line.text.startIndex, to: rest.startIndex)
            index += 1
            if rest.isEmpty {
                // A nested mapping, a list, or nothing (null).
                var next = index
                while next < lines.count, lines[next].text.isEmpty { next += 1 }
                if next < lines.count, lines[next].text.hasPrefix("-"), lines[next].indent >= mappingIndent! {
                    index = next
                    entries[path] = Entry(
                        value: .list(try readList(lines, &index, indent: lines[next].indent)), line: lines[next].number,
                        column: lines[next].indent + 1)
                } else if next < lines.count, lines[next].indent > mappingIndent! {
                    try readMapping(lines, &index, indent: nil, prefix: path, into: &entries)
                } else {
                    entries[path] = Entry(value: .scalar(nil), line: line.number, column: valueColumn)
                }
            } else if rest.first == "|" || rest.first == ">" {
                entries[path] = Entry(
                    value: .scalar(
                        try blockScalar(lines, &index, header: rest, parentIndent: mappingIndent!, line: line)),
                    line: line.number, column: valueColumn)
            } else if rest.first == "[" {
                entries[path] = Entry(
                    value: .list(try flowList(rest, line: line.number, column: valueColumn)), line: line.number,
                    column: valueColumn)
            } else {
                entries[path] = Entry(
                    value: .scalar(try scalar(rest, line: line.number, column: valueColumn)), line: line.number,
                    column: valueColumn)
            }
        }
    }

    /// Reads `- item` lines at `indent`.
    private static func readList(_ lines: [Line], _ index: inout Int, indent: Int) throws(Failure) -> [String] {
        var items: [String] = []
        while index < lines.count {
            let line = lines[index]
            if line.text.isEmpty {
                index += 1
                continue
            }
            guard line.indent == indent, line.text.hasPrefix("-") else { break }
            let item = line.text.dropFirst().drop { $0 == " " }
            let column = line.indent + 1 + line.text.distance(from: line.text.startIndex, to: item.startIndex)
            if keyColon(item) != nil {
                throw Failure(line: line.number, column: column, message: "list items must be plain values")
            }
            items.append(try scalar(item, line: line.number, column: column) ?? "")
            index += 1
        }
        return items
    }

    /// Reads a literal (`|`) or folded (`>`) block scalar, with an optional `-` or `+` chomping indicator.
    private static func blockScalar(
        _ lines: [Line], _ index: inout Int, header: Substring, parentIndent: Int, line: Line
    ) throws(Failure) -> String {
        let style = header.first!
        let indicator = header.dropFirst()
        guard indicator.isEmpty || indicator == "-" || indicator == "+" else {
            throw Failure(
                line: line.number, column: line.indent + 1, message: "unsupported block scalar header '\(header)'")
        }
        var body: [Substring] = []
        var blockIndent: Int?
        while index < lines.count {
            let candidate = lines[index]
            let isBlank = candidate.raw.allSatisfy { $0 == " " }
            if !isBlank {
                if candidate.indent <= parentIndent { break }
                if blockIndent == nil { blockIndent = candidate.indent }
                if candidate.indent < blockIndent! { break }
            }
            body.append(isBlank ? "" : candidate.raw.dropFirst(blockIndent!))
            index += 1
        }
        while body.last == "" { body.removeLast() }
        var text = style == "|" ? body.joined(separator: "\n") : body.joined(separator: " ")
        if indicator != "-", !body.isEmpty { text += "\n" }
        return text
    }

    /// Reads `[a, "b", c]`.
    private static func flowList(_ text: Substring, line: Int, column: Int) throws(Failure) -> [String] {
        guard text.last == "]" else {
            throw Failure(line: line, column: column, message: "a flow list must end on its line with ']'")
        }
        let inner = text.dropFirst().dropLast()
        var items: [String] = []
        var current = inner.startIndex
        var start = current
        var quote: Character?
        while current < inner.endIndex {
            let character = inner[current]
            if let open = quote {
                if character == "\\", open == "\"" {
                    current = inner.index(after: current)
                } else if character == open {
                    quote = nil
                }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "," {
                items.append(try scalar(inner[start..<current], line: line, column: column) ?? "")
                start = inner.index(after: current)
            }
            if current < inner.endIndex { current = inner.index(after: current) }
        }
        let last = inner[start...].trimmingSpaces
        if !last.isEmpty || !items.isEmpty { items.append(try scalar(last, line: line, column: column) ?? "") }
        return items
    }

    /// Reads a plain, single-quoted or double-quoted scalar; `null`, `~` and nothing are `nil`.
    private static func scalar(_ raw: Substring, line: Int, column: Int) throws(Failure) -> String? {
        let text = raw.trimmingSpaces
        if text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL" { return nil }
        switch text.first {
        case "\"":
            guard text.count >= 2, text.last == "\"" else {
                throw Failure(line: line, column: column, message: "unterminated double-quoted string")
            }
            return try unescape(text.dropFirst().dropLast(), line: line, column: column)
        case "'":
            guard text.count >= 2, text.last == "'" else {
                throw Failure(line: line, column: column, message: "unterminated single-quoted string")
            }
            return text.dropFirst().dropLast().replacingOccurrences(of: "''", with: "'")
        case "&", "*", "!", "{", "@", "`", "%":
            throw Failure(
                line: line, column: column,
                message: "'\(text.first!)' starts a YAML construct okta.yaml does not use; quote the value")
        default:
            return String(text)
        }
    }

    /// Resolves the escapes of a double-quoted scalar.
    private static func unescape(_ text: Substring, line: Int, column: Int) throws(Failure) -> String {
        var result = ""
        var iterator = text.makeIterator()
        while let character = iterator.next() {
            guard character == "\\" else {
                result.append(character)
                continue
            }
            switch iterator.next() {
            case "n": result.append("\n")
            case "t": result.append("\t")
            case "r": result.append("\r")
            case "\"": result.append("\"")
            case "\\": result.append("\\")
            case "/": result.append("/")
            case "0": result.append("\0")
            case "u":
                var hex = ""
                for _ in 0..<4 { if let digit = iterator.next() { hex.append(digit) } }
                guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
                    throw Failure(line: line, column: column, message: "invalid \\u escape")
                }
                result.unicodeScalars.append(scalar)
            default: throw Failure(line: line, column: column, message: "unsupported escape in a double-quoted string")
            }
        }
        return result
    }

    /// The index of the `:` that ends a mapping key (followed by a space or the end of the line), outside quotes.
    private static func keyColon(_ text: Substring) -> Substring.Index? {
        var quote: Character?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'", index == text.startIndex {
                quote = character
            } else if character == ":" {
                let next = text.index(after: index)
                if next == text.endIndex || text[next] == " " { return index }
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// The line without a `#` comment (one that starts the line or follows a space, outside quotes), trailing spaces
    /// removed.
    private static func stripComment(_ text: Substring) -> Substring {
        var quote: Character?
        var previous: Character = " "
        var escaped = false
        for index in text.indices {
            let character = text[index]
            if let open = quote {
                if escaped {
                    escaped = false
                } else if character == "\\", open == "\"" {
                    escaped = true
                } else if character == open {
                    quote = nil
                }
            } else if character == "\"" || character == "'",
                previous == " " || previous == ":" || previous == "[" || previous == "," || previous == "-"
            {
                quote = character
            } else if character == "#", previous == " " {
                return text[..<index].trimmingSpaces
            }
            previous = character
        }
        return text.trimmingSpaces
    }
}

extension Substring {
    /// The text without leading and trailing spaces.
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}
