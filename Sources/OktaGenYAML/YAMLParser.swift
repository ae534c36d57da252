import CYAML
import OktaGenDiagnostics

/// Turns YAML or JSON bytes into a ``YAMLDocument`` with libyaml's event API.
///
/// Builds the arena in one pass with an explicit stack (no recursion, so nesting depth cannot overflow the
/// stack), resolves aliases by pointing at their anchor, caps alias expansion, nesting depth and node count, and
/// rejects duplicate mapping keys. Errors are ``Diagnostic``s at libyaml's problem mark.
public struct YAMLParser: Sendable {
    /// The limits applied while parsing.
    public var limits: YAMLLimits
    /// Inputs of at least this many bytes are parsed on two threads: libyaml on one, the tree built on the other.
    public var concurrentThreshold: Int
    /// Block-style inputs of at least this many bytes are cut in pieces parsed on two threads (see ``SplitParse``);
    /// when they cannot be, the `concurrentThreshold` rule applies.
    public var splitThreshold: Int

    /// Creates a parser.
    /// - Parameters:
    ///   - limits: Limits on size, nodes, aliases and depth.
    ///   - concurrentThreshold: From this input size on, parse on two threads (default 256 KiB; 0 always does).
    ///   - splitThreshold: From this input size on, parse block-style input in pieces on two threads (default 512 KiB;
    ///     0 always tries).
    public init(limits: YAMLLimits = .default, concurrentThreshold: Int = 256 * 1024, splitThreshold: Int = 512 * 1024)
    {
        self.limits = limits
        self.concurrentThreshold = concurrentThreshold
        self.splitThreshold = splitThreshold
    }

    /// Parses a document from bytes.
    /// - Parameters:
    ///   - bytes: The file's contents (UTF-8, UTF-16 with BOM, or JSON).
    ///   - path: How to name the file in locations.
    /// - Returns: The document (its `root` is `nil` for an empty stream).
    /// - Throws: ``Diagnostic`` with severity error for malformed or over-limit input.
    public func parse(_ bytes: [UInt8], path: String) throws(Diagnostic) -> YAMLDocument {
        if bytes.count > limits.maxInputBytes {
            throw Diagnostic(
                .error,
                "the file is \(bytes.count) bytes, more than the limit of \(limits.maxInputBytes) bytes"
                    + " (raise it with --max-input-bytes)",
                at: SourceLocation(file: path, line: 1, column: 1), pointer: "#")
        }
        var input = bytes
        Self.untabJSON(&input)
        if input.count >= splitThreshold,
            let document = input.withUnsafeBufferPointer({ SplitParse.parse($0, path: path, limits: limits) })
        {
            return document
        }
        var builder = TreeBuilder(path: path, limits: limits, estimatedBytes: input.count)
        try input.withUnsafeBufferPointer { (buffer) throws(Diagnostic) in
            try builder.run(buffer, concurrently: buffer.count >= concurrentThreshold)
        }
        return builder.finish()
    }

    /// Parses a file, streaming it to libyaml in chunks (the whole file is never held in memory), except from
    /// `splitThreshold` bytes on, where the file is read whole to be parsed in pieces.
    /// - Parameters:
    ///   - path: The file to read.
    ///   - displayPath: How to name the file in locations (default: `path`).
    /// - Returns: The document (its `root` is `nil` for an empty stream).
    /// - Throws: ``Diagnostic`` when the file cannot be read, or is malformed or over a limit.
    public func parse(contentsOf path: String, displayPath: String? = nil) throws(Diagnostic) -> YAMLDocument {
        let shown = displayPath ?? path
        let start = SourceLocation(file: shown, line: 1, column: 1)
        let input: StreamInput
        do {
            input = try StreamInput(path: path)
        } catch {
            throw Diagnostic(.error, "cannot read '\(shown)': \(error.reason)", at: nil, pointer: nil)
        }
        defer { input.close() }
        if input.size > limits.maxInputBytes {
            throw Diagnostic(
                .error,
                "the file is \(input.size) bytes, more than the limit of \(limits.maxInputBytes) bytes"
                    + " (raise it with --max-input-bytes)", at: start, pointer: "#")
        }
        if input.size >= splitThreshold, let bytes = input.readWhole() {
            return try parse(bytes, path: shown)
        }
        var builder = TreeBuilder(path: shown, limits: limits, estimatedBytes: input.size)
        let context = Unmanaged.passUnretained(input).toOpaque()
        try builder.run(
            setInput: { parser in yaml_parser_set_input(&parser, streamInputHandler, context) },
            bytesForErrors: {
                var bytes = input.readAll()
                Self.untabJSON(&bytes)
                return bytes
            },
            concurrently: input.size >= concurrentThreshold)
        return builder.finish()
    }

    /// JSON allows tabs between tokens where YAML forbids them; a JSON document (first significant byte `{` or
    /// `[`) gets its tabs turned into spaces, which keeps every column (raw tabs are invalid inside JSON strings).
    static func untabJSON(_ bytes: inout [UInt8]) {
        var index = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        while index < bytes.count,
            bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D
                || bytes[index] == 0x09
        {
            index += 1
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "[") else {
            return
        }
        guard bytes.contains(0x09) else { return }
        for position in bytes.indices where bytes[position] == 0x09 { bytes[position] = 0x20 }
    }
}

/// The event loop and the arena under construction.
struct TreeBuilder {
    let path: String
    let limits: YAMLLimits
    var records: [NodeRecord] = []
    var children: [Int32] = []
    var text: [UInt8] = []
    var tags: [String] = []
    var tagIndex: [String: UInt16] = [:]
    var anchors: [String: Int32] = [:]
    var root: Int32?
    var documents = 0
    var aliasExpansion = 0
    /// Where the stream ended (for joining pieces: how many lines a piece spans).
    var endMark: ParsedEvent.Mark?
    /// The most collections open at once, the new one not counted (the deepest nesting reached).
    var deepest = 0

