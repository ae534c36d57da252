import OktaGenDiagnostics
import OktaGenOpenAPI

/// Checks that find real-world defects in reached schemas and report them as warnings; generation goes on.
extension IRBuilder {
    func checkSchema(_ schema: Schema) {
        checkEnumMentions(schema)
        for example in schema.examples where checkedExamples.insert(NodeKey(example)).inserted {
            if let problem = exampleProblem(SpecValue(example), against: .value(schema), at: "", depth: 0) {
                warning(
                    "the example of \(describe(schema.node)) does not match its own schema: \(problem)", at: example)
            }
        }
    }

    /// Okta documents values its enums omit (`ACTIVATING` in UserStatus) in the description. Generated enums stay
    /// open, so such values still decode; the warning says why.
    func checkEnumMentions(_ schema: Schema) {
        guard let values = schema.enumValues, let description = schema.description,
            description.utf8.contains(UInt8(ascii: "`"))
        else { return }
        let strings = values.compactMap(\.value.stringValue)
        guard !strings.isEmpty, strings.count == values.count, strings.allSatisfy(Self.isConstantStyle) else { return }
        let known = Set(strings)
        var mentioned: [String] = []
        var seen: Set<String> = []
        let parts = description.utf8.split(separator: UInt8(ascii: "`"), omittingEmptySubsequences: false)
        for (index, part) in parts.enumerated() where index % 2 == 1 {
            let token = String(Substring(part))
            if Self.isConstantStyle(token), token.count >= 3, !known.contains(token), seen.insert(token).inserted {
                mentioned.append(token)
            }
        }
        for token in mentioned {
            warning(
                "the description of \(describe(schema.node)) mentions `\(token)`, which its enum omits; the generated"
                    + " enum is open, so the value still decodes", at: resolver.memberNode("enum", of: schema.node))
        }
    }

    static func isConstantStyle(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.value >= 65, first.value <= 90 else { return false }
        return text.unicodeScalars.allSatisfy {
            ($0.value >= 65 && $0.value <= 90) || ($0.value >= 48 && $0.value <= 57) || $0 == "_"
        }
    }

    /// The first way `value` breaks `ref` (types, enums, required properties), or `nil`. Unions are not checked.
    func exampleProblem(_ value: SpecValue, against ref: SchemaRef, at path: String, depth: Int) -> String? {
        guard depth < 16, let schema = resolver.schema(ref) else { return nil }
        let place = path.isEmpty ? "the value" : "'\(path)'"
        if value == .null {
            return schema.nullable || schema.types.isEmpty ? nil : "\(place) is null, but the schema is not nullable"
        }
        for part in schema.allOf {
            if let problem = exampleProblem(value, against: part, at: path, depth: depth + 1) { return problem }
        }
        if !schema.types.isEmpty, !schema.types.contains(where: { Self.matches(value, $0) }) {
            return
                "\(place) is \(Self.article(value.typeName)), expected \(schema.types.map(\.rawValue).joined(separator: " or "))"
        }
        if let values = schema.enumValues, !values.contains(where: { $0.value == value }) {
            return "\(place) is \(value), which is not one of the enum values"
        }
        switch value {
        case .object(let members):
            // By name through hash tables when large: an example with many members against a schema with many
            // properties would otherwise be quadratic.
            let large = members.count > 16 && (schema.properties.count > 16 || schema.required.count > 16)
            let memberNames = large ? Set(members.map(\.key)) : nil
            let propertyIndex =
                large
                ? Dictionary(schema.properties.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }) : nil
            func hasMember(_ name: String) -> Bool {
                memberNames.map { $0.contains(name) } ?? members.contains { $0.key == name }
            }
            func property(_ name: String) -> Schema.Property? {
                propertyIndex.map { $0[name] } ?? schema.properties.first { $0.name == name }
            }
            for required in schema.required where !hasMember(required.name) {
                if property(required.name) != nil {
                    return "\(place) lacks the required property '\(required.name)'"
                }
            }
            for member in members {
                guard let property = property(member.key) else { continue }
                let childPath = path.isEmpty ? member.key : "\(path).\(member.key)"
                if let problem = exampleProblem(member.value, against: property.schema, at: childPath, depth: depth + 1)
                {
                    return problem
                }
            }
        case .array(let elements):
            guard let items = schema.items else { return nil }
            for (index, element) in elements.prefix(64).enumerated() {
                if let problem = exampleProblem(element, against: items, at: "\(path)[\(index)]", depth: depth + 1) {
                    return problem
                }
            }
        default:
            break
        }
        return nil
    }

    static func matches(_ value: SpecValue, _ type: JSONType) -> Bool {
        switch (value, type) {
        case (.string, .string), (.bool, .boolean), (.array, .array), (.object, .object), (.null, .null): true
        case (.int, .integer), (.int, .number), (.double, .number): true
        case (.double(let number), .integer): number.rounded() == number
        default: false
        }
    }

    static func article(_ typeName: String) -> String {
        typeName == "null"
            ? "null" : (typeName == "integer" || typeName == "array" || typeName == "object" ? "an " : "a ") + typeName
    }
}
