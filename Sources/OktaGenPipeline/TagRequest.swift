import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI

/// The tags a run selects, and where they came from: a tag the user names that the spec does not know is an error,
/// not a silently empty selection.
public struct TagRequest: Sendable, Equatable {
    /// The selection.
    public var selection: TagSelection
    /// Whether the user named the tags (flag or settings file); the default selection is not checked against the
    /// spec (any OpenAPI document may be read with it: its tags that match are taken).
    public var isExplicit: Bool
    /// Where the settings file's `tags` value is, when the tags came from it.
    public var location: SourceLocation?

    /// A request.
    public init(selection: TagSelection, isExplicit: Bool, location: SourceLocation? = nil) {
        self.selection = selection
        self.isExplicit = isExplicit
        self.location = location
    }

    /// Every operation, named explicitly.
    public static let all = TagRequest(selection: .all, isExplicit: true)

    /// Most tag names an "unknown tag" error lists when none is close (Okta's spec has over a hundred).
    public static let maxListedTags = 10

    /// An error for each named tag that none of the specs knows (declared, or carried by an operation).
    /// - Parameter resolvers: The loaded specs (two for `diff`: a tag of either is known).
    public func unknownTagErrors(in resolvers: [SpecResolver]) -> [Diagnostic] {
        guard isExplicit else { return [] }
        var known: Set<String> = []
        for resolver in resolvers { known.formUnion(resolver.knownTags()) }
        let sorted = known.sorted()
        return selection.unknownNames(among: sorted).map { name in
            var message = "unknown tag '\(Diagnostic.excerpt(name))'"
            if let suggestion = EditDistance.closest(to: name, among: sorted) {
                message += "; did you mean '\(suggestion)'?"
            } else if sorted.isEmpty {
                message += "; the spec has no tags"
            } else {
                let listed = sorted.prefix(Self.maxListedTags).map { "'\(Diagnostic.excerpt($0))'" }
                message += "; the spec's tags are " + listed.joined(separator: ", ")
                if sorted.count > listed.count { message += " and \(sorted.count - listed.count) more" }
            }
            return Diagnostic(.error, message, at: location, pointer: location == nil ? nil : "#/tags")
        }
    }
}
