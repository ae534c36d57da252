import ArgumentParser
import OktaGenDiagnostics
import OktaGenOpenAPI

/// Checks of options that take one of a few words: a mistake is a usage error that names the option, suggests the
/// closest word and lists them all (`unknown mode 'model'; did you mean 'models'? (models, client, server, docs, all)`).
enum Choices {
    /// Checks `value` against `choices`; with `list`, each comma-separated item (at least one).
    /// - Parameters:
    ///   - value: The option's value.
    ///   - noun: What the option names, for the message (`mode`).
    ///   - option: The option's name, for an empty value (`--mode`).
    ///   - choices: The words it takes.
    ///   - list: Whether it takes a comma-separated list of them.
    static func check(_ value: String, noun: String, option: String, among choices: [String], list: Bool = false)
        throws
    {
        let items =
            list
            ? value.split(separator: ",", omittingEmptySubsequences: false).map(trimmed)
            : [value]
        if list, items.allSatisfy(\.isEmpty) {
            throw ValidationError("\(option) needs a comma-separated list of \(choices.joined(separator: ", "))")
        }
        for item in items where !(list && item.isEmpty) && !choices.contains(item) {
            throw ValidationError(message(noun: noun, value: item, choices: choices))
        }
    }

    /// `unknown NOUN 'VALUE'; did you mean 'X'? (A, B, C)`, the value quoted short.
    static func message(noun: String, value: String, choices: [String]) -> String {
        // Only short values get a suggestion: edit distance is quadratic in the lengths.
        let suggestion = value.utf8.count <= 64 ? EditDistance.closest(to: value, among: choices) : nil
        return "unknown \(noun) '\(Diagnostic.excerpt(value))'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
            + " (\(choices.joined(separator: ", ")))"
    }

    /// The text without leading and trailing spaces and tabs.
    static func trimmed(_ text: Substring) -> String {
        String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
