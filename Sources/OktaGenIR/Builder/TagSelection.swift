import OktaGenOpenAPI

/// Which operations go into the model. (The tool's default, Okta's user tags, is a setting:
/// `GeneratorConfig.defaultTags`.)
public enum TagSelection: Sendable, Equatable {
    /// Operations with at least one of these tags.
    case tags([String])
    /// Every operation.
    case all

    /// Parses `T1,T2` or `all`.
    /// - Parameter text: The option's value.
    /// - Returns: The selection (`nil` for an empty list).
    public static func parse(_ text: String) -> TagSelection? {
        parse(names: [text])
    }

    /// Parses a list of tag names (the settings file's `tags`), each of which may itself be `T1,T2`.
    /// - Parameter list: The names.
    /// - Returns: The selection (`nil` for an empty list).
    public static func parse(names list: [String]) -> TagSelection? {
        let names = list.flatMap { $0.split(separator: ",") }.map { $0.trimmingWhitespace }.filter { !$0.isEmpty }
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
