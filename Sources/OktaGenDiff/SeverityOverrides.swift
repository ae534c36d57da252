import OktaGenDiagnostics

/// Severities set per kind of change, from an override file (as oasdiff's `--severity-levels`):
///
/// ```
/// # kind of change       severity: ERR, WARN, INFO, or NONE to leave such changes out
/// enum-value-added       INFO
/// response-added         NONE
/// ```
///
/// One `kind severity` pair per line; `#` starts a comment. A kind is the `kind` field of the JSON report
/// (``APIChange/Kind``). An unknown kind or severity is an error at its line and column.
public struct SeverityOverrides: Sendable, Equatable {
    /// The severity of each kind named in the file; `nil` for NONE (the change is left out).
    public var severities: [APIChange.Kind: ChangeSeverity?] = [:]

    public init() {}

    /// Reads an override file's text.
    /// - Parameters:
    ///   - text: The file's text.
    ///   - file: The file as named in messages.
    /// - Throws: ``Diagnostic``s, one per line in error, all of them.
    public static func parse(_ text: String, file: String) throws(DiagnosticsError) -> SeverityOverrides {
        var overrides = SeverityOverrides()
        var errors: [Diagnostic] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard !words.isEmpty else { continue }
            let column = line.distance(from: line.startIndex, to: words[0].startIndex) + 1
            let location = SourceLocation(file: file, line: index + 1, column: column)
            guard words.count == 2 else {
                errors.append(
                    Diagnostic(
                        .error, "expected a kind of change and a severity (ERR, WARN, INFO or NONE)", at: location))
                continue
            }
            guard let kind = APIChange.Kind(rawValue: String(words[0])) else {
                errors.append(Diagnostic(.error, "unknown kind of change '\(Self.printable(words[0]))'", at: location))
                continue
            }
            let severityColumn = line.distance(from: line.startIndex, to: words[1].startIndex) + 1
            if words[1] == "NONE" {
                overrides.severities[kind] = .some(nil)
            } else if let severity = ChangeSeverity(rawValue: String(words[1])) {
                overrides.severities[kind] = .some(severity)
            } else {
                errors.append(
                    Diagnostic(
                        .error, "expected ERR, WARN, INFO or NONE, found '\(Self.printable(words[1]))'",
                        at: SourceLocation(file: file, line: index + 1, column: severityColumn)))
            }
        }
        guard errors.isEmpty else { throw DiagnosticsError(errors) }
        return overrides
    }

    /// The diff with these severities applied, and changes set to NONE left out.
    public func apply(to diff: APIDiff) -> APIDiff {
        var diff = diff
        diff.changes = diff.changes.compactMap { change in
            guard let override = severities[change.kind] else { return change }
            guard let severity = override else { return nil }
            var change = change
            change.severity = severity
            return change
        }
        return diff
    }

    private static func printable(_ text: Substring) -> String {
        String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) }.prefix(80))
    }
}
