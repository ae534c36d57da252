import CYAML
import OktaGenDiagnostics

/// Builds a ``YAMLDocument``'s arena from libyaml's events: the event loop (on one thread, or fed by a libyaml thread
/// through an ``EventPipe``), the checks made while building (limits, aliases, duplicate keys), and the operations
/// ``SplitParse`` joins pieces with (``appendSubtree(_:into:lineOffset:)``).
///
/// The arena is flat: one ``NodeRecord`` per node in `records` (in the order of the events), one `children` array
/// where each collection's children are a contiguous run (a mapping's as key, value, key, value, …), and one `text`
/// buffer holding every scalar's bytes. Nothing is allocated per node. A collection's children are not known until it
/// closes, so while it is open they wait on the `pending` stack and are copied to `children` in one run at its end;
/// keys are hashed as they arrive (their bytes still in cache) for the duplicate check at the close.
struct TreeBuilder {
    let path: String
    let limits: YAMLLimits
    private(set) var records: [NodeRecord] = []
    private(set) var children: [Int32] = []
    private(set) var text: [UInt8] = []
    private(set) var tags: [String] = []
    private var tagIndex: [String: UInt16] = [:]
    private var anchors: [String: Int32] = [:]
    private(set) var root: Int32?
    private(set) var documents = 0
    private(set) var aliasExpansion = 0
    /// Where the stream ended (for joining pieces: how many lines a piece spans).
    private(set) var endMark: ParsedEvent.Mark?
    /// The most collections open at once, the new one not counted (the deepest nesting reached).
    private(set) var deepest = 0

    /// Open collections: the node and where its children start in `pending`.
    private(set) var stack: [(node: Int32, pendingStart: Int)] = []
    private(set) var pending: [Int32] = []
    /// Parallel to `pending`: for mapping keys, a hash of the key's text, computed while its bytes are in cache.
    private var pendingHashes: [UInt64] = []

    init(path: String, limits: YAMLLimits, estimatedBytes: Int) {
        self.path = path
        self.limits = limits
        // Okta's spec: ~1 node and ~0.7 scalar byte per input byte/20; reserve generously to avoid regrowth.
        records.reserveCapacity(max(64, estimatedBytes / 18))
        children.reserveCapacity(max(64, estimatedBytes / 16))
        text.reserveCapacity(max(64, estimatedBytes * 3 / 4))
        pending.reserveCapacity(1024)
        pendingHashes.reserveCapacity(1024)
        stack.reserveCapacity(64)
    }

