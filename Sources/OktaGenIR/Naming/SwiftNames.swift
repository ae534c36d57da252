/// Turns names from a spec into Swift identifiers: deterministic, keyword-safe, and collision-free within a scope.
public enum SwiftNames {
    /// Swift keywords that need backticks as declaration names.
    public static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
        "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default",
        "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch",
        "where", "while", "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try",
        "Type", "Protocol", "some", "any", "async", "consume", "copy", "borrowing", "consuming", "package",
    ]

    /// Member names that backticks cannot save: `self` and `super` as initializer parameters shadow the instance,
    /// `init` and `Type` clash with the language. They get `Value` appended (`self` → `selfValue`), or `Link` when
    /// the member holds a link (`_links.self` → `selfLink`, see ``memberIdiomatic(_:holdsLink:)``).
    public static let unusableMemberNames: Set<String> = [
        "self", "super", "init", "deinit", "Type", "Protocol", "Self",
    ]

    /// The idiomatic member name: lowerCamel, legal, and never one of ``unusableMemberNames``.
    static func memberIdiomatic(_ raw: String) -> String {
        memberIdiomatic(raw, holdsLink: { false })
    }

    /// The idiomatic member name of a member that may hold a link (an object with an `href`, as HAL's `_links.self`):
    /// an unusable name gets `Link` rather than `Value`, the word a hand-written SDK uses (`selfLink`). `holdsLink` is
    /// asked only for an unusable name.
    static func memberIdiomatic(_ raw: String, holdsLink: () -> Bool) -> String {
        let name = legal(lowerCamel(raw), escapeKeywords: false)
        guard unusableMemberNames.contains(name) else { return name }
        return name + (holdsLink() ? "Link" : "Value")
    }

    /// Splits a name into words: runs of letters and digits, also split at lower→upper case changes
    /// (`userId` → `user`, `Id`) and at the end of an acronym (`URLValue` → `URL`, `Value`).
    static func words(_ name: String) -> [String] {
        asciiWords(name) ?? scalarWords(name)
    }

    /// ``words(_:)`` for any name, on Unicode scalars.
    static func scalarWords(_ name: String) -> [String] {
        var words: [String] = []
        var current: [Unicode.Scalar] = []
        let scalars = Array(name.unicodeScalars)
        func flush() {
            if !current.isEmpty {
                var word = ""
                word.unicodeScalars.append(contentsOf: current)
                words.append(word)
                current.removeAll()
            }
        }
        for (index, scalar) in scalars.enumerated() {
            guard isWordScalar(scalar) else {
                flush()
                continue
            }
            if let previous = current.last {
                let next = index + 1 < scalars.count ? scalars[index + 1] : nil
                let lowerToUpper = isLower(previous) && isUpper(scalar)
                let digitToLetter = isDigit(previous) && isUpper(scalar)
                let acronymEnd = isUpper(previous) && isUpper(scalar) && next.map(isLower) == true
                if lowerToUpper || acronymEnd || digitToLetter { flush() }
            }
            current.append(scalar)
        }
        flush()
        return words
    }

    /// ``words(_:)`` on UTF-8 bytes for an ASCII name (the same rules; no scalar arrays), `nil` for other names.
    static func asciiWords(_ name: String) -> [String]? {
        var name = name
        return name.withUTF8 { bytes -> [String]? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            func isUpper(_ byte: UInt8) -> Bool { byte >= 65 && byte <= 90 }
            func isLower(_ byte: UInt8) -> Bool { byte >= 97 && byte <= 122 }
            func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
            var words: [String] = []
            var start = -1
            for index in bytes.indices {
                let byte = bytes[index]
                guard isUpper(byte) || isLower(byte) || isDigit(byte) else {
                    if start >= 0 { words.append(String(decoding: bytes[start..<index], as: UTF8.self)) }
                    start = -1
                    continue
                }
                if start >= 0 {
                    let previous = bytes[index - 1]
                    let next: UInt8? = index + 1 < bytes.count ? bytes[index + 1] : nil
                    let lowerToUpper = isLower(previous) && isUpper(byte)
                    let digitToLetter = isDigit(previous) && isUpper(byte)
                    let acronymEnd = isUpper(previous) && isUpper(byte) && next.map(isLower) == true
                    if lowerToUpper || acronymEnd || digitToLetter {
                        words.append(String(decoding: bytes[start..<index], as: UTF8.self))
                        start = index
                    }
                } else {
                    start = index
                }
            }
            if start >= 0 { words.append(String(decoding: bytes[start...], as: UTF8.self)) }
            return words
        }
    }

    /// Letters and digits that words are made of: ASCII ones, and letters Swift allows in identifiers
    /// (``isIdentifierCharacter(_:)``; an alphabetic character outside Swift's ranges is a separator).
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return isDigit(scalar) || isUpper(scalar) || isLower(scalar) }
        return scalar.properties.isAlphabetic && isIdentifierCharacter(scalar)
    }

    static func isUpper(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (scalar.value >= 65 && scalar.value <= 90) : scalar.properties.isUppercase
    }

    static func isLower(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (scalar.value >= 97 && scalar.value <= 122) : scalar.properties.isLowercase
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 48 && scalar.value <= 57 }

    /// Words for names made only of symbols (`+`, `-`, `""`), so they still get a readable identifier.
    static func symbolWords(_ name: String) -> [String] {
        if name.isEmpty { return ["empty"] }
        let names: [Unicode.Scalar: String] = [
            "+": "plus", "-": "minus", "*": "star", "/": "slash", ".": "dot", "=": "equals", "<": "less",
            ">": "greater", "!": "not", "@": "at", "#": "hash", "$": "dollar", "%": "percent", "&": "and",
            "|": "or", "~": "tilde", "^": "caret", "?": "question", ":": "colon", " ": "space", "_": "underscore",
        ]
        return name.unicodeScalars.map { names[$0] ?? "u" + String($0.value, radix: 16, uppercase: true) }
    }

    /// Word list with leading sign symbols spelled out (`+1` → `plus`, `1`), so `+1` and `1` stay distinct.
    static func nameWords(_ name: String) -> [String] {
        var result = words(name)
        if result.isEmpty { return symbolWords(name) }
        if let first = name.unicodeScalars.first, first == "+" || first == "-" {
            result.insert(first == "+" ? "plus" : "minus", at: 0)
        }
        return result
    }

    /// A word whose first character is ASCII with that character upper- (or lower-) cased; `nil` when the first
    /// character is not ASCII (or the word is empty).
    private static func asciiFirstCased(_ word: String, upper: Bool) -> String? {
        guard let first = word.utf8.first, first < 0x80 else { return nil }
        let from: ClosedRange<UInt8> = upper ? 97...122 : 65...90
        guard from.contains(first) else { return word }
        var bytes = Array(word.utf8)
        bytes[0] = upper ? first - 32 : first + 32
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func capitalized(_ word: String) -> String {
        if let ascii = asciiFirstCased(word, upper: true) { return ascii }
        guard let first = word.unicodeScalars.first else { return word }
        var result = String(first).uppercased()
        result.unicodeScalars.append(contentsOf: word.unicodeScalars.dropFirst())
        return result
    }

    private static func isAllUpper(_ word: String) -> Bool {
        word.unicodeScalars.allSatisfy { !isLower($0) }
    }

    /// `LOCKED_OUT` → `LockedOut`, `user-profile` → `UserProfile`, `OAuth2Client` stays.
    public static func upperCamel(_ name: String) -> String {
        // Fast path: ASCII letters and digits with a lowercase letter somewhere (`OAuth2Client`, `userProfile`) only
        // need their first letter capitalized; the word split below would give the same result.
        if let fast = asciiCamel(name, upper: true) { return fast }
        let parts = nameWords(name)
        let allUpperInput = name.unicodeScalars.allSatisfy { !isLower($0) }
        return parts.map { capitalized(allUpperInput ? $0.lowercased() : $0) }.joined()
    }

    /// `LOCKED_OUT` → `lockedOut`, `user_id` → `userId`, `URLValue` → `urlValue`, `ID` → `id`.
    public static func lowerCamel(_ name: String) -> String {
        if let fast = asciiCamel(name, upper: false) { return fast }
        let parts = nameWords(name)
        let allUpperInput = name.unicodeScalars.allSatisfy { !isLower($0) }
        var result = ""
        for (index, word) in parts.enumerated() {
            let normalized = allUpperInput || isAllUpper(word) ? word.lowercased() : word
            if index == 0 {
                result += isAllUpper(word) ? word.lowercased() : lowerFirst(normalized)
            } else {
                result += capitalized(normalized)
            }
        }
        return result
    }

    /// The name of an API group made from a tag's title (`x-displayName`), UpperCamel for its types and lowerCamel
    /// for the client's property: `User Credentials` → `UserCredentials`, `userCredentials`; `Application SSO` →
    /// `ApplicationSSO`, `applicationSSO`. Words are split as in ``words(_:)`` and keep their case (`OAuth`, `SSO`),
    /// a word that is an acronym with a plural `s` stays one word (`CAPTCHAs` → `captchas`, not `captchAs`), and a
    /// version number (`2.0`, `v1.1`) is left out: `User OAuth 2.0 Token Management` → `UserOAuthTokenManagement`.
    /// `nil` when the title has no words (the group is then named after the tag).
    public static func groupName(title: String) -> (type: String, member: String)? {
        var words: [(word: String, acronym: Bool)] = []
        for token in title.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
            let scalars = token.unicodeScalars
            let isVersion =
                scalars.contains(".") && scalars.allSatisfy { isDigit($0) || $0 == "." }
                || scalars.first == "v" && scalars.dropFirst().allSatisfy { isDigit($0) || $0 == "." }
                    && scalars.count > 1
            if isVersion { continue }
            if scalars.count > 2, scalars.last == "s", scalars.dropLast().allSatisfy({ $0.isASCII && isUpper($0) }) {
                words.append((String(token), true))
                continue
            }
            for word in self.words(String(token)) { words.append((word, isAllUpper(word))) }
        }
        guard !words.isEmpty else { return nil }
        var type = ""
        var member = ""
        for (index, entry) in words.enumerated() {
            type += capitalized(entry.word)
            member +=
                index > 0 ? capitalized(entry.word) : entry.acronym ? entry.word.lowercased() : lowerFirst(entry.word)
        }
        return (type, member)
    }

    /// The camel form of a name of ASCII letters and digits starting with a letter whose case needs no word split:
    /// for UpperCamel, any such name with a lowercase letter; for lowerCamel, names whose first word is one lowercase
    /// or capitalized word (`userId`, `UserProfile`). `nil` when the general path is needed.
    private static func asciiCamel(_ name: String, upper: Bool) -> String? {
        var utf8 = Array(name.utf8)
        guard let first = utf8.first, (65...90).contains(first) || (97...122).contains(first) else { return nil }
        var hasLower = false
        for byte in utf8 {
            if (97...122).contains(byte) {
                hasLower = true
            } else if !((65...90).contains(byte) || (48...57).contains(byte)) {
                return nil
            }
        }
        guard hasLower else { return nil }
        if upper {
            if (97...122).contains(first) { utf8[0] = first - 32 }
            return String(decoding: utf8, as: UTF8.self)
        }
        // lowerCamel: only when the second character is lowercase (so the first word is a plain word, not an acronym).
        guard utf8.count == 1 || (97...122).contains(utf8[1]) else { return nil }
        if (65...90).contains(first) { utf8[0] = first + 32 }
        return String(decoding: utf8, as: UTF8.self)
    }

    private static func lowerFirst(_ word: String) -> String {
        if let ascii = asciiFirstCased(word, upper: false) { return ascii }
        guard let first = word.unicodeScalars.first else { return word }
        var result = String(first).lowercased()
        result.unicodeScalars.append(contentsOf: word.unicodeScalars.dropFirst())
        return result
    }

    /// The name with every character Swift does not allow replaced by `_` (the fallback when the idiomatic form
    /// collides: `user_id` beside `userId` stays `user_id`).
    public static func verbatim(_ name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars {
            if isWordScalar(scalar) || scalar == "_" { result.unicodeScalars.append(scalar) } else { result += "_" }
        }
        if result.isEmpty || result.allSatisfy({ $0 == "_" }) { return symbolWords(name).joined(separator: "_") }
        return result
    }

    /// Makes an identifier legal: a leading digit, or a leading character Swift allows only after the first (a
    /// combining mark such as U+0363, which is alphabetic), gets `_`; a keyword gets backticks.
    public static func legal(_ identifier: String, escapeKeywords: Bool = true) -> String {
        var identifier = identifier.isEmpty ? "_" : identifier
        if let first = identifier.unicodeScalars.first, isDigit(first) || !first.isASCII && !isIdentifierHead(first) {
            identifier = "_" + identifier
        }
        if escapeKeywords, keywords.contains(identifier) { return "`\(identifier)`" }
        return identifier
    }
}

