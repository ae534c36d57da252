import OktaGenYAML

/// A schema reference or inline schema.
public typealias SchemaRef = Referenceable<Schema>

/// A JSON Schema type name.
public enum JSONType: String, Sendable, Hashable, Codable, CaseIterable {
    case string, number, integer, boolean, array, object, null
}

/// A Schema Object (OpenAPI 3.0 schema, or the 3.1 / JSON Schema 2020-12 subset that code generation needs).
///
/// Immutable once decoded; shared by reference so recursive and often-referenced schemas cost nothing to pass.
public final class Schema: Sendable {
    /// The schema's mapping in the source.
    public let node: YAMLNode
    /// Declared types without `null` (3.0: zero or one; 3.1: any number).
    public let types: [JSONType]
    /// `nullable: true` (3.0) or `null` among the types (3.1).
    public let nullable: Bool
    public let format: String?
    public let title: String?
    public let description: String?
    /// Properties in document order.
    public let properties: [Property]
    /// Names listed in `required`, in document order, with their nodes.
    public let required: [(name: String, node: YAMLNode)]
    public let items: SchemaRef?
    public let additionalProperties: AdditionalProperties?
    public let allOf: [SchemaRef]
    public let oneOf: [SchemaRef]
    public let anyOf: [SchemaRef]
    public let not: SchemaRef?
    public let discriminator: Discriminator?
    /// `enum` values, with their nodes (duplicates already dropped, with a warning).
    public let enumValues: [(value: SpecValue, node: YAMLNode)]?
    public let const: SpecValue?
    public let readOnly: Bool
    public let writeOnly: Bool
    public let deprecated: Bool
    public let defaultValue: SpecValue?
    /// `example` (3.0) and the elements of `examples` (3.1), with their nodes.
    public let examples: [YAMLNode]
    public let minimum: Double?
    public let maximum: Double?
    /// The exclusive lower bound: 3.1's `exclusiveMinimum` number, or 3.0's `minimum` when `exclusiveMinimum: true`.
    public let exclusiveMinimum: Double?
    /// The exclusive upper bound (as ``exclusiveMinimum``).
    public let exclusiveMaximum: Double?
    public let minLength: Int?
    public let maxLength: Int?
    public let pattern: String?
    public let minItems: Int?
    public let maxItems: Int?
    public let uniqueItems: Bool
    /// Every `x-` key, in document order.
    public let extensions: Extensions

    /// A named property.
    public struct Property: Sendable {
        public let name: String
        /// The key node (where the property is named).
        public let nameNode: YAMLNode
        public let schema: SchemaRef
    }

    /// `additionalProperties`: a boolean or a schema.
    public enum AdditionalProperties: Sendable {
        case bool(Bool)
        case schema(SchemaRef)
    }

    init(
        node: YAMLNode, types: [JSONType], nullable: Bool, format: String?, title: String?, description: String?,
        properties: [Property], required: [(name: String, node: YAMLNode)], items: SchemaRef?,
        additionalProperties: AdditionalProperties?, allOf: [SchemaRef], oneOf: [SchemaRef], anyOf: [SchemaRef],
        not: SchemaRef?, discriminator: Discriminator?, enumValues: [(value: SpecValue, node: YAMLNode)]?,
        const: SpecValue?, readOnly: Bool, writeOnly: Bool, deprecated: Bool, defaultValue: SpecValue?,
        examples: [YAMLNode], minimum: Double?, maximum: Double?,
        exclusiveMinimum: Double?, exclusiveMaximum: Double?, minLength: Int?, maxLength: Int?, pattern: String?,
        minItems: Int?, maxItems: Int?, uniqueItems: Bool, extensions: Extensions
    ) {
        self.node = node
        self.types = types
        self.nullable = nullable
        self.format = format
        self.title = title
        self.description = description
        self.properties = properties
        self.required = required
        self.items = items
        self.additionalProperties = additionalProperties
        self.allOf = allOf
        self.oneOf = oneOf
        self.anyOf = anyOf
        self.not = not
        self.discriminator = discriminator
        self.enumValues = enumValues
        self.const = const
        self.readOnly = readOnly
        self.writeOnly = writeOnly
        self.deprecated = deprecated
        self.defaultValue = defaultValue
        self.examples = examples
        self.minimum = minimum
        self.maximum = maximum
        self.exclusiveMinimum = exclusiveMinimum
        self.exclusiveMaximum = exclusiveMaximum
        self.minLength = minLength
        self.maxLength = maxLength
        self.pattern = pattern
        self.minItems = minItems
        self.maxItems = maxItems
        self.uniqueItems = uniqueItems
        self.extensions = extensions
    }

    /// The single declared type, if exactly one.
    public var type: JSONType? { types.count == 1 ? types[0] : nil }
}

/// `discriminator`: the property that names the subtype, and an optional value → `$ref` mapping.
public struct Discriminator: Sendable {
    public let propertyName: String
    /// Mapping entries in document order: discriminator value → reference text.
    public let mapping: [(value: String, ref: String, node: YAMLNode)]
    public let node: YAMLNode
}

/// The `x-` extensions of an object, in document order, as raw values.
public struct Extensions: Sendable {
    public let entries: [(key: String, value: SpecValue)]

    public init(_ entries: [(key: String, value: SpecValue)] = []) { self.entries = entries }

    /// The value of one extension.
    public subscript(key: String) -> SpecValue? { entries.first { $0.key == key }?.value }

    public var isEmpty: Bool { entries.isEmpty }

    public static let none = Extensions()
}