    func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(file: path, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    func location(_ mark: ParsedEvent.Mark) -> SourceLocation {
        SourceLocation(file: path, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    mutating func run(_ buffer: UnsafeBufferPointer<UInt8>, concurrently: Bool = false) throws(Diagnostic) {
        try run(
            setInput: { parser in
                if let base = buffer.baseAddress {
                    yaml_parser_set_input_string(&parser, base, buffer.count)
                } else {
                    yaml_parser_set_input_string(&parser, "", 0)
                }
            },
            bytesForErrors: { Array(buffer) }, concurrently: concurrently)
    }

    /// The event loop. `bytesForErrors` gives the input again when an error needs byte offsets turned into lines.
    ///
    /// With `concurrently`, libyaml runs on a second thread and hands its events over in batches (copied out of
    /// libyaml's structures), while this thread builds the tree: the arena is then built in libyaml's shadow.
    mutating func run(
        setInput: (inout yaml_parser_t) -> Void, bytesForErrors: () -> [UInt8], concurrently: Bool = false
    ) throws(Diagnostic) {
        let parser = ParserBox()
        guard parser.initialized else {
            throw Diagnostic(.error, "libyaml could not allocate a parser", at: nil, pointer: nil)
        }
        setInput(&parser.parser.pointee)
        if concurrently, try runConcurrently(parser, bytesForErrors: bytesForErrors) {
            return
        }
        // On this thread the event is read where libyaml left it (nothing copied into a batch first).
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser.parser, &event) == 1 else {
                let bytes = bytesForErrors()
                throw bytes.withUnsafeBufferPointer { parserError(&parser.parser.pointee, $0) }
            }
            let (parsed, source) = DirectEvent.read(&event)
            let done: Bool
            do throws(Diagnostic) {
                done = try handle(parsed, in: source)
            } catch {
                yaml_event_delete(&event)
                throw error
            }
            yaml_event_delete(&event)
            if done { break }
        }
    }

    /// - Returns: `false` when no thread could be started (nothing was parsed: run the loop on this thread).
    private mutating func runConcurrently(_ parser: ParserBox, bytesForErrors: () -> [UInt8]) throws(Diagnostic)
        -> Bool
    {
        let pipe = EventPipe()
        let started = ProducerThread {
            var event = yaml_event_t()
            var batch = EventBatch()
            while !pipe.isCancelled {
                guard yaml_parser_parse(parser.parser, &event) == 1 else {
                    batch.failed = true
                    pipe.push(batch)
                    return
                }
                let parsed = ParsedEvent(&event, into: &batch)
                yaml_event_delete(&event)
                batch.events.append(parsed)
                if parsed.type == YAML_STREAM_END_EVENT {
                    pipe.push(batch)
                    return
                }
                if batch.events.count >= EventBatch.capacity {
                    pipe.push(batch)
                    batch = EventBatch()
                }
            }
        }
        guard let producer = started else { return false }
        // However this ends (the end of the stream, a libyaml error, or an error found here), the producer is
        // stopped and joined before the parser goes.
        defer {
            pipe.cancel()
            producer.join()
        }
        while true {
            let batch = pipe.pop()
            for parsed in batch.events {
                if try handle(parsed, in: batch) { return true }
            }
            if batch.failed {
                let bytes = bytesForErrors()
                throw bytes.withUnsafeBufferPointer { parserError(&parser.parser.pointee, $0) }
            }
        }
    }

    mutating func handle<Source: EventSource>(_ event: ParsedEvent, in batch: borrowing Source) throws(Diagnostic)
        -> Bool
    {
        switch event.type {
        case YAML_STREAM_END_EVENT:
            endMark = event.mark
            return true
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                throw Diagnostic(
                    .error, "expected a single YAML document, found a second one (a spec is one document)",
                    at: location(event.mark), pointer: nil)
            }
        case YAML_SCALAR_EVENT:
            let style: YAMLStyle =
                switch yaml_scalar_style_t(rawValue: event.style) {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE: .literal
                case YAML_FOLDED_SCALAR_STYLE: .folded
                default: .plain
                }
            let offset = UInt32(truncatingIfNeeded: text.count)
            if event.textCount > 0 { batch.appendScalar(event, to: &text) }
            let tag = explicitTag(batch.string(event.tag), implicit: event.implicit)
            let node = try add(
                NodeRecord(
                    kind: .scalar, style: style, tag: tag, line: 0, column: 0, start: offset,
                    count: UInt32(truncatingIfNeeded: event.textCount), parent: -1, expandedSize: 1),
                mark: event.mark)
            if let anchor = batch.string(event.anchor) { anchors[anchor] = node }
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            if stack.count >= limits.maxDepth {
                throw Diagnostic(
                    .error, "nesting is deeper than the limit of \(limits.maxDepth) levels",
                    at: location(event.mark), pointer: openPointer(),
                    remedy: Diagnostic.Remedy(" (raise it with ", setting: "max-depth", ")"))
            }
            let flow =
                isMapping
                ? event.style == YAML_FLOW_MAPPING_STYLE.rawValue : event.style == YAML_FLOW_SEQUENCE_STYLE.rawValue
            let node = try add(
                NodeRecord(
                    kind: isMapping ? .mapping : .sequence, style: flow ? .flow : .block,
                    tag: explicitTag(batch.string(event.tag), implicit: event.implicit), line: 0, column: 0, start: 0,
                    count: 0,
                    parent: -1, expandedSize: 1),
                mark: event.mark)
            if let anchor = batch.string(event.anchor) { anchors[anchor] = node }
            deepest = max(deepest, stack.count)
            stack.append((node, pending.count))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            try close()
        case YAML_ALIAS_EVENT:
            let name = batch.string(event.anchor) ?? ""
            guard let target = anchors[name] else {
                throw Diagnostic(
                    .error, "alias '*\(name)' refers to no anchor defined before it",
                    at: location(event.mark), pointer: openPointer())
            }
            if stack.contains(where: { $0.node == target }) {
                throw Diagnostic(
                    .error, "alias '*\(name)' refers to a collection that contains it (a recursive alias)",
                    at: location(event.mark), pointer: openPointer())
            }
            aliasExpansion += Int(records[Int(target)].expandedSize)
            if aliasExpansion > limits.maxAliasExpansion {
                throw Diagnostic(
                    .error, "aliases expand to more than \(limits.maxAliasExpansion) nodes (an alias bomb?);",
                    at: location(event.mark), pointer: openPointer(),
                    remedy: Diagnostic.Remedy(" raise the limit with ", setting: "max-alias-expansion"))
            }
            attach(target)
        default:
            break
        }
        return false
    }

