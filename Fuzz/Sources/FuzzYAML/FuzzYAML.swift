import OktaGenDiagnostics
import OktaGenYAML

/// libFuzzer entry point: any bytes through the YAML layer with tight limits. Errors are expected; crashes, hangs
/// and memory blow-ups are findings.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let limits = YAMLLimits(maxInputBytes: 1 << 20, maxNodes: 100_000, maxAliasExpansion: 10_000, maxDepth: 128)
    // The same bytes on one thread and on two (libyaml on its own thread, as for inputs from 256 KiB): the outcome
    // must be the same, error message and tree alike.
    let sequential = Result { () throws(Diagnostic) in
        try YAMLParser(limits: limits, strategy: .streamed).parse(bytes, path: "fuzz.yaml")
    }
    let concurrent = Result { () throws(Diagnostic) in
        try YAMLParser(limits: limits, strategy: .pipelined).parse(bytes, path: "fuzz.yaml")
    }
    switch (sequential, concurrent) {
    case (.success(let one), .success(let two)):
        if one.nodeCount != two.nodeCount { fatalError("one thread: \(one.nodeCount) nodes, two: \(two.nodeCount)") }
    case (.failure(let one), .failure(let two)):
        if one.description != two.description { fatalError("one thread: \(one), two: \(two)") }
    default:
        fatalError("one thread and two threads disagree: \(sequential) vs \(concurrent)")
    }
    // And cut in pieces parsed on two threads (as block-style inputs from 512 KiB): the same outcome, node for node.
    let split = Result { () throws(Diagnostic) in
        try YAMLParser(limits: limits, strategy: .split).parse(bytes, path: "fuzz.yaml")
    }
    switch (sequential, split) {
    case (.success(let one), .success(let two)):
        if let difference = firstDifference(one, two) { fatalError("whole and split parses differ: \(difference)") }
    case (.failure(let one), .failure(let two)):
        if one.description != two.description { fatalError("whole: \(one), split: \(two)") }
    default:
        fatalError("whole and split parses disagree: \(sequential) vs \(split)")
    }
    if case .success(let document) = sequential, let root = document.root {
        // Walk every node once: pointers, scalars and locations must all be computable.
        var stack = [root]
        var visited = 0
        while let node = stack.popLast(), visited < 200_000 {
            visited += 1
            _ = node.location
            _ = node.scalar
            if visited % 97 == 0 { _ = node.pointer }
            if node.isMapping {
                for (key, value) in node.entries where visited + stack.count < 200_000 {
                    stack.append(key)
                    stack.append(value)
                }
            } else if node.isSequence {
                stack.append(contentsOf: node.elements.prefix(1000))
            }
        }
    }
    return 0
}

/// The first node where two trees differ (walked together from the root: kind, style, tag, location, text, children).
func firstDifference(_ one: YAMLDocument, _ two: YAMLDocument) -> String? {
    if one.nodeCount != two.nodeCount { return "\(one.nodeCount) vs \(two.nodeCount) nodes" }
    guard let a = one.root, let b = two.root else { return one.root == nil && two.root == nil ? nil : "root" }
    var stack = [(a, b)]
    var visited = 0
    while let (x, y) = stack.popLast(), visited < 200_000 {
        visited += 1
        guard x.kind == y.kind, x.style == y.style, x.tag == y.tag, x.line == y.line, x.column == y.column,
            x.text == y.text, x.count == y.count, x.index == y.index, x.pointer == y.pointer
        else { return "at \(x.pointer) (\(x.line):\(x.column)) vs \(y.pointer) (\(y.line):\(y.column))" }
        if x.isMapping {
            for (left, right) in zip(x.entries, y.entries) {
                stack.append((left.key, right.key))
                stack.append((left.value, right.value))
            }
        } else if x.isSequence {
            for (left, right) in zip(x.elements.prefix(1000), y.elements.prefix(1000)) { stack.append((left, right)) }
        }
    }
    return nil
}
