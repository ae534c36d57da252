/// A JSON object whose members keep the order they were added in: the header and claims of the JWTs the runtime
/// signs. Order matters for RFC 7638 thumbprints (members sorted, no whitespace) and makes tokens reproducible in
/// tests; `JSONEncoder` offers only sorted or unspecified order.
struct JOSEObject: Sendable, Hashable {
    /// A member value: the few JSON types JOSE headers and claims need.
    enum Value: Sendable, Hashable {
        case string(String)
        case integer(Int64)
        case object(JOSEObject)
    }

    /// The members, in order.
    private(set) var members: [(name: String, value: Value)] = []

    /// Makes an empty object.
    init() {}

    /// Makes an object from members.
    ///
    /// - Parameter members: Names and values, in order.
    init(_ members: KeyValuePairs<String, Value>) {
        for (name, value) in members { self.members.append((name, value)) }
    }

    /// Appends a member.
    ///
    /// - Parameters:
    ///   - name: The member name.
    ///   - value: Its value.
    mutating func append(_ name: String, _ value: Value) { members.append((name, value)) }

    /// The object as compact JSON (no whitespace), members in order.
    var json: String {
        var text = "{"
        for (index, member) in members.enumerated() {
            if index > 0 { text += "," }
            Self.appendString(member.name, to: &text)
            text += ":"
            switch member.value {
            case .string(let string): Self.appendString(string, to: &text)
            case .integer(let integer): text += String(integer)
            case .object(let object): text += object.json
            }
        }
        return text + "}"
    }

    /// Appends a JSON string literal (RFC 8259 §7): quote, backslash and control characters escaped, `/` and
    /// non-ASCII text kept as they are.
    ///
    /// - Parameters:
    ///   - string: The text.
    ///   - text: The JSON being written.
    private static func appendString(_ string: String, to text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                text += "\\u00"
                text += String(scalar.value, radix: 16).leftPadded(to: 2)
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }

    static func == (lhs: JOSEObject, rhs: JOSEObject) -> Bool {
        lhs.members.elementsEqual(rhs.members) { $0.name == $1.name && $0.value == $1.value }
    }

    func hash(into hasher: inout Hasher) {
        for member in members {
            hasher.combine(member.name)
            hasher.combine(member.value)
        }
    }
}

extension String {
    /// The string with `0` in front until it is `width` characters long.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
