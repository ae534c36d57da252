import Foundation

/// Chooses the variant of a `oneOf` without a discriminator that explains a JSON value best.
///
/// Generated `init(from:)` decodes the value as each variant in declaration order and offers every variant that
/// decodes (so every required member of it is present) with the member names it declares. The best is the one that
/// leaves the fewest members of the value undeclared; a tie goes to the variant declared first. A scalar or an array
/// has no members, so the first variant that decodes it wins.
///
/// The undeclared members are not lost: the object variants of such a union keep them (see docs/Models.md).
public struct OktaVariantChoice<Union> {
    private let members: [String]
    private var undeclared = Int.max
    /// The best variant offered so far, or `nil` when none decoded.
    public private(set) var best: Union?

    /// Starts a choice for the value `decoder` holds.
    public init(_ decoder: any Decoder) {
        members = (try? decoder.container(keyedBy: OktaCodingKey.self).allKeys.map(\.stringValue)) ?? []
    }

    /// Offers a variant that decoded.
    /// - Parameters:
    ///   - candidate: The union's case holding the decoded variant.
    ///   - names: The member names the variant declares (empty for a variant that is not a struct).
    public mutating func offer(_ candidate: Union, declaring names: Set<String>) {
        var count = 0
        for member in members where !names.contains(member) { count += 1 }
        guard count < undeclared else { return }
        undeclared = count
        best = candidate
    }
}

extension Encoder {
    /// Encodes the variants of an `anyOf` that are present: each writes its members over the same JSON object, in
    /// declaration order (a member two variants hold is written by both; the later one's value is what is sent).
    /// - Parameter variants: The struct variants, `nil` where the value did not decode as that variant.
    public func oktaEncodeMerged(_ variants: [(any Encodable)?]) throws {
        _ = container(keyedBy: OktaCodingKey.self)
        for case let variant? in variants {
            try variant.encode(to: self)
        }
    }
}

extension JSONValue {
    /// A member of a JSON object decoded as `type`, as a generated model decodes it: what the shared accessors of a
    /// discriminated union read from `.unknown` (a subtype the spec does not name still has its `id`, `status`…).
    /// - Returns: `nil` when the value is not an object, the member is absent or `null`, or it is not a `T`.
    public func oktaMember<T: Decodable>(_ name: String, as type: T.Type) -> T? {
        guard case .object(let object) = self, let member = object[name], !member.isNull,
            let data = try? JSONEncoder.okta.encode(member)
        else { return nil }
        return try? JSONDecoder.okta.decode(T.self, from: data)
    }
}
