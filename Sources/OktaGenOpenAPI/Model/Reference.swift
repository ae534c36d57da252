import OktaGenDiagnostics
import OktaGenYAML

/// A `$ref`, unresolved: the text and where it was written.
public struct Reference: Sendable {
    /// The `$ref` text, e.g. `#/components/schemas/User` or `common.yaml#/components/schemas/Error`.
    public let ref: String
    /// The mapping that holds the `$ref`.
    public let node: YAMLNode
    /// A `description` written beside the `$ref` (allowed by 3.1), if any.
    public let description: String?

    /// Creates a reference.
    /// - Parameters:
    ///   - ref: The reference text.
    ///   - node: The node that holds it (a `$ref` mapping, or the scalar of a discriminator mapping value).
    ///   - description: A description written beside it.
    public init(ref: String, node: YAMLNode, description: String?) {
        self.ref = ref
        self.node = node
        self.description = description
    }

    /// The last pointer token, e.g. `User` for `#/components/schemas/User`.
    public var lastComponent: String {
        guard let hash = ref.lastIndex(of: "#") else {
            return String(ref.split(separator: "/").last ?? Substring(ref))
        }
        let pointer = String(ref[ref.index(after: hash)...])
        return JSONPointer.tokens(of: pointer)?.last ?? ref
    }
}

/// Either a `$ref` or an inline value.
public enum Referenceable<Value: Sendable>: Sendable {
    case reference(Reference)
    case value(Value)

    /// The inline value, or `nil` for a reference.
    public var value: Value? { if case .value(let value) = self { value } else { nil } }
    /// The reference, or `nil` for an inline value.
    public var reference: Reference? { if case .reference(let reference) = self { reference } else { nil } }
}
