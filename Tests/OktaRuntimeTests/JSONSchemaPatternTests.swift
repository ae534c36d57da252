import Foundation
import OktaRuntime
import Testing

/// `pattern` matching (Sources/OktaRuntime/Validation, docs/Patterns.md).
///
/// Every row of ``table`` agrees with JavaScript (`new RegExp(pattern, "u").test(subject)`, node; a leading `(?i)`
/// as the `i` flag; the Annex B rows, `a{`, `}`, `]`, `[\w-.]`, `a{,5}`, are valid only without the `u` flag, and
/// agree without it). Python's `re.search` (with `re.ASCII`) agrees except where it differs from ECMA-262: its `$`
/// also matches before a final "\n", its `.` matches U+2028, its `\s` leaves out U+00A0 and U+FEFF, `\B` does not
/// match the empty string, and it has no `[]` or `[^]`.
@Suite struct JSONSchemaPatternTests {
    /// (pattern, subject, whether the pattern matches somewhere in the subject).
    static let table: [(String, String, Bool)] = [
        // Literals; unanchored search.
        ("abc", "abc", true), ("abc", "xxabcxx", true), ("abc", "ab", false), ("", "", true), ("", "x", true),
        // Anchors. Python's `$` also matches before a final "\n"; ECMA-262's (no `m` flag) only at the end.
        ("^abc$", "abc", true), ("^abc$", "abcd", false), ("^abc$", "abc\n", false), ("^$", "", true),
        ("b^", "ab", false), ("$a", "a", false), ("a^|b", "b", true),
        // `.`: any code point but line terminators.
        ("a.c", "abc", true), ("a.c", "a\nc", false), ("a.c", "a\u{2028}c", false), ("^.$", "😀", true),
        ("^..$", "😀", false),
        // Classes.
        ("[abc]", "xbx", true), ("[^abc]", "abc", false), ("[^abc]", "abcd", true), ("^[a-z]+$", "hello", true),
        ("^[a-z]+$", "Hello", false), ("[]", "a", false), ("[^]", "a", true), ("[\\w-.]", "-", true),
        ("[\\w-.]", ".", true), ("[a\\-z]", "-", true), ("[a\\-z]", "b", false), ("[\\]]", "]", true),
        ("[\\b]", "\u{8}", true), ("^[\\u0041-\\u005A]$", "Q", true), ("[^\\d\\s]", "1 2", false),
        ("[\\D]", "1a", true),
        // Escapes.
        ("\\d", "x7", true), ("\\D", "77", false), ("^\\w+$", "a_1", true), ("^\\w+$", "é", false),
        ("\\s", "a\u{A0}b", true), ("\\s", "a\u{FEFF}b", true), ("^\\S+$", "a b", false),
        ("\\t\\n\\v\\f\\r", "\t\n\u{B}\u{C}\r", true), ("\\x41\\u0042\\u{43}", "ABC", true), ("\\0", "\u{0}", true),
        ("\\cJ", "\n", true), ("\\.", "a", false), ("\\.", ".", true), ("\\/", "/", true), ("\\$", "$", true),
        ("\\u{1F600}", "😀", true), ("\\uD83D\\uDE00", "😀", true), ("[\\u{1F600}-\\u{1F64F}]", "x🙂", true),
        // Word boundaries (ASCII word characters, as without `u`+`i`).
        ("\\bfoo\\b", "a foo b", true), ("\\bfoo\\b", "afoob", false), ("\\Bo", "foo", true), ("\\Bf", "foo", false),
        ("\\b", "", false), ("\\B", "", true), ("é\\b", "é", false),
        // Groups and alternation.
        ("^(ab)+$", "ababab", true), ("^(ab)+$", "ababa", false), ("^(?:a|bc)+$", "abca", true),
        ("^(?<year>\\d{4})-(?<m>\\d\\d)$", "2026-12", true), ("^(a|b|)$", "", true), ("(|a)b", "b", true),
        // Quantifiers, greedy and lazy alike.
        ("^a*$", "", true), ("^a+$", "", false), ("^a?b$", "b", true), ("^a{3}$", "aaa", true),
        ("^a{3}$", "aa", false), ("^a{2,}$", "aaaaa", true), ("^a{2,3}$", "aaaa", false), ("^a{0}$", "", true),
        ("^a*?b+?c??$", "aabbc", true), ("^a{2,3}?$", "aaa", true), ("^(a*)*$", "aaaa", true),
        ("^(a?){5}a{5}$", "aaaaa", true), ("a{,5}", "a{,5}", true), ("a{", "a{", true), ("x{2,1", "x{2,1", true),
        ("}", "}", true), ("]", "]", true),
        // Okta's patterns (okta-management-2026.06.3.yaml).
        ("^[\\w\\-_. ]+$", "My App 1.0", true), ("^[\\w\\-_. ]+$", "a/b", false),
        ("^\\+[1-9]\\d{1,14}$", "+14155550100", true), ("^\\+[1-9]\\d{1,14}$", "+04155550100", false),
        ("^\\+[1-9]\\d{1,14}$", "+1234567890123456", false), ("^.{1,100}$", String(repeating: "x", count: 100), true),
        ("^.{1,100}$", String(repeating: "x", count: 101), false), ("^[a-zA-Z0-9.\\-_]$", "-", true),
        ("^(?:\\*|\\^?\\d+(?:\\.\\d+){0,2})$", "^1.2.3", true),
        ("^(?:\\*|\\^?\\d+(?:\\.\\d+){0,2})$", "1.2.3.4", false),
        ("^(?:\\*|\\^?\\d+(?:\\.\\d+){0,2})$", "*", true), ("^\\d{12}$", "123456789012", true),
        ("^[a-zA-Z0-9\\s\\-,.]*$", "Main St., 5-7", true), ("^[\\.\\-_A-Za-z0-9]{1,75}$", "", false),
        ("^([a-z0-9]+(-[a-z0-9]+)*){1,100}\\.splunkcloud(gc|fed)?\\.com$", "acme-prod.splunkcloudgc.com", true),
        ("^([a-z0-9]+(-[a-z0-9]+)*){1,100}\\.splunkcloud(gc|fed)?\\.com$", "acme.splunk.com", false),
        (
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
            "id: 123e4567-e89b-12d3-a456-426614174000", true
        ),
        ("^P(?:$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?:\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?$", "P", true),
        ("^P(?:$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?:\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?$", "P1D", false),
        // A leading `(?i)` (JavaScript: the `i` flag; Python: the same inline flag).
        (
            "(?i)^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
            "123E4567-E89B-12D3-A456-426614174000", true
        ),
        (
            "(?i)^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
            "123e4567-e89b-62d3-a456-426614174000", false
        ),
        ("(?i)straße", "STRASSE", false), ("(?i)émile", "ÉMILE", true), ("(?i)[a-c]", "B", true),
    ]

