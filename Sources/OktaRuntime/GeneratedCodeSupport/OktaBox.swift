/// Indirect storage for a property whose type contains its owner (a recursive struct).
public final class OktaBox<Value: Sendable>: Sendable {
    /// The stored value.
    public let value: Value

    /// Boxes a value.
    public init(_ value: Value) { self.value = value }
}

extension OktaBox: Equatable where Value: Equatable {
    public static func == (lhs: OktaBox, rhs: OktaBox) -> Bool { lhs.value == rhs.value }
}

extension OktaBox: Hashable where Value: Hashable {
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

extension OktaBox: Encodable where Value: Encodable {
    public func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}

extension OktaBox: Decodable where Value: Decodable {
    public convenience init(from decoder: any Decoder) throws { self.init(try Value(from: decoder)) }
}
