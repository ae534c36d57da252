import OktaGenYAML

/// A JSON value taken from the spec (defaults, enum values, examples, extensions), free of YAML.
public enum SpecValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([SpecValue])
    /// Keys keep document order.
    case object([Member])

    /// One member of an object.
    public struct Member: Sendable, Hashable, Codable {
        public var key: String
        public var value: SpecValue
        public init(key: String, value: SpecValue) {
            self.key = key
            self.value = value
        }
    }

    /// Converts a node, bounded in depth and size so that aliases cannot blow it up.
    /// - Parameter node: The node.
    /// - Returns: The value; nodes beyond depth 64 become `null`.
    public init(_ node: YAMLNode) {
        var budget = 100_000
        self = SpecValue.make(node, depth: 0, budget: &budget)
    }

    private static func make(_ node: YAMLNode, depth: Int, budget: inout Int) -> SpecValue {
        budget -= 1
        guard depth < 64, budget > 0 else { return .null }
        switch node.kind {
        case .scalar:
            switch node.scalar ?? .null {
            case .null: return .null
            case .bool(let value): return .bool(value)
            case .int(let value): return .int(value)
            case .double(let value): return .double(value)
            case .string(let value): return .string(value)
            }
        case .sequence:
            return .array(node.elements.map { make($0, depth: depth + 1, budget: &budget) })
        case .mapping:
            return .object(
                node.entries.map { Member(key: $0.key.text, value: make($0.value, depth: depth + 1, budget: &budget)) })
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([SpecValue].self) {
            self = .array(value)
        } else {
            let object = try container.decode([String: SpecValue].self)
            self = .object(object.sorted { $0.key < $1.key }.map { Member(key: $0.key, value: $0.value) })
        }
    }

    public func encode(to encoder: any Encoder) throws {
        if case .object = self {
        } else {
            var container = encoder.singleValueContainer()
            switch self {
            case .null: try container.encodeNil()
            case .bool(let value): try container.encode(value)
            case .int(let value): try container.encode(value)
            case .double(let value): try container.encode(value)
            case .string(let value): try container.encode(value)
            case .array(let value): try container.encode(value)
            case .object: break
            }
            return
        }
        switch self {
        case .null, .bool, .int, .double, .string, .array: break
        case .object(let members):
            var object = encoder.container(keyedBy: MemberKey.self)
            for member in members { try object.encode(member.value, forKey: MemberKey(stringValue: member.key)) }
        }
    }

    /// Object keys as coding keys, so members encode in document order.
    private struct MemberKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The value as compact JSON text (for messages and golden files).
    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .double(let value): return value.isFinite ? String(value) : "null"
        case .string(let value): return "\"" + value.jsonEscaped + "\""
        case .array(let values): return "[" + values.map(\.description).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.map { "\"\($0.key.jsonEscaped)\":\($0.value.description)" }.joined(separator: ",")
                + "}"
        }
    }

    /// The JSON type name of the value (`string`, `integer`, `number`, `boolean`, `array`, `object`, `null`).
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .int: "integer"
        case .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The string, when the value is one.
    public var stringValue: String? { if case .string(let value) = self { value } else { nil } }
}

extension String {
    var jsonEscaped: String {
        var result = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    result +=
                        "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
