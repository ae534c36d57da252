import OktaGenDiagnostics

/// A node of a ``YAMLDocument``: a cheap handle (document + index) with read-only accessors.
public struct YAMLNode: Sendable {
    /// The document the node belongs to.
    public let document: YAMLDocument
    /// The node's index in the document's arena.
    public let index: Int32

    @inline(__always) var record: NodeRecord { document.records[Int(index)] }

    /// Scalar, sequence or mapping.
    public var kind: YAMLNodeKind { record.kind }
    /// How the node was written (plain, quoted, block, flow…).
    public var style: YAMLStyle { record.style }
    /// The explicit tag (`tag:yaml.org,2002:str` for `!!str`), if the node has one.
    public var tag: String? {
        let tag = record.tag
        return tag == 0 ? nil : document.tags[Int(tag) - 1]
    }
    /// 1-based line.
    public var line: Int { Int(record.line) }
    /// 1-based column.
    public var column: Int { Int(record.column) }
    /// File, line and column.
    public var location: SourceLocation { SourceLocation(file: document.path, line: line, column: column) }

    /// How many nodes its subtree holds once aliases are expanded (saturating): a bound on what reading it costs.
    package var subtreeSize: Int { Int(record.expandedSize) }

    /// Whether the node is a scalar.
    public var isScalar: Bool { record.kind == .scalar }
    /// Whether the node is a mapping.
    public var isMapping: Bool { record.kind == .mapping }
    /// Whether the node is a sequence.
    public var isSequence: Bool { record.kind == .sequence }

    /// Identity within the document (aliases share their anchor's identity).
    public static func === (lhs: YAMLNode, rhs: YAMLNode) -> Bool {
        lhs.index == rhs.index && lhs.document === rhs.document
    }

    // MARK: Scalars

    /// The scalar's text (empty for collections).
    public var text: String {
        let record = record
        guard record.kind == .scalar else { return "" }
        let start = Int(record.start)
        return document.text.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<start + Int(record.count)]), as: UTF8.self)
        }
    }

    /// The scalar's text, or `nil` for a collection.
    public var scalarText: String? { isScalar ? text : nil }

    /// Whether the node is a scalar whose text is exactly `string`, compared byte for byte without allocating.
    public func hasText(_ string: String) -> Bool {
        let record = record
        guard record.kind == .scalar else { return false }
        var string = string
        return string.withUTF8 { other in
            guard other.count == Int(record.count) else { return false }
            return document.text.withUnsafeBufferPointer { buffer in
                let start = Int(record.start)
                for offset in 0..<other.count where buffer[start + offset] != other[offset] { return false }
                return true
            }
        }
    }

    /// The scalar resolved with YAML 1.2's core schema (quoted scalars are always strings), or `nil` for a collection.
    public var scalar: YAMLScalar? {
        guard isScalar else { return nil }
        return YAMLScalar.resolve(self)
    }

    // MARK: Collections

    /// Elements of a sequence, pairs of a mapping; 0 for a scalar.
    public var count: Int { record.kind == .scalar ? 0 : Int(record.count) }

    /// The elements of a sequence (empty for other kinds): a view into the arena, with nothing allocated.
    public var elements: Elements {
        let record = record
        return Elements(
            document: document, start: Int(record.start), count: record.kind == .sequence ? Int(record.count) : 0)
    }

    /// A sequence's elements, read from the arena as they are visited.
    public struct Elements: RandomAccessCollection, Sendable {
        let document: YAMLDocument
        let start: Int
        public let count: Int

        public var startIndex: Int { 0 }
        public var endIndex: Int { count }

        public subscript(position: Int) -> YAMLNode {
            precondition(position >= 0 && position < count, "element index out of range")
            return YAMLNode(document: document, index: document.children[start + position])
        }
    }

    /// The key/value pairs of a mapping, in document order (empty for other kinds): a view into the arena, with
    /// nothing allocated.
    public var entries: Entries {
        let record = record
        return Entries(
            document: document, start: Int(record.start), count: record.kind == .mapping ? Int(record.count) : 0)
    }

    /// A mapping's key/value pairs, read from the arena as they are visited.
    public struct Entries: RandomAccessCollection, Sendable {
        let document: YAMLDocument
        let start: Int
        public let count: Int

        public var startIndex: Int { 0 }
        public var endIndex: Int { count }

        public subscript(position: Int) -> (key: YAMLNode, value: YAMLNode) {
            precondition(position >= 0 && position < count, "entry index out of range")
            return (
                YAMLNode(document: document, index: document.children[start + 2 * position]),
                YAMLNode(document: document, index: document.children[start + 2 * position + 1])
            )
        }
    }

    /// The value for a scalar key of a mapping, or `nil` (also for non-mappings).
    public subscript(key: String) -> YAMLNode? {
        let record = record
        guard record.kind == .mapping else { return nil }
        let start = Int(record.start)
        for pair in 0..<Int(record.count) {
            let keyNode = YAMLNode(document: document, index: document.children[start + 2 * pair])
            if keyNode.hasText(key) {
                return YAMLNode(document: document, index: document.children[start + 2 * pair + 1])
            }
        }
        return nil
    }

    /// The key node for a scalar key of a mapping, or `nil`.
    public func keyNode(_ key: String) -> YAMLNode? {
        let record = record
        guard record.kind == .mapping else { return nil }
        let start = Int(record.start)
        for pair in 0..<Int(record.count) {
            let keyNode = YAMLNode(document: document, index: document.children[start + 2 * pair])
            if keyNode.hasText(key) { return keyNode }
        }
        return nil
    }

    /// The element of a sequence at `position`, or `nil`.
    public subscript(position: Int) -> YAMLNode? {
        let record = record
        guard record.kind == .sequence, position >= 0, position < Int(record.count) else { return nil }
        return YAMLNode(document: document, index: document.children[Int(record.start) + position])
    }

    // MARK: Where

    /// The collection this node was written in, or `nil` for the root.
    public var parent: YAMLNode? {
        let parent = record.parent
        return parent < 0 ? nil : YAMLNode(document: document, index: parent)
    }

    /// The JSON pointer of the node (`#/paths/~1users/get`), computed from its parents.
    ///
    /// A mapping key points at itself as if it were its value (keys have no pointer of their own).
    public var pointer: String { JSONPointer.fragment(pointerTokens) }

    /// The node's own unescaped token of ``pointer`` (its key in a mapping, its index in a sequence); `nil` for the
    /// root.
    public var tokenInParent: String? {
        parent.map { $0.token(of: self) }
    }

    /// The unescaped tokens of ``pointer``.
    public var pointerTokens: [String] {
        var tokens: [String] = []
        var current = self
        var guardCount = 0
        while let parent = current.parent, guardCount < 100_000 {
            guardCount += 1
            tokens.append(parent.token(of: current))
            current = parent
        }
        return tokens.reversed()
    }

    private func token(of child: YAMLNode) -> String {
        let record = record
        let position = Int(child.record.position)
        let start = Int(record.start)
        switch record.kind {
        case .sequence:
            return String(position)
        case .mapping:
            guard position < Int(record.count) else { return "?" }
            let key = YAMLNode(document: document, index: document.children[start + 2 * position])
            return key.isScalar ? key.text : "?"
        case .scalar:
            return "?"
        }
    }
}
