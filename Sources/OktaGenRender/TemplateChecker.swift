import OktaGenDiagnostics

/// Checks a template's tags against the context schema, with file:line:column for each problem.
struct TemplateChecker {
    /// Template texts by name (partials included).
    let templates: [String: String]
    /// Where each template came from, for messages.
    let paths: [String: String]
    /// Each template's tags, split once.
    let tagsByName: [String: [Tag]]

    init(templates: [String: String], paths: [String: String]) {
        self.templates = templates
        self.paths = paths
        tagsByName = templates.mapValues(Self.tags(in:))
    }

    struct Tag {
        enum Kind { case variable, section, inverted, close, partial, comment, other }
        let kind: Kind
        let name: String
        let line: Int
        let column: Int
    }

    /// Splits a template into its tags, with 1-based positions of each `{{`.
    static func tags(in text: String) -> [Tag] {
        var result: [Tag] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var line = 1
        var column = 1
        while index < scalars.count {
            if scalars[index] == "{", index + 1 < scalars.count, scalars[index + 1] == "{" {
                let startLine = line
                let startColumn = column
                var end = index + 2
                let triple = end < scalars.count && scalars[end] == "{"
                while end + 1 < scalars.count, !(scalars[end] == "}" && scalars[end + 1] == "}") { end += 1 }
                guard end + 1 < scalars.count else { break }
                var inner = String(String.UnicodeScalarView(scalars[(index + 2)..<end]))
                if triple { inner = String(inner.dropFirst()) }
                let consumedEnd = triple && end + 2 < scalars.count && scalars[end + 2] == "}" ? end + 3 : end + 2
                for position in index..<consumedEnd {
                    if scalars[position] == "\n" {
                        line += 1
                        column = 1
                    } else {
                        column += 1
                    }
                }
                index = consumedEnd
                let trimmed = inner.trimmingSpaces
                guard let sigil = trimmed.unicodeScalars.first else { continue }
                let rest = String(trimmed.dropFirst()).trimmingSpaces
                switch sigil {
                case "#": result.append(Tag(kind: .section, name: rest, line: startLine, column: startColumn))
                case "^": result.append(Tag(kind: .inverted, name: rest, line: startLine, column: startColumn))
                case "/": result.append(Tag(kind: .close, name: rest, line: startLine, column: startColumn))
                case ">": result.append(Tag(kind: .partial, name: rest, line: startLine, column: startColumn))
                case "!": result.append(Tag(kind: .comment, name: rest, line: startLine, column: startColumn))
                case "&": result.append(Tag(kind: .variable, name: rest, line: startLine, column: startColumn))
                case "%", "=", "$", "<":
                    result.append(Tag(kind: .other, name: rest, line: startLine, column: startColumn))
                default:
                    result.append(
                        Tag(kind: .variable, name: triple ? trimmed : trimmed, line: startLine, column: startColumn))
                }
                continue
            }
            if scalars[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
        return result
    }

    /// The deepest nesting of partials (a partial in a partial in …) a template may have; the bundled ones nest two.
    static let maxPartialDepth = 16
    /// The most tags a template may have once its partials are expanded (every inclusion counts a partial's tags
    /// again); the bundled templates have under 1,000. Beyond it a few partials that each include the next several
    /// times would make checking and rendering take exponential time.
    static let maxExpandedTags = 100_000
    /// The most problems reported; checking stops there.
    static let maxProblems = 100
    /// Names longer than this get no "did you mean" suggestion (edit distance is quadratic in the lengths).
    static let maxSuggestedNameLength = 64

    /// Problems with partials, checked before anything else: a partial that includes itself (directly or through
    /// other partials), nesting deeper than ``maxPartialDepth``, more than ``maxExpandedTags`` once expanded.
    /// Without this, a partial that includes itself makes rendering recurse until the stack overflows.
    func checkPartials() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var reported = Set<String>()
        // Depth-first over the graph of partial inclusions, with the path from the root: an inclusion of a partial
        // already on the path is a cycle.
        enum State { case onPath, done }
        var states: [String: State] = [:]
        var depths: [String: Int] = [:]
        var expanded: [String: Int] = [:]
        func visit(_ name: String, path: [String]) {
            states[name] = .onPath
            var depth = 0
            var size = tagsByName[name]?.count ?? 0
            for tag in tagsByName[name] ?? [] where tag.kind == .partial && templates[tag.name] != nil {
                switch states[tag.name] {
                case .onPath?:
                    let cycle = (path + [name]).drop { $0 != tag.name } + [tag.name]
                    let text = cycle.map { Diagnostic.excerpt($0) }.joined(separator: " → ")
                    if reported.insert(text).inserted {
                        problems.append(
                            Diagnostic(
                                .error,
                                "partial '\(Diagnostic.excerpt(tag.name))' includes itself (\(text)); a partial"
                                    + " cannot include itself, directly or through others",
                                at: location(of: tag, in: name)))
                    }
                    continue
                case nil:
                    visit(tag.name, path: path + [name])
                case .done?:
                    break
                }
                depth = max(depth, (depths[tag.name] ?? 0) + 1)
                // Saturating: a few partials that each include the next many times overflow any integer.
                size = min(size + (expanded[tag.name] ?? 0), Self.maxExpandedTags + 1)
            }
            depths[name] = depth
            expanded[name] = size
            states[name] = .done
        }
        for name in templates.keys.sorted() where states[name] == nil { visit(name, path: []) }
        guard problems.isEmpty else { return problems }
        for name in templates.keys.sorted() {
            let path = paths[name] ?? "templates/\(name).mustache"
            if let depth = depths[name], depth > Self.maxPartialDepth {
                problems.append(
                    Diagnostic(
                        .error, "partials nest \(depth) deep in this template, more than \(Self.maxPartialDepth)",
                        at: SourceLocation(file: path, line: 1, column: 1)))
            } else if let size = expanded[name], size > Self.maxExpandedTags {
                problems.append(
                    Diagnostic(
                        .error,
                        "with its partials expanded, this template has more than \(Self.maxExpandedTags) tags"
                            + " (partials included many times over)", at: SourceLocation(file: path, line: 1, column: 1)
                    ))
            }
        }
        return problems
    }

    private func location(of tag: Tag, in name: String) -> SourceLocation {
        SourceLocation(file: paths[name] ?? "templates/\(name).mustache", line: tag.line, column: tag.column)
    }

    /// Problems in `name` when rendered with `schema` as its root context.
    func check(_ name: String, schema: ContextSchema) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        check(name, scopes: [schema], entered: [], depth: 0, problems: &problems)
        return problems
    }

