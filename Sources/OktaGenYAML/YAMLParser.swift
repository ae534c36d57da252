import CYAML
import OktaGenDiagnostics

/// Turns YAML or JSON bytes into a ``YAMLDocument`` with libyaml's event API.
///
/// Builds the arena in one pass with an explicit stack (no recursion, so nesting depth cannot overflow the
/// stack), resolves aliases by pointing at their anchor, caps alias expansion, nesting depth and node count, and
/// rejects duplicate mapping keys. Errors are ``Diagnostic``s at libyaml's problem mark.
public struct YAMLParser: Sendable {
    /// How the tree is built: on one thread, on two with libyaml's events piped between them, or in pieces.
    ///
    /// Every strategy gives the same tree and the same errors (`SplitParseTests`, `HostileInputTests` and FuzzYAML
    /// compare them); they differ only in speed. See docs/Performance.md ("Parsing").
    public enum Strategy: Sendable, Hashable {
        /// By input size: ``streamed`` under ``pipelineThreshold`` bytes, ``pipelined`` from there, and from
        /// ``splitThreshold`` ``split`` for block-style input (``pipelined`` when it cannot be split).
        case automatic
        /// One thread: libyaml's events are built into the tree as libyaml produces them (a file is read in chunks,
        /// never held whole in memory).
        case streamed
        /// Two threads: libyaml on its own thread hands its events over in batches to this one, which builds the
        /// tree in libyaml's shadow (``EventPipe``).
        case pipelined
        /// Two threads: block-style input is cut in pieces parsed at the same time, and their trees are joined
        /// (``SplitParse``). Input that cannot be split safely is parsed whole, on one thread (as ``streamed``).
        case split
    }

    /// From this input size on, ``Strategy/automatic`` parses on two threads (libyaml on one, the tree built on the
    /// other). Below it the run is short enough that starting a thread and copying every event into a batch is a
    /// large part of what the overlap could save. See docs/Performance.md ("Three ways to build the tree").
    static let pipelineThreshold = 256 * 1024
    /// From this input size on, ``Strategy/automatic`` cuts block-style input in pieces parsed on two threads.
    /// Splitting reads the file whole (no streaming) and adds a scan for the cut and a join; under this size the pipe
    /// already overlaps most of libyaml's work with the building of the tree.
    static let splitThreshold = 512 * 1024

    /// The limits applied while parsing.
    public var limits: YAMLLimits
    /// How the tree is built (``Strategy/automatic`` unless a test or benchmark forces one).
    public var strategy: Strategy

    /// Creates a parser.
    /// - Parameters:
    ///   - limits: Limits on size, nodes, aliases and depth.
    ///   - strategy: How the tree is built; the default chooses by input size.
    public init(limits: YAMLLimits = .default, strategy: Strategy = .automatic) {
        self.limits = limits
        self.strategy = strategy
    }

    /// What ``strategy`` means for an input of `size` bytes: whether to try the split first, and whether a whole
    /// parse (the only one, or the split's fallback) runs on two threads.
    func plan(forSize size: Int) -> (trySplit: Bool, pipelined: Bool) {
        switch strategy {
        case .automatic: (size >= Self.splitThreshold, size >= Self.pipelineThreshold)
        case .streamed: (false, false)
        case .pipelined: (false, true)
        case .split: (true, false)
        }
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
                .error, "the file is \(bytes.count) bytes, more than the limit of \(limits.maxInputBytes) bytes",
                at: SourceLocation(file: path, line: 1, column: 1), pointer: "#",
                remedy: Diagnostic.Remedy(" (raise it with ", setting: "max-input-bytes", ")"))
        }
        var input = bytes
        Self.untabJSON(&input)
        let plan = plan(forSize: input.count)
        if plan.trySplit,
            let document = input.withUnsafeBufferPointer({ SplitParse.parse($0, path: path, limits: limits) })
        {
            return document
        }
        var builder = TreeBuilder(path: path, limits: limits, estimatedBytes: input.count)
        try input.withUnsafeBufferPointer { (buffer) throws(Diagnostic) in
            try builder.run(buffer, concurrently: plan.pipelined)
        }
        return builder.finish()
    }

    /// Parses a file, streaming it to libyaml in chunks (the whole file is never held in memory), except when it is
    /// to be split (see ``Strategy``), where it is read whole to be parsed in pieces.
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
                .error, "the file is \(input.size) bytes, more than the limit of \(limits.maxInputBytes) bytes",
                at: start, pointer: "#", remedy: Diagnostic.Remedy(" (raise it with ", setting: "max-input-bytes", ")"))
        }
        let plan = plan(forSize: input.size)
        if plan.trySplit, let bytes = input.readWhole() {
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
            concurrently: plan.pipelined)
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
