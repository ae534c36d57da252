import OktaGenDiagnostics

/// OktaGen's Mustache engine: templates parsed once into a tree, rendered against ``TemplateObject`` contexts.
///
/// It implements the Mustache spec's core (variables, sections, inverted sections, comments, partials, and the
/// standalone-line rule, partial indentation included) with the semantics of hummingbird-project/swift-mustache, which
/// the test suite keeps as the reference: every bundled template renders the same through both (TemplateEngineTests).
/// Output is plain text (no HTML escaping, so `{{x}}`, `{{{x}}}` and `{{&x}}` are the same). Not supported, and
/// reported as template errors: delimiter changes (`{{=…=}}`), blocks and parents (`{{$…}}`, `{{<…}}`).
///
/// Why not render through swift-mustache itself: it resolves every name through dynamic casts to its protocols, which
/// took 60% of a whole-spec `generate` (2,100 files); this engine looks names up in typed contexts directly.
enum TemplateNode: Sendable {
    case text([UInt8])
    case variable(TemplateName)
    case section(TemplateName, [TemplateNode])
    case inverted(TemplateName, [TemplateNode])
    case partial(String, indentation: String)
}

/// A name in a tag: `.`, `name`, `a.b`, or `.name` (looked up in the innermost context only).
struct TemplateName: Sendable {
    let parts: [String]
    let isCurrent: Bool
    let isAnchored: Bool
    let text: String

    init(_ text: String) {
        self.text = text
        isCurrent = text == "."
        isAnchored = !isCurrent && text.hasPrefix(".")
        parts = isCurrent ? [] : text.split(separator: ".").map(String.init)
    }
}

/// A template that cannot be parsed, with the 1-based position of the tag at fault.
struct TemplateSyntaxError: Error, Equatable {
    let message: String
    let line: Int
    let column: Int
}

enum TemplateParser {
    private enum TagKind {
        case variable, section, inverted, close, partial, comment, pragma
    }

    private struct Tag {
        let kind: TagKind
        let name: String
        let start: Int
        let end: Int
    }

    /// Parses a template.
    /// - Throws: ``TemplateSyntaxError`` for an unclosed tag or section, a close that matches no open section, an empty
    ///   name, or an unsupported tag.
    static func parse(_ text: String) throws(TemplateSyntaxError) -> [TemplateNode] {
        let bytes = Array(text.utf8)
        let tags = try scan(bytes)
        // What each tag removes from the text: the tag itself, or its whole line when it stands alone on it.
        var removals: [(start: Int, end: Int, indentation: String)] = []
        removals.reserveCapacity(tags.count)
        for (index, tag) in tags.enumerated() {
            removals.append(standalone(tag, index: index, tags: tags, bytes: bytes) ?? (tag.start, tag.end, ""))
        }
        // Text between removals, then the tags, into a tree.
        var stack: [(tag: Tag, nodes: [TemplateNode])] = []
        var nodes: [TemplateNode] = []
        var cursor = 0
        func appendText(_ end: Int) {
            if end > cursor {
                nodes.append(.text(Array(bytes[cursor..<end])))
            }
        }
        for (tag, removal) in zip(tags, removals) {
            appendText(removal.start)
            cursor = removal.end
            switch tag.kind {
            case .variable:
                nodes.append(.variable(TemplateName(tag.name)))
            case .section, .inverted:
                stack.append((tag, nodes))
                nodes = []
            case .close:
                guard let open = stack.popLast() else {
                    throw error("'{{/\(excerpt(tag.name))}}' closes no open section", at: tag.start, in: bytes)
                }
                guard open.tag.name == tag.name else {
                    throw error(
                        "'{{/\(excerpt(tag.name))}}' closes section '\(excerpt(open.tag.name))', which needs"
                            + " '{{/\(excerpt(open.tag.name))}}'",
                        at: tag.start, in: bytes)
                }
                let name = TemplateName(open.tag.name)
                let section: TemplateNode =
                    open.tag.kind == .section ? .section(name, nodes) : .inverted(name, nodes)
                nodes = open.nodes
                nodes.append(section)
            case .partial:
                nodes.append(.partial(tag.name, indentation: removal.indentation))
            case .comment, .pragma:
                break
            }
        }
        appendText(bytes.count)
        if let open = stack.last {
            throw error("section '\(excerpt(open.tag.name))' is never closed", at: open.tag.start, in: bytes)
        }
        return nodes
    }