    @Test func matchesLikeECMAScript() throws {
        var failures: [String] = []
        for (source, subject, expected) in Self.table {
            let pattern = try JSONSchemaPattern(source)
            if pattern.matches(subject) != expected { failures.append("\(source) on \(subject.debugDescription)") }
        }
        #expect(failures == [])
    }

    /// Syntax errors and constructs that need backtracking are typed errors, at the offending offset.
    @Test func refusesWhatItCannotRunWithATypedError() {
        let cases: [(String, PatternError)] = [
            ("(a)\\1", PatternError(.unsupported("back-reference"), at: 3)),
            ("(?<n>a)\\k<n>", PatternError(.unsupported("named back-reference"), at: 7)),
            ("a(?=b)", PatternError(.unsupported("lookahead"), at: 1)),
            ("a(?!b)", PatternError(.unsupported("lookahead"), at: 1)),
            ("(?<=a)b", PatternError(.unsupported("lookbehind"), at: 0)),
            ("(?<!a)b", PatternError(.unsupported("lookbehind"), at: 0)),
            ("\\p{L}", PatternError(.unsupported("Unicode property escape"), at: 0)),
            ("a(?i)b", PatternError(.unsupported("inline modifiers '(?...)'"), at: 1)),
            ("[\\1]", PatternError(.unsupported("back-reference"), at: 1)),
            ("\\01", PatternError(.unsupported("octal escape"), at: 0)),
            ("\\uD800", PatternError(.unsupported("lone surrogate"), at: 0)),
            ("a**", PatternError(.syntax("nothing to repeat"), at: 2)),
            ("a{1000}{1000}", PatternError(.syntax("nothing to repeat"), at: 7)),
            ("+a", PatternError(.syntax("nothing to repeat"), at: 0)),
            ("{2}", PatternError(.syntax("nothing to repeat"), at: 0)),
            ("^*", PatternError(.syntax("nothing to repeat"), at: 0)),
            ("\\b+", PatternError(.syntax("nothing to repeat"), at: 0)),
            ("(a", PatternError(.syntax("unterminated group"), at: 0)),
            ("a)", PatternError(.syntax("unmatched ')'"), at: 1)),
            ("[a", PatternError(.syntax("unterminated character class"), at: 0)),
            ("[z-a]", PatternError(.syntax("range out of order in character class"), at: 1)),
            ("a{3,2}", PatternError(.syntax("numbers out of order in {} quantifier"), at: 1)),
            ("\\q", PatternError(.syntax("unknown escape '\\q'"), at: 0)),
            ("\\u{110000}", PatternError(.syntax("code point out of range"), at: 0)),
            ("a\\", PatternError(.syntax("'\\' at end of pattern"), at: 1)),
            ("(?<1>a)", PatternError(.syntax("invalid group name"), at: 3)),
        ]
        for (source, expected) in cases {
            #expect(throws: expected, "\(source)") { try JSONSchemaPattern(source) }
        }
    }

