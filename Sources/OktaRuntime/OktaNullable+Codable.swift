extension OktaNullable: Encodable where Wrapped: Encodable {
    /// Encodes the value, or `null` for both ``null`` and ``absent``.
    ///
    /// Only a keyed container can omit a value; inside one, the `encode(_:forKey:)` overload of this module is used
    /// and ``absent`` writes nothing. Here, as a standalone or array value, ``absent`` has to be written as `null`.
    /// - Parameter encoder: The encoder to write to.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .absent, .null: try container.encodeNil()
        case .value(let wrapped): try container.encode(wrapped)
        }
    }
}

extension OktaNullable: Decodable where Wrapped: Decodable {
    /// Decodes `null` as ``null`` and anything else as ``value(_:)``.
    ///
    /// A missing key is recognized by the `decode(_:forKey:)` overload of this module, which returns ``absent``.
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: `DecodingError` if the value is neither `null` nor a `Wrapped`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = container.decodeNil() ? .null : .value(try container.decode(Wrapped.self))
    }
}

extension KeyedEncodingContainer {
    /// Encodes a tri-state property: omits the key for ``OktaNullable/absent``, writes `null` for
    /// ``OktaNullable/null``, and the value for ``OktaNullable/value(_:)``.
    ///
    /// Synthesized `Codable` conformances pick this overload for `OktaNullable` properties.
    /// - Parameters:
    ///   - value: The property.
    ///   - key: Its key.
    /// - Throws: Whatever the container throws.
    public mutating func encode<Wrapped: Encodable>(_ value: OktaNullable<Wrapped>, forKey key: Key) throws {
        switch value {
        case .absent: break
        case .null: try encodeNil(forKey: key)
        case .value(let wrapped): try encode(wrapped, forKey: key)
        }
    }

    /// Encodes an optional tri-state property: `nil` is treated as ``OktaNullable/absent``.
    ///
    /// - Parameters:
    ///   - value: The property.
    ///   - key: Its key.
    /// - Throws: Whatever the container throws.
    public mutating func encodeIfPresent<Wrapped: Encodable>(_ value: OktaNullable<Wrapped>?, forKey key: Key) throws {
        try encode(value ?? .absent, forKey: key)
    }
}

extension KeyedDecodingContainer {
    /// Decodes a tri-state property: a missing key gives ``OktaNullable/absent``, `null` gives
    /// ``OktaNullable/null``, and anything else ``OktaNullable/value(_:)``.
    ///
    /// Synthesized `Codable` conformances pick this overload for `OktaNullable` properties.
    /// - Parameters:
    ///   - type: `OktaNullable<Wrapped>.self`.
    ///   - key: The property's key.
    /// - Returns: The property.
    /// - Throws: `DecodingError` if the value is present, not `null`, and not a `Wrapped`.
    public func decode<Wrapped: Decodable>(
        _ type: OktaNullable<Wrapped>.Type,
        forKey key: Key
    ) throws -> OktaNullable<Wrapped> {
        guard contains(key) else { return .absent }
        if try decodeNil(forKey: key) { return .null }
        return .value(try decode(Wrapped.self, forKey: key))
    }

    /// Decodes an optional tri-state property as its non-optional counterpart would, so that a missing key is
    /// ``OktaNullable/absent`` and `null` is ``OktaNullable/null`` even for `OktaNullable<Wrapped>?`.
    ///
    /// - Parameters:
    ///   - type: `OktaNullable<Wrapped>.self`.
    ///   - key: The property's key.
    /// - Returns: The property; never `nil`.
    /// - Throws: `DecodingError` if the value is present, not `null`, and not a `Wrapped`.
    public func decodeIfPresent<Wrapped: Decodable>(
        _ type: OktaNullable<Wrapped>.Type,
        forKey key: Key
    ) throws -> OktaNullable<Wrapped>? {
        try decode(type, forKey: key)
    }
}
