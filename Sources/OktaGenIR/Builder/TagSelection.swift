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

extension Substring {
    var trimmingWhitespace: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
