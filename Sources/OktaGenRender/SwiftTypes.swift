import OktaGenIR

/// How IR types are spelled in generated Swift.
enum SwiftTypes {
    /// The Swift type of a scalar.
    static func scalar(_ scalar: IRScalar) -> SwiftCode {
        switch scalar {
        case .string, .uuid, .uri, .email: "String"
        case .integer: "Int"
        case .int32: "Int32"
        case .int64: "Int64"
        case .number, .double: "Double"
        case .float: "Float"
        case .boolean: "Bool"
        case .date: "OktaFullDate"
        case .dateTime: "Date"
        case .byte: "Base64EncodedData"
        case .binary: "Data"
        }
    }

    /// The Swift spelling of a type use.
    static func spell(_ type: IRTypeRef) -> SwiftCode {
        switch type {
        case .scalar(let value): scalar(value)
        case .named(let name): "\(SwiftIdentifier(name))"
        case .array(let element): "[\(spell(element))]"
        case .dictionary(let element): "[String: \(spell(element))]"
        case .any: "JSONValue"
        }
    }

    /// Whether values of the type can be path, query, header or cookie parameters as they are.
    static func parameterValue(_ type: IRTypeRef, model: ModelIndex) -> Bool {
        switch type {
        case .scalar(let scalar): scalar != .byte && scalar != .binary
        case .named(let name): model.isEnum(name)
        default: false
        }
    }
}

/// Quick lookups into the model.
struct ModelIndex {
    let types: [String: IRType]

    init(_ model: IRModel) {
        types = Dictionary(model.types.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func isEnum(_ name: String) -> Bool {
        if case .enumeration = types[name]?.kind { return true }
        return false
    }

    /// Follows aliases to the type they stand for.
    func resolved(_ type: IRTypeRef) -> IRTypeRef {
        var current = type
        var steps = 0
        while case .named(let name) = current, case .alias(let target)? = types[name]?.kind, steps < 16 {
            current = target
            steps += 1
        }
        return current
    }
}