    /// A section over a list or object: the scope its name was found in, and the name.
    private struct Entered: Equatable {
        let scope: Int
        let name: String
    }

    /// - Parameter entered: The sections over lists and objects open around this template, outermost first.
    private func check(
        _ name: String, scopes: [ContextSchema], entered: [Entered], depth: Int, problems: inout [Diagnostic]
    ) {
        guard depth <= Self.maxPartialDepth, let tags = tagsByName[name] else { return }
        var stack = scopes
        var entered = entered
        var open: [(tag: Tag, entered: Bool)] = []
        // Per open section: whether its items are comment text (for `{{.}}` inside it).
        var commentItems: [Bool] = []
        let lines = (templates[name] ?? "").split(separator: "\n", omittingEmptySubsequences: false)
        for tag in tags {
            guard problems.count < Self.maxProblems else { return }
            let location = location(of: tag, in: name)
            let shown = Diagnostic.excerpt(tag.name)
            switch tag.kind {
            case .variable:
                let entry = resolve(tag.name, in: stack)
                if entry == nil { problems.append(unknown(tag, in: stack, at: location)) }
                let isComment = tag.name == "." ? commentItems.last == true : (entry??.isComment ?? false)
                if isComment, !Self.followsLineComment(tag, in: lines) {
                    problems.append(
                        Diagnostic(
                            .error,
                            "'{{\(shown)}}' holds comment text (spec text made safe for a `//` comment only); print it"
                                + " after `//` on its line, or use a key that holds code or a literal",
                            at: location))
                }
            case .section, .inverted:
                let found = resolveWithScope(tag.name, in: stack)
                if found == nil { problems.append(unknown(tag, in: stack, at: location)) }
                var isEntered = false
                if tag.kind == .section, let found, let entry = found.entry, entry.children != nil {
                    // A section over a list found in an outer scope, that is open around this one already, renders
                    // that whole list again for each of its elements: nested a few times, the output grows as the
                    // list's length to the power of the nesting.
                    let key = Entered(scope: found.scope, name: tag.name)
                    if entered.contains(key) {
                        problems.append(
                            Diagnostic(
                                .error,
                                "'{{#\(shown)}}' opens again a section it is already inside; its list would be"
                                    + " rendered once more for each of its elements", at: location))
                    } else {
                        entered.append(key)
                        isEntered = true
                    }
                }
                open.append((tag, isEntered))
                commentItems.append(found?.entry?.isComment ?? false)
                stack.append(tag.kind == .section ? (found?.entry?.children ?? ContextSchema([:])) : ContextSchema([:]))
            case .close:
                guard let last = open.popLast() else {
                    problems.append(Diagnostic(.error, "'{{/\(shown)}}' closes no open section", at: location))
                    continue
                }
                if last.tag.name != tag.name {
                    problems.append(
                        Diagnostic(
                            .error,
                            "'{{/\(shown)}}' closes '{{#\(Diagnostic.excerpt(last.tag.name))}}' opened at"
                                + " \(last.tag.line):\(last.tag.column)", at: location))
                }
                if last.entered { entered.removeLast() }
                if !commentItems.isEmpty { commentItems.removeLast() }
                stack.removeLast()
            case .partial:
                if templates[tag.name] == nil {
                    problems.append(
                        Diagnostic(
                            .error,
                            "partial '\(shown)' does not exist (partials: "
                                + templates.keys.filter { $0.hasPrefix("_") }.sorted().joined(separator: ", ") + ")",
                            at: location))
                } else {
                    check(tag.name, scopes: stack, entered: entered, depth: depth + 1, problems: &problems)
                }
            case .comment, .other:
                break
            }
        }
        if let last = open.last {
            problems.append(
                Diagnostic(
                    .error, "section '{{#\(Diagnostic.excerpt(last.tag.name))}}' is never closed",
                    at: location(of: last.tag, in: name)))
        }
    }

