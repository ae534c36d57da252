import Dispatch
import OktaGenDiagnostics
import OktaGenYAML
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

extension SpecResolver {
    /// The component schemas of the root document that `roots` reach: the schemas the selected operations can use,
    /// found before any of them is decoded, so that only they claim type names up front (docs/Naming.md, "Names do
    /// not depend on what is not selected").
    ///
    /// The walk reads nodes, not decoded objects. It follows every local `$ref` (`#/…`) written in a keyword position
    /// (not inside `example`, `examples`, `default`, `enum` or `const`, whose values are data), the values of a
    /// discriminator's `mapping`, and, for a reached component schema with a discriminator, the component schemas
    /// whose `allOf` references it (its subtypes when the mapping is absent). It reports nothing: a reference it
    /// cannot follow is reported, if it matters, when the IR resolves it. Each node of the root document is visited
    /// at most once, so the cost is one pass over what the operations reach.
    ///
    /// The result may hold a schema the IR never builds (a subtype whose discriminator turns out not to be used),
    /// and miss one it does build (a schema reached only through another file); the IR names a schema of the second
    /// kind when it first meets it. Either way names stay correct; only the choice between two candidates for one
    /// name depends on this set.
    /// - Parameter roots: The nodes to start from: the selected operations and their path items' `parameters`.
    /// - Returns: The node indices (in the root document) of the reached `#/components/schemas/<name>` nodes.
    public func reachableComponentSchemas(from roots: [SpecNode]) -> Set<Int32> {
        var walk = ReachabilityWalk(document: document.source, extending: extendingIndexBuilt())
        let reached = walk.run(from: Self.walkRoots(roots, in: document.source))
        adoptCaches(of: walk)
        return reached
    }

    /// Starts ``reachableComponentSchemas(from:)`` on another thread, so that the resolver can decode meanwhile on
    /// this one (the IR decodes the selected path items while the walk runs: ``PendingReachability``).
    ///
    /// The walk reads only the root document's nodes, which never change once parsed, and keeps caches of its own;
    /// ``PendingReachability/wait(adoptingInto:)`` hands the nodes its `$ref`s named to the resolver afterwards, so
    /// that decoding finds them as it did when the walk shared the resolver's caches (its indexes of large mappings
    /// are not handed over: the resolver builds its own on first use).
    package func startReachabilityWalk(from roots: [SpecNode]) -> PendingReachability {
        let pending = PendingReachability(
            roots: roots, indices: Self.walkRoots(roots, in: document.source),
            walk: ReachabilityWalk(document: document.source, extending: extendingIndexBuilt()))
        DispatchQueue.global(qos: .userInitiated).async { pending.run() }
        return pending
    }

    /// Whether the system has more than one CPU online: otherwise a walk on another thread would only take turns
    /// with the decoding. (A process confined to one CPU of several, by `taskset` or a cpuset, still starts the
    /// walk: it then costs a thread's start and the decoding done ahead, a millisecond or two.)
    package static let hasSpareCore: Bool = {
        #if canImport(Glibc)
            return sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1
        #else
            return true
        #endif
    }()

    /// The roots of the root document that are collections, by index.
    static func walkRoots(_ roots: [SpecNode], in document: YAMLDocument) -> [Int32] {
        roots.compactMap { $0.document === document && !$0.isScalar ? $0.index : nil }
    }

    /// The nodes the walk's references found, added to the resolver's `located` (where the resolver found nothing
    /// itself yet), as the walk used to fill it when it ran on the resolver's caches.
    func adoptCaches(of walk: ReachabilityWalk) {
        let root = document.source
        precondition(walk.document === root, "a reachability walk of another document")
        for (ref, node) in walk.located {
            let key = LocatedKey(document: ObjectIdentifier(root), fragment: ref.text)
            if located[key] == nil { located[key] = root.node(at: node) }
        }
    }

    /// Keywords whose values are data, where a `$ref` member is not a reference.
    static let dataKeywords = ["example", "examples", "default", "enum", "const"]
    /// Keywords whose values map names (of properties, status codes, media types, components…) to objects: a key
    /// `default` or `example` there is a name (the `default` response), not data.
    static let namedSchemaMaps: Set<String> = [
        "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "responses", "content",
        "headers", "encoding", "callbacks", "links", "schemas", "parameters", "requestBodies", "pathItems",
    ]
    /// ``namedSchemaMaps`` as a list, to compare with a key's bytes in place (no string made per node).
    static let namedSchemaMapList = Array(namedSchemaMaps)
}

