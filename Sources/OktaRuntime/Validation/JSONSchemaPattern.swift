/// A JSON Schema `pattern`, compiled once and matched in time linear in the subject, whatever the pattern.
///
/// Supports the ECMA-262 subset that needs no backtracking (docs/Patterns.md): literals and escapes, classes with
/// ranges and `\d \w \s` (and their negations), `.`, `^`, `$`, `\b`, `\B`, groups (capturing, `(?:...)` and named,
/// all matched alike), alternation, and the quantifiers `* + ? {n} {n,} {n,m}` with their lazy forms, over Unicode
/// code points. A leading `(?i)` makes the pattern case-insensitive (Okta's spec uses it). Back-references and
/// lookaround are refused with ``PatternError``, as are patterns past ``PatternLimits``.
///
/// Matching is JSON Schema's: the pattern may match anywhere in the subject (anchor it with `^...$` for a whole
/// match).
///
/// ```swift
/// let pattern = try JSONSchemaPattern(#"^\+[1-9]\d{1,14}$"#)
/// pattern.matches("+14155550100")  // true
/// ```
public struct JSONSchemaPattern: Sendable {
    /// The pattern as written.
    public let source: String
    let program: PatternProgram

    /// Compiles a pattern.
    /// - Throws: ``PatternError`` for a syntax error, an unsupported construct or a pattern past the limits.
    public init(_ source: String) throws(PatternError) {
        self.source = source
        var parser = PatternParser(source)
        let node = try parser.parse()
        program = try PatternProgram(node, ignoreCase: parser.ignoreCase)
    }

    /// Whether the pattern matches anywhere in `subject`.
    public func matches(_ subject: String) -> Bool { program.search(subject).matched }

    /// ``matches(_:)`` with the number of NFA states it visited: at most ``stepBound(subjectLength:)``.
    public func search(_ subject: String) -> (matched: Bool, steps: Int) {
        let result = program.search(subject)
        return (result.matched, result.steps)
    }

    /// The most steps a search can take on a subject of `subjectLength` Unicode scalars: (length + 1) × (program
    /// size + 1).
    public func stepBound(subjectLength: Int) -> Int { program.stepBound(subjectLength: subjectLength) }

    /// The compiled program's size in instructions (at most ``PatternLimits/maxProgramSize``).
    public var programSize: Int { program.instructions.count }
}
