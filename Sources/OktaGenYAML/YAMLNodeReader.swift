/// Read access to a document's nodes by index that holds no reference to the document.
///
/// Every ``YAMLNode`` holds its document strongly, so each copy of a node retains and releases the one
/// ``YAMLDocument`` object. On one thread that is cheap; two threads reading one document that way share the
/// object's reference count, and each atomic update takes its cache line from the other core. A reader sees the
/// document's storage through pointers, valid only inside ``YAMLDocument/withNodeReader(_:)``, and names nodes by
/// index (the reachability walk that runs beside the IR's decoding reads the spec this way).
package struct YAMLNodeReader {
    let records: UnsafeBufferPointer<NodeRecord>
    let children: UnsafeBufferPointer<Int32>
    let text: UnsafeBufferPointer<UInt8>

    /// The root's index, or `nil` for an empty stream.
    package let root: Int32?

    /// How many nodes the document holds.
    package var nodeCount: Int { records.count }

    /// What the node is.
    package func kind(_ node: Int32) -> YAMLNodeKind { records[Int(node)].kind }

    /// Elements of a sequence, pairs of a mapping; 0 for a scalar.
    package func count(_ node: Int32) -> Int {
        let record = records[Int(node)]
        return record.kind == .scalar ? 0 : Int(record.count)
    }

    /// The `position`th element of a sequence.
    package func element(_ node: Int32, _ position: Int) -> Int32 {
        children[Int(records[Int(node)].start) + position]
    }

    /// The key of a mapping's `pair`th entry.
    package func key(_ node: Int32, _ pair: Int) -> Int32 { children[Int(records[Int(node)].start) + 2 * pair] }

    /// The value of a mapping's `pair`th entry.
    package func value(_ node: Int32, _ pair: Int) -> Int32 { children[Int(records[Int(node)].start) + 2 * pair + 1] }

    /// The collection the node was first written in; `nil` for the root.
    package func parent(_ node: Int32) -> Int32? {
        let parent = records[Int(node)].parent
        return parent < 0 ? nil : parent
    }

    /// The node's key in its parent mapping (``YAMLNode/tokenInParent`` of a mapping's value), or `nil` when its
    /// parent is not a mapping.
    package func keyInParent(_ node: Int32) -> Int32? {
        guard let parent = parent(node), records[Int(parent)].kind == .mapping,
            Int(records[Int(node)].position) < Int(records[Int(parent)].count)
        else { return nil }
        return key(parent, Int(records[Int(node)].position))
    }

    /// Whether the node is a scalar whose text is exactly `string` (bytes compared, as ``YAMLNode/hasText(_:)``).
    package func hasText(_ node: Int32, _ string: String) -> Bool {
        let record = records[Int(node)]
        guard record.kind == .scalar else { return false }
        var string = string
        return string.withUTF8 { other in
            guard other.count == Int(record.count) else { return false }
            let start = Int(record.start)
            for offset in 0..<other.count where text[start + offset] != other[offset] { return false }
            return true
        }
    }

    /// The scalar's text (empty for collections), as ``YAMLNode/text``.
    package func text(_ node: Int32) -> String {
        let record = records[Int(node)]
        guard record.kind == .scalar else { return "" }
        let start = Int(record.start)
        return String(decoding: UnsafeBufferPointer(rebasing: text[start..<start + Int(record.count)]), as: UTF8.self)
    }
}

extension YAMLDocument {
    /// Calls `body` with a ``YAMLNodeReader`` of this document (valid only during the call).
    package func withNodeReader<Result>(_ body: (YAMLNodeReader) throws -> Result) rethrows -> Result {
        try records.withUnsafeBufferPointer { records in
            try children.withUnsafeBufferPointer { children in
                try text.withUnsafeBufferPointer { text in
                    try body(YAMLNodeReader(records: records, children: children, text: text, root: rootIndex))
                }
            }
        }
    }

    /// The node at `index` (from a ``YAMLNodeReader``).
    package func node(at index: Int32) -> YAMLNode {
        precondition(index >= 0 && Int(index) < records.count, "node index out of range")
        return YAMLNode(document: self, index: index)
    }
}
