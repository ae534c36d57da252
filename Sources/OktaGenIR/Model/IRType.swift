import OktaGenOpenAPI

/// A JSON value from the spec (defaults, enum values).
public typealias IRValue = SpecValue

/// A use of a type: a scalar, a named ``IRType``, a container, or any JSON.
public indirect enum IRTypeRef: Sendable, Equatable, Codable, CustomStringConvertible {
    case scalar(IRScalar)
    /// A type from ``IRModel/types`` by its Swift name.
    case named(String)
    case array(IRTypeRef)
    /// A JSON object with string keys.
    case dictionary(IRTypeRef)
    /// Any JSON value (a schema with no type, or one the generator cannot type).
    case any

    private enum CodingKeys: String, CodingKey { case kind, scalar, name, element }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "scalar": self = .scalar(try container.decode(IRScalar.self, forKey: .scalar))
        case "named": self = .named(try container.decode(String.self, forKey: .name))
        case "array": self = .array(try container.decode(IRTypeRef.self, forKey: .element))
        case "dictionary": self = .dictionary(try container.decode(IRTypeRef.self, forKey: .element))
        default: self = .any
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .scalar(let scalar):
            try container.encode("scalar", forKey: .kind)
            try container.encode(scalar, forKey: .scalar)
        case .named(let name):
            try container.encode("named", forKey: .kind)
            try container.encode(name, forKey: .name)
        case .array(let element):
            try container.encode("array", forKey: .kind)
            try container.encode(element, forKey: .element)
        case .dictionary(let element):
            try container.encode("dictionary", forKey: .kind)
            try container.encode(element, forKey: .element)
        case .any:
            try container.encode("any", forKey: .kind)
        }
    }

    /// A compact spelling for messages and tests: `[User]`, `[String: Int64]`, `any`.
    public var description: String {
        switch self {
        case .scalar(let scalar): scalar.rawValue
        case .named(let name): name
        case .array(let element): "[\(element)]"
        case .dictionary(let element): "[string: \(element)]"
        case .any: "any"
        }
    }

    /// The named type, if the reference is one.
    public var namedType: String? { if case .named(let name) = self { name } else { nil } }
}

/// Scalar types, from OpenAPI `type` + `format`.
public enum IRScalar: String, Sendable, Equatable, Codable, CaseIterable {
    case string
    case integer
    case int32
    case int64
    case number
    case float
    case double
    case boolean
    /// `format: date` (full-date).
    case date
    /// `format: date-time`.
    case dateTime = "date-time"
    case uuid
    case uri
    case email
    /// `format: byte` (base64 text).
    case byte
    /// `format: binary`: raw bytes.
    case binary
}

/// A named type the generated code declares.
public struct IRType: Sendable, Equatable, Codable {
    /// UpperCamel Swift name, unique in the model.
    public var name: String
    /// The component schema name, for types from `#/components/schemas`.
    public var schemaName: String?
    public var description: String?
    public var deprecated: Bool
    public var kind: IRTypeKind
    public var source: IRSource
}

public enum IRTypeKind: Sendable, Equatable, Codable {
    case object(IRObject)
    case enumeration(IREnum)
    /// `oneOf`, `anyOf`, or a base schema whose discriminator names its subtypes (Okta's inheritance style).
    case union(IRUnion)
    /// A named schema that is only a scalar, an array or a dictionary.
    case alias(IRTypeRef)

    private enum CodingKeys: String, CodingKey {
        case kind, object, union, alias
        case enumeration = "enum"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "object": self = .object(try container.decode(IRObject.self, forKey: .object))
        case "enum": self = .enumeration(try container.decode(IREnum.self, forKey: .enumeration))
        case "union": self = .union(try container.decode(IRUnion.self, forKey: .union))
        default: self = .alias(try container.decode(IRTypeRef.self, forKey: .alias))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .object(let value):
            try container.encode("object", forKey: .kind)
            try container.encode(value, forKey: .object)
        case .enumeration(let value):
            try container.encode("enum", forKey: .kind)
            try container.encode(value, forKey: .enumeration)
        case .union(let value):
            try container.encode("union", forKey: .kind)
            try container.encode(value, forKey: .union)
        case .alias(let value):
            try container.encode("alias", forKey: .kind)
            try container.encode(value, forKey: .alias)
        }
    }
}

/// A struct: `allOf` parts already flattened into one property list.
public struct IRObject: Sendable, Equatable, Codable {
    public var properties: [IRProperty]
    /// The type of extra members: `.any` for `additionalProperties: true`, a typed value for a schema, `nil` when
    /// extra members are not modeled (absent or `false`).
    public var additionalProperties: IRTypeRef?
}

public struct IRProperty: Sendable, Equatable, Codable {
    /// The JSON key.
    public var name: String
    /// lowerCamel Swift name, unique within the type, keyword-escaped with backticks when needed.
    public var swiftName: String
    public var type: IRTypeRef
    public var required: Bool
    /// The value may be `null` (3.0 `nullable`, 3.1 `null` type).
    public var nullable: Bool
    public var readOnly: Bool
    public var writeOnly: Bool
    public var deprecated: Bool
    /// The property's type contains the owning type by value (directly or through other structs), so the generated
    /// code must store it indirectly.
    public var recursive: Bool
    public var description: String?
    public var defaultValue: IRValue?
    public var source: IRSource
    /// What a value must satisfy beyond its type; `nil` when the spec states nothing.
    public var constraints: IRConstraints? = nil
}

