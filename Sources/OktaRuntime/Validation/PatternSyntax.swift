/// The parsed form of a `pattern`: a tree of the ECMA-262 subset that ``JSONSchemaPattern`` supports.
///
/// The parser is recursive descent over the pattern's Unicode scalars, bounded by ``PatternLimits/maxNesting``
/// (groups inside groups), so a pattern of 4,096 `(` cannot exhaust a thread's stack.
indirect enum PatternNode: Equatable, Sendable {
    /// Matches the empty string.
    case empty
    /// One code point.
    case scalar(UInt32)
    /// A set of code points (a class, `.`, `\d`, ...).
    case set(ScalarSet)
    case sequence([PatternNode])
    case alternation([PatternNode])
    /// `node{min,max}` (`max` nil: no upper bound). Greedy and lazy forms are the same here: only whether a match
    /// exists is asked, never which one.
    case repeated(PatternNode, min: Int, max: Int?)
    case assertion(PatternAssertion)
}

enum PatternAssertion: Equatable, Sendable {
    case start, end, wordBoundary, notWordBoundary
}

/// A set of code points as sorted, disjoint, non-adjacent closed ranges.
struct ScalarSet: Hashable, Sendable {
    private(set) var ranges: [ClosedRange<UInt32>]
    /// The ranges' bounds, `[low0, high0, low1, high1, ...]`: what ``contains(_:)`` searches (a plain array of
    /// integers, cheaper than ranges in unoptimized and instrumented builds, such as the fuzz harness's).
    private var bounds: [UInt32] = []

    static let maxScalar: UInt32 = 0x10FFFF

    init(_ ranges: [ClosedRange<UInt32>]) {
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<UInt32>] = []
        merged.reserveCapacity(sorted.count)
        for range in sorted {
            if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        self.ranges = merged
        bounds.reserveCapacity(merged.count * 2)
        for range in merged {
            bounds.append(range.lowerBound)
            bounds.append(range.upperBound)
        }
    }

    var inverted: ScalarSet {
        var result: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for range in ranges {
            if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
            if range.upperBound == Self.maxScalar { return ScalarSet(result) }
            next = range.upperBound + 1
        }
        result.append(next...Self.maxScalar)
        return ScalarSet(result)
    }

    func union(_ other: ScalarSet) -> ScalarSet { ScalarSet(ranges + other.ranges) }

    /// Binary search over the ranges.
    func contains(_ value: UInt32) -> Bool {
        bounds.withUnsafeBufferPointer { bounds in
            var low = 0
            var high = bounds.count / 2
            while low < high {
                let middle = (low + high) / 2
                if bounds[2 * middle + 1] < value {
                    low = middle + 1
                } else if bounds[2 * middle] > value {
                    high = middle
                } else {
                    return true
                }
            }
            return false
        }
    }