/// Hands out unique names within one scope (a type's members, an enum's cases, the module's types).
///
/// Each raw name first tries its idiomatic form, then (on a clash) its verbatim form, then a numeric suffix, so the
/// result depends only on the order names are claimed in — which callers keep deterministic.
///
/// Names are compared with `String ==`, which calls canonically equivalent names equal (precomposed `é` and `e` +
/// U+0301; KELVIN SIGN and `K`), while the compiler compares identifiers by their scalars. The scope is therefore the
/// stricter of the two: it never hands out two names the compiler would take for one, and a name canonically
/// equivalent to one already taken gets a suffix (`Café`, `Café2`) instead of an identifier that only differs in
/// invisible scalars. Tables keyed by *spec* names, which must keep such names apart, use ``ScalarKey``.
public struct NameScope: Sendable {
    private var taken: Set<String>
    /// Whether member names must not start with an uppercase letter: the verbatim fallback `JSONValue` (beside
    /// `jsonValue`) is skipped for a number (`jsonValue2`). For scopes whose members live where generated code
    /// names types in expressions (`JSONValue.self` in a struct's `init(from:)`, in a client method), where a member
    /// named like a type would be found instead of the type.
    public var lowercaseMembers = false
    /// For each idiomatic name that needed a numeric suffix, the suffix to try next. Names are never released, so
    /// the first free suffix only grows: starting from the one after the last handed out gives the same name as
    /// counting from 2, without a scan per name (thousands of names that differ only in symbols were quadratic).
    private var nextSuffix: [String: Int] = [:]

