/// Any JSON value: the type generated code uses for free-form properties (`additionalProperties: true`, schemas
/// without a type, Okta's custom `profile` attributes).
///
/// Numbers are split into ``int(_:)`` (anything that decodes as an `Int64`, including `1.0` and `1e2`, which
/// JSON cannot tell apart from `1` and `100`) and ``double(_:)``; equality is structural, so `.int(1)` and
/// `.double(1)` are different values. Objects are ``JSONObject``s, which keep their keys in insertion order.
///
/// ```swift
/// let profile: JSONValue = ["login": "ann@example.com", "tags": ["a", "b"], "age": 42]
/// profile["login"]?.stringValue   // "ann@example.com"
/// profile["tags"]?[1]             // .string("b")
/// ```
public enum JSONValue: Sendable, Hashable {
    /// JSON `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number without fractional part that fits in 64 bits.
    case int(Int64)
    /// Any other number.
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, keys in insertion order.
    case object(JSONObject)
}

extension JSONValue {
    /// Whether this is JSON `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The Boolean, if this is a ``bool(_:)``.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The integer, if this is an ``int(_:)``, or a ``double(_:)`` that is integral and fits in an `Int64`.
    public var intValue: Int64? {
        switch self {
        case .int(let value): value
        case .double(let value): Int64(exactly: value)
        default: nil
        }
    }

    /// The number as a `Double`, if this is an ``int(_:)`` or a ``double(_:)``.
    public var doubleValue: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }

    /// The string, if this is a ``string(_:)``.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an ``array(_:)``.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The members, if this is an ``object(_:)``.
    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The member named `key`.
    ///
    /// - Parameter key: A member name.
    /// - Returns: The member's value, or `nil` if this is not an object or has no such member. A member whose value
    ///   is JSON `null` is returned as ``null``, not `nil`.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// The element at `index`.
    ///
    /// - Parameter index: A zero-based position.
    /// - Returns: The element, or `nil` if this is not an array or `index` is out of bounds.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }
}
