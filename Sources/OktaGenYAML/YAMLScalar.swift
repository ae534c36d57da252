/// A scalar resolved with YAML 1.2's core schema (the one JSON-compatible specs expect).
public enum YAMLScalar: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)

    static let strTag = "tag:yaml.org,2002:str"
    static let intTag = "tag:yaml.org,2002:int"
    static let floatTag = "tag:yaml.org,2002:float"
    static let boolTag = "tag:yaml.org,2002:bool"
    static let nullTag = "tag:yaml.org,2002:null"

    /// Resolves a scalar node: explicit tags win; quoted and block scalars are strings; plain scalars follow
    /// the core schema (`null`, `~`, empty → null; `true`/`false` → bool; integers, floats; otherwise a string).
    static func resolve(_ node: YAMLNode) -> YAMLScalar {
        let text = node.text
        if let tag = node.tag {
            switch tag {
            case strTag: return .string(text)
            case intTag: return plainNumber(text).flatMap { if case .int = $0 { $0 } else { nil } } ?? .string(text)
            case floatTag: return plainNumber(text) ?? .string(text)
            case boolTag: return plainBool(text).map(YAMLScalar.bool) ?? .string(text)
            case nullTag: return .null
            default: return .string(text)
            }
        }
        guard node.style == .plain else { return .string(text) }
        return resolvePlain(text)
    }

    /// Resolves the text of a plain scalar.
    public static func resolvePlain(_ text: String) -> YAMLScalar {
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "~"):
            if text == "~" || text == "null" || text == "Null" || text == "NULL" { return .null }
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            if let value = plainBool(text) { return .bool(value) }
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            if let number = plainNumber(text) { return number }
        default:
            break
        }
        return .string(text)
    }

    private static func plainBool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    private static func plainNumber(_ text: String) -> YAMLScalar? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        // Integers: [-+]?[0-9]+, 0o[0-7]+, 0x[0-9a-fA-F]+
        var index = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            index = 1
        }
        if index < bytes.count, bytes[index...].allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            let digits = String(decoding: bytes[index...], as: UTF8.self)
            if let magnitude = Int64(digits) { return .int(negative ? -magnitude : magnitude) }
            if let value = Double(text) { return .double(value) }
            return nil
        }
        if index == 0, bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
            let body = String(decoding: bytes[2...], as: UTF8.self)
            if bytes[1] == UInt8(ascii: "x"), let value = Int64(body, radix: 16) { return .int(value) }
            if bytes[1] == UInt8(ascii: "o"), let value = Int64(body, radix: 8) { return .int(value) }
        }
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .double(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .double(-.infinity)
        case ".nan", ".NaN", ".NAN": return .double(.nan)
        default: break
        }
        // Floats: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
        var sawDigit = false
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
            index += 1
            sawDigit = true
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                index += 1
                sawDigit = true
            }
        }
        guard sawDigit else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                index += 1
            }
            var expDigit = false
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                index += 1
                expDigit = true
            }
            guard expDigit else { return nil }
        }
        guard index == bytes.count, let value = Double(text) else { return nil }
        return .double(value)
    }
}