    /// Creates a scope with names already taken.
    public init(reserved: Set<String> = [], lowercaseMembers: Bool = false) {
        taken = reserved
        self.lowercaseMembers = lowercaseMembers
    }

    /// Claims a member name (lowerCamel): `user_id` → `userId`, or `user_id` if `userId` is taken.
    public mutating func member(_ raw: String) -> String {
        member(raw, idiomatic: SwiftNames.memberIdiomatic(raw))
    }

    private mutating func member(_ raw: String, idiomatic: String) -> String {
        let lowercaseOnly = lowercaseMembers
        return claim(idiomatic) {
            let verbatim = SwiftNames.legal(SwiftNames.verbatim(raw), escapeKeywords: false)
            if lowercaseOnly, let first = verbatim.unicodeScalars.first, SwiftNames.isUpper(first) { return idiomatic }
            return verbatim
        }.escapedIfKeyword
    }

    /// Claims a type name (UpperCamel).
    public mutating func type(_ raw: String) -> String {
        var idiomatic = SwiftNames.legal(SwiftNames.upperCamel(raw), escapeKeywords: false)
        if ReservedNames.typeNames.contains(idiomatic) || SwiftNames.keywords.contains(idiomatic) {
            idiomatic += "Model"
        }
        return claim(idiomatic) {
            var verbatim = SwiftNames.legal(SwiftNames.verbatim(raw), escapeKeywords: false)
            if let first = verbatim.unicodeScalars.first, SwiftNames.isLower(first) {
                verbatim = String(verbatim.prefix(1)).uppercased() + verbatim.dropFirst()
            }
            if ReservedNames.typeNames.contains(verbatim) || SwiftNames.keywords.contains(verbatim) {
                verbatim += "Model"
            }
            return verbatim
        }
    }

