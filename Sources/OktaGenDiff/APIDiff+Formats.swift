import Foundation

/// The formats `oktagen diff` prints.
public enum DiffFormat: String, Sendable, CaseIterable {
    /// Plain text, one change per line, grouped by operation and schema.
    case text
    /// JSON, with every field of every change.
    case json
    /// Markdown for a pull-request description: summary table, breaking changes first, details folded.
    case markdown
    /// A standalone HTML page: every change in a table, most severe first, spec text escaped.
    case html
}

extension APIDiff {
    /// The report in a format.
    /// - Parameter format: Text, JSON or Markdown.
    /// - Returns: The report, ending with a newline.
    public func report(_ format: DiffFormat) -> String {
        switch format {
        case .text: text
        case .json: json
        case .markdown: markdown
        case .html: html
        }
    }

    /// `operations: 4 added, 6 removed, 5 changed; schemas: 3 added, 2 removed, 7 changed; 14 breaking changes`.
    public var summaryLine: String {
        let summary = summary
        return "operations: \(summary.operationsAdded) added, \(summary.operationsRemoved) removed,"
            + " \(summary.operationsChanged) changed; schemas: \(summary.schemasAdded) added,"
            + " \(summary.schemasRemoved) removed, \(summary.schemasChanged) changed; "
            + Self.count(summary.breaking, "breaking change")
    }

    /// `in Swift: 12 source-breaking, 3 behaviour-changing, 20 additive`.
    public var impactLine: String {
        let counts = Dictionary(grouping: changes, by: \.impact).mapValues(\.count)
        return "in Swift: " + Impact.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
    }

    /// A hint in Markdown: its backticks kept (they quote Swift code), what could start HTML or break a table escaped.
    static func markdownHint(_ hint: String) -> String {
        var result = ""
        for character in hint {
            switch character {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "|", "\\", "[", "]": result += "\\" + String(character)
            default: result.append(character)
            }
        }
        return result
    }

    /// The Swift side of a change in one line: `UsersAPI.getUser(id:) (was UsersAPI.getUser(userId:)): source-breaking;
    /// rename the argument label `userId:` to `id:` [old.yaml:10:9 → new.yaml:12:9]`.
    static func swiftLine(_ change: APIChange) -> String {
        var line = change.symbol ?? ""
        if let old = change.oldSymbol { line += " (was \(old))" }
        line += (line.isEmpty ? "" : ": ") + change.impact.rawValue
        if let hint = change.hint { line += "; " + hint }
        let sources = [change.oldSource, change.newSource]
        if sources.contains(where: { $0 != nil }) {
            line += " [" + (change.oldSource ?? "-") + " → " + (change.newSource ?? "-") + "]"
        }
        return line
    }

    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    // MARK: Text

