/// Why a `pattern` cannot be used: a syntax error, a construct outside the supported subset, or a pattern over the
/// limits (``PatternLimits``).
public struct PatternError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// Not a regular expression in ECMA-262's grammar (`(a`, `a**`, `[z-a]`).
        case syntax(String)
        /// Valid ECMA-262 that this engine does not run: back-references and lookaround need backtracking
        /// (`\1`, `(?=`, `(?<=`), Unicode property escapes (`\p{L}`), inline modifiers other than a leading `(?i)`.
        case unsupported(String)
        /// Longer than ``PatternLimits/maxPatternScalars`` code points.
        case tooLong
        /// Past a bound on the compiled program: repetition counts, the expanded size, nesting.
        case tooComplex(String)
    }

    public let kind: Kind
    /// The offset in the pattern's Unicode scalars where the problem starts.
    public let offset: Int

    public init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    public var description: String {
        switch kind {
        case .syntax(let message): "\(message) at offset \(offset)"
        case .unsupported(let construct):
            "\(construct) (at offset \(offset)) is not supported: it needs backtracking or is outside the supported ECMA-262 subset"
        case .tooLong: "the pattern is longer than \(PatternLimits.maxPatternScalars) characters"
        case .tooComplex(let what): "the pattern is too complex: \(what) (at offset \(offset))"
        }
    }
}

/// The bounds that keep compiling and matching a pattern from an untrusted spec or client cheap.
public enum PatternLimits {
    /// The longest pattern, in Unicode scalars.
    public static let maxPatternScalars = 4_096
    /// The largest program, in instructions, after counted repetitions are expanded (`(ab){3}` is three copies).
    /// Matching costs at most this many steps per character of the subject.
    public static let maxProgramSize = 10_000
    /// The largest count in `{n}`, `{n,}`, `{n,m}`.
    public static let maxRepeatCount = 1_000
    /// Groups inside groups.
    public static let maxNesting = 64
}