    /// Claims member names for a whole list at once: names already in their idiomatic form claim first, so
    /// `userId` keeps `userId` and `user_id` beside it becomes `user_id`, whatever their order.
    /// - Returns: The names, in the order of `raws`.
    public mutating func members(_ raws: [String]) -> [String] {
        batch(raws, idiomatic: SwiftNames.memberIdiomatic) { scope, raw, idiomatic in
            scope.member(raw, idiomatic: idiomatic)
        }
    }

    /// ``members(_:)`` for properties, some of which hold links (`holdsLink(index)`, asked only for an unusable
    /// name): an unusable name among them gets `Link` instead of `Value` (`self` → `selfLink`).
    public mutating func members(_ raws: [String], holdsLink: (Int) -> Bool) -> [String] {
        var index = -1
        return batch(
            raws,
            idiomatic: { raw in
                index += 1
                let position = index
                return SwiftNames.memberIdiomatic(raw, holdsLink: { holdsLink(position) })
            },
            claim: { scope, raw, idiomatic in scope.member(raw, idiomatic: idiomatic) })
    }

    /// Claims type names for a whole list at once, names already in their idiomatic form first.
    public mutating func types(_ raws: [String]) -> [String] {
        batch(raws, idiomatic: { SwiftNames.upperCamel($0) }, claim: { scope, raw, _ in scope.type(raw) })
    }