    /// Plain text: a header, the summary, then one line per change under its operation or schema.
    public var text: String {
        var lines = [
            title,
            "old: \(old.file)",
            "new: \(new.file)",
            "tags: \(tags.joined(separator: ", "))",
            "",
            summaryLine,
            impactLine,
        ]
        func quote(_ text: String) -> String { "'\(text)'" }
        func line(_ change: APIChange, _ text: String) -> String {
            "  - [\(change.severity.rawValue)] " + (change.breaking ? "[breaking] " : "") + text + "\n      "
                + Self.swiftLine(change)
        }
        let added = changes.filter { $0.kind == .operationAdded }
        if !added.isEmpty {
            lines += ["", "operations added:"]
            lines += added.map { line($0, "\($0.operation ?? ""): \($0.new ?? "")") }
        }
        let removed = changes.filter { $0.kind == .operationRemoved }
        if !removed.isEmpty {
            lines += ["", "operations removed:"]
            lines += removed.map { line($0, "\($0.operation ?? ""): \($0.old ?? "")") }
        }
        let schemasAdded = changes.filter { $0.kind == .schemaAdded }
        if !schemasAdded.isEmpty {
            lines += ["", "schemas added:"]
            lines += schemasAdded.map { line($0, "\($0.schema ?? "") (\($0.new ?? ""))") }
        }
        let schemasRemoved = changes.filter { $0.kind == .schemaRemoved }
        if !schemasRemoved.isEmpty {
            lines += ["", "schemas removed:"]
            lines += schemasRemoved.map { line($0, "\($0.schema ?? "") (\($0.old ?? ""))") }
        }
        for group in changedGroups {
            let heading =
                group.isOperation
                ? "operation \(group.name) (\(endpoints[group.name] ?? "")):" : "schema \(group.name):"
            lines += ["", heading]
            lines += group.changes.map { line($0, $0.detail(quote)) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Groups of changes of operations and schemas present in both versions.
    var changedGroups: [(isOperation: Bool, name: String, changes: [APIChange])] {
        let wholeKinds: Set<APIChange.Kind> = [.operationAdded, .operationRemoved, .schemaAdded, .schemaRemoved]
        return groups.compactMap { group in
            let rest = group.changes.filter { !wholeKinds.contains($0.kind) }
            return rest.isEmpty ? nil : (group.isOperation, group.name, rest)
        }
    }

    // MARK: JSON

    /// JSON: `old`, `new`, `tags`, `summary`, and `changes` (each with `kind`, `breaking`, `message` and its fields).
    public var json: String {
        struct Change: Encodable {
            var change: APIChange
            func encode(to encoder: any Encoder) throws {
                try change.encode(to: encoder)
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(change.message, forKey: .message)
            }
            enum Key: String, CodingKey { case message }
        }
        struct Report: Encodable {
            var old: Side
            var new: Side
            var tags: [String]
            var summary: Summary
            var breaking: Bool
            var changes: [Change]
        }
        let report = Report(
            old: old, new: new, tags: tags, summary: summary, breaking: hasBreakingChanges,
            changes: changes.map(Change.init))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    // MARK: Markdown

    /// Markdown for a pull request: a title, a summary table, the breaking changes listed first, then every change
    /// by operation and schema (long sections folded in `<details>`).
    public var markdown: String {
        func code(_ text: String) -> String {
            let fence = text.contains("`") ? "``" : "`"
            let padding = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
            return fence + padding + text + padding + fence
        }
        func escaped(_ text: String) -> String {
            var result = ""
            for character in text {
                if "\\`*_[]<>|#".contains(character) { result.append("\\") }
                result.append(character)
            }
            return result
        }
        let summary = summary
        var lines = ["## API changes: \(escaped(title))", ""]
        lines.append(
            "Compared \(code(old.file)) with \(code(new.file)) for "
                + (tags == ["all"] ? "every operation." : "the tags " + tags.map(code).joined(separator: ", ") + "."))
        lines += [
            "",
            "| | Added | Removed | Changed |",
            "|---|---:|---:|---:|",
            "| Operations | \(summary.operationsAdded) | \(summary.operationsRemoved) | \(summary.operationsChanged) |",
            "| Schemas | \(summary.schemasAdded) | \(summary.schemasRemoved) | \(summary.schemasChanged) |",
            "",
        ]
        if changes.isEmpty {
            lines.append("No changes.")
            return lines.joined(separator: "\n") + "\n"
        }
        func subject(_ change: APIChange) -> String {
            change.operation.map { "operation \(code($0))" } ?? change.schema.map { "schema \(code($0))" } ?? ""
        }
        func swift(_ change: APIChange) -> String {
            var text = change.symbol.map { " " + code($0) } ?? ""
            if let old = change.oldSymbol { text += " (was \(code(old)))" }
            return " — \(change.severity.rawValue) \(change.impact.rawValue)" + text
                + (change.hint.map { ": " + Self.markdownHint($0) } ?? "")
        }
        func item(_ change: APIChange) -> String { "\(subject(change)): \(change.detail(code))" + swift(change) }
        func folded(_ items: [String], limit: Int, summary: String) -> [String] {
            guard items.count > limit else { return items }
            return ["<details><summary>\(summary)</summary>", ""] + items + ["", "</details>"]
        }
        let breaking = changes.filter(\.breaking)
        if breaking.isEmpty {
            lines.append("**No breaking changes.**")
        } else {
            lines.append("**\(Self.count(breaking.count, "breaking change"))** for clients:")
            lines.append("")
            lines += folded(breaking.map { "- " + item($0) }, limit: 30, summary: "Show all \(breaking.count)")
        }
        func section(_ heading: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            lines += ["", "### \(heading) (\(items.count))", ""]
            lines += folded(items, limit: 20, summary: "Show all \(items.count)")
        }
        let mark = { (change: APIChange) in change.breaking ? "**breaking:** " : "" }
        section(
            "Operations added",
            changes.filter { $0.kind == .operationAdded }.map { "- \(code($0.operation ?? "")) \(code($0.new ?? ""))" })
        section(
            "Operations removed",
            changes.filter { $0.kind == .operationRemoved }
                .map { "- \(code($0.operation ?? "")) \(code($0.old ?? ""))" })
        let operationGroups = changedGroups.filter(\.isOperation)
        if !operationGroups.isEmpty {
            var body: [String] = []
            for group in operationGroups {
                body += ["", "#### \(code(group.name)) \(code(endpoints[group.name] ?? ""))", ""]
                body += group.changes.map { "- " + mark($0) + $0.detail(code) + swift($0) }
            }
            lines += ["", "### Operations changed (\(operationGroups.count))"]
            lines +=
                operationGroups.count > 10
                ? ["", "<details><summary>Show all</summary>"] + body + ["", "</details>"] : body
        }
        section(
            "Schemas added",
            changes.filter { $0.kind == .schemaAdded }.map { "- \(code($0.schema ?? "")) (\($0.new ?? ""))" })
        section(
            "Schemas removed",
            changes.filter { $0.kind == .schemaRemoved }.map { "- \(code($0.schema ?? "")) (\($0.old ?? ""))" })
        let schemaGroups = changedGroups.filter { !$0.isOperation }
        if !schemaGroups.isEmpty {
            var body: [String] = []
            for group in schemaGroups {
                body += ["", "#### \(code(group.name))", ""]
                body += group.changes.map { "- " + mark($0) + $0.detail(code) + swift($0) }
            }
            lines += ["", "### Schemas changed (\(schemaGroups.count))"]
            lines +=
                schemaGroups.count > 10
                ? ["", "<details><summary>Show all</summary>"] + body + ["", "</details>"] : body
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