    mutating func explicitTag(_ name: String?, implicit: Bool) -> UInt16 {
        guard let name else { return 0 }
        if name == "!" { return 0 }  // the non-specific tag: a plain string
        if let index = tagIndex[name] { return index }
        guard tags.count < Int(UInt16.max) - 1 else { return 0 }
        tags.append(name)
        let index = UInt16(tags.count)
        tagIndex[name] = index
        return index
    }

    mutating func add(_ record: NodeRecord, mark: ParsedEvent.Mark) throws(Diagnostic) -> Int32 {
        guard records.count < limits.maxNodes else {
            throw Diagnostic(
                .error, "the document has more than \(limits.maxNodes) nodes", at: location(mark),
                pointer: openPointer(), remedy: Diagnostic.Remedy(" (raise the limit with ", setting: "max-nodes", ")"))
        }
        var record = record
        record.line = UInt32(truncatingIfNeeded: mark.line + 1)
        record.column = UInt32(truncatingIfNeeded: mark.column + 1)
        record.parent = stack.last?.node ?? -1
        let index = Int32(records.count)
        records.append(record)
        attach(index)
        return index
    }

    mutating func attach(_ node: Int32) {
        guard let frame = stack.last else {
            if root == nil { root = node }
            return
        }
        var hash: UInt64 = 0
        if (pending.count - frame.pendingStart) & 1 == 0, records[Int(frame.node)].kind == .mapping {
            hash = keyHash(node)
        }
        pending.append(node)
        pendingHashes.append(hash)
    }

    mutating func close() throws(Diagnostic) {
        guard let frame = stack.last else { return }
        let count = pending.count - frame.pendingStart
        var record = records[Int(frame.node)]
        record.start = UInt32(truncatingIfNeeded: children.count)
        var size: UInt64 = 1
        let isMapping = record.kind == .mapping
        for position in frame.pendingStart..<pending.count {
            let child = Int(pending[position])
            size += UInt64(records[child].expandedSize)
            if records[child].parent == frame.node {
                let offset = position - frame.pendingStart
                records[child].position = UInt32(truncatingIfNeeded: isMapping ? offset / 2 : offset)
            }
        }
        record.expandedSize = UInt32(min(size, UInt64(UInt32.max)))
        if record.kind == .mapping {
            record.count = UInt32(count / 2)
            // Checked while the mapping is still open, so that a duplicate's pointer can name it.
            try checkDuplicateKeys(
                pending[frame.pendingStart..<pending.count], hashes: pendingHashes[frame.pendingStart..<pending.count])
        } else {
            record.count = UInt32(count)
        }
        stack.removeLast()
        records[Int(frame.node)] = record
        children.append(contentsOf: pending[frame.pendingStart..<pending.count])
        pending.removeLast(count)
        pendingHashes.removeLast(count)
    }

    mutating func keyBytesEqual(_ lhs: Int32, _ rhs: Int32) -> Bool {
        let left = records[Int(lhs)]
        let right = records[Int(rhs)]
        guard left.kind == .scalar, right.kind == .scalar, left.count == right.count else { return false }
        let leftStart = Int(left.start)
        let rightStart = Int(right.start)
        return text.withUnsafeBufferPointer { buffer in
            for offset in 0..<Int(left.count) where buffer[leftStart + offset] != buffer[rightStart + offset] {
                return false
            }
            return true
        }
    }

    /// FNV-1a over a scalar key's bytes (collections hash to a value no scalar key can share with them).
    mutating func keyHash(_ node: Int32) -> UInt64 {
        let record = records[Int(node)]
        guard record.kind == .scalar else { return UInt64(node) &* 0x9E37_79B9_7F4A_7C15 }
        let start = Int(record.start)
        return text.withUnsafeBufferPointer { buffer in
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for offset in 0..<Int(record.count) {
                hash = (hash ^ UInt64(buffer[start + offset])) &* 0x100_0000_01B3
            }
            return hash
        }
    }