    /// Claims names in two rounds (names already idiomatic first); `idiomatic` runs once per name and its result is
    /// handed to `claim`.
    private mutating func batch(
        _ raws: [String], idiomatic: (String) -> String, claim: (inout NameScope, String, String) -> String
    ) -> [String] {
        let forms = raws.map(idiomatic)
        var result = [String?](repeating: nil, count: raws.count)
        for index in raws.indices where forms[index] == raws[index] {
            result[index] = claim(&self, raws[index], forms[index])
        }
        for index in raws.indices where result[index] == nil {
            result[index] = claim(&self, raws[index], forms[index])
        }
        return result.map { $0 ?? "_" }
    }

    /// Whether a name is taken.
    public func contains(_ name: String) -> Bool { taken.contains(name) }

    /// Marks a name as taken.
    public mutating func reserve(_ name: String) { taken.insert(name) }

    /// Takes `idiomatic` if free, else the fallback (computed only then), else `idiomatic` with the first free
    /// numeric suffix from 2.
    private mutating func claim(_ idiomatic: String, fallback: () -> String) -> String {
        if taken.insert(idiomatic).inserted { return idiomatic }
        let verbatim = fallback()
        if taken.insert(verbatim).inserted { return verbatim }
        var counter = nextSuffix[idiomatic] ?? 2
        while taken.contains("\(idiomatic)\(counter)") { counter += 1 }
        taken.insert("\(idiomatic)\(counter)")
        nextSuffix[idiomatic] = counter + 1
        return "\(idiomatic)\(counter)"
    }
}

extension String {
    var escapedIfKeyword: String { SwiftNames.keywords.contains(self) ? "`\(self)`" : self }
}
