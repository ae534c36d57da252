import OktaGenDiagnostics

/// Parsing a large block-style document in pieces, on two threads.
///
/// libyaml is sequential, so one parser cannot use a second core. A block-style document can be cut at the start of
/// a line that begins an entry of a nested block mapping (for an OpenAPI spec, a schema under
/// `components/schemas`, near the middle of the file):
///
/// - the **head**, everything before the cut, is a complete document on its own (libyaml closes what is open at the
///   end of the input);
/// - the **body**, from the cut to the first line indented less than its keys, is a block mapping on its own, whose
///   entries belong to the mapping the head left open at that indentation;
/// - each **tail**, from such a line to the next line indented less again, holds more entries of a mapping further
///   up (for a spec: the rest of `components`, then the rest of the root).
///
/// The head is parsed on the calling thread while the body and tails are parsed on another; then the pieces' arenas
/// are joined (nodes renumbered, lines shifted, entries appended to the mappings they continue) into the tree the
/// whole document gives. Whatever cannot be shown to be the same — a piece that fails to parse, a cut that lands in
/// a quoted string or block scalar, a piece that does not fit the open mapping at its indentation, a duplicate key
/// across pieces, a limit reached only by the pieces together — makes the split give up, and the document is parsed
/// whole, which then also reports any error exactly as before. Not split: flow-style (JSON) input, UTF-16, directives,
/// and anything under the size threshold.
enum SplitParse {
    /// A byte range of the input whose keys are at `indent` spaces.
    struct Piece {
        var start: Int
        var end: Int
        var indent: Int
    }

