import OktaGenDiagnostics

/// Checks a template's tags against the context schema, with file:line:column for each problem.
struct TemplateChecker {
    /// Template texts by name (partials included).
    let templates: [String: String]
    /// Where each template came from, for messages.
    let paths: [String: String]

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
                    if scalars[position] == "\n" { line += 1; column = 1 } else { column += 1 }
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
                case "%", "=", "$", "<": result.append(Tag(kind: .other, name: rest, line: startLine, column: startColumn))
                default:
                    result.append(Tag(kind: .variable, name: triple ? trimmed : trimmed, line: startLine, column: startColumn))
                }
                continue
            }
            if scalars[index] == "\n" { line += 1; column = 1 } else { column += 1 }
            index += 1
        }
        return result
    }

    /// Problems in `name` when rendered with `schema` as its root context.
    func check(_ name: String, schema: ContextSchema) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        check(name, scopes: [schema], depth: 0, problems: &problems)
        return problems
    }

    private func check(_ name: String, scopes: [ContextSchema], depth: Int, problems: inout [Diagnostic]) {
        guard depth < 16, let text = templates[name] else { return }
        let path = paths[name] ?? "templates/\(name).mustache"
        var stack = scopes
        var open: [Tag] = []
        // Per open section: whether its items are comment text (for `{{.}}` inside it).
        var commentItems: [Bool] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for tag in Self.tags(in: text) {
            let location = SourceLocation(file: path, line: tag.line, column: tag.column)
            switch tag.kind {
            case .variable:
                let entry = resolve(tag.name, in: stack)
                if entry == nil { problems.append(unknown(tag, in: stack, at: location)) }
                let isComment = tag.name == "." ? commentItems.last == true : (entry??.isComment ?? false)
                if isComment, !Self.followsLineComment(tag, in: lines) {
                    problems.append(Diagnostic(
                        .error,
                        "'{{\(tag.name)}}' holds comment text (spec text made safe for a `//` comment only); print it"
                            + " after `//` on its line, or use a key that holds code or a literal",
                        at: location))
                }
            case .section, .inverted:
                let entry = resolve(tag.name, in: stack)
                if entry == nil { problems.append(unknown(tag, in: stack, at: location)) }
                commentItems.append(entry??.isComment ?? false)
                open.append(tag)
                stack.append(tag.kind == .section ? (entry??.children ?? ContextSchema([:])) : ContextSchema([:]))
            case .close:
                guard let last = open.popLast() else {
                    problems.append(Diagnostic(.error, "'{{/\(tag.name)}}' closes no open section", at: location))
                    continue
                }
                if last.name != tag.name {
                    problems.append(Diagnostic(
                        .error, "'{{/\(tag.name)}}' closes '{{#\(last.name)}}' opened at \(last.line):\(last.column)",
                        at: location))
                }
                stack.removeLast()
                if !commentItems.isEmpty { commentItems.removeLast() }
            case .partial:
                if templates[tag.name] == nil {
                    problems.append(Diagnostic(
                        .error, "partial '\(tag.name)' does not exist (partials: "
                            + templates.keys.filter { $0.hasPrefix("_") }.sorted().joined(separator: ", ") + ")",
                        at: location))
                } else {
                    check(tag.name, scopes: stack, depth: depth + 1, problems: &problems)
                }
            case .comment, .other:
                break
            }
        }
        if let last = open.last {
            problems.append(Diagnostic(
                .error, "section '{{#\(last.name)}}' is never closed",
                at: SourceLocation(file: path, line: last.line, column: last.column)))
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
        if name == "." { return .some(nil) }
        let parts = name.split(separator: ".").map(String.init)
        guard let first = parts.first else { return nil }
        for scope in stack.reversed() {
            guard var entry = scope.entries[first] else { continue }
            for part in parts.dropFirst() {
                guard let next = entry.children?.entries[part] else { return nil }
                entry = next
            }
            return .some(entry)
        }
        return nil
    }

    private func unknown(_ tag: Tag, in stack: [ContextSchema], at location: SourceLocation) -> Diagnostic {
        let candidates = Set(stack.flatMap { $0.entries.keys })
        let suggestion = closest(to: tag.name, among: Array(candidates))
        return Diagnostic(
            .error,
            "the template uses '\(tag.name)', which the context does not have here"
                + (suggestion.map { "; did you mean '\($0)'?" } ?? " (see templates/README.md)"),
            at: location)
    }

    private func closest(to name: String, among candidates: [String]) -> String? {
        var best: (String, Int)?
        let target = Array(name.lowercased())
        for candidate in candidates.sorted() {
            let other = Array(candidate.lowercased())
            var previous = Array(0...other.count)
            for (i, a) in target.enumerated() {
                var current = [i + 1] + Array(repeating: 0, count: other.count)
                for (j, b) in other.enumerated() {
                    current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (a == b ? 0 : 1))
                }
                previous = current
            }
            let distance = previous[other.count]
            if distance <= max(2, target.count / 3), distance < (best?.1 ?? .max) { best = (candidate, distance) }
        }
        return best?.0
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" || first == "\n" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" || last == "\n" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
