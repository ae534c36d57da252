import OktaGenDiagnostics
import OktaGenYAML

extension SpecResolver {
    /// The decoded schema a reference or inline value stands for.
    /// - Returns: The schema, or `nil` after reporting why it cannot be resolved or decoded.
    public func schema(_ ref: SchemaRef) -> Schema? {
        switch ref {
        case .value(let schema): return schema
        case .reference(let reference):
            guard let node = resolve(reference) else { return nil }
            return schema(at: node)
        }
    }

    /// The schema at a node, decoded once.
    public func schema(at node: YAMLNode) -> Schema? {
        let key = NodeKey(node)
        if let cached = schemaCache[key] { return cached }
        if let ahead = decodedAhead.removeValue(forKey: key) {
            // Decoded early (`decodeAhead`): what decoding reported is reported now, where it would have been.
            for diagnostic in ahead.diagnostics { diagnostics.report(diagnostic) }
            schemaCache[key] = ahead.schema
            return ahead.schema
        }
        if node.isScalar, case .bool = node.scalar, context.isV31 {
            let schema = context.emptySchema(node)
            schemaCache[key] = schema
            return schema
        }
        guard node.isMapping else {
            context.error(
                "expected a schema (a mapping) at \(node.pointer), found \(DecodingContext.found(node))", at: node)
            return nil
        }
        guard let schema = context.schema(node) else { return nil }
        schemaCache[key] = schema
        return schema
    }

    /// Decodes the schema mapping at `node` before anything asks for it, keeping what decoding reports until
    /// ``schema(at:)`` is first asked for it: a schema never asked for reports nothing, and one asked for reports
    /// what it would have, at the same point among the other messages.
    ///
    /// For time a thread would otherwise spend waiting (the IR decodes component schemas while the reachability
    /// walk runs on the other core: ``startReachabilityWalk(from:)``). Decoding reads only the schema's nodes, so a
    /// schema decoded early is the one decoded late.
    /// - Parameter node: A schema mapping; one of more than ``maxNodesDecodedAhead`` nodes is left to its first use
    ///   (decoding ahead what is never used is wasted, so each schema's share is bounded).
    package func decodeAhead(_ node: YAMLNode) {
        let key = NodeKey(node)
        guard node.isMapping, node.subtreeSize <= Self.maxNodesDecodedAhead, schemaCache[key] == nil,
            decodedAhead[key] == nil
        else { return }
        let reported = DiagnosticCollector()
        let early = DecodingContext(diagnostics: reported, isV31: context.isV31)
        guard let schema = early.schema(node) else { return }
        decodedAhead[key] = (schema, reported.diagnostics)
    }

    /// The largest schema ``decodeAhead(_:)`` decodes, in nodes (Okta's largest component schema has a few hundred).
    static let maxNodesDecodedAhead = 4096

    /// Drops what ``decodeAhead(_:)`` decoded and nobody asked for yet (a later first use decodes it then, the same).
    package func discardDecodedAhead() {
        decodedAhead = [:]
    }

    /// The node of `#/components/schemas/<name>` in the root document.
    public func componentSchemaNode(named name: String) -> YAMLNode? {
        document.components.schemas.first { $0.name == name }?.node
    }

    public func parameter(_ ref: Referenceable<Parameter>) -> Parameter? {
        decode(ref, cache: \.parameterCache, decode: context.parameter)
    }

    public func requestBody(_ ref: Referenceable<RequestBody>) -> RequestBody? {
        decode(ref, cache: \.requestBodyCache, decode: context.requestBody)
    }

    public func response(_ ref: Referenceable<Response>) -> Response? {
        decode(ref, cache: \.responseCache, decode: context.response)
    }

    public func header(_ ref: Referenceable<Header>) -> Header? {
        decode(ref, cache: \.headerCache, decode: context.header)
    }

    /// The decoded path item of a `paths` entry (following a `$ref`), decoded once.
    public func pathItem(_ entry: PathEntry) -> PathItem? {
        guard let node = pathItemNode(entry) else { return nil }
        let key = NodeKey(node)
        if let cached = pathItemCache[key] { return cached }
        guard let item = context.pathItem(node) else { return nil }
        pathItemCache[key] = item
        return item
    }

