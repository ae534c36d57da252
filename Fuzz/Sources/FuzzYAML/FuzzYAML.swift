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
        try YAMLParser(limits: limits, concurrentThreshold: .max).parse(bytes, path: "fuzz.yaml")
    }
    let concurrent = Result { () throws(Diagnostic) in
        try YAMLParser(limits: limits, concurrentThreshold: 0).parse(bytes, path: "fuzz.yaml")
    }
    switch (sequential, concurrent) {
    case (.success(let one), .success(let two)):
        if one.nodeCount != two.nodeCount { fatalError("one thread: \(one.nodeCount) nodes, two: \(two.nodeCount)") }
    case (.failure(let one), .failure(let two)):
        if one.description != two.description { fatalError("one thread: \(one), two: \(two)") }
    default:
        fatalError("one thread and two threads disagree: \(sequential) vs \(concurrent)")
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