    /// The document built from pieces, or `nil` when the input cannot be split safely (parse it whole).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, path: String, limits: YAMLLimits) -> YAMLDocument? {
        guard isSplittable(bytes), let cut = cutPoint(bytes) else { return nil }
        let rest = RestBox()
        let worker = ProducerThread { [rest] in
            guard let pieces = restPieces(bytes, from: cut.offset, indent: cut.indent) else { return }
            var builders: [TreeBuilder] = []
            builders.reserveCapacity(pieces.count)
            for piece in pieces {
                var builder = TreeBuilder(path: path, limits: limits, estimatedBytes: piece.end - piece.start)
                do throws(Diagnostic) {
                    try builder.run(UnsafeBufferPointer(rebasing: bytes[piece.start..<piece.end]))
                } catch {
                    return
                }
                builders.append(builder)
            }
            rest.pieces = pieces
            rest.builders = builders
        }
        guard let worker else { return nil }
        var head = TreeBuilder(path: path, limits: limits, estimatedBytes: bytes.count)
        var headParsed = true
        do throws(Diagnostic) {
            try head.run(UnsafeBufferPointer(rebasing: bytes[0..<cut.offset]))
        } catch {
            headParsed = false
        }
        worker.join()
        guard headParsed, let pieces = rest.pieces, let builders = rest.builders else { return nil }
        guard join(builders, indents: pieces.map(\.indent), into: &head) else { return nil }
        return head.finish()
    }

    /// What the worker thread hands back (written before `join`, read after it).
    final class RestBox: @unchecked Sendable {
        var pieces: [Piece]?
        var builders: [TreeBuilder]?
    }

    // MARK: Finding the pieces

    private static let newline = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " ")

    /// Block-style UTF-8 without directives: the first significant line is a key at column 1.
    static func isSplittable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 2, bytes[0] != 0, bytes[1] != 0 else { return false }
        if bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF { return false }
        var index = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        while index < bytes.count {
            let (indent, first) = indentation(bytes, at: index)
            guard first < bytes.count else { return false }
            let byte = bytes[first]
            if byte == newline || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "#") {
                index = lineEnd(bytes, from: first) + 1
                continue
            }
            return indent == 0 && isKeyLine(bytes, at: first)
        }
        return false
    }

    // MARK: The cut rule

    /// Where the search for the cut starts, in percent of the input's bytes: a little past the middle. The head is
    /// parsed on the calling thread; the other thread parses the rest but also scans it for where its pieces end and
    /// faults in memory of its own, so a head slightly larger than half evens out the two threads' times (see
    /// docs/Performance.md, "The split parse").
    static let cutSearchStartPercent = 54
    /// How many lines past the start the search looks at. Okta's spec has a key line at 4 spaces (a schema under
    /// `components/schemas`) every few dozen lines: 4,000 lines is a long way past where one is found, and it bounds
    /// the scan on input that has none (a huge block scalar or sequence: then the least indented key line is used,
    /// or no cut).
    static let cutSearchLines = 4_000
    /// A key line indented at most this much ends the search: at 4 spaces (a schema under `components/schemas`, a
    /// path under `paths`, a response under `components/responses`) the rest is one body and at most two tails.
    static let goodCutIndent = 4
    /// Key lines indented more are never cut at: each level of indentation between the cut and the root is a tail of
    /// its own (a piece, a parse, a join); 16 spaces is 8 levels of two-space YAML.
    static let maxCutIndent = 16

    /// The start of a key line a little past the middle of the input: the first one within ``cutSearchLines`` lines
    /// after ``cutSearchStartPercent`` of the bytes that is indented at most ``goodCutIndent`` spaces, else the least
    /// indented one seen (at most ``maxCutIndent``). A tab in an indentation gives up (YAML forbids it there; the
    /// whole parse reports it).
    static func cutPoint(_ bytes: UnsafeBufferPointer<UInt8>) -> (offset: Int, indent: Int)? {
        var index = lineEnd(bytes, from: bytes.count * cutSearchStartPercent / 100) + 1
        var best: (offset: Int, indent: Int)?
        var lines = 0
        while index < bytes.count, lines < cutSearchLines {
            lines += 1
            let (indent, first) = indentation(bytes, at: index)
            guard first < bytes.count else { break }
            let byte = bytes[first]
            if byte == UInt8(ascii: "\t") { return nil }
            if byte != newline, byte != UInt8(ascii: "\r"), byte != UInt8(ascii: "#"), indent <= maxCutIndent,
                isKeyLine(bytes, at: first), best.map({ indent < $0.indent }) ?? true
            {
                best = (index, indent)
                if indent <= goodCutIndent { break }
            }
            index = lineEnd(bytes, from: first) + 1
        }
        return best
    }

    /// The body and tails after the cut: each ends where a line (not blank, not a comment) is indented less than its
    /// keys, and that line starts the next. `nil` when such a line is not a key line (a sequence item, a document
    /// marker, a tab).
    static func restPieces(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, indent: Int) -> [Piece]? {
        var pieces = [Piece(start: start, end: bytes.count, indent: indent)]
        var current = indent
        var index = lineEnd(bytes, from: start) + 1
        while index < bytes.count {
            let (lineIndent, first) = indentation(bytes, at: index)
            guard first < bytes.count else { break }
            let byte = bytes[first]
            if byte == UInt8(ascii: "\t") { return nil }
            if lineIndent < current, byte != newline, byte != UInt8(ascii: "\r"), byte != UInt8(ascii: "#") {
                guard isKeyLine(bytes, at: first) else { return nil }
                pieces[pieces.count - 1].end = index
                pieces.append(Piece(start: index, end: bytes.count, indent: lineIndent))
                current = lineIndent
            }
            index = lineEnd(bytes, from: first) + 1
        }
        return pieces
    }

    /// Spaces at the start of the line at `index`, and the index of the first other byte.
    @inline(__always)
    static func indentation(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Int, Int) {
        var position = index
        while position < bytes.count, bytes[position] == space { position += 1 }
        return (position - index, position)
    }

    /// The index of the line's newline (or the end of the input).
    @inline(__always)
    static func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        var position = index
        while position < bytes.count, bytes[position] != newline { position += 1 }
        return position
    }

    /// A line that starts like an implicit key (`name:`, `/users/{id}:`, `'quoted': value`): not a sequence item,
    /// comment, directive, document marker, flow collection, explicit key, tag, anchor or alias, with a `:` followed
    /// by a space or the end of the line. The parse of the pieces decides the rest.
    static func isKeyLine(_ bytes: UnsafeBufferPointer<UInt8>, at first: Int) -> Bool {
        switch bytes[first] {
        case UInt8(ascii: "-"), UInt8(ascii: "#"), UInt8(ascii: "%"), UInt8(ascii: "."), UInt8(ascii: "?"),
            UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
            UInt8(ascii: ","), UInt8(ascii: "!"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "|"),
            UInt8(ascii: ">"), UInt8(ascii: "@"), UInt8(ascii: "`"), UInt8(ascii: "\t"), UInt8(ascii: "\r"), newline:
            return false
        default:
            break
        }
        var position = first
        while position < bytes.count, bytes[position] != newline {
            if bytes[position] == UInt8(ascii: ":") {
                let next = position + 1
                if next == bytes.count || bytes[next] == space || bytes[next] == newline
                    || bytes[next] == UInt8(ascii: "\r")
                {
                    return true
                }
            }
            position += 1
        }
        return false
    }

    // MARK: Joining the pieces

    /// Joins the pieces parsed after the head into it: the first piece's entries go to the deepest open mapping of
    /// the head whose keys are at its indentation, each later piece's to the open mapping further up at its own.
    /// Returns `false` (leaving `head` unusable) when the pieces do not fit the head, a duplicate key appears, or a
    /// limit is passed only by the pieces together.
    static func join(_ pieces: [TreeBuilder], indents: [Int], into head: inout TreeBuilder) -> Bool {
        guard head.root != nil, head.documents == 1, let headEnd = head.endMark, headEnd.column == 0 else {
            return false
        }
        let path = head.openPathAtEnd()
        var targets: [(node: Int32, depth: Int)] = []
        var limit = path.count
        for indent in indents {
            let column = UInt32(indent + 1)
            guard
                let depth = path[0..<limit].lastIndex(where: {
                    head.isBlockMapping($0) && head.keyColumn($0) == column
                })
            else {
                return false
            }
            // Everything open below the target is closed by the piece's first line: deeper, or a sequence written at
            // the target's own indentation as one of its values.
            for below in (depth + 1)..<path.count {
                let record = head.record(path[below])
                let indentless =
                    below == depth + 1 && record.kind == .sequence && record.style == .block
                    && record.column == column
                guard record.column > column || indentless else { return false }
            }
            targets.append((path[depth], depth))
            limit = depth
        }
        // Nodes libyaml makes up where a piece ends (the empty value of a last `key:`) are placed at the next token,
        // which for a piece is the end of its input (column 1 of the line after it) and for the whole document is
        // the first key of the next piece, on that same line: they get that key's column.
        head.placeMadeUpNodes(onLine: UInt32(headEnd.line) + 1, atColumn: UInt32(indents[0] + 1))
        var lineOffset = UInt32(headEnd.line)
        for (position, (piece, target)) in zip(pieces, targets).enumerated() {
            guard let pieceRoot = piece.root, pieceRoot == 0, piece.documents == 1, let end = piece.endMark,
                piece.isBlockMapping(pieceRoot), let first = piece.keyColumn(pieceRoot),
                first == head.keyColumn(target.node), target.depth + piece.deepest < head.limits.maxDepth
            else { return false }
            head.appendSubtree(piece, into: target.node, lineOffset: lineOffset)
            if position + 1 < indents.count {
                head.placeMadeUpNodes(
                    onLine: lineOffset + UInt32(end.line) + 1, atColumn: UInt32(indents[position + 1] + 1))
            }
            lineOffset += UInt32(end.line)
        }
        guard head.nodeCount <= head.limits.maxNodes, head.aliasExpansion <= head.limits.maxAliasExpansion else {
            return false
        }
        return targets.allSatisfy { head.hasUniqueKeys($0.node) }
    }
}
