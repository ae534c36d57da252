import OktaGenDiagnostics
import OktaGenOpenAPI

/// Builds the ``IRModel`` of the selected operations from a loaded spec.
///
/// Only what the operations reach is decoded and typed. The component schemas the selected operations reach get names
/// first, in component order, so that a type's name does not depend on schemas that are not selected (nor on the
/// order types are met in); inline types are named after their owner (`User` + `credentials` → `UserCredentials`)
/// and get a numeric suffix only on a clash (docs/Naming.md).
public final class IRBuilder {
    let resolver: SpecResolver
    let selection: TagSelection
    var diagnostics: DiagnosticCollector { resolver.diagnostics }

    /// The root document's component schemas that have a type name: their names and type names by node index.
    var rootComponents: [Int32: (schemaName: String, typeName: String)] = [:]
    /// The root document's component schemas, named or not: their names by node index.
    var rootComponentSchemas: [Int32: String] = [:]
    /// The same nodes in document order.
    var rootComponentOrder: [SpecNode] = []
    /// Type names chosen in the settings, by component schema name (see ``IRNameOverride``).
    let nameOverrides: [IRNameOverride]
    /// How path parameters get their labels (`path-labels`; see ``IRPathLabels``).
    let pathLabels: IRPathLabels
    /// Type names of the root document's component schemas, by component name (compared by scalars: see
    /// ``ScalarKey``).
    var componentTypeNames: [ScalarKey: String] = [:]
    var typeScope = NameScope()
    /// Named types by the schema node they come from.
    var namedTypes: [NodeKey: String] = [:]
    /// Built types by name.
    var types: [String: IRType] = [:]
    /// Types still to build (name, schema, component name).
    var queue: [(name: String, schema: Schema, schemaName: String?)] = []
    var checkedExamples: Set<NodeKey> = []
    /// Flattened `allOf`s by schema node (see `flatten`).
    var flatCache: [NodeKey: Flat] = [:]
    /// The schemas whose types are being worked out inline, innermost last (see `nested`).
    var inlineNesting: [NodeKey] = []
    /// Whether the run-time engine compiles a pattern, by pattern: each is compiled once, however many uses share it.
    var runnablePatterns: [String: Bool] = [:]
    /// The root document's identity (its component schemas are named up front: `rootComponents`).
    let rootSource: ObjectIdentifier
    var usedSchemes: Set<String> = []
    /// See `declaredSecuritySchemes`.
    var securitySchemeNames: Set<String>?
    /// Object types whose schema says `additionalProperties: false` (see `openUnionVariants`).
    var closedObjects: Set<String> = []
    /// How the reachability walk runs (`collectOperations`); tests compare the three.
    var walkMode: WalkMode = SpecResolver.hasSpareCore ? .besideDecoding : .sequential

    enum WalkMode {
        /// After the path items are decoded, on this thread.
        case sequential
        /// On another thread while this one decodes the path items, then component schemas until the walk is done.
        case besideDecoding
        /// As `besideDecoding`, but every component schema is decoded ahead, however soon the walk is done.
        case decodingAllAhead
    }

    struct NodeKey: Hashable {
        let document: ObjectIdentifier
        let index: Int32
        init(_ node: SpecNode) {
            document = ObjectIdentifier(node.document)
            index = node.index
        }
    }

    /// Creates a builder.
    /// - Parameters:
    ///   - resolver: The loaded spec.
    ///   - selection: Which operations to include.
    ///   - nameOverrides: Type names for component schemas, chosen in the settings (`name-overrides`).
    ///   - pathLabels: How path parameters get their labels, chosen in the settings (`path-labels`).
    public init(
        resolver: SpecResolver, selection: TagSelection, nameOverrides: [IRNameOverride] = [],
        pathLabels: IRPathLabels = .resource
    ) {
        self.resolver = resolver
        self.selection = selection
        self.nameOverrides = nameOverrides
        self.pathLabels = pathLabels
        self.rootSource = ObjectIdentifier(resolver.document.source)
        // The nodes written at `#/components/schemas/<name>` of the root document (the first of a repeated name).
        // They are named once the selected operations are known (`nameComponents(reachableFrom:)`).
        var seen: Set<ScalarKey> = []
        for entry in resolver.document.components.schemas where ObjectIdentifier(entry.node.document) == rootSource {
            let tokens = entry.node.pointerTokens
            guard tokens.count == 3, tokens[0] == "components", tokens[1] == "schemas", tokens[2] == entry.name,
                rootComponentSchemas[entry.node.index] == nil, seen.insert(ScalarKey(entry.name)).inserted
            else { continue }
            rootComponentSchemas[entry.node.index] = entry.name
            rootComponentOrder.append(entry.node)
        }
    }

    /// Builds the model of the selected operations.
    /// - Returns: The model; warnings and errors are in the resolver's diagnostics.
    public func build() -> IRModel {
        let document = resolver.document
        let operations = collectOperations()
        while let next = queue.popLast() {
            types[next.name] = buildType(name: next.name, schema: next.schema, schemaName: next.schemaName)
        }
        openUnionVariants()
        markRecursiveProperties()
        let tags = buildTags(operations)
        let schemes: [IRSecurityScheme] = usedSchemes.sorted().compactMap { name in
            guard let scheme = resolver.securityScheme(named: name) else { return nil }
            return IRSecurityScheme(
                name: name, type: scheme.type, parameterName: scheme.name, location: scheme.location,
                scheme: scheme.scheme, description: scheme.description)
        }
        let info = document.info
        return IRModel(
            source: IRSpecInfo(
                file: document.source.path, openapi: document.openapi, title: info.title, version: info.version,
                description: info.description,
                servers: document.servers.map { server in
                    IRServer(
                        url: server.url, description: server.description,
                        variables: server.variables.map {
                            IRServerVariable(
                                name: $0.name, defaultValue: $0.variable.defaultValue,
                                enumValues: $0.variable.enumValues)
                        })
                }),
            selectedTags: selection.names, tags: tags, operations: operations,
            types: types.values.sorted { $0.name < $1.name }, securitySchemes: schemes)
    }

    // MARK: Locations

    /// Where `node` is: its pointer is the cached pointer of its parent and its own token (``IRSource``; the cache
    /// lives with the documents, in the resolver).
    func source(_ node: SpecNode) -> IRSource {
        guard let parts = resolver.pointerParts(of: node) else {
            return IRSource(file: node.document.path, line: node.line, column: node.column, pointer: "#")
        }
        return IRSource(
            file: node.document.path, line: node.line, column: node.column, parentPointer: parts.parentPointer,
            escapedToken: parts.escapedToken)
    }

    func warning(_ message: String, at node: SpecNode) {
        diagnostics.warning(message, at: node.location, pointer: node.pointer)
    }

    func error(_ message: String, at node: SpecNode) {
        diagnostics.error(message, at: node.location, pointer: node.pointer)
    }
}