    /// Whether the text before a tag on its line holds `//` (so the tag prints inside a line comment).
    static func followsLineComment(_ tag: Tag, in lines: [Substring]) -> Bool {
        guard tag.line >= 1, tag.line <= lines.count else { return false }
        let before = String(String.UnicodeScalarView(lines[tag.line - 1].unicodeScalars.prefix(tag.column - 1)))
        return before.contains("//")
    }

    /// The entry a name resolves to, searching scopes from the innermost out; `.some(nil)` for `.`.
    private func resolve(_ name: String, in stack: [ContextSchema]) -> ContextSchema.Entry?? {
        resolveWithScope(name, in: stack).map(\.entry)
    }

    /// The entry a name resolves to and the index of the scope its first part was found in.
    private func resolveWithScope(
        _ name: String, in stack: [ContextSchema]
    ) -> (entry: ContextSchema.Entry?, scope: Int)? {
        if name == "." { return (nil, stack.count - 1) }
        let parts = name.split(separator: ".").map(String.init)
        guard let first = parts.first else { return nil }
        for (index, scope) in stack.enumerated().reversed() {
            guard var entry = scope.entries[first] else { continue }
            for part in parts.dropFirst() {
                guard let next = entry.children?.entries[part] else { return nil }
                entry = next
            }
            return (entry, index)
        }
        return nil
    }

    private func unknown(_ tag: Tag, in stack: [ContextSchema], at location: SourceLocation) -> Diagnostic {
        // A long name (a megabyte, from a broken template) gets no suggestion: edit distance is quadratic.
        var suggestion: String?
        if tag.name.unicodeScalars.count <= Self.maxSuggestedNameLength {
            let candidates = Set(stack.flatMap { $0.entries.keys })
            // Within a third of the name's length (at least 2), wider than elsewhere: a context key is a path of words.
            let limit = max(2, tag.name.unicodeScalars.count / 3)
            suggestion = EditDistance.closest(
                to: tag.name, among: Array(candidates), limit: limit, maxLengthDifference: limit)
        }
        return Diagnostic(
            .error,
            "the template uses '\(Diagnostic.excerpt(tag.name))', which the context does not have here"
                + (suggestion.map { "; did you mean '\($0)'?" } ?? " (see templates/README.md)"),
            at: location)
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" || first == "\n" {
            scalars = scalars.dropFirst()
        }
        while let last = scalars.last, last == " " || last == "\t" || last == "\n" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
