import OktaGenDiagnostics
import OktaGenOpenAPI

/// Names of tags, and names that generated code could not keep apart (docs/Naming.md).
extension IRBuilder {
    /// The tags of the built operations: the document's tags in order, then tags only operations name, each once.
    ///
    /// Tags are compared by their scalars (two tags canonically equivalent are two groups), and their type and
    /// property names come from one scope each, so tags that differ only in case or punctuation (`users`, `Users`,
    /// `USERS`) get distinct names (types `Users`, `Users2`, `USERS`; properties `users`, `users2`, `users3`, never
    /// capitalized, as the client's initializer names types). The client's own member `core` is never a tag's.
    func buildTags(_ operations: [IROperation]) -> [IRTag] {
        let document = resolver.document
        var tagOrder: [String] = []
        var listed: Set<ScalarKey> = []
        for tag in document.tags where listed.insert(ScalarKey(tag.name)).inserted { tagOrder.append(tag.name) }
        for operation in operations where listed.insert(ScalarKey(operation.tag)).inserted {
            tagOrder.append(operation.tag)
        }
        let operationsByTag = Dictionary(grouping: operations) { ScalarKey($0.tag) }
        // The first declaration of each tag (a lookup by scan per tag was quadratic in the number of tags).
        var declaredTags: [ScalarKey: String?] = [:]
        for tag in document.tags where declaredTags[ScalarKey(tag.name)] == nil {
            declaredTags[ScalarKey(tag.name)] = .some(tag.description)
        }
        var typeScope = NameScope()
        var propertyScope = NameScope(reserved: ReservedNames.tagPropertyNames, lowercaseMembers: true)
        return tagOrder.compactMap { tagName in
            guard let members = operationsByTag[ScalarKey(tagName)], !members.isEmpty else { return nil }
            return IRTag(
                name: tagName, typeName: typeScope.type(tagName), propertyName: propertyScope.member(tagName),
                description: declaredTags[ScalarKey(tagName)] ?? nil,
                operationIds: members.map(\.operationId))
        }
    }

    /// Reports names of one list (an object's properties, an operation's parameters in one location) that are
    /// canonically equivalent but not the same scalars, at the later one.
    ///
    /// The generated code compares such names with `String ==` at run time (Foundation's `JSONDecoder` keys its
    /// objects by `String`, and so does the runtime's parameter lookup), so it could not tell them apart: the spec
    /// is valid, but no correct code exists for it. ASCII names cannot be equivalent to one another, so lists of
    /// ASCII names (nearly all) cost one pass over their bytes.
    /// - Parameters:
    ///   - names: The names with their nodes, in document order.
    ///   - what: How one is called in the message (`properties`, `query parameters`).
    ///   - owner: Where they are, for the message (`of schema 'User'`), or empty.
    ///   - reason: What could not tell them apart.
    func reportEquivalentNames(
        _ names: [(name: String, node: SpecNode)], what: String, owner: String, reason: String
    ) {
        guard names.contains(where: { !$0.name.isASCIIText }) else { return }
        var first: [String: (name: String, node: SpecNode)] = [:]
        for entry in names {
            guard let earlier = first[entry.name] else {
                first[entry.name] = entry
                continue
            }
            guard !earlier.name.hasSameScalars(as: entry.name) else { continue }
            error(
                "\(what) '\(Self.scalarSpelling(entry.name))' and '\(Self.scalarSpelling(earlier.name))' (line"
                    + " \(earlier.node.line))\(owner.isEmpty ? "" : " " + owner) are canonically equivalent Unicode"
                    + " names: \(reason) cannot tell them apart; rename one", at: entry.node)
        }
    }

    /// A name with every non-ASCII or invisible scalar spelled `\u{…}`, so that names that look the same in a
    /// terminal read differently in a message.
    static func scalarSpelling(_ name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars {
            if scalar.value >= 0x20, scalar.value < 0x7F {
                result.unicodeScalars.append(scalar)
            } else {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return result
    }
}

extension String {
    /// Whether every byte is ASCII (read from contiguous storage; native strings are not copied).
    var isASCIIText: Bool {
        var text = self
        return text.withUTF8 { bytes in bytes.allSatisfy { $0 < 0x80 } }
    }
}
