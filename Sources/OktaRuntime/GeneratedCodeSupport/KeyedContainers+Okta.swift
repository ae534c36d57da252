// What generated `init(from:)` and `encode(to:)` call for each property. The standard library's `decode(_:forKey:)`
// and `encode(_:forKey:)` have an overload per primitive type (17 each), which the type checker weighs at every call;
// a function of its own name per kind of property has one candidate, which keeps models cheap to compile. Each one
// does exactly what the standard call (or this module's `OktaNullable` overload) it stands for does.

extension KeyedDecodingContainer where K == OktaCodingKey {
    /// A required property: `decode(_:forKey:)`.
    /// - Throws: `DecodingError` when the key is missing or the value is not a `Value`.
    public func oktaDecode<Value: Decodable>(_ type: Value.Type, _ key: OktaCodingKey) throws -> Value {
        try decode(type, forKey: key)
    }

    /// An optional property: `decodeIfPresent(_:forKey:)` (a missing key or `null` is `nil`).
    /// - Throws: `DecodingError` when the value is present, not `null` and not a `Value`.
    public func oktaDecodeIfPresent<Value: Decodable>(_ type: Value.Type, _ key: OktaCodingKey) throws -> Value? {
        try decodeIfPresent(type, forKey: key)
    }

    /// A tri-state property: a missing key is ``OktaNullable/absent``, `null` is ``OktaNullable/null``.
    /// - Throws: `DecodingError` when the value is present, not `null` and not a `Wrapped`.
    public func oktaDecodeNullable<Wrapped: Decodable>(_ type: Wrapped.Type, _ key: OktaCodingKey) throws
        -> OktaNullable<Wrapped>
    {
        try decode(OktaNullable<Wrapped>.self, forKey: key)
    }
}

extension KeyedEncodingContainer where K == OktaCodingKey {
    /// A required property: `encode(_:forKey:)` (an optional one that is `nil` is written as `null`).
    /// - Throws: Whatever the container throws.
    public mutating func oktaEncode<Value: Encodable>(_ value: Value, _ key: OktaCodingKey) throws {
        try encode(value, forKey: key)
    }

    /// An optional property: `encodeIfPresent(_:forKey:)` (`nil` writes nothing).
    /// - Throws: Whatever the container throws.
    public mutating func oktaEncodeIfPresent<Value: Encodable>(_ value: Value?, _ key: OktaCodingKey) throws {
        try encodeIfPresent(value, forKey: key)
    }

    /// A tri-state property: ``OktaNullable/absent`` writes nothing, ``OktaNullable/null`` writes `null`.
    /// - Throws: Whatever the container throws.
    public mutating func oktaEncodeNullable<Wrapped: Encodable>(_ value: OktaNullable<Wrapped>, _ key: OktaCodingKey)
        throws
    {
        try encode(value, forKey: key)
    }
}
