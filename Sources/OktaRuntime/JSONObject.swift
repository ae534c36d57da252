/// The members of a JSON object, in insertion order.
///
/// Order: members keep the order in which they were inserted (literal order, `init(_:)` order, or appended at
/// the end by the setter); replacing a value keeps its position. That order is what iteration, ``keys`` and
/// `description` show and the order in which members are handed to an encoder. Two caveats come from `Codable`
/// itself, not from this type:
/// - Decoders report an object's keys in no particular order, so decoding sorts the keys (by Unicode scalar
///   order) to stay deterministic.
/// - Foundation's `JSONEncoder` does not keep the order it is given; `JSONEncoder.okta` therefore sets
///   `.sortedKeys`, which makes the output deterministic byte for byte.
///
/// Equality and hashing ignore order, as JSON object semantics do: `["a": 1, "b": 2] == ["b": 2, "a": 1]`.
public struct JSONObject: Sendable, Hashable {
    /// The keys, in insertion order.
    public private(set) var keys: [String]
    /// The values by key.
    private var values: [String: JSONValue]

    /// Makes an empty object.
    public init() {
        keys = []
        values = [:]
    }

    /// Makes an object from key-value pairs, in order. For a repeated key the last value wins, at the position
    /// of the first.
    ///
    /// - Parameter members: The key-value pairs.
    public init(_ members: some Sequence<(String, JSONValue)>) {
        self.init()
        for (key, value) in members { self[key] = value }
    }

    /// The members as an unordered dictionary.
    public var dictionary: [String: JSONValue] { values }

    /// The value of the member named `key`; setting `nil` removes the member, setting a new key appends it.
    ///
    /// - Parameter key: A member name.
    /// - Returns: The member's value, or `nil` if there is no such member.
    public subscript(key: String) -> JSONValue? {
        get { values[key] }
        set {
            if let newValue {
                updateValue(newValue, forKey: key)
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// Sets the member named `key`, appending it if it is new and keeping its position otherwise.
    ///
    /// - Parameters:
    ///   - value: The new value.
    ///   - key: The member name.
    /// - Returns: The value that was replaced, or `nil` if the member is new.
    @discardableResult
    public mutating func updateValue(_ value: JSONValue, forKey key: String) -> JSONValue? {
        let old = values.updateValue(value, forKey: key)
        if old == nil { keys.append(key) }
        return old
    }

    /// Removes the member named `key`.
    ///
    /// - Parameter key: The member name.
    /// - Returns: The removed value, or `nil` if there was no such member.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let old = values.removeValue(forKey: key) else { return nil }
        keys.removeAll { $0 == key }
        return old
    }

    /// Whether an object has the same members as another, in any order.
    ///
    /// - Parameters:
    ///   - lhs: An object.
    ///   - rhs: Another object.
    /// - Returns: `true` if both have the same keys with equal values.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool { lhs.values == rhs.values }

    /// Hashes the members, independently of their order.
    ///
    /// - Parameter hasher: The hasher to feed.
    public func hash(into hasher: inout Hasher) { hasher.combine(values) }
}

extension JSONObject: RandomAccessCollection {
    /// A member: its name and value.
    public typealias Element = (key: String, value: JSONValue)

    /// The position of the first member.
    public var startIndex: Int { keys.startIndex }

    /// The position after the last member.
    public var endIndex: Int { keys.endIndex }

    /// The member at `position`, in insertion order.
    ///
    /// - Parameter position: A valid position, `startIndex..<endIndex`.
    /// - Returns: The member's name and value.
    public subscript(position: Int) -> Element {
        let key = keys[position]
        // `keys` and `values` are only ever changed together, so every key has a value.
        return (key, values[key] ?? .null)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// Makes an object whose keys keep the literal's order.
    ///
    /// - Parameter elements: The members, in order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(elements) }
}

extension JSONObject: Codable {
    /// A coding key for any member name.
    private struct MemberKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes a JSON object; keys are sorted, as decoders do not report them in document order.
    ///
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: `DecodingError` if the value is not an object.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: MemberKey.self)
        let keys = container.allKeys.sorted { $0.stringValue < $1.stringValue }
        self.init()
        for key in keys {
            self[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
        }
    }

    /// Encodes the members in insertion order.
    ///
    /// - Parameter encoder: The encoder to write to.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: MemberKey.self)
        for (key, value) in self {
            try container.encode(value, forKey: MemberKey(stringValue: key))
        }
    }
}

extension JSONObject: CustomStringConvertible {
    /// The object as compact JSON text, members in insertion order.
    public var description: String {
        var output = ""
        write(to: &output)
        return output
    }

    /// Appends the compact JSON text of this object to `output`.
    ///
    /// - Parameter output: The string to append to.
    func write(to output: inout String) {
        output += "{"
        for (offset, member) in enumerated() {
            if offset > 0 { output += "," }
            JSONValue.writeQuoted(member.key, to: &output)
            output += ":"
            member.value.write(to: &output)
        }
        output += "}"
    }
}