    /// Counted repetitions are expanded within a budget, never past it: `(a{1000}){1000}` would be a million
    /// instructions.
    @Test func boundsPatternLengthProgramSizeAndNesting() throws {
        #expect(throws: PatternError(.tooComplex("more than 10000 instructions"), at: 0)) {
            try JSONSchemaPattern("(a{1000}){1000}")
        }
        #expect(throws: PatternError(.tooComplex("more than 10000 instructions"), at: 0)) {
            try JSONSchemaPattern("((?:){1000}){1000}")
        }
        #expect(throws: PatternError(.tooComplex("a repetition count over 1000"), at: 1)) {
            try JSONSchemaPattern("a{1001}")
        }
        #expect(throws: PatternError(.tooComplex("a repetition count over 1000"), at: 1)) {
            try JSONSchemaPattern("a{0,99999999999999999999999}")
        }
        #expect(throws: PatternError(.tooComplex("groups nested more than 64 deep"), at: 64)) {
            try JSONSchemaPattern(String(repeating: "(", count: 1_000))
        }
        #expect(throws: PatternError(.tooLong, at: 4_096)) {
            try JSONSchemaPattern(String(repeating: "a", count: 4_097))
        }
        #expect(
            try JSONSchemaPattern(String(repeating: "(", count: 64) + String(repeating: ")", count: 64)).matches(""))
        #expect(try JSONSchemaPattern("a{1000}").programSize == 1_001)
    }

    /// The classic patterns that take exponential time in a backtracking engine, on subjects of 10,000 and 100,000
    /// characters: the steps grow in proportion to the subject (times ten, within a tenth) and stay within the bound.
    @Test(arguments: ["(a+)+$", "(a|a)*b", "(.*a){20}$", "^(\\w+\\s?)*$", "(x+x+)+y"])
    func catastrophicPatternsRunInLinearSteps(_ source: String) throws {
        let pattern = try JSONSchemaPattern(source)
        var steps: [Int] = []
        for length in [10_000, 100_000] {
            let subject = String(repeating: source.contains("x") ? "x" : "a", count: length) + "!"
            let result = pattern.search(subject)
            #expect(result.matched == false)
            #expect(result.steps <= pattern.stepBound(subjectLength: length + 1))
            steps.append(result.steps)
        }
        let ratio = Double(steps[1]) / Double(steps[0])
        #expect(ratio > 9 && ratio < 11, "steps \(steps)")
    }

    /// Okta's real patterns, every one in the management spec (`$OKTA_SPEC`), compile except the ones written for
    /// Java that ECMA-262 does not have.
    @Test func compilesEveryPatternOfOktasSpec() throws {
        guard let path = ProcessInfo.processInfo.environment["OKTA_SPEC"],
            let text = try? String(contentsOfFile: path, encoding: .utf8)
        else { return }
        var patterns: Set<String> = []
        for line in text.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("pattern: ") else { continue }
            var value = String(trimmed.dropFirst("pattern: ".count))
            if value.hasPrefix("'"), value.hasSuffix("'") { value = String(value.dropFirst().dropLast()) }
            patterns.insert(value)
        }
        #expect(patterns.count > 10)
        for source in patterns {
            #expect(throws: Never.self, "\(source)") { try JSONSchemaPattern(source) }
        }
    }
}
