import Foundation

extension JSONValue: Codable {
    /// Decodes any JSON value.
    ///
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: `DecodingError.dataCorrupted` if the value is none of the JSON types.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(JSONObject.self) {
            self = .object(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected a JSON value.")
        }
    }

    /// Encodes the value.
    ///
    /// - Parameter encoder: The encoder to write to.
    /// - Throws: Whatever the encoder throws, e.g. for a non-finite ``double(_:)``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Makes a JSON value from any encodable value, by encoding it with `encoder` and decoding the result.
    ///
    /// - Parameters:
    ///   - value: The value to convert.
    ///   - encoder: The encoder to use; `JSONEncoder.okta` by default, so dates use Okta's format.
    /// - Throws: Any error the encoder throws.
    public init(encoding value: some Encodable, encoder: JSONEncoder = .okta) throws {
        let data = try encoder.encode(value)
        self = try JSONDecoder.okta.decode(JSONValue.self, from: data)
    }

    /// Converts this value into a decodable type, by encoding it and decoding the result with `decoder`.
    ///
    /// - Parameters:
    ///   - type: The type to decode.
    ///   - decoder: The decoder to use; `JSONDecoder.okta` by default, so dates use Okta's format.
    /// - Returns: The decoded value.
    /// - Throws: `DecodingError` if this value does not have the shape `type` expects.
    public func decode<T: Decodable>(as type: T.Type = T.self, decoder: JSONDecoder = .okta) throws -> T {
        let data = try JSONEncoder.okta.encode(self)
        return try decoder.decode(type, from: data)
    }
}
