import OktaGenDiagnostics
import OktaGenYAML

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
        let root = document.source
        var visited = [Bool](repeating: false, count: root.nodeCount)
        var reached: Set<Int32> = []
        var stack = roots.filter { $0.document === root && !$0.isScalar }
        while let node = stack.popLast() {
            guard !visited[Int(node.index)] else { continue }
            visited[Int(node.index)] = true
            if node.isSequence {
                for element in node.elements where !element.isScalar { stack.append(element) }
                continue
            }
            // Inside `properties`, `responses` (and the like) keys are names: `example` there is a schema, `default` a
            // response.
            let keysAreNames = Self.namedSchemaMaps.contains(node.tokenInParentIfKnown ?? "")
            for (key, value) in node.entries {
                if key.hasText("$ref") {
                    if value.isScalar, let target = locateLocally(value.text) { stack.append(target) }
                } else if key.hasText("discriminator"), value.isMapping, !keysAreNames {
                    if let mapping = value["mapping"], mapping.isMapping {
                        for (_, target) in mapping.entries where target.isScalar {
                            let text = target.text
                            let ref = text.hasPrefix("#") ? text : "#/components/schemas/" + text
                            if let found = locateLocally(ref) { stack.append(found) }
                        }
                    }
                    if let name = componentSchemaName(of: node) {
                        stack.append(contentsOf: componentsExtending("#/components/schemas/" + name).map(\.node))
                    }
                } else if !value.isScalar, keysAreNames || !Self.dataKeywords.contains(where: key.hasText) {
                    stack.append(value)
                }
            }
            if componentSchemaName(of: node) != nil { reached.insert(node.index) }
        }
        return reached
    }

    /// Keywords whose values are data, where a `$ref` member is not a reference.
    static let dataKeywords = ["example", "examples", "default", "enum", "const"]
    /// Keywords whose values map names (of properties, status codes, media types, components…) to objects: a key
    /// `default` or `example` there is a name (the `default` response), not data.
    static let namedSchemaMaps: Set<String> = [
        "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "responses", "content",
        "headers", "encoding", "callbacks", "links", "schemas", "parameters", "requestBodies", "pathItems",
    ]

    /// The node a `#/…` reference names in the root document, or `nil` (reported by nobody) when it names another
    /// file or nothing.
    func locateLocally(_ ref: String) -> YAMLNode? {
        guard ref.utf8.first == UInt8(ascii: "#") else { return nil }
        let key = LocatedKey(document: ObjectIdentifier(document.source), fragment: ref)
        if let found = located[key] { return found }
        guard let tokens = JSONPointer.tokens(of: String(ref.dropFirst())), var node = document.source.root else {
            return nil
        }
        for token in tokens {
            switch node.kind {
            case .mapping:
                guard let next = lookup(token, in: node) else { return nil }
                node = next
            case .sequence:
                guard let next = Int(token).flatMap({ node[$0] }) else { return nil }
                node = next
            case .scalar: return nil
            }
        }
        located[key] = node
        return node
    }
}

extension YAMLNode {
    /// ``tokenInParent`` for nodes whose parent is a mapping with a scalar key; `nil` otherwise (cheaper than a
    /// pointer).
    fileprivate var tokenInParentIfKnown: String? {
        guard let parent, parent.isMapping else { return nil }
        return tokenInParent
    }
}