    private static func scan(_ bytes: [UInt8]) throws(TemplateSyntaxError) -> [Tag] {
        var tags: [Tag] = []
        var index = 0
        let count = bytes.count
        while index + 1 < count {
            guard bytes[index] == 0x7B, bytes[index + 1] == 0x7B else {  // "{{"
                index += 1
                continue
            }
            let start = index
            let triple = index + 2 < count && bytes[index + 2] == 0x7B
            var close = index + (triple ? 3 : 2)
            while close + 1 < count, !(bytes[close] == 0x7D && bytes[close + 1] == 0x7D) { close += 1 }
            guard close + 1 < count else { throw error("the tag is never closed with '}}'", at: start, in: bytes) }
            var inner = String(decoding: bytes[(index + (triple ? 3 : 2))..<close], as: UTF8.self)
            var end = close + 2
            if triple {
                guard end < count, bytes[end] == 0x7D else {
                    throw error("the tag '{{{' is never closed with '}}}'", at: start, in: bytes)
                }
                end += 1
                inner = "&" + inner
            }
            index = end
            let trimmed = inner.trimmingSpaces
            guard let sigil = trimmed.utf8.first else { throw error("the tag has no name", at: start, in: bytes) }
            let rest = String(trimmed.dropFirst()).trimmingSpaces
            let kind: TagKind
            var name = rest
            switch sigil {
            case UInt8(ascii: "#"): kind = .section
            case UInt8(ascii: "^"): kind = .inverted
            case UInt8(ascii: "/"): kind = .close
            case UInt8(ascii: ">"): kind = .partial
            case UInt8(ascii: "!"): kind = .comment
            case UInt8(ascii: "%"): kind = .pragma
            case UInt8(ascii: "&"): kind = .variable
            case UInt8(ascii: "="), UInt8(ascii: "$"), UInt8(ascii: "<"):
                throw error(
                    "'{{\(excerpt(trimmed))}}' is not supported (delimiter changes, blocks and parents are not)",
                    at: start,
                    in: bytes)
            default:
                kind = .variable
                name = trimmed
            }
            if name.isEmpty, kind != .comment, kind != .pragma {
                throw error("the tag has no name", at: start, in: bytes)
            }
            tags.append(Tag(kind: kind, name: name, start: start, end: end))
        }
        return tags
    }

    /// The line a tag removes when it stands alone on it (only spaces and tabs beside it): from the line's start to
    /// just after its line break, and the spaces before the tag (a partial's indentation).
    private static func standalone(_ tag: Tag, index: Int, tags: [Tag], bytes: [UInt8]) -> (Int, Int, String)? {
        guard tag.kind != .variable else { return nil }
        var lineStart = tag.start
        while lineStart > 0, bytes[lineStart - 1] == 0x20 || bytes[lineStart - 1] == 0x09 { lineStart -= 1 }
        guard lineStart == 0 || bytes[lineStart - 1] == 0x0A else { return nil }
        if index > 0, tags[index - 1].end > lineStart { return nil }
        var lineEnd = tag.end
        while lineEnd < bytes.count, bytes[lineEnd] == 0x20 || bytes[lineEnd] == 0x09 { lineEnd += 1 }
        if lineEnd < bytes.count, bytes[lineEnd] == 0x0D, lineEnd + 1 < bytes.count, bytes[lineEnd + 1] == 0x0A {
            lineEnd += 1
        }
        if lineEnd < bytes.count {
            guard bytes[lineEnd] == 0x0A else { return nil }
            lineEnd += 1
        }
        if index + 1 < tags.count, tags[index + 1].start < lineEnd { return nil }
        return (lineStart, lineEnd, String(decoding: bytes[lineStart..<tag.start], as: UTF8.self))
    }

    /// A tag's name as a message quotes it: short and escaped (a template may hold a tag of a megabyte).
    private static func excerpt(_ name: String) -> String { Diagnostic.excerpt(name) }

    private static func error(_ message: String, at offset: Int, in bytes: [UInt8]) -> TemplateSyntaxError {
        var line = 1
        var column = 1
        for byte in bytes[0..<offset] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return TemplateSyntaxError(message: message, line: line, column: column)
    }
}

/// Parsed templates by name, rendering against ``TemplateObject`` contexts.
struct TemplateLibrary: Sendable {
    let templates: [String: [TemplateNode]]