/// An open enum: unknown raw values are kept, never rejected.
public struct IREnum: Sendable, Equatable, Codable {
    /// `string`, `integer` (raw values are decimal integers) or `number` (raw values are finite numbers).
    public var rawType: IRScalar
    public var cases: [IREnumCase]
}

public struct IREnumCase: Sendable, Equatable, Codable {
    /// The raw value as written (strings as is, integers in decimal).
    public var rawValue: String
    /// lowerCamel case name, unique within the enum, keyword-escaped with backticks when needed.
    public var swiftName: String
}

public struct IRUnion: Sendable, Equatable, Codable {
    /// `oneOf`, `anyOf`, or `discriminator` (a base schema whose discriminator mapping names its subtypes).
    public var style: String
    /// The discriminator property, when there is one.
    public var discriminator: String?
    public var variants: [IRVariant]
    /// Properties every variant shares (the base schema's, for the inheritance style).
    public var commonProperties: [IRProperty]
}

public struct IRVariant: Sendable, Equatable, Codable {
    /// lowerCamel case name, unique within the union.
    public var swiftName: String
    public var type: IRTypeRef
    /// Discriminator values that select this variant (mapping keys, else the schema name).
    public var discriminatorValues: [String]
}

/// What the spec says a value must satisfy, beyond its type: the constraints generated server stubs check on input
/// (docs/Validation.md). Collected from a use's schema and the schemas it refers to (the nearest stating one wins);
/// `nil` fields are not stated. A `pattern` the run-time engine cannot compile is left out (the OpenAPI layer warns).
public struct IRConstraints: Sendable, Equatable, Codable {
    public var minimum: Double?
    public var maximum: Double?
    public var exclusiveMinimum: Double?
    public var exclusiveMaximum: Double?
    public var minLength: Int?
    public var maxLength: Int?
    /// An ECMA-262 pattern that `JSONSchemaPattern` compiles.
    public var pattern: String?
    public var minItems: Int?
    public var maxItems: Int?
    // Boxed in an array (empty or one element): a struct cannot hold itself.
    private var itemConstraints: [IRConstraints]?

    public init(
        minimum: Double? = nil, maximum: Double? = nil, exclusiveMinimum: Double? = nil,
        exclusiveMaximum: Double? = nil, minLength: Int? = nil, maxLength: Int? = nil, pattern: String? = nil,
        minItems: Int? = nil, maxItems: Int? = nil, items: IRConstraints? = nil
    ) {
        self.minimum = minimum
        self.maximum = maximum
        self.exclusiveMinimum = exclusiveMinimum
        self.exclusiveMaximum = exclusiveMaximum
        self.minLength = minLength
        self.maxLength = maxLength
        self.pattern = pattern
        self.minItems = minItems
        self.maxItems = maxItems
        self.itemConstraints = items.map { [$0] }
    }

    /// The constraints of an array's elements (or a dictionary's values).
    public var items: IRConstraints? {
        get { itemConstraints?.first }
        set { itemConstraints = newValue.map { [$0] } }
    }

    /// Whether nothing is stated.
    public var isEmpty: Bool { self == IRConstraints() }

    private enum CodingKeys: String, CodingKey {
        case minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength, maxLength, pattern, minItems, maxItems
        case itemConstraints = "items"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            minimum: try container.decodeIfPresent(Double.self, forKey: .minimum),
            maximum: try container.decodeIfPresent(Double.self, forKey: .maximum),
            exclusiveMinimum: try container.decodeIfPresent(Double.self, forKey: .exclusiveMinimum),
            exclusiveMaximum: try container.decodeIfPresent(Double.self, forKey: .exclusiveMaximum),
            minLength: try container.decodeIfPresent(Int.self, forKey: .minLength),
            maxLength: try container.decodeIfPresent(Int.self, forKey: .maxLength),
            pattern: try container.decodeIfPresent(String.self, forKey: .pattern),
            minItems: try container.decodeIfPresent(Int.self, forKey: .minItems),
            maxItems: try container.decodeIfPresent(Int.self, forKey: .maxItems),
            items: try container.decodeIfPresent(IRConstraints.self, forKey: .itemConstraints))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(minimum, forKey: .minimum)
        try container.encodeIfPresent(maximum, forKey: .maximum)
        try container.encodeIfPresent(exclusiveMinimum, forKey: .exclusiveMinimum)
        try container.encodeIfPresent(exclusiveMaximum, forKey: .exclusiveMaximum)
        try container.encodeIfPresent(minLength, forKey: .minLength)
        try container.encodeIfPresent(maxLength, forKey: .maxLength)
        try container.encodeIfPresent(pattern, forKey: .pattern)
        try container.encodeIfPresent(minItems, forKey: .minItems)
        try container.encodeIfPresent(maxItems, forKey: .maxItems)
        try container.encodeIfPresent(items, forKey: .itemConstraints)
    }
}
