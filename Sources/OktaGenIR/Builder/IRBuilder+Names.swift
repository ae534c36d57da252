import OktaGenDiagnostics
import OktaGenOpenAPI

/// Names of tags, and names that generated code could not keep apart (docs/Naming.md).
extension IRBuilder {
    /// The tags of the built operations: the document's tags in order, then tags only operations name, each once.
    ///
    /// A group is named (docs/Naming.md, "API groups"), in this order, by its `group-names` entry, by the tag's
    /// `x-displayName` (`User Credentials` → `UserCredentials`, `userCredentials`; see
    /// ``SwiftNames/groupName(title:)``), or by the tag itself. Tags are compared by their scalars (two tags
    /// canonically equivalent are two groups), and their type and property names come from one scope each, so groups
    /// whose names differ only in case or punctuation (`users`, `Users`, `USERS`) get distinct names (types `Users`,
    /// `Users2`, `USERS`; properties `users`, `users2`, `users3`, never capitalized, as the client's initializer
    /// names types). The client's own member `core` is never a tag's.
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
        var declaredTags: [ScalarKey: Tag] = [:]
        for tag in document.tags where declaredTags[ScalarKey(tag.name)] == nil {
            declaredTags[ScalarKey(tag.name)] = tag
        }
        let overrides = groupNameOverrides(tags: tagOrder)
        var typeScope = NameScope()
        var propertyScope = NameScope(reserved: ReservedNames.tagPropertyNames, lowercaseMembers: true)
        return tagOrder.compactMap { tagName in
            guard let members = operationsByTag[ScalarKey(tagName)], !members.isEmpty else { return nil }
            let declared = declaredTags[ScalarKey(tagName)]
            let name: (type: String, member: String)
            if let override = overrides[ScalarKey(tagName)] {
                name = (override, SwiftNames.lowerCamel(override))
            } else if let title = declared?.displayName, let fromTitle = SwiftNames.groupName(title: title) {
                name = fromTitle
            } else {
                name = (tagName, tagName)
            }
            return IRTag(
                name: tagName, typeName: typeScope.type(name.type), propertyName: propertyScope.member(name.member),
                description: declared?.description, operationIds: members.map(\.operationId))
        }
    }

    /// The `group-names` entries, checked: an entry for a tag the spec does not have is a warning (with "did you
    /// mean" when one is close), a type name that is not an UpperCamel Swift name is an error.
    private func groupNameOverrides(tags: [String]) -> [ScalarKey: String] {
        var result: [ScalarKey: String] = [:]
        for override in nameOverrides where override.isGroup {
            guard tags.contains(where: { $0.hasSameScalars(as: override.schemaName) }) else {
                let suggestion = EditDistance.closest(to: override.schemaName, among: tags)
                diagnostics.warning(
                    "group-names: no tag is called '\(Diagnostic.excerpt(override.schemaName))'"
                        + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                    at: override.location, pointer: override.pointer)
                continue
            }
            let typeName = override.typeName
            guard !typeName.isEmpty, SwiftNames.legal(SwiftNames.verbatim(typeName), escapeKeywords: false) == typeName,
                SwiftNames.upperCamel(typeName) == typeName, !SwiftNames.keywords.contains(typeName)
            else {
                diagnostics.error(
                    "group-names: '\(Diagnostic.excerpt(typeName))' is not an UpperCamel Swift name",
                    at: override.location, pointer: override.pointer)
                continue
            }
            if result[ScalarKey(override.schemaName)] == nil { result[ScalarKey(override.schemaName)] = typeName }
        }
        return result
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

/// A type name the settings choose for a component schema (`name-overrides` in `oktagen.yaml`), or for a tag's API
/// group (`group-names`).
public struct IRNameOverride: Sendable, Equatable {
    /// The component schema's name (the tag's, for a group), as the spec writes it.
    public var schemaName: String
    /// The Swift type name to give it (for a group, the name before `API` and `Handler`).
    public var typeName: String
    /// Whether it names a tag's API group (`group-names`) rather than a component schema.
    public var isGroup: Bool
    /// Where the setting is written, for messages.
    public var location: SourceLocation?
    /// The setting's JSON pointer in its file, for messages.
    public var pointer: String?

    /// Creates an override of a component schema's type name.
    public init(schemaName: String, typeName: String, location: SourceLocation? = nil, pointer: String? = nil) {
        self.schemaName = schemaName
        self.typeName = typeName
        self.isGroup = false
        self.location = location
        self.pointer = pointer
    }

    /// Creates an override of the API group name of the tag `group`.
    public init(group: String, typeName: String, location: SourceLocation? = nil, pointer: String? = nil) {
        self.init(schemaName: group, typeName: typeName, location: location, pointer: pointer)
        self.isGroup = true
    }
}

extension IRBuilder {
    /// Okta's component schema names that read badly in Swift, and the names they get instead unless
    /// `name-overrides` says otherwise or a component schema has the new name (docs/Naming.md, "Better names than
    /// the spec's").
    ///
    /// `UserGetSingleton` (the user `getUser` returns: a `User` with the `_embedded` data that `expand` asks for) is
    /// named after what sets it apart, not after the operation and a Java pattern: `ExpandedUser`.
    static let idiomaticTypeNames: [(schemaName: String, typeName: String)] = [
        ("UserGetSingleton", "ExpandedUser")
    ]

    /// Gives type names to the component schemas the selected operations reach, before any type is built.
    ///
    /// Overridden names are claimed first, then the reached schemas in component order (names already in their
    /// idiomatic form first: `TempPassword` before `tempPassword`). A schema the operations do not reach claims
    /// nothing, so the bundled seven-tag spec and Okta's whole file give the seven tags the same names: Okta's
    /// unrelated `TempPassword` no longer pushes the users' `tempPassword` to `TempPassword2`, nor its `UserType`
    /// the inline `User.type` to `UserType2`. A schema reached later after all (through another file) is named
    /// when it is met (`rootComponentName(at:)`).
    /// - Parameters:
    ///   - roots: Where the walk starts (the chosen operations and their path items' `parameters`).
    ///   - reached: What the walk from `roots` reached, when it already ran (on another thread).
    func nameComponents(reachableFrom roots: [SpecNode], reached: Set<Int32>? = nil) {
        let reached = reached ?? resolver.reachableComponentSchemas(from: roots)
        var overridden: [ScalarKey: String] = [:]
        for override in nameOverrides where !override.isGroup {
            let key = ScalarKey(override.schemaName)
            guard rootComponentSchemas.values.contains(where: { $0.hasSameScalars(as: override.schemaName) }) else {
                let suggestion = EditDistance.closest(
                    to: override.schemaName, among: rootComponentOrder.compactMap { rootComponentSchemas[$0.index] })
                diagnostics.warning(
                    "name-overrides: no component schema is called '\(Diagnostic.excerpt(override.schemaName))'"
                        + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                    at: override.location, pointer: override.pointer)
                continue
            }
            guard overridden[key] == nil else { continue }
            let typeName = override.typeName
            guard !typeName.isEmpty, SwiftNames.legal(SwiftNames.verbatim(typeName), escapeKeywords: false) == typeName
            else {
                diagnostics.error(
                    "name-overrides: '\(Diagnostic.excerpt(typeName))' is not a Swift type name",
                    at: override.location, pointer: override.pointer)
                continue
            }
            if ReservedNames.typeNames.contains(typeName) || SwiftNames.keywords.contains(typeName)
                || typeScope.contains(typeName)
            {
                let why = typeScope.contains(typeName) ? "another override takes it" : "generated code uses that name"
                diagnostics.error(
                    "name-overrides: '\(typeName)' cannot name '\(Diagnostic.excerpt(override.schemaName))': \(why)",
                    at: override.location, pointer: override.pointer)
                continue
            }
            typeScope.reserve(typeName)
            overridden[key] = typeName
        }
        for (schemaName, typeName) in Self.idiomaticTypeNames where overridden[ScalarKey(schemaName)] == nil {
            // Only where nothing else wants the name: no component schema is called so, in any spelling.
            guard rootComponentSchemas.values.contains(where: { $0.hasSameScalars(as: schemaName) }),
                !rootComponentSchemas.values.contains(where: { SwiftNames.upperCamel($0) == typeName }),
                !typeScope.contains(typeName)
            else { continue }
            typeScope.reserve(typeName)
            overridden[ScalarKey(schemaName)] = typeName
        }
        var names: [(node: SpecNode, name: String)] = []
        for node in rootComponentOrder {
            guard let name = rootComponentSchemas[node.index] else { continue }
            if let typeName = overridden[ScalarKey(name)] {
                record(typeName, for: name, at: node.index)
            } else if reached.contains(node.index) {
                // A schema that adds no type of its own claims no name (`lookThrough`).
                if let schema = resolver.schema(at: node), lookThrough(schema, node: node) != nil { continue }
                names.append((node, name))
            }
        }
        for (entry, typeName) in zip(names, typeScope.types(names.map(\.name))) {
            record(typeName, for: entry.name, at: entry.node.index)
        }
    }

    /// The type name of the root document's component schema at `index`, naming it now if the up-front pass did
    /// not; `nil` when the node is not a component schema.
    func rootComponentName(at index: Int32) -> (schemaName: String, typeName: String)? {
        if let names = rootComponents[index] { return names }
        guard let schemaName = rootComponentSchemas[index] else { return nil }
        let typeName = typeScope.type(schemaName)
        record(typeName, for: schemaName, at: index)
        return (schemaName, typeName)
    }

    private func record(_ typeName: String, for schemaName: String, at index: Int32) {
        rootComponents[index] = (schemaName, typeName)
        componentTypeNames[ScalarKey(schemaName)] = typeName
    }
}

extension IRBuilder {
    /// The type name of the root document's component schema called `schemaName`, naming it now if needed: the
    /// base of the names of inline schemas written inside it.
    func componentBaseName(_ schemaName: String) -> String? {
        if let name = componentTypeNames[ScalarKey(schemaName)] { return name }
        guard let node = rootComponentOrder.first(where: { rootComponentSchemas[$0.index] == schemaName }) else {
            return nil
        }
        return rootComponentName(at: node.index)?.typeName
    }
}
