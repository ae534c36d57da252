/// A property that can be absent, explicitly `null`, or set: the three states a JSON partial update needs.
///
/// `Optional` cannot tell "leave the field alone" from "clear the field". For a partial update such as
/// `POST /api/v1/users/{id}`, generated models declare such properties as non-optional `OktaNullable` with a default
/// of ``absent``:
///
/// ```swift
/// struct UserProfilePatch: Codable {
///     var mobilePhone: OktaNullable<String> = .absent
///     var nickName: OktaNullable<String> = .absent
/// }
/// var patch = UserProfilePatch()
/// patch.mobilePhone = .null          // clear it
/// patch.nickName = .value("Annie")   // set it
/// // encodes as {"mobilePhone":null,"nickName":"Annie"}
/// ```
///
/// The overloads of `KeyedEncodingContainer.encode(_:forKey:)` and `KeyedDecodingContainer.decode(_:forKey:)` in
/// this module make both synthesized and generated `Codable` implementations omit the key for ``absent``, write
/// `null` for ``null``, and decode a missing key as ``absent`` and `null` as ``null``. Declare properties
/// non-optional; `OktaNullable<T>?` works too (matching `encodeIfPresent`/`decodeIfPresent` overloads treat `nil`
/// as ``absent`` and decode to a non-`nil` value) but adds a meaningless fourth state.
public enum OktaNullable<Wrapped> {
    /// No value: the key is omitted when encoding, and was missing when decoding.
    case absent
    /// An explicit JSON `null`.
    case null
    /// A value.
    case value(Wrapped)

    /// Makes ``value(_:)`` from a value, or ``null`` from `nil`.
    ///
    /// - Parameter optional: The value, or `nil` to clear the field.
    public init(_ optional: Wrapped?) {
        self = optional.map(OktaNullable.value) ?? .null
    }

    /// The value, or `nil` for both ``absent`` and ``null``.
    public var value: Wrapped? {
        if case .value(let wrapped) = self { return wrapped }
        return nil
    }

    /// Whether this is ``absent``.
    public var isAbsent: Bool {
        if case .absent = self { return true }
        return false
    }

    /// Whether this is ``null``.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Whether this is not ``absent``, i.e. whether the key is (or was) in the JSON object.
    public var isPresent: Bool { !isAbsent }

    /// Transforms the value, keeping ``absent`` and ``null`` as they are.
    ///
    /// - Parameter transform: The transformation of a value.
    /// - Returns: The transformed nullable.
    /// - Throws: Whatever `transform` throws.
    public func map<T, E: Error>(_ transform: (Wrapped) throws(E) -> T) throws(E) -> OktaNullable<T> {
        switch self {
        case .absent: .absent
        case .null: .null
        case .value(let wrapped): .value(try transform(wrapped))
        }
    }
}

extension OktaNullable: Sendable where Wrapped: Sendable {}
extension OktaNullable: Equatable where Wrapped: Equatable {}
extension OktaNullable: Hashable where Wrapped: Hashable {}

extension OktaNullable: CustomStringConvertible {
    /// `absent`, `null`, or the value's description.
    public var description: String {
        switch self {
        case .absent: "absent"
        case .null: "null"
        case .value(let wrapped): String(describing: wrapped)
        }
    }
}