    /// The mapping of a `paths` entry, with a `$ref` followed.
    public func pathItemNode(_ entry: PathEntry) -> YAMLNode? {
        guard entry.node["$ref"] != nil else { return entry.node }
        guard let reference = context.reference(entry.node), let node = resolve(reference) else { return nil }
        guard node.isMapping else {
            context.error(
                "expected a path item (a mapping) at '\(reference.ref)', found \(DecodingContext.found(node))",
                at: entry.node["$ref"] ?? entry.node)
            return nil
        }
        return node
    }

    /// The security scheme named in `components/securitySchemes`.
    public func securityScheme(named name: String) -> SecurityScheme? {
        if let cached = securitySchemeCache[name] { return cached }
        if securitySchemeEntries == nil {
            // By name, the first of a repeated name: a scan per name was quadratic in the number of schemes.
            securitySchemeEntries = Dictionary(
                document.components.securitySchemes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        }
        guard let entry = securitySchemeEntries?[name] else { return nil }
        let node: YAMLNode
        if entry.node.isMapping, entry.node["$ref"] != nil, let reference = context.reference(entry.node) {
            guard let target = resolve(reference) else { return nil }
            node = target
        } else {
            node = entry.node
        }
        guard node.isMapping, let scheme = context.securityScheme(node) else { return nil }
        securitySchemeCache[name] = scheme
        return scheme
    }

    private func decode<T>(
        _ ref: Referenceable<T>, cache: ReferenceWritableKeyPath<SpecResolver, [NodeKey: T]>,
        decode: (YAMLNode) -> T?
    ) -> T? {
        switch ref {
        case .value(let value): return value
        case .reference(let reference):
            guard let node = resolve(reference) else { return nil }
            let key = NodeKey(node)
            if let cached = self[keyPath: cache][key] { return cached }
            guard node.isMapping else {
                context.error(
                    "expected a mapping at '\(reference.ref)', found \(DecodingContext.found(node))",
                    at: reference.node["$ref"] ?? reference.node)
                return nil
            }
            guard let value = decode(node) else { return nil }
            self[keyPath: cache][key] = value
            return value
        }
    }

    // MARK: Whole-document validation

    /// Decodes every component and every operation's references, walking schemas transitively, so that every
    /// problem in the document is reported (generation decodes only what the selected operations reach).
    public func validateAll() {
        var visited: Set<NodeKey> = []
        let components = document.components
        for entry in components.schemas {
            if let schema = schemaEntry(entry) { walk(schema, visited: &visited) }
        }
        for entry in components.parameters {
            if let parameter = entryValue(entry, decode: self.parameter) { walk(parameter, visited: &visited) }
        }
        for entry in components.requestBodies {
            if let body = entryValue(entry, decode: self.requestBody) { walk(body.content, visited: &visited) }
        }
        for entry in components.responses {
            if let response = entryValue(entry, decode: self.response) { walk(response, visited: &visited) }
        }
        for entry in components.headers {
            if let header = entryValue(entry, decode: self.header) {
                walk(header.content, schema: header.schema, visited: &visited)
            }
        }
        for entry in components.securitySchemes { _ = securityScheme(named: entry.name) }
        var operationIds: [ScalarKey: YAMLNode] = [:]
        for path in document.paths {
            guard let item = pathItem(path) else { continue }
            for parameter in item.parameters {
                if let value = self.parameter(parameter) { walk(value, visited: &visited) }
            }
            for (_, operation) in item.operations {
                if let id = operation.operationId, let idNode = operation.node["operationId"] {
                    if let first = operationIds[ScalarKey(id)] {
                        // Two paths may share one path item through a `$ref`: the same node is no duplicate.
                        if NodeKey(first) != NodeKey(idNode) {
                            context.error(
                                "duplicate operationId '\(id)'; it was first used at \(first.line):\(first.column)",
                                at: idNode)
                        }
                    } else {
                        operationIds[ScalarKey(id)] = idNode
                    }
                }
                for parameter in operation.parameters {
                    if let value = self.parameter(parameter) { walk(value, visited: &visited) }
                }
                if let body = operation.requestBody.flatMap(requestBody) { walk(body.content, visited: &visited) }
                for response in operation.responses {
                    if let value = self.response(response.response) { walk(value, visited: &visited) }
                }
            }
        }
    }

    private func schemaEntry(_ entry: Components.Entry) -> Schema? {
        if entry.node.isMapping, entry.node["$ref"] != nil, !context.hasRefSiblings(entry.node),
            let reference = context.reference(entry.node)
        {
            return schema(.reference(reference))
        }
        return schema(at: entry.node)
    }

    private func entryValue<T>(_ entry: Components.Entry, decode: (Referenceable<T>) -> T?) -> T? {
        guard entry.node.isMapping else {
            context.error(
                "expected a mapping for '\(entry.name)', found \(DecodingContext.found(entry.node))", at: entry.node)
            return nil
        }
        if entry.node["$ref"] != nil, let reference = context.reference(entry.node) {
            return decode(.reference(reference))
        }
        return decode(.reference(Reference(ref: entry.node.pointer, node: entry.node, description: nil)))
    }

    private func walk(_ parameter: Parameter, visited: inout Set<NodeKey>) {
        walk(parameter.content, schema: parameter.schema, visited: &visited)
    }

    private func walk(_ response: Response, visited: inout Set<NodeKey>) {
        walk(response.content, visited: &visited)
        for (_, header) in response.headers {
            if let value = self.header(header) { walk(value.content, schema: value.schema, visited: &visited) }
        }
    }

    private func walk(_ content: [MediaTypeEntry], schema: SchemaRef? = nil, visited: inout Set<NodeKey>) {
        if let schema, let value = self.schema(schema) { walk(value, visited: &visited) }
        for entry in content {
            if let ref = entry.schema, let value = self.schema(ref) { walk(value, visited: &visited) }
        }
    }

    /// Decodes every schema reachable from `root`, depth first, children in document order, each schema once.
    ///
    /// The walk keeps its own stack (a frame per schema, with the position of the next child): a chain of 100,000
    /// schemas linked through `$ref`s is a valid spec, and one call per link would overflow the thread's stack.
    /// The order of the work, and so of the diagnostics, is that of the plain recursive walk.
    private func walk(_ root: Schema, visited: inout Set<NodeKey>) {
        struct Frame {
            let schema: Schema
            let children: [SchemaRef]
            var next = 0
        }
        func frame(_ schema: Schema) -> Frame? {
            guard visited.insert(NodeKey(schema.node)).inserted else { return nil }
            var children: [SchemaRef] = schema.properties.map(\.schema) + schema.allOf + schema.oneOf + schema.anyOf
            if let items = schema.items { children.append(items) }
            if case .schema(let additional) = schema.additionalProperties { children.append(additional) }
            if let not = schema.not { children.append(not) }
            return Frame(schema: schema, children: children)
        }
        guard let first = frame(root) else { return }
        var stack = [first]
        while let top = stack.last {
            if top.next < top.children.count {
                stack[stack.count - 1].next += 1
                if let value = self.schema(top.children[top.next]), let child = frame(value) { stack.append(child) }
                continue
            }
            stack.removeLast()
            if let discriminator = top.schema.discriminator {
                for entry in discriminator.mapping {
                    _ = discriminatorTarget(entry.ref, node: entry.node, in: top.schema)
                }
            }
        }
    }

    /// Resolves a discriminator mapping value: a `$ref` text, or a bare schema name (`User` → `#/components/schemas/User`).
    public func discriminatorTarget(_ value: String, node: YAMLNode, in schema: Schema) -> Schema? {
        let refText =
            value.contains("#") || value.contains("/") || value.hasSuffix(".yaml") || value.hasSuffix(".json")
            ? value : "#/components/schemas/\(value)"
        let reference = Reference(ref: refText, node: node, description: nil)
        return self.schema(.reference(reference))
    }
}
