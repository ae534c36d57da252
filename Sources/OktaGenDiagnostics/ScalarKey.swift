#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A spec name as a dictionary key that compares by Unicode scalars.
///
/// `String`'s `==` and hash treat canonically equivalent strings as one (`"caf\u{E9}"` and `"cafe\u{301}"`), but
/// JSON, YAML and `$ref`s tell them apart, and so does the Swift compiler for identifiers. Tables keyed by what a
/// spec wrote (schema names, tags, operation ids, parameter and property names) use this key so that two names
/// the spec keeps apart stay apart.
public struct ScalarKey: Hashable, Sendable {
    public let text: String

    public init(_ text: String) { self.text = text }

    public static func == (lhs: ScalarKey, rhs: ScalarKey) -> Bool { lhs.text.hasSameScalars(as: rhs.text) }

    public func hash(into hasher: inout Hasher) {
        // `String`'s hash: keys equal here are equal strings, so they hash alike (and ASCII text hashes fast).
        hasher.combine(text)
    }
}

extension String {
    /// Whether two strings are the same Unicode scalars (`==` also matches canonically equivalent strings).
    @inlinable public func hasSameScalars(as other: String) -> Bool {
        // `==` first: it rejects different names quickly (names compared in loops are mostly different), and only
        // canonically equivalent names pass it with different scalars, which their UTF-8 bytes then tell apart.
        guard self == other else { return false }
        var lhs = self
        var rhs = other
        return lhs.withUTF8 { left in
            rhs.withUTF8 { right in
                left.count == right.count
                    && (left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
            }
        }
    }
}
