import OktaGenDiagnostics
import OktaGenYAML

/// Shared state of one decoding run: where diagnostics go and which OpenAPI version rules apply.
///
/// Messages name what was expected and where, in words derived from the node's JSON pointer, e.g.
/// `expected a mapping for 'responses' of GET /api/v1/users, found a sequence`.
final class DecodingContext {
    let diagnostics: DiagnosticCollector
    var isV31: Bool

    init(diagnostics: DiagnosticCollector, isV31: Bool) {
        self.diagnostics = diagnostics
        self.isV31 = isV31
    }

    // MARK: Reporting

    func error(_ message: String, at node: YAMLNode, remedy: Diagnostic.Remedy? = nil) {
        diagnostics.error(message, at: node.location, pointer: node.pointer, remedy: remedy)
    }

    func warning(_ message: String, at node: YAMLNode) {
        diagnostics.warning(message, at: node.location, pointer: node.pointer)
    }

    /// `a string 'abc'`, `the number 12`, `a mapping`: how a found node is named in messages.
    static func found(_ node: YAMLNode) -> String {
        switch node.kind {
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        case .scalar:
            switch node.scalar ?? .null {
            case .null: return "null"
            case .bool(let value): return "the boolean \(value)"
            case .int, .double: return "the number \(node.text)"
            case .string(let text):
                let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
                return "the string '\(shown)'"
            }
        }
    }

    /// Describes a mapping by its place in the document: `GET /api/v1/users`, `schema 'User'`, `the document`.
    static func describe(_ node: YAMLNode) -> String {
        describe(tokens: node.pointerTokens, fileName: node.document.path)
    }

    static func describe(tokens: [String], fileName: String) -> String {
        guard let first = tokens.first else { return "the document" }
        switch first {
        case "paths":
            guard tokens.count >= 2 else { return "'paths'" }
            let path = tokens[1]
            guard tokens.count >= 3 else { return "path '\(path)'" }
            if let method = HTTPMethod(rawValue: tokens[2]) {
                let operation = "\(method.rawValue.uppercased()) \(path)"
                return describeInside(Array(tokens.dropFirst(3)), of: operation)
            }
            return describeInside(Array(tokens.dropFirst(2)), of: "path '\(path)'")
        case "components":
            guard tokens.count >= 3 else { return tokens.count == 2 ? "'components/\(tokens[1])'" : "'components'" }
            let kinds = [
                "schemas": "schema", "parameters": "parameter", "responses": "response",
                "requestBodies": "request body", "headers": "header", "securitySchemes": "security scheme",
                "examples": "example", "links": "link", "callbacks": "callback", "pathItems": "path item",
            ]
            let kind = kinds[tokens[1]] ?? tokens[1]
            return describeInside(Array(tokens.dropFirst(3)), of: "\(kind) '\(tokens[2])'")
        default:
            return "'" + tokens.joined(separator: "/") + "'"
        }
    }

    /// Refines a description for nodes nested in an operation or component: properties, parameters, responses.
    private static func describeInside(_ rest: [String], of owner: String) -> String {
        var description = owner
        var index = 0
        while index < rest.count {
            let token = rest[index]
            let next = index + 1 < rest.count ? rest[index + 1] : nil
            switch token {
            case "properties" where next != nil:
                description = "property '\(next!)' of \(description)"
                index += 2
            case "properties" where next == nil, "responses" where next == nil:
                // The map itself (its entries are named in the message): `'200' of the responses of GET /users`.
                description = "the \(token) of \(description)"
                index += 1
            case "parameters" where next != nil:
                description = "parameter \(next!) of \(description)"
                index += 2
            case "responses" where next != nil:
                description = "response '\(next!)' of \(description)"
                index += 2
            case "requestBody":
                description = "the request body of \(description)"
                index += 1
            case "items":
                description = "the items of \(description)"
                index += 1
            case "allOf", "oneOf", "anyOf":
                if let next { description = "\(token)[\(next)] of \(description)" }
                index += 2
            default:
                index += 1
            }
        }
        return description
    }

    // MARK: Typed reads

    /// The value of `key` in `parent` as a mapping, or `nil` (with an error when present but not a mapping).
    func mapping(_ value: YAMLNode, key: String, in parent: YAMLNode) -> YAMLNode? {
        guard value.isMapping else {
            error("expected a mapping for '\(key)' of \(Self.describe(parent)), found \(Self.found(value))", at: value)
            return nil
        }
        return value
    }

    func sequence(_ value: YAMLNode, key: String, in parent: YAMLNode) -> YAMLNode? {
        guard value.isSequence else {
            error("expected a sequence for '\(key)' of \(Self.describe(parent)), found \(Self.found(value))", at: value)
            return nil
        }
        return value
    }

    /// A string scalar. Plain scalars that resolve to numbers or booleans are accepted as their text (YAML users
    /// write `version: 1.0`), but null and collections are errors.
    func string(_ value: YAMLNode, key: String, in parent: YAMLNode) -> String? {
        guard value.isScalar, value.scalar != .null else {
            error("expected a string for '\(key)' of \(Self.describe(parent)), found \(Self.found(value))", at: value)
            return nil
        }
        return value.text
    }

    func bool(_ value: YAMLNode, key: String, in parent: YAMLNode) -> Bool? {
        guard case .bool(let result) = value.scalar else {
            error("expected a boolean for '\(key)' of \(Self.describe(parent)), found \(Self.found(value))", at: value)
            return nil
        }
        return result
    }

    func number(_ value: YAMLNode, key: String, in parent: YAMLNode) -> Double? {
        switch value.scalar {
        case .int(let number): return Double(number)
        case .double(let number): return number
        default:
            error("expected a number for '\(key)' of \(Self.describe(parent)), found \(Self.found(value))", at: value)
            return nil
        }
    }

    func integer(_ value: YAMLNode, key: String, in parent: YAMLNode) -> Int? {
        guard case .int(let number) = value.scalar, number >= 0, number <= Int64(Int32.max) else {
            error(
                "expected a non-negative integer for '\(key)' of \(Self.describe(parent)), found \(Self.found(value))",
                at: value)
            return nil
        }
        return Int(number)
    }

    func stringList(_ value: YAMLNode, key: String, in parent: YAMLNode) -> [String] {
        guard let list = sequence(value, key: key, in: parent) else { return [] }
        return list.elements.compactMap { element in
            guard element.isScalar, element.scalar != .null else {
                error(
                    "expected a string in '\(key)' of \(Self.describe(parent)), found \(Self.found(element))",
                    at: element)
                return nil
            }
            return element.text
        }
    }

    /// Warns about a key no OpenAPI object of this kind defines (extensions start with `x-`).
    func unknownKey(_ key: YAMLNode, in parent: YAMLNode, object: String) {
        let name = key.text
        if name.hasPrefix("x-") { return }
        let owner = object.isEmpty ? Self.describe(parent) : "\(object) \(Self.describe(parent))"
        warning("unknown key '\(name)' in \(owner); it is ignored", at: key)
    }

    /// Reads the key as a string, reporting non-scalar keys.
    func keyText(_ key: YAMLNode, in parent: YAMLNode) -> String? {
        guard key.isScalar else {
            error("expected a string key in \(Self.describe(parent)), found \(Self.found(key))", at: key)
            return nil
        }
        return key.text
    }

    func extensions(of node: YAMLNode) -> Extensions {
        var entries: [(key: String, value: SpecValue)] = []
        for (key, value) in node.entries where key.isScalar && key.text.hasPrefix("x-") {
            entries.append((key.text, SpecValue(value)))
        }
        return entries.isEmpty ? .none : Extensions(entries)
    }
}