/// The walk of ``SpecResolver/reachableComponentSchemas(from:)``, with caches of its own: it may run on another
/// thread while the resolver decodes the same document.
///
/// It reads the document through a ``YAMLNodeReader`` (nodes by index), not through ``YAMLNode`` values: each of
/// those retains the document, and the thread decoding beside it retains the same object all the time, so the two
/// would keep taking one reference count's cache line from each other.
struct ReachabilityWalk: Sendable {
    let document: YAMLDocument
    /// ``SpecResolver/componentsExtending(_:)``'s index, as node indices, built before the walk starts.
    let extending: [ScalarKey: [Int32]]
    /// Nodes found by `#/…` references, by reference text (compared by scalars, as the resolver's `located`).
    var located: [ScalarKey: Int32] = [:]
    /// Key → value indexes of large mappings, by node index.
    var mappingIndexes: [Int32: [ScalarKey: Int32]] = [:]

    init(document: YAMLDocument, extending: [ScalarKey: [Components.Entry]]) {
        self.document = document
        self.extending = extending.mapValues { $0.map(\.node.index) }
    }

    mutating func run(from roots: [Int32]) -> Set<Int32> {
        document.withNodeReader { reader in run(from: roots, reader) }
    }

    private mutating func run(from roots: [Int32], _ reader: YAMLNodeReader) -> Set<Int32> {
        var visited = [Bool](repeating: false, count: reader.nodeCount)
        var reached: Set<Int32> = []
        var stack = roots.filter { reader.kind($0) != .scalar }
        while let node = stack.popLast() {
            guard !visited[Int(node)] else { continue }
            visited[Int(node)] = true
            let kind = reader.kind(node)
            if kind == .sequence {
                for position in 0..<reader.count(node) {
                    let element = reader.element(node, position)
                    if reader.kind(element) != .scalar { stack.append(element) }
                }
                continue
            }
            // Inside `properties`, `responses` (and the like) keys are names: `example` there is a schema, `default` a
            // response.
            let keysAreNames =
                reader.keyInParent(node).map { key in
                    SpecResolver.namedSchemaMapList.contains { reader.hasText(key, $0) }
                } ?? false
            let componentName = Self.componentSchemaName(of: node, reader)
            for pair in 0..<reader.count(node) {
                let key = reader.key(node, pair)
                let value = reader.value(node, pair)
                if reader.hasText(key, "$ref") {
                    if reader.kind(value) == .scalar, let target = locateLocally(reader.text(value), reader) {
                        stack.append(target)
                    }
                } else if reader.hasText(key, "discriminator"), reader.kind(value) == .mapping, !keysAreNames {
                    if let mapping = Self.value(of: "mapping", in: value, reader), reader.kind(mapping) == .mapping {
                        for entry in 0..<reader.count(mapping) {
                            let target = reader.value(mapping, entry)
                            guard reader.kind(target) == .scalar else { continue }
                            let text = reader.text(target)
                            let ref = text.hasPrefix("#") ? text : "#/components/schemas/" + text
                            if let found = locateLocally(ref, reader) { stack.append(found) }
                        }
                    }
                    if let componentName {
                        stack.append(contentsOf: extending[ScalarKey("#/components/schemas/" + componentName)] ?? [])
                    }
                } else if reader.kind(value) != .scalar,
                    keysAreNames || !SpecResolver.dataKeywords.contains(where: { reader.hasText(key, $0) })
                {
                    stack.append(value)
                }
            }
            if componentName != nil { reached.insert(node) }
        }
        return reached
    }