    /// Finds two equal scalar keys among the keys of a mapping's entries (key, value, key, value, …), comparing
    /// precomputed hashes first and bytes only when two hashes agree.
    mutating func checkDuplicateKeys(_ flat: ArraySlice<Int32>, hashes: ArraySlice<UInt64>) throws(Diagnostic) {
        let pairs = flat.count / 2
        guard pairs > 1 else { return }
        let base = flat.startIndex
        let hashBase = hashes.startIndex
        if pairs <= 24 {
            for pair in 1..<pairs {
                let hash = hashes[hashBase + 2 * pair]
                for earlier in 0..<pair where hashes[hashBase + 2 * earlier] == hash {
                    if keyBytesEqual(flat[base + 2 * earlier], flat[base + 2 * pair]) {
                        throw duplicate(first: flat[base + 2 * earlier], second: flat[base + 2 * pair])
                    }
                }
            }
            return
        }
        var seen: [UInt64: [Int32]] = [:]
        seen.reserveCapacity(pairs)
        for pair in 0..<pairs {
            let key = flat[base + 2 * pair]
            let hash = hashes[hashBase + 2 * pair]
            if let earlier = seen[hash] {
                for candidate in earlier where keyBytesEqual(candidate, key) {
                    throw duplicate(first: candidate, second: key)
                }
            }
            seen[hash, default: []].append(key)
        }
    }

    mutating func duplicate(first: Int32, second: Int32) -> Diagnostic {
        let firstRecord = records[Int(first)]
        let secondRecord = records[Int(second)]
        let start = Int(secondRecord.start)
        let name = String(decoding: text[start..<start + Int(secondRecord.count)], as: UTF8.self)
        return Diagnostic(
            .error,
            "duplicate key '\(name)' in a mapping; it was first defined at \(firstRecord.line):\(firstRecord.column)",
            at: SourceLocation(file: path, line: Int(secondRecord.line), column: Int(secondRecord.column)),
            pointer: JSONPointer.fragment(openTokens() + [name]))
    }

    /// The JSON pointer of the innermost open collection (used while the tree is incomplete).
    func openPointer() -> String { JSONPointer.fragment(openTokens()) }

    /// The unescaped tokens of ``openPointer()``: each open collection's position in the one that contains it.
    func openTokens() -> [String] {
        var tokens: [String] = []
        for level in 0..<max(0, stack.count - 1) {
            let frame = stack[level]
            // The open child was attached (as the last pending entry) before its own frame was pushed.
            let childPosition = stack[level + 1].pendingStart - 1 - frame.pendingStart
            if records[Int(frame.node)].kind == .sequence {
                tokens.append(String(childPosition))
            } else if childPosition % 2 == 0 {
                tokens.append("?")  // the open child is a complex key (`? [a, b]`)
            } else {
                // The open child is a value; its key is the entry just before it.
                let key = records[Int(pending[frame.pendingStart + childPosition - 1])]
                if key.kind == .scalar {
                    let start = Int(key.start)
                    tokens.append(String(decoding: text[start..<start + Int(key.count)], as: UTF8.self))
                } else {
                    tokens.append("?")
                }
            }
        }
        return tokens
    }

    mutating func finish() -> YAMLDocument {
        YAMLDocument(path: path, records: records, children: children, text: text, tags: tags, root: root)
    }
}

// MARK: Joining arenas (for ``SplitParse``)

extension TreeBuilder {
    /// The number of nodes built so far.
    var nodeCount: Int { records.count }

    /// A node's record.
    func record(_ node: Int32) -> NodeRecord { records[Int(node)] }

    /// The collections still open where the input ended (libyaml closed them there): from the root, each
    /// collection's last child written in it, down to the first scalar or empty collection.
    func openPathAtEnd() -> [Int32] {
        guard let root else { return [] }
        var path: [Int32] = [root]
        while true {
            let record = records[Int(path[path.count - 1])]
            guard record.kind != .scalar, record.count > 0 else { break }
            let last =
                record.kind == .mapping
                ? Int(record.start) + 2 * Int(record.count) - 1 : Int(record.start) + Int(record.count) - 1
            let child = children[last]
            guard records[Int(child)].parent == path[path.count - 1], records[Int(child)].kind != .scalar else { break }
            path.append(child)
        }
        return path
    }

