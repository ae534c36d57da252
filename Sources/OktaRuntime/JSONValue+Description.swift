extension JSONValue: CustomStringConvertible {
    /// The value as compact JSON text, object members in insertion order.
    ///
    /// Meant for logs and debugging; non-finite doubles, which JSON cannot represent, print as Swift spells them.
    public var description: String {
        var output = ""
        write(to: &output)
        return output
    }

    /// Appends the compact JSON text of this value to `output`.
    ///
    /// - Parameter output: The string to append to.
    func write(to output: inout String) {
        switch self {
        case .null:
            output += "null"
        case .bool(let value):
            output += value ? "true" : "false"
        case .int(let value):
            output += String(value)
        case .double(let value):
            output += String(value)
        case .string(let value):
            Self.writeQuoted(value, to: &output)
        case .array(let elements):
            output += "["
            for (offset, element) in elements.enumerated() {
                if offset > 0 { output += "," }
                element.write(to: &output)
            }
            output += "]"
        case .object(let object):
            object.write(to: &output)
        }
    }

    /// Appends `string` as a JSON string literal, escaping quotes, backslashes and control characters.
    ///
    /// - Parameters:
    ///   - string: The string to quote.
    ///   - output: The string to append to.
    static func writeQuoted(_ string: String, to output: inout String) {
        output += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
