/// A coding key for any member name: the keys of generated models (written as string literals), of
/// `additionalProperties` and of discriminators.
///
/// Generated models use this one key type rather than a `CodingKeys` enum each: an enum per model costs the compiler a
/// `RawRepresentable` and `CodingKey` conformance with their switches, for every model.
public struct OktaCodingKey: CodingKey, Hashable, Sendable, ExpressibleByStringLiteral {
    public var stringValue: String
    public var intValue: Int? { nil }

    public init(_ name: String) { stringValue = name }
    public init(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
    public init(stringLiteral name: String) { stringValue = name }
}

extension Decoder {
    /// The members of the JSON object being decoded whose names are not in `known`, decoded as `Value`.
    /// - Parameters:
    ///   - type: The type of extra members.
    ///   - known: The names the struct declares.
    /// - Returns: The extra members.
    public func oktaAdditionalProperties<Value: Decodable>(
        _ type: Value.Type, excluding known: Set<String>
    ) throws -> [String: Value] {
        let container = try container(keyedBy: OktaCodingKey.self)
        var result: [String: Value] = [:]
        for key in container.allKeys where !known.contains(key.stringValue) {
            result[key.stringValue] = try container.decode(Value.self, forKey: key)
        }
        return result
    }

    /// The value of the discriminator property of the JSON object being decoded, if present.
    public func oktaDiscriminator(_ name: String) throws -> String? {
        let container = try container(keyedBy: OktaCodingKey.self)
        return try container.decodeIfPresent(String.self, forKey: OktaCodingKey(name))
    }
}

extension Encoder {
    /// Encodes extra members beside the declared ones.
    public func oktaEncodeAdditionalProperties<Value: Encodable>(_ values: [String: Value]) throws {
        var container = container(keyedBy: OktaCodingKey.self)
        for key in values.keys.sorted() {
            try container.encode(values[key], forKey: OktaCodingKey(key))
        }
    }
}