    /// Whether a node is a block mapping with at least one entry.
    func isBlockMapping(_ node: Int32) -> Bool {
        let record = records[Int(node)]
        return record.kind == .mapping && record.style == .block && record.count > 0
    }

    /// The column of a block mapping's keys (its first key's).
    func keyColumn(_ node: Int32) -> UInt32? {
        let record = records[Int(node)]
        guard record.kind == .mapping, record.count > 0 else { return nil }
        return records[Int(children[Int(record.start)])].column
    }

    /// Moves the nodes at column 1 of `line` (the end of a piece's input: only made-up nodes are there) to
    /// `column`.
    mutating func placeMadeUpNodes(onLine line: UInt32, atColumn column: UInt32) {
        // Made-up nodes close the piece, so they are the last ones created.
        var index = records.count - 1
        while index >= 0, records[index].line >= line {
            if records[index].line == line, records[index].column == 1 { records[index].column = column }
            index -= 1
        }
    }

    /// Appends another arena's tree, whose root is a mapping, as more entries of the mapping `target`: the piece's
    /// nodes other than its root are renumbered after this arena's and their lines shifted by `lineOffset`, its
    /// children and text appended, its tags merged, and `target`'s entries (its own, then the piece root's) moved
    /// together to the end of `children`. Sizes with aliases expanded are carried up to the root. Limits and
    /// duplicate keys are left to the caller (``nodeCount``, ``aliasExpansion``, ``hasUniqueKeys(_:)``).
    mutating func appendSubtree(_ piece: TreeBuilder, into target: Int32, lineOffset: UInt32) {
        let base = Int32(records.count) - 1  // the piece's node i (i ≥ 1) becomes base + i
        let childBase = UInt32(children.count)
        let textBase = UInt32(text.count)
        let pairsBefore = records[Int(target)].count
        var tagMap: [UInt16] = [0]
        for name in piece.tags { tagMap.append(explicitTag(name, implicit: false)) }
        records.reserveCapacity(records.count + piece.records.count)
        for index in 1..<piece.records.count {
            var record = piece.records[index]
            record.line += lineOffset
            record.start += record.kind == .scalar ? textBase : childBase
            record.tag = tagMap[Int(record.tag)]
            if record.parent == 0 {
                record.parent = target
                record.position += pairsBefore
            } else {
                record.parent += base
            }
            records.append(record)
        }
        children.reserveCapacity(children.count + piece.children.count + 2 * Int(pairsBefore))
        for child in piece.children { children.append(child == 0 ? target : child + base) }
        text.append(contentsOf: piece.text)
        // The target's entries: its own, then the piece root's, together at the end of `children`.
        let pieceRoot = piece.records[0]
        let own = Int(records[Int(target)].start)..<Int(records[Int(target)].start) + 2 * Int(pairsBefore)
        let added = Int(childBase + pieceRoot.start)..<Int(childBase + pieceRoot.start) + 2 * Int(pieceRoot.count)
        let start = children.count
        for index in own { children.append(children[index]) }
        for index in added { children.append(children[index]) }
        records[Int(target)].start = UInt32(start)
        records[Int(target)].count = pairsBefore + pieceRoot.count
        aliasExpansion += piece.aliasExpansion
        // Sizes once aliases are expanded, up to the root.
        let extra = UInt64(pieceRoot.expandedSize) - 1
        var node = target
        while node >= 0 {
            let size = UInt64(records[Int(node)].expandedSize) + extra
            records[Int(node)].expandedSize = UInt32(min(size, UInt64(UInt32.max)))
            node = records[Int(node)].parent
        }
    }

    /// Whether a mapping's scalar keys are all different (checked again after ``appendSubtree(_:into:lineOffset:)``).
    mutating func hasUniqueKeys(_ mapping: Int32) -> Bool {
        let record = records[Int(mapping)]
        let flat = children[Int(record.start)..<Int(record.start) + 2 * Int(record.count)]
        let hashes = flat.indices.map { ($0 - flat.startIndex) & 1 == 0 ? keyHash(flat[$0]) : 0 }
        do throws(Diagnostic) {
            try checkDuplicateKeys(flat, hashes: hashes[...])
        } catch {
            return false
        }
        return true
    }
}
