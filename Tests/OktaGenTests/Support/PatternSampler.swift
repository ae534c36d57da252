/// Strings drawn from an ECMA-262 pattern, for ``SchemaInstanceGenerator``: the subset Okta's spec uses (literals,
/// `.`, `\d` `\w` `\s` and escaped punctuation, classes with ranges, groups, `(?:…)`, a leading `(?i)`, alternation,
/// `?` `*` `+` `{n}` `{n,m}`, anchors). A sample is a candidate only: the generator keeps it when OktaPattern says it
/// matches. `minimal` takes every quantifier's least count and every alternation's first branch.
struct PatternSampler {
    private let characters: [Character]
    private var position = 0

    init(pattern: String) {
        var text = Substring(pattern)
        if text.hasPrefix("(?i)") { text = text.dropFirst(4) }
        characters = Array(text)
    }

    mutating func sample(minimal: Bool, random: inout SplitMix64) -> String {
        position = 0
        var output = ""
        alternation(minimal: minimal, random: &random, into: &output)
        return output
    }

    private var current: Character? { position < characters.count ? characters[position] : nil }

    private mutating func alternation(minimal: Bool, random: inout SplitMix64, into output: inout String) {
        var branches: [String] = []
        repeat {
            if current == "|" { position += 1 }
            var branch = ""
            sequence(minimal: minimal, random: &random, into: &branch)
            branches.append(branch)
        } while current == "|"
        output += minimal ? branches[0] : branches[Int(random.next() % UInt64(branches.count))]
    }

    private mutating func sequence(minimal: Bool, random: inout SplitMix64, into output: inout String) {
        while let character = current, character != "|", character != ")" {
            let start = position
            var atom = ""
            atomSample(minimal: minimal, random: &random, into: &atom)
            let (low, high) = quantifier()
            let count = minimal ? low : low + Int(random.next() % UInt64(min(high, low + 3) - low + 1))
            guard count > 0 else { continue }
            output += atom
            for _ in 1..<max(count, 1) {
                // Sample the atom again so that repetitions differ.
                let after = position
                position = start
                var again = ""
                atomSample(minimal: minimal, random: &random, into: &again)
                position = after
                output += again
            }
        }
    }

    private mutating func quantifier() -> (Int, Int) {
        switch current {
        case "?":
            position += 1
            return (0, 1)
        case "*":
            position += 1
            return (0, 3)
        case "+":
            position += 1
            return (1, 3)
        case "{":
            var text = ""
            position += 1
            while let character = current, character != "}" {
                text.append(character)
                position += 1
            }
            position += 1
            let bounds = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
            let low = bounds.first.flatMap { $0 } ?? 0
            let high = bounds.count == 1 ? low : (bounds.last.flatMap { $0 } ?? low + 3)
            return (low, high)
        default:
            return (1, 1)
        }
    }

    private mutating func atomSample(minimal: Bool, random: inout SplitMix64, into output: inout String) {
        guard let character = current else { return }
        position += 1
        switch character {
        case "^", "$": return
        case "(":
            if current == "?" { position += 2 }  // `(?:`
            alternation(minimal: minimal, random: &random, into: &output)
            position += 1  // `)`
        case "[":
            var choices: [Character] = []
            while let next = current, next != "]" {
                position += 1
                var low = next
                if next == "\\", let escaped = current {
                    position += 1
                    let set = Self.escapeSet(escaped)
                    if set.count > 1 {
                        choices += set
                        continue
                    }
                    low = escaped
                }
                if current == "-", position + 1 < characters.count, characters[position + 1] != "]",
                    let lowScalar = low.unicodeScalars.first,
                    let highScalar = characters[position + 1].unicodeScalars.first
                {
                    position += 2
                    choices += (lowScalar.value...max(lowScalar.value, highScalar.value)).compactMap {
                        Unicode.Scalar($0).map(Character.init)
                    }
                } else {
                    choices.append(low)
                }
            }
            position += 1
            if !choices.isEmpty { output.append(choices[minimal ? 0 : Int(random.next() % UInt64(choices.count))]) }
        case ".": output.append(minimal ? "a" : ["a", "Z", "7", "-", " "][Int(random.next() % 5)])
        case "\\":
            guard let escaped = current else { return }
            position += 1
            let set = Self.escapeSet(escaped)
            output.append(set[minimal ? 0 : Int(random.next() % UInt64(set.count))])
        default: output.append(character)
        }
    }

    private static func escapeSet(_ escaped: Character) -> [Character] {
        switch escaped {
        case "d": Array("0123456789")
        case "w": Array("abcXYZ019_")
        case "s": [" "]
        default: [escaped]
        }
    }
}