    /// Renders a template, or returns `nil` when there is none of that name.
    func render(_ context: TemplateObject, withTemplate name: String) -> String? {
        guard let nodes = templates[name] else { return nil }
        // UTF-8 bytes all along (appending to a String costs more per piece), one String at the end.
        var output: [UInt8] = []
        output.reserveCapacity(16_384)
        var stack: [TemplateValue] = [.object(context)]
        render(nodes, stack: &stack, into: &output, depth: 0)
        return String(decoding: output, as: UTF8.self)
    }

    /// The deepest nesting of partials rendered. ``TemplateChecker`` refuses templates whose partials include
    /// themselves or nest deeper than ``TemplateChecker/maxPartialDepth``; this cap is the defence behind it, for a
    /// library built without the check: a partial deeper than this renders nothing, instead of recursing until the
    /// stack overflows.
    static let maxPartialDepth = 2 * TemplateChecker.maxPartialDepth

    private func render(
        _ nodes: [TemplateNode], stack: inout [TemplateValue], into output: inout [UInt8], depth: Int
    ) {
        for node in nodes {
            switch node {
            case .text(let text):
                output.append(contentsOf: text)
            case .variable(let name):
                guard let value = Self.lookup(name, in: stack) else { continue }
                Self.write(value, into: &output)
            case .section(let name, let children):
                guard let value = Self.lookup(name, in: stack) else { continue }
                switch value {
                case .bool(let flag):
                    if flag { render(children, stack: &stack, into: &output, depth: depth) }
                case .list(let list):
                    for element in list {
                        stack.append(element)
                        render(children, stack: &stack, into: &output, depth: depth)
                        stack.removeLast()
                    }
                case .code, .comment, .int, .object:
                    stack.append(value)
                    render(children, stack: &stack, into: &output, depth: depth)
                    stack.removeLast()
                }
            case .inverted(let name, let children):
                let empty: Bool
                switch Self.lookup(name, in: stack) {
                case .none: empty = true
                case .bool(let flag)?: empty = !flag
                case .list(let list)?: empty = list.isEmpty
                case .code?, .comment?, .int?, .object?: empty = false
                }
                if empty { render(children, stack: &stack, into: &output, depth: depth) }
            case .partial(let name, let indentation):
                guard depth < Self.maxPartialDepth, let partial = templates[name] else { continue }
                if indentation.isEmpty {
                    render(partial, stack: &stack, into: &output, depth: depth + 1)
                } else {
                    var text: [UInt8] = []
                    render(partial, stack: &stack, into: &text, depth: depth + 1)
                    Self.indent(text, by: Array(indentation.utf8), into: &output)
                }
            }
        }
    }

    /// A name's value: `.` is the innermost context; otherwise the first part is looked up from the innermost
    /// context outwards (only in the innermost for `.name`), and the other parts inside it.
    private static func lookup(_ name: TemplateName, in stack: [TemplateValue]) -> TemplateValue? {
        if name.isCurrent { return stack.last }
        guard let first = name.parts.first else { return nil }
        var value: TemplateValue?
        if name.isAnchored {
            value = stack.last.flatMap { child(first, of: $0) }
        } else {
            for frame in stack.reversed() {
                if let found = child(first, of: frame) {
                    value = found
                    break
                }
            }
        }
        for part in name.parts.dropFirst() {
            guard let current = value else { return nil }
            value = child(part, of: current)
        }
        return value
    }

    private static func child(_ key: String, of value: TemplateValue) -> TemplateValue? {
        if case .object(let object) = value { return object.value(of: key) }
        return nil
    }

    private static func write(_ value: TemplateValue, into output: inout [UInt8]) {
        var text: String
        switch value {
        case .code(let code):
            output.append(contentsOf: code.bytes)
            return
        case .comment(let comment): text = comment.text
        case .bool(let flag): text = flag ? "true" : "false"
        case .int(let number): text = String(number)
        case .list, .object: text = String(describing: value.anyValue)
        }
        text.withUTF8 { output.append(contentsOf: $0) }
    }

    /// Puts `indentation` at the start of every non-empty line of `text` (a standalone partial's lines, per the spec).
    private static func indent(_ text: [UInt8], by indentation: [UInt8], into output: inout [UInt8]) {
        var atLineStart = true
        for byte in text {
            if atLineStart, byte != 0x0A { output.append(contentsOf: indentation) }
            output.append(byte)
            atLineStart = byte == 0x0A
        }
    }
}
