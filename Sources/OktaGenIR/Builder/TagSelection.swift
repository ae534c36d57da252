import OktaGenOpenAPI

/// Which operations go into the model.
public enum TagSelection: Sendable, Equatable {
    /// Operations with at least one of these tags.
    case tags([String])
    /// Every operation.
    case all

    /// Okta's seven user tags (36 operations in release 2026.06.3).
    public static let oktaUserTags = [
        "User", "UserLifecycle", "UserCred", "UserSessions", "UserGrant", "UserOAuth", "UserResources",
    ]

    /// The default selection: Okta's seven user tags.
    public static let `default` = TagSelection.tags(oktaUserTags)

    /// Parses `T1,T2` or `all`.
    /// - Parameter text: The option's value.
    /// - Returns: The selection (`nil` for an empty list).
    public static func parse(_ text: String) -> TagSelection? {
        let names = text.split(separator: ",").map { $0.trimmingWhitespace }.filter { !$0.isEmpty }
        if names.isEmpty { return nil }
        if names.count == 1, names[0].lowercased() == "all" { return .all }
        return .tags(names)
    }

    /// The names as they go into ``IRModel/selectedTags``.
    public var names: [String] {
        switch self {
        case .all: ["all"]
        case .tags(let names): names
        }
    }
}

extension TagSelection {
    /// The tag names a document knows: those declared under `tags`, and those its operations carry (a spec need not
    /// declare a tag it uses). Reads the path items' nodes only, as ``IRBuilder`` does before it decodes.
    /// - Parameter resolver: The loaded spec.
    /// - Returns: The names, sorted.
    public static func knownTags(in resolver: SpecResolver) -> [String] {
        var known = Set(resolver.document.tags.map(\.name))
        for entry in resolver.document.paths {
            // A `$ref`'d path item is resolved as the builder will resolve it; its diagnostics are reported once
            // (the collector drops repeats).
            guard let item = resolver.pathItemNode(entry) else { continue }
            for (key, value) in item.entries where key.isScalar && value.isMapping {
                guard HTTPMethod(rawValue: key.text) != nil, let tags = value["tags"] else { continue }
                for tag in tags.elements where tag.isScalar { known.insert(tag.text) }
            }
        }
        return known.sorted()
    }

    /// The names of this selection that are not among `known` (none for ``all``), in the order given.
    public func unknownNames(among known: [String]) -> [String] {
        guard case .tags(let names) = self else { return [] }
        let set = Set(known)
        var seen: Set<String> = []
        return names.filter { !set.contains($0) && seen.insert($0).inserted }
    }
}

extension Substring {
    var trimmingWhitespace: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
