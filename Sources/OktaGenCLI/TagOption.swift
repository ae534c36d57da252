import ArgumentParser
import OktaGenConfig
import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI

/// The tags a run selects (`--tags`, else the settings file's `tags`, else Okta's user tags), and where they came
/// from: a tag the user names that the spec does not know is an error, not a silently empty selection.
struct TagOption {
    /// The selection.
    var selection: TagSelection
    /// Whether the user named the tags (flag or settings file); the default selection is not checked against the
    /// spec (any OpenAPI document may be read with it: its tags that match are taken).
    var isExplicit: Bool
    /// Where the settings file's `tags` value is, when the tags came from it.
    var location: SourceLocation?

    /// The longest tag name taken (Okta's are under 40 characters).
    static let maxTagLength = 256

    /// Most tag names an "unknown tag" error lists when none is close (Okta's spec has over a hundred).
    static let maxListedTags = 10

    /// Checks `--tags` (for `validate()`): a usage error for an empty list or an overlong name.
    static func validate(_ text: String?) throws {
        guard let text else { return }
        guard let selection = TagSelection.parse(text) else {
            throw ValidationError("--tags needs a comma-separated list of tags, or 'all'")
        }
        try checkLengths(selection)
    }

    /// The selection: `--tags`, else the configuration's `tags`, else Okta's user tags.
    static func parse(_ text: String?, config: GeneratorConfig = GeneratorConfig()) throws -> TagOption {
        if let text {
            guard let selection = TagSelection.parse(text) else {
                throw ValidationError("--tags needs a comma-separated list of tags, or 'all'")
            }
            try checkLengths(selection)
            return TagOption(selection: selection, isExplicit: true)
        }
        if let names = config.tags, let selection = TagSelection.parse(names.joined(separator: ",")) {
            try checkLengths(selection)
            return TagOption(selection: selection, isExplicit: true, location: config.locations["tags"])
        }
        return TagOption(selection: .tags(GeneratorConfig.defaultTags), isExplicit: false)
    }

    /// Refuses tag names longer than ``maxTagLength``: a name of a megabyte would be quoted whole, and compared by
    /// edit distance, in the "unknown tag" error.
    static func checkLengths(_ selection: TagSelection) throws {
        for name in selection.names where name.utf8.count > maxTagLength {
            throw ValidationError(
                "a tag name of \(name.utf8.count) bytes ('\(Diagnostic.excerpt(name))') is longer than the limit of"
                    + " \(maxTagLength)")
        }
    }

    /// An error for each named tag that none of the specs knows (declared, or carried by an operation).
    /// - Parameter resolvers: The loaded specs (two for `diff`: a tag of either is known).
    func unknownTagErrors(in resolvers: [SpecResolver]) -> [Diagnostic] {
        guard isExplicit else { return [] }
        var known: Set<String> = []
        for resolver in resolvers { known.formUnion(TagSelection.knownTags(in: resolver)) }
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

    /// Prints the ``unknownTagErrors(in:)`` and exits 1 when there are any: before anything is written.
    func check(_ resolvers: [SpecResolver]) throws {
        let errors = unknownTagErrors(in: resolvers)
        guard errors.isEmpty else {
            Output.printDiagnostics(errors)
            throw ExitCode(1)
        }
    }
}
