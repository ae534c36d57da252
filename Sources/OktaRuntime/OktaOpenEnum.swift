/// An enumeration that also accepts values it does not know: the shape of every enum generated from the Okta spec.
///
/// Okta adds enum values without notice (for example `ACTIVATING` to `UserStatus`), and a closed Swift enum would
/// fail to decode the whole response. A conforming type declares its known cases, a catch-all
/// `case unknown(RawValue)`, the known cases in `allCases` and the `rawValue` mapping; the protocol supplies
/// everything else:
///
/// ```swift
/// public enum UserStatus: OktaOpenEnum {
///     case active
///     case staged
///     case unknown(String)
///
///     public static let allCases: [UserStatus] = [.active, .staged]
///
///     public var rawValue: String {
///         switch self {
///         case .active: "ACTIVE"
///         case .staged: "STAGED"
///         case .unknown(let rawValue): rawValue
///         }
///     }
/// }
/// ```
///
/// Provided by the protocol:
/// - `init(rawValue:)`, which never fails: a known raw value gives its case, anything else `.unknown(raw)`.
///   (A generated `switch` may replace this default for speed; it must keep the same mapping.)
/// - `Codable` as a single raw value: an unknown value decodes to `.unknown(raw)` and encodes back unchanged.
/// - `==` and `hash(into:)` by raw value, so `.unknown("ACTIVE") == .active`: construct values with
///   `init(rawValue:)`, which normalizes, rather than calling `.unknown` with a known value.
///
/// `RawValue` is typically `String`; any `Codable & Hashable & Sendable` type such as `Int` works too.
/// `allCases` lists the known cases only.
public protocol OktaOpenEnum: RawRepresentable, CaseIterable, Codable, Hashable, Sendable
where RawValue: Codable & Hashable & Sendable, AllCases == [Self] {
    /// The case holding a raw value the type does not know; satisfied by `case unknown(RawValue)`.
    ///
    /// - Parameter rawValue: The unrecognized raw value.
    /// - Returns: The catch-all case.
    static func unknown(_ rawValue: RawValue) -> Self

    /// Makes the case for a raw value: the known case with that raw value, or `.unknown(rawValue)`.
    ///
    /// - Parameter rawValue: Any raw value.
    init(rawValue: RawValue)
}

extension OktaOpenEnum {
    /// Makes the known case whose raw value is `rawValue`, or `.unknown(rawValue)`.
    ///
    /// - Parameter rawValue: Any raw value.
    public init(rawValue: RawValue) {
        self = Self.allCases.first { $0.rawValue == rawValue } ?? .unknown(rawValue)
    }

    /// Whether the raw value is one of the known cases' (`false` for a value the spec did not list).
    public var isKnown: Bool {
        let rawValue = self.rawValue
        return Self.allCases.contains { $0.rawValue == rawValue }
    }

    /// Decodes a raw value; unknown values decode to `.unknown(raw)` instead of failing.
    ///
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: `DecodingError` if the value is not a `RawValue` (for example a number where a string is expected).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(rawValue: try container.decode(RawValue.self))
    }

    /// Encodes the raw value, byte for byte what was decoded for an unknown value.
    ///
    /// - Parameter encoder: The encoder to write to.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Whether two values have the same raw value.
    ///
    /// - Parameters:
    ///   - lhs: A value.
    ///   - rhs: Another value.
    /// - Returns: `true` if the raw values are equal.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.rawValue == rhs.rawValue }

    /// Hashes the raw value, consistently with `==`.
    ///
    /// - Parameter hasher: The hasher to feed.
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}
