import OktaGenDiagnostics

/// An immutable YAML (or JSON) document: every node with its kind, style, tag and 1-based line:column.
///
/// Storage is a flat arena (one record per node, one byte buffer for all scalar text, one index array for
/// children), so a 3.5 MB spec costs a few megabytes and no per-node allocation. Nodes are handed out as
/// ``YAMLNode`` values that point into it. Aliases point at their anchor's node, so the tree is a DAG.
public final class YAMLDocument: Sendable {
    /// The file as the user named it; used in every location.
    public let path: String
    let records: [NodeRecord]
    let children: [Int32]
    let text: [UInt8]
    let tags: [String]
    let rootIndex: Int32?

    init(path: String, records: [NodeRecord], children: [Int32], text: [UInt8], tags: [String], root: Int32?) {
        self.path = path
        self.records = records
        self.children = children
        self.text = text
        self.tags = tags
        self.rootIndex = root
    }

    /// The root node, or `nil` for an empty stream.
    public var root: YAMLNode? { rootIndex.map { YAMLNode(document: self, index: $0) } }

    /// How many nodes the document holds.
    public var nodeCount: Int { records.count }
}

/// What a node is.
public enum YAMLNodeKind: UInt8, Sendable, Hashable {
    case scalar
    case sequence
    case mapping

    /// `a scalar`, `a sequence`, `a mapping`: for messages.
    public var phrase: String {
        switch self {
        case .scalar: "a scalar"
        case .sequence: "a sequence"
        case .mapping: "a mapping"
        }
    }
}

/// How a scalar or collection was written.
public enum YAMLStyle: UInt8, Sendable, Hashable {
    case plain
    case singleQuoted
    case doubleQuoted
    case literal
    case folded
    case block
    case flow
}

struct NodeRecord: Equatable {
    var kind: YAMLNodeKind
    var style: YAMLStyle
    /// Index into `tags` plus one; 0 when the node has no explicit tag.
    var tag: UInt16
    var line: UInt32
    var column: UInt32
    /// Scalars: byte offset into `text`. Collections: index into `children`.
    var start: UInt32
    /// Scalars: byte length. Sequences: element count. Mappings: pair count (children hold key, value, ...).
    var count: UInt32
    /// The collection the node was first written in; -1 for the root.
    var parent: Int32
    /// Nodes in the subtree once aliases are expanded (saturating).
    var expandedSize: UInt32
    /// Position in the parent: element index of a sequence, pair index of a mapping.
    var position: UInt32 = 0
}
