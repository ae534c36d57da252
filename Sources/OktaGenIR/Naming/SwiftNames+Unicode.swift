/// Which non-ASCII characters Swift allows in identifiers, and keys that compare spec names by their scalars.
extension SwiftNames {
    /// The ranges of characters Swift allows in an identifier: the lexer's table
    /// (`isValidIdentifierContinuationCodePoint` in swift/lib/Parse/Lexer.cpp), which is C11's Annex D.
    static let identifierRanges: [ClosedRange<UInt32>] = [
        0xA8...0xA8, 0xAA...0xAA, 0xAD...0xAD, 0xAF...0xAF, 0xB2...0xB5, 0xB7...0xBA, 0xBC...0xBE, 0xC0...0xD6,
        0xD8...0xF6, 0xF8...0xFF, 0x100...0x167F, 0x1681...0x180D, 0x180F...0x1FFF, 0x200B...0x200D,
        0x202A...0x202E, 0x203F...0x2040, 0x2054...0x2054, 0x2060...0x206F, 0x2070...0x218F, 0x2460...0x24FF,
        0x2776...0x2793, 0x2C00...0x2DFF, 0x2E80...0x2FFF, 0x3004...0x3007, 0x3021...0x302F, 0x3031...0x303F,
        0x3040...0xD7FF, 0xF900...0xFD3D, 0xFD40...0xFDCF, 0xFDF0...0xFE44, 0xFE47...0xFFFD, 0x10000...0x1FFFD,
        0x20000...0x2FFFD, 0x30000...0x3FFFD, 0x40000...0x4FFFD, 0x50000...0x5FFFD, 0x60000...0x6FFFD,
        0x70000...0x7FFFD, 0x80000...0x8FFFD, 0x90000...0x9FFFD, 0xA0000...0xAFFFD, 0xB0000...0xBFFFD,
        0xC0000...0xCFFFD, 0xD0000...0xDFFFD, 0xE0000...0xEFFFD,
    ]

    /// The ranges of those that may not start an identifier: combining marks (C11's Annex D.2).
    static let nonInitialRanges: [ClosedRange<UInt32>] = [
        0x300...0x36F, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F,
    ]

    /// Whether Swift allows a non-ASCII character in an identifier (after its first character).
    static func isIdentifierCharacter(_ scalar: Unicode.Scalar) -> Bool {
        identifierRanges.contains { $0.contains(scalar.value) }
    }

    /// Whether Swift allows a non-ASCII character to start an identifier.
    static func isIdentifierHead(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierCharacter(scalar) && !nonInitialRanges.contains { $0.contains(scalar.value) }
    }
}

/// A spec name as a dictionary key that compares by Unicode scalars.
///
/// `String`'s `==` and hash treat canonically equivalent strings as one (`"caf\u{E9}"` and `"cafe\u{301}"`), but
/// JSON, YAML and `$ref`s tell them apart, and so does the Swift compiler for identifiers. Tables keyed by what a
/// spec wrote (schema names, tags, operation ids, parameter and property names) use this key so that two names
/// the spec keeps apart stay apart. The hash is the UTF-8 bytes' (the same scalars give the same bytes).
public struct ScalarKey: Hashable, Sendable {
    public let text: String

    public init(_ text: String) { self.text = text }

    public static func == (lhs: ScalarKey, rhs: ScalarKey) -> Bool { lhs.text.hasSameScalars(as: rhs.text) }

    public func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

extension String {
    /// Whether two strings are the same Unicode scalars (`==` also matches canonically equivalent strings).
    public func hasSameScalars(as other: String) -> Bool {
        // `==` first: it rejects different names quickly, and only canonically equivalent names pass it with
        // different scalars.
        self == other && utf8.elementsEqual(other.utf8)
    }
}
