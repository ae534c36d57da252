import OktaGenDiagnostics
import OktaGenYAML

/// A located node of a loaded document: what the OpenAPI model's values point back to, for messages (line, column,
/// JSON pointer) and identity.
///
/// The layers above (the IR) name nodes through this alias and never import the YAML layer; what they need to read
/// from a node's contents (an operation's tags and operationId, a schema's title, the schemas whose `allOf`
/// references another) this layer answers: ``SpecResolver/operationIndex(_:)``, ``SpecResolver/schemaTitle(of:)``,
/// ``SpecResolver/componentsExtending(_:)``.
public typealias SpecNode = YAMLNode

/// An operation of a path item as the document writes it, before it is decoded: enough to select operations by tag
/// and to find repeated operationIds without decoding the path items that are not selected.
public struct OperationIndexEntry {
    /// The HTTP method (the key of the path item).
    public let method: HTTPMethod
    /// The `operationId` as written, if any.
    public let operationId: String?
    /// The `operationId` node, else the operation's mapping: where a repeated id is reported, and the identity the
    /// decoded ``Operation`` is matched with (``SpecResolver/identityNode(of:)``).
    public let idNode: SpecNode
    /// The `tags`, as written.
    public let tags: [String]
    /// The operation's mapping.
    public let node: SpecNode
}

extension SpecResolver {
    /// The operations of a `paths` entry (its `$ref` followed), read from the nodes without decoding them: `nil` when
    /// the path item cannot be resolved (its diagnostics are reported once: the collector drops repeats).
    public func operationIndex(_ entry: PathEntry) -> [OperationIndexEntry]? {
        guard let item = pathItemNode(entry) else { return nil }
        var operations: [OperationIndexEntry] = []
        for (key, value) in item.entries where key.isScalar && value.isMapping {
            guard let method = HTTPMethod(rawValue: key.text) else { continue }
            let idNode = value["operationId"]
            operations.append(
                OperationIndexEntry(
                    method: method, operationId: idNode.map(\.text), idNode: idNode ?? value,
                    tags: value["tags"]?.elements.map(\.text) ?? [], node: value))
        }
        return operations
    }

    /// The tag names a document knows: those declared under `tags`, and those its operations carry (a spec need not
    /// declare a tag it uses), sorted.
    public func knownTags() -> [String] {
        var known = Set(document.tags.map(\.name))
        for entry in document.paths {
            guard let item = pathItemNode(entry) else { continue }
            for (key, value) in item.entries where key.isScalar && value.isMapping {
                guard HTTPMethod(rawValue: key.text) != nil, let tags = value["tags"] else { continue }
                for tag in tags.elements where tag.isScalar { known.insert(tag.text) }
            }
        }
        return known.sorted()
    }

    /// The node an ``OperationIndexEntry/idNode`` of this operation is: its `operationId`, else its mapping.
    public func identityNode(of operation: Operation) -> SpecNode {
        operation.node["operationId"] ?? operation.node
    }

    /// The `title` of a schema's mapping, when it has one that can name something (letters or digits in it).
    public func schemaTitle(of node: SpecNode) -> String? {
        guard node.isMapping, let text = node["title"]?.scalarText,
            text.unicodeScalars.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil })
        else { return nil }
        return text
    }

    /// The component schemas (of the root document) whose `allOf` holds a `$ref` written exactly `ref`: the subtypes
    /// of a base schema without a discriminator mapping.
    ///
    /// Answered from an index of every component's `allOf` references, built on the first call: the reachability
    /// walk asks once per discriminated base, and a scan of Okta's 1,500 components each time cost 43 M instructions.
    public func componentsExtending(_ ref: String) -> [Components.Entry] {
        extendingIndexBuilt()[ScalarKey(ref)] ?? []
    }

    /// The index behind ``componentsExtending(_:)``, built now if it was not yet.
    func extendingIndexBuilt() -> [ScalarKey: [Components.Entry]] {
        if let extendingIndex { return extendingIndex }
        var index: [ScalarKey: [Components.Entry]] = [:]
        for entry in document.components.schemas {
            guard entry.node.isMapping, let allOf = entry.node["allOf"] else { continue }
            var refs: Set<ScalarKey> = []
            for element in allOf.elements {
                if let text = element["$ref"]?.scalarText, refs.insert(ScalarKey(text)).inserted {
                    index[ScalarKey(text), default: []].append(entry)
                }
            }
        }
        extendingIndex = index
        return index
    }

    /// The name of the component schema a node is written as (`#/components/schemas/Name` of its document), if it is
    /// one.
    public func componentSchemaName(of node: SpecNode) -> String? {
        guard let parent = node.parent, let grandparent = parent.parent, grandparent.parent?.parent == nil,
            parent.isMapping, grandparent.isMapping
        else { return nil }
        let tokens = node.pointerTokens
        guard tokens.count == 3, tokens[0] == "components", tokens[1] == "schemas" else { return nil }
        return tokens[2]
    }
}

extension SpecResolver {
    /// Where a message about a member of a mapping points: the member's value node (`name` of a parameter, `enum`
    /// of a schema), else the mapping itself.
    public func memberNode(_ key: String, of node: SpecNode) -> SpecNode {
        node[key] ?? node
    }
}