    /// ``SpecResolver/componentSchemaName(of:)`` by index: the name of `#/components/schemas/<name>` of the root.
    static func componentSchemaName(of node: Int32, _ reader: YAMLNodeReader) -> String? {
        guard let parent = reader.parent(node), let grandparent = reader.parent(parent),
            let root = reader.parent(grandparent), reader.parent(root) == nil,
            reader.kind(parent) == .mapping, reader.kind(grandparent) == .mapping, reader.kind(root) == .mapping,
            let components = reader.keyInParent(grandparent), reader.hasText(components, "components"),
            let schemas = reader.keyInParent(parent), reader.hasText(schemas, "schemas")
        else { return nil }
        // As `pointerTokens`: a key that is not a scalar (or not found) reads `?`.
        guard let name = reader.keyInParent(node), reader.kind(name) == .scalar else { return "?" }
        return reader.text(name)
    }

    /// The value of `key` in a mapping (the first entry whose key has that text), as `node[key]`.
    static func value(of key: String, in node: Int32, _ reader: YAMLNodeReader) -> Int32? {
        guard reader.kind(node) == .mapping else { return nil }
        for pair in 0..<reader.count(node) where reader.hasText(reader.key(node, pair), key) {
            return reader.value(node, pair)
        }
        return nil
    }

    /// The node a `#/…` reference names in the root document, or `nil` (reported by nobody) when it names another
    /// file or nothing.
    mutating func locateLocally(_ ref: String, _ reader: YAMLNodeReader) -> Int32? {
        guard ref.utf8.first == UInt8(ascii: "#") else { return nil }
        if let found = located[ScalarKey(ref)] { return found }
        guard let tokens = JSONPointer.tokens(of: String(ref.dropFirst())), var node = reader.root else {
            return nil
        }
        for token in tokens {
            switch reader.kind(node) {
            case .mapping:
                guard let next = lookup(token, in: node, reader) else { return nil }
                node = next
            case .sequence:
                guard let position = Int(token), position >= 0, position < reader.count(node) else { return nil }
                node = reader.element(node, position)
            case .scalar: return nil
            }
        }
        located[ScalarKey(ref)] = node
        return node
    }

    /// ``SpecResolver/lookup(_:in:)`` with this walk's indexes.
    mutating func lookup(_ key: String, in node: Int32, _ reader: YAMLNodeReader) -> Int32? {
        guard reader.count(node) > 32 else { return Self.value(of: key, in: node, reader) }
        if let known = mappingIndexes[node] { return known[ScalarKey(key)] }
        var index: [ScalarKey: Int32] = [:]
        index.reserveCapacity(reader.count(node))
        for pair in 0..<reader.count(node) {
            let entryKey = reader.key(node, pair)
            guard reader.kind(entryKey) == .scalar else { continue }
            let text = ScalarKey(reader.text(entryKey))
            if index[text] == nil { index[text] = reader.value(node, pair) }
        }
        mappingIndexes[node] = index
        return index[ScalarKey(key)]
    }
}

/// A reachability walk running on another thread (``SpecResolver/startReachabilityWalk(from:)``).
package final class PendingReachability: @unchecked Sendable {
    /// The roots the walk started from.
    package let roots: [SpecNode]
    private let indices: [Int32]
    // Written by the walk's thread before it signals `done`, read by the caller after `wait` (the semaphore orders
    // the two).
    private var walk: ReachabilityWalk
    private var reached: Set<Int32> = []
    private let done = DispatchSemaphore(value: 0)
    private let finished = Atomic<Bool>(false)
    private var adopted = false

    init(roots: [SpecNode], indices: [Int32], walk: ReachabilityWalk) {
        self.roots = roots
        self.indices = indices
        self.walk = walk
    }

    func run() {
        reached = walk.run(from: indices)
        finished.store(true, ordering: .releasing)
        done.signal()
    }

    /// Whether the walk has finished (without waiting for it).
    ///
    /// An atomic flag, not `done.wait(timeout: .now())`: a semaphore's wait with a deadline is a timed sleep in the
    /// kernel even when the deadline has passed, which took tens of microseconds a call on the benchmark machine (the default timer slack).
    package var isDone: Bool { finished.load(ordering: .acquiring) }

    /// Waits for the walk; hands its caches to `resolver` (once) and returns what it reached.
    package func wait(adoptingInto resolver: SpecResolver) -> Set<Int32> {
        wait()
        if !adopted {
            adopted = true
            resolver.adoptCaches(of: walk)
        }
        return reached
    }

    /// Waits for the walk, for a caller that will not use it (the thread is done with its roots and caches after).
    package func wait() {
        done.wait()
        done.signal()
    }
}