    /// Open collections: the node and where its children start in `pending`.
    var stack: [(node: Int32, pendingStart: Int)] = []
    var pending: [Int32] = []
    /// Parallel to `pending`: for mapping keys, a hash of the key's text, computed while its bytes are in cache.
    var pendingHashes: [UInt64] = []

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
                    .error,
                    "nesting is deeper than the limit of \(limits.maxDepth) levels (raise it with --max-depth)",
                    at: location(event.mark), pointer: openPointer())
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
                    .error,
                    "aliases expand to more than \(limits.maxAliasExpansion) nodes (an alias bomb?);"
                        + " raise the limit with --max-alias-expansion",
                    at: location(event.mark), pointer: openPointer())
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
                .error, "the document has more than \(limits.maxNodes) nodes (raise the limit with --max-nodes)",
                at: location(mark), pointer: openPointer())
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

    func parserError(_ parser: inout yaml_parser_t, _ buffer: UnsafeBufferPointer<UInt8>) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        if parser.error == YAML_READER_ERROR {
            let offset = min(parser.problem_offset, buffer.count)
            let (line, column) = Self.lineColumn(of: offset, in: buffer)
            var message = "invalid "
            if problem.hasPrefix("control characters") {
                message += "character"
            } else if parser.encoding == YAML_UTF16LE_ENCODING || parser.encoding == YAML_UTF16BE_ENCODING {
                message += "UTF-16"
            } else {
                message += "UTF-8"
            }
            message += ": \(problem)"
            if problem.hasPrefix("control characters") {
                message += " (" + codePoint(parser.problem_value) + ")"
            } else if parser.problem_value >= 0, parser.problem_value <= 0xFF {
                message += " (byte 0x" + hex(UInt8(parser.problem_value)) + ")"
            } else if parser.problem_value > 0xFF {
                message += " (code point " + codePoint(parser.problem_value) + ")"
            }
            // libyaml decodes ahead of the parser, so the open collection says nothing about where the byte is.
            return Diagnostic(.error, message, at: SourceLocation(file: path, line: line, column: column), pointer: nil)
        }
        if parser.error == YAML_MEMORY_ERROR {
            return Diagnostic(.error, "libyaml ran out of memory", at: nil, pointer: nil)
        }
        var message = "invalid YAML: \(problem)"
        if problem == "found character that cannot start any token",
            let found = Self.scalar(atIndex: parser.problem_mark.index, in: buffer)
        {
            // libyaml does not say which character; a tab is by far the most common one (YAML forbids tab indents).
            message =
                found == "\t"
                ? "invalid YAML: found a tab, which cannot start any token (indent YAML with spaces, not tabs)"
                : "invalid YAML: found '\(found)', which cannot start any token"
            if found != "\t" { message += " (quote the value if it is text)" }
            return Diagnostic(.error, message, at: location(parser.problem_mark), pointer: openPointer())
        }
        if let context = parser.context.map({ String(cString: $0) }) {
            let contextMark = parser.context_mark
            message += " \(context) (started at \(contextMark.line + 1):\(contextMark.column + 1))"
        }
        return Diagnostic(.error, message, at: location(parser.problem_mark), pointer: openPointer())
    }

    /// The Unicode scalar at a libyaml mark's index (counted in characters, after any byte order mark) of UTF-8
    /// input, or `nil` for UTF-16 input or an index past the end.
    static func scalar(atIndex index: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        var start = 0
        if buffer.count >= 2, buffer[0] == 0xFF && buffer[1] == 0xFE || buffer[0] == 0xFE && buffer[1] == 0xFF {
            return nil
        }
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
        var remaining = index
        var iterator = UnsafeBufferPointer(rebasing: buffer[start...]).makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if remaining == 0 { return scalar }
                remaining -= 1
            case .emptyInput, .error:
                return nil
            }
        }
    }

    /// 1-based line and column (in Unicode scalars) of a byte offset, in UTF-8 or (after its byte order mark) UTF-16.
    static func lineColumn(of offset: Int, in buffer: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        var line = 1
        var column = 1
        var index = 0
        let isUTF16 =
            buffer.count >= 2
            && (buffer[0] == 0xFF && buffer[1] == 0xFE || buffer[0] == 0xFE && buffer[1] == 0xFF)
        if isUTF16 {
            let littleEndian = buffer[0] == 0xFF
            index = 2
            while index < offset, index + 1 < buffer.count {
                let unit =
                    littleEndian
                    ? UInt16(buffer[index]) | UInt16(buffer[index + 1]) << 8
                    : UInt16(buffer[index]) << 8 | UInt16(buffer[index + 1])
                if unit == 0x0A {
                    line += 1
                    column = 1
                } else if !(0xDC00...0xDFFF).contains(unit) {
                    column += 1  // a low surrogate completes the character its high surrogate counted
                }
                index += 2
            }
            return (line, column)
        }
        // A UTF-8 byte order mark takes no column (libyaml skips it too).
        if offset >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { index = 3 }
        while index < offset {
            let byte = buffer[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return (line, column)
    }

    mutating func finish() -> YAMLDocument {
        YAMLDocument(path: path, records: records, children: children, text: text, tags: tags, root: root)
    }
}

/// `U+0001`, `U+D800`: a code point as Unicode writes it (at least four hex digits).
private func codePoint(_ value: Int32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

private func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
}