    static let digits = ScalarSet([0x30...0x39])
    static let word = ScalarSet([0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
    /// ECMA-262 WhiteSpace and LineTerminator.
    static let space = ScalarSet([
        0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A, 0x2028...0x2029, 0x202F...0x202F,
        0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
    ])
    /// `.` without the `s` flag: everything but the line terminators.
    static let dot = ScalarSet([0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029]).inverted
}

/// Parses a pattern into a ``PatternNode``.
struct PatternParser {
    private let scalars: [UInt32]
    private var position = 0
    private var depth = 0
    private(set) var ignoreCase = false

    init(_ pattern: String) {
        scalars = pattern.unicodeScalars.map(\.value)
    }

    mutating func parse() throws(PatternError) -> PatternNode {
        guard scalars.count <= PatternLimits.maxPatternScalars else {
            throw PatternError(.tooLong, at: PatternLimits.maxPatternScalars)
        }
        // `(?i)` at the very start: not ECMA-262 (Java, Python, PCRE), but Okta's spec writes its case-insensitive
        // UUID patterns so; read as the `i` flag for the whole pattern.
        if scalars.starts(with: Array("(?i)".unicodeScalars.map(\.value))) {
            ignoreCase = true
            position = 4
        }
        let node = try alternation()
        if position < scalars.count {
            // Only a `)` without its `(` stops the top-level alternation early.
            throw PatternError(.syntax("unmatched ')'"), at: position)
        }
        return node
    }

    private var current: UInt32? { position < scalars.count ? scalars[position] : nil }

    private func peek(_ offset: Int) -> UInt32? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    private mutating func alternation() throws(PatternError) -> PatternNode {
        var branches = [try sequence()]
        while current == ascii("|") {
            position += 1
            branches.append(try sequence())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func sequence() throws(PatternError) -> PatternNode {
        var items: [PatternNode] = []
        while let scalar = current, scalar != ascii("|"), scalar != ascii(")") {
            let start = position
            let atom = try self.atom()
            if let (min, max) = try quantifier() {
                if case .assertion = atom { throw PatternError(.syntax("nothing to repeat"), at: start) }
                items.append(.repeated(atom, min: min, max: max))
                if quantifierFollows() { throw PatternError(.syntax("nothing to repeat"), at: position) }
            } else {
                items.append(atom)
            }
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .sequence(items)
        }
    }

    private func quantifierFollows() -> Bool {
        guard let scalar = current else { return false }
        if scalar == ascii("*") || scalar == ascii("+") || scalar == ascii("?") { return true }
        if scalar == ascii("{") {
            var probe = self
            return (try? probe.braces()) != nil
        }
        return false
    }

    /// `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, each optionally followed by `?` (lazy, same as greedy here).
    private mutating func quantifier() throws(PatternError) -> (Int, Int?)? {
        guard let scalar = current else { return nil }
        let result: (Int, Int?)
        switch scalar {
        case ascii("*"):
            position += 1
            result = (0, nil)
        case ascii("+"):
            position += 1
            result = (1, nil)
        case ascii("?"):
            position += 1
            result = (0, 1)
        case ascii("{"):
            // A `{` that does not start a well-formed quantifier is a literal (ECMA-262 Annex B).
            let start = position
            guard let counted = try braces() else {
                position = start
                return nil
            }
            result = counted
        default: return nil
        }
        if current == ascii("?") { position += 1 }
        return result
    }

    /// `{n}`, `{n,}` or `{n,m}` at `position`; nil (position unspecified) when it is not one.
    private mutating func braces() throws(PatternError) -> (Int, Int?)? {
        let start = position
        position += 1
        guard let min = number() else { return nil }
        var max: Int? = min
        if current == ascii(",") {
            position += 1
            max = current == ascii("}") ? nil : number()
            if max == nil, current != ascii("}") { return nil }
        }
        guard current == ascii("}") else { return nil }
        position += 1
        if let max, max < min { throw PatternError(.syntax("numbers out of order in {} quantifier"), at: start) }
        if min > PatternLimits.maxRepeatCount || (max ?? 0) > PatternLimits.maxRepeatCount {
            throw PatternError(.tooComplex("a repetition count over \(PatternLimits.maxRepeatCount)"), at: start)
        }
        return (min, max)
    }

    /// Decimal digits; counts past ``PatternLimits/maxRepeatCount`` saturate (and are refused by the caller).
    private mutating func number() -> Int? {
        var value: Int?
        while let scalar = current, scalar >= ascii("0"), scalar <= ascii("9") {
            value = Swift.min((value ?? 0) * 10 + Int(scalar - ascii("0")), PatternLimits.maxRepeatCount + 1)
            position += 1
        }
        return value
    }

    private mutating func atom() throws(PatternError) -> PatternNode {
        let start = position
        let scalar = scalars[position]
        position += 1
        switch scalar {
        case ascii("^"): return .assertion(.start)
        case ascii("$"): return .assertion(.end)
        case ascii("."): return .set(.dot)
        case ascii("*"), ascii("+"), ascii("?"):
            throw PatternError(.syntax("nothing to repeat"), at: start)
        case ascii("{"):
            var probe = self
            probe.position = start
            if case .some(.some) = try? probe.braces() { throw PatternError(.syntax("nothing to repeat"), at: start) }
            return .scalar(scalar)
        case ascii("["): return .set(try characterClass(start: start))
        case ascii("("): return try group(start: start)
        case ascii("\\"): return try atomEscape(start: start)
        default: return .scalar(scalar)
        }
    }

    private mutating func group(start: Int) throws(PatternError) -> PatternNode {
        if current == ascii("?") {
            switch peek(1) {
            case ascii(":"):
                position += 2
            case ascii("="), ascii("!"):
                throw PatternError(.unsupported("lookahead"), at: start)
            case ascii("<"):
                if peek(2) == ascii("=") || peek(2) == ascii("!") {
                    throw PatternError(.unsupported("lookbehind"), at: start)
                }
                // A named group, matched as a plain group (names only matter to back-references).
                position += 2
                let nameStart = position
                while let scalar = current, scalar != ascii(">") {
                    guard isIdentifierScalar(scalar, first: position == nameStart) else {
                        throw PatternError(.syntax("invalid group name"), at: position)
                    }
                    position += 1
                }
                guard current == ascii(">"), position > nameStart else {
                    throw PatternError(.syntax("invalid group name"), at: nameStart)
                }
                position += 1
            default:
                throw PatternError(.unsupported("inline modifiers '(?...)'"), at: start)
            }
        }
        depth += 1
        defer { depth -= 1 }
        guard depth <= PatternLimits.maxNesting else {
            throw PatternError(.tooComplex("groups nested more than \(PatternLimits.maxNesting) deep"), at: start)
        }
        let inner = try alternation()
        guard current == ascii(")") else { throw PatternError(.syntax("unterminated group"), at: start) }
        position += 1
        return inner
    }

    private func isIdentifierScalar(_ scalar: UInt32, first: Bool) -> Bool {
        if scalar == ascii("$") || scalar == ascii("_") { return true }
        guard let unicode = Unicode.Scalar(scalar) else { return false }
        return first ? unicode.properties.isIDStart : unicode.properties.isIDContinue
    }

    private mutating func atomEscape(start: Int) throws(PatternError) -> PatternNode {
        guard let scalar = current else { throw PatternError(.syntax("'\\' at end of pattern"), at: start) }
        switch scalar {
        case ascii("b"):
            position += 1
            return .assertion(.wordBoundary)
        case ascii("B"):
            position += 1
            return .assertion(.notWordBoundary)
        case ascii("1")...ascii("9"): throw PatternError(.unsupported("back-reference"), at: start)
        case ascii("k"): throw PatternError(.unsupported("named back-reference"), at: start)
        default:
            switch try classEscape(start: start) {
            case .scalar(let value): return .scalar(value)
            case .set(let set): return .set(set)
            }
        }
    }

    private enum ClassAtom {
        case scalar(UInt32)
        case set(ScalarSet)
    }

    /// An escape after `\` (at `position`), as allowed both in and out of a class (`\b` excepted).
    private mutating func classEscape(start: Int) throws(PatternError) -> ClassAtom {
        guard let scalar = current else { throw PatternError(.syntax("'\\' at end of pattern"), at: start) }
        position += 1
        switch scalar {
        case ascii("d"): return .set(.digits)
        case ascii("D"): return .set(ScalarSet.digits.inverted)
        case ascii("w"): return .set(.word)
        case ascii("W"): return .set(ScalarSet.word.inverted)
        case ascii("s"): return .set(.space)
        case ascii("S"): return .set(ScalarSet.space.inverted)
        case ascii("t"): return .scalar(0x09)
        case ascii("n"): return .scalar(0x0A)
        case ascii("v"): return .scalar(0x0B)
        case ascii("f"): return .scalar(0x0C)
        case ascii("r"): return .scalar(0x0D)
        case ascii("0"):
            if let next = current, next >= ascii("0"), next <= ascii("9") {
                throw PatternError(.unsupported("octal escape"), at: start)
            }
            return .scalar(0)
        case ascii("c"):
            guard let letter = current, (ascii("a")...ascii("z")).contains(letter | 0x20) else {
                throw PatternError(.syntax("invalid '\\c' escape"), at: start)
            }
            position += 1
            return .scalar(letter % 32)
        case ascii("x"):
            guard let value = hex(count: 2) else { throw PatternError(.syntax("invalid '\\x' escape"), at: start) }
            return .scalar(value)
        case ascii("u"):
            return .scalar(try unicodeEscape(start: start))
        case ascii("p"), ascii("P"):
            throw PatternError(.unsupported("Unicode property escape"), at: start)
        default:
            // Identity escapes: any character that is not a letter or digit stands for itself (`\.`, `\-`, `\/`).
            if scalar < 0x80, isASCIIAlphanumeric(scalar) {
                throw PatternError(.syntax("unknown escape '\\\(Character(Unicode.Scalar(scalar)!))'"), at: start)
            }
            return .scalar(scalar)
        }
    }

    /// `\uXXXX` (a surrogate pair of two such escapes is one code point) or `\u{X...}`, after the `u`.
    private mutating func unicodeEscape(start: Int) throws(PatternError) -> UInt32 {
        if current == ascii("{") {
            position += 1
            var value: UInt32 = 0
            var digits = 0
            while let scalar = current, let digit = hexValue(scalar) {
                value = value * 16 + digit
                digits += 1
                position += 1
                if value > ScalarSet.maxScalar { throw PatternError(.syntax("code point out of range"), at: start) }
            }
            guard digits > 0, current == ascii("}") else {
                throw PatternError(.syntax("invalid '\\u{...}' escape"), at: start)
            }
            position += 1
            return try checkedScalar(value, at: start)
        }
        guard let high = hex(count: 4) else { throw PatternError(.syntax("invalid '\\u' escape"), at: start) }
        if (0xD800...0xDBFF).contains(high), current == ascii("\\"), peek(1) == ascii("u") {
            let save = position
            position += 2
            if let low = hex(count: 4), (0xDC00...0xDFFF).contains(low) {
                return 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            }
            position = save
        }
        return try checkedScalar(high, at: start)
    }

    private func checkedScalar(_ value: UInt32, at start: Int) throws(PatternError) -> UInt32 {
        // Subjects are Swift strings: valid Unicode, never a lone surrogate.
        if (0xD800...0xDFFF).contains(value) { throw PatternError(.unsupported("lone surrogate"), at: start) }
        return value
    }

    private mutating func hex(count: Int) -> UInt32? {
        var value: UInt32 = 0
        for offset in 0..<count {
            guard let scalar = peek(offset), let digit = hexValue(scalar) else { return nil }
            value = value * 16 + digit
        }
        position += count
        return value
    }

    private func hexValue(_ scalar: UInt32) -> UInt32? {
        switch scalar {
        case ascii("0")...ascii("9"): return scalar - ascii("0")
        case ascii("a")...ascii("f"): return scalar - ascii("a") + 10
        case ascii("A")...ascii("F"): return scalar - ascii("A") + 10
        default: return nil
        }
    }

    private func isASCIIAlphanumeric(_ scalar: UInt32) -> Bool {
        (ascii("0")...ascii("9")).contains(scalar) || (ascii("a")...ascii("z")).contains(scalar | 0x20)
    }

    /// `[...]` or `[^...]`, after the `[`.
    private mutating func characterClass(start: Int) throws(PatternError) -> ScalarSet {
        var negated = false
        if current == ascii("^") {
            negated = true
            position += 1
        }
        var ranges: [ClosedRange<UInt32>] = []
        while true {
            guard let scalar = current else { throw PatternError(.syntax("unterminated character class"), at: start) }
            if scalar == ascii("]") {
                position += 1
                break
            }
            let atomStart = position
            let first = try classAtom()
            // A range `a-z`; a `-` first, last, or next to a class escape (`[\w-.]`) is a literal (Annex B).
            if case .scalar(let low) = first, current == ascii("-"), let after = peek(1), after != ascii("]") {
                position += 1
                let second = try classAtom()
                switch second {
                case .scalar(let high):
                    guard low <= high else {
                        throw PatternError(.syntax("range out of order in character class"), at: atomStart)
                    }
                    ranges.append(low...high)
                case .set(let set):
                    ranges.append(low...low)
                    ranges.append(0x2D...0x2D)
                    ranges.append(contentsOf: set.ranges)
                }
                continue
            }
            switch first {
            case .scalar(let value): ranges.append(value...value)
            case .set(let set): ranges.append(contentsOf: set.ranges)
            }
        }
        let set = ScalarSet(ranges)
        return negated ? set.inverted : set
    }

    private mutating func classAtom() throws(PatternError) -> ClassAtom {
        let start = position
        let scalar = scalars[position]
        position += 1
        guard scalar == ascii("\\") else { return .scalar(scalar) }
        switch current {
        case ascii("b"):
            position += 1
            return .scalar(0x08)
        case ascii("-"):
            position += 1
            return .scalar(0x2D)
        case let digit? where (ascii("1")...ascii("9")).contains(digit):
            throw PatternError(.unsupported("back-reference"), at: start)
        default:
            return try classEscape(start: start)
        }
    }
}

@inline(__always) func ascii(_ character: Unicode.Scalar) -> UInt32 { character.value }
