/// A value of a template context: what `{{name}}` prints and `{{#name}}` iterates over or tests.
///
/// Contexts are built for every generated file (2,000 and more for Okta's whole spec), so they are plain values:
/// no `Any`, no dynamic casts when the engine looks a name up, no hashing when a context is built.
///
/// There is no case for a bare string: text reaches a template as code (``SwiftCode``, built only from the
/// generator's literals and escaped values) or as comment text (``SwiftCommentText``), so spec text cannot land in the
/// output unescaped (SwiftSource.swift).
enum TemplateValue: Sendable {
    /// Code, printed as it is.
    case code(SwiftCode)
    /// Text for a `//` comment line, printed as it is (already rewritten to be safe there).
    case comment(SwiftCommentText)
    case bool(Bool)
    case int(Int)
    case list([TemplateValue])
    case object(TemplateObject)

    /// The value as `Any` (strings, booleans, numbers, arrays and `[String: Any]` dictionaries), for engines that
    /// take such contexts (swift-mustache, the reference in tests).
    var anyValue: Any {
        switch self {
        case .code(let code): code.text
        case .comment(let comment): comment.text
        case .bool(let flag): flag
        case .int(let number): number
        case .list(let list): list.map(\.anyValue)
        case .object(let object): object.anyValue
        }
    }
}

extension TemplateValue: ExpressibleByStringInterpolation, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral
{
    init(stringLiteral value: StaticString) { self = .code(SwiftCode(stringLiteral: value)) }
    init(stringInterpolation: SwiftCode.StringInterpolation) {
        self = .code(SwiftCode(stringInterpolation: stringInterpolation))
    }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }

    /// A list of code lines.
    static func lines(_ lines: [SwiftCode]) -> TemplateValue { .list(lines.map(TemplateValue.code)) }

    /// A list of comment texts.
    static func comments(_ texts: [SwiftCommentText]) -> TemplateValue { .list(texts.map(TemplateValue.comment)) }

    /// An identifier, as code.
    static func identifier(_ identifier: SwiftIdentifier) -> TemplateValue { .code("\(identifier)") }

    /// A string literal, as code.
    static func literal(_ literal: SwiftStringLiteral) -> TemplateValue { .code("\(literal)") }

    /// A list of objects.
    static func objects(_ objects: [TemplateObject]) -> TemplateValue { .list(objects.map(TemplateValue.object)) }
}

/// A context object: named values, looked up by name. Small (tens of names) and built once, so its entries are a
/// list searched in order rather than a hash table.
struct TemplateObject: Sendable, ExpressibleByDictionaryLiteral {
    /// Names and values, in the order they were set. (Unlabeled, as a dictionary literal gives them: converting the
    /// literal's array to labeled tuples would copy it element by element.)
    private(set) var entries: [(String, TemplateValue)]

    init() {
        entries = []
    }

    /// A literal's names must differ (as a dictionary literal's keys must).
    init(dictionaryLiteral elements: (String, TemplateValue)...) {
        entries = elements
    }

    /// The value of a name; setting replaces it, or adds it after the others.
    subscript(name: String) -> TemplateValue? {
        get { value(of: name) }
        set {
            let index = entries.firstIndex { $0.0 == name }
            switch (index, newValue) {
            case (let index?, let value?): entries[index].1 = value
            case (let index?, nil): entries.remove(at: index)
            case (nil, let value?): entries.append((name, value))
            case (nil, nil): break
            }
        }
    }

    /// The value of a name, or `nil`.
    func value(of name: String) -> TemplateValue? {
        // Lengths first (constant time for native strings): most names that differ differ in length, and a full
        // comparison of two strings that are not the same object is a call into the runtime.
        let length = name.utf8.count
        for (entryName, value) in entries where entryName.utf8.count == length && entryName == name { return value }
        return nil
    }

    /// The code value of a name, or `nil` (absent or not code).
    func code(_ name: String) -> SwiftCode? {
        if case .code(let code)? = value(of: name) { return code }
        return nil
    }

    /// The boolean value of a name, or `nil` (absent or not a boolean).
    func bool(_ name: String) -> Bool? {
        if case .bool(let flag)? = value(of: name) { return flag }
        return nil
    }

    /// This object with the names of `other` it lacks added (its own values win).
    func adding(_ other: TemplateObject) -> TemplateObject {
        var result = self
        for entry in other.entries where value(of: entry.0) == nil { result.entries.append(entry) }
        return result
    }

    /// The object as a `[String: Any]` dictionary (see ``TemplateValue/anyValue``).
    var anyValue: [String: Any] {
        var dictionary: [String: Any] = [:]
        for (name, value) in entries { dictionary[name] = value.anyValue }
        return dictionary
    }
}
