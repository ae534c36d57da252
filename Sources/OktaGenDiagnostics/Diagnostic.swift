/// How serious a diagnostic is.
public enum Severity: String, Sendable, Hashable, Codable, Comparable {
    case note
    case warning
    case error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One message about the input: what was expected, what was found, and where.
///
/// Printed as `spec.yaml:12:7: error: message (at #/json/pointer)`.
public struct Diagnostic: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// Error, warning or note.
    public var severity: Severity
    /// The message, without location.
    public var message: String
    /// Where in which file, when known.
    public var location: SourceLocation?
    /// The JSON pointer of the node concerned (`#/paths/~1users/get`), when known.
    public var pointer: String?
    /// The setting that would change the outcome (`raise it with …`), when there is one.
    public var remedy: Remedy?

    /// A setting named at the end of a message (`… bytes (raise it with --max-input-bytes)`).
    ///
    /// Libraries name a setting by its key in `oktagen.yaml` (`max-input-bytes`), never by a command-line flag: how a
    /// setting is given is the tool's business. `oktagen` prints it as its flag (``description(settingName:)``);
    /// ``description`` names the key.
    public struct Remedy: Sendable, Hashable, Codable {
        /// The text before the setting's name (` (raise it with `).
        public var before: String
        /// The setting's key (`max-input-bytes`).
        public var setting: String
        /// The text after it (`)`).
        public var after: String

        /// A remedy: `before`, the setting as the tool names it, `after`.
        public init(_ before: String, setting: String, _ after: String = "") {
            self.before = before
            self.setting = setting
            self.after = after
        }
    }

    /// Creates a diagnostic.
    /// - Parameters:
    ///   - severity: Error, warning or note.
    ///   - message: What was expected, what was found.
    ///   - location: Where, when known.
    ///   - pointer: The JSON pointer of the node concerned, when known.
    public init(_ severity: Severity, _ message: String, at location: SourceLocation? = nil, pointer: String? = nil) {
        self.init(severity, message, at: location, pointer: pointer, remedy: nil)
    }

    /// Creates a diagnostic that names the setting that would change the outcome.
    /// - Parameters:
    ///   - severity: Error, warning or note.
    ///   - message: What was expected, what was found.
    ///   - location: Where, when known.
    ///   - pointer: The JSON pointer of the node concerned, when known.
    ///   - remedy: The setting, and the words around it.
    public init(
        _ severity: Severity, _ message: String, at location: SourceLocation? = nil, pointer: String? = nil,
        remedy: Remedy?
    ) {
        self.severity = severity
        self.message = message
        self.location = location
        self.pointer = pointer
        self.remedy = remedy
    }

    /// `file:line:column: severity: message (at #/pointer)`.
    public var description: String { description(settingName: { "the \($0) setting" }) }

    /// `file:line:column: severity: message (at #/pointer)`, the remedy's setting named by `settingName` (`oktagen`
    /// names its flag: `--max-depth`).
    public func description(settingName: (String) -> String) -> String {
        var text = ""
        if let location { text += "\(location): " }
        text += "\(severity.rawValue): \(message)"
        if let remedy { text += remedy.before + settingName(remedy.setting) + remedy.after }
        if let pointer { text += " (at \(pointer))" }
        return text
    }
}

/// Thrown by a stage that cannot go on; carries every diagnostic gathered so far.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
    /// All diagnostics, errors and warnings, in the order they were found.
    public var diagnostics: [Diagnostic]

    /// Creates the error.
    /// - Parameter diagnostics: What was found.
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Collects diagnostics while a stage runs. Not shared across tasks: each run owns one.
public final class DiagnosticCollector {
    /// Everything reported, in order.
    public private(set) var diagnostics: [Diagnostic] = []
    private var seen: Set<Diagnostic> = []

    /// Creates an empty collector.
    public init() {}

    /// Whether an error was reported.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The errors reported so far.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// The warnings reported so far.
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }

    /// Records a diagnostic; an identical one reported twice is kept once.
    /// - Parameter diagnostic: The diagnostic.
    public func report(_ diagnostic: Diagnostic) {
        if seen.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
    }

    /// Records an error.
    public func error(_ message: String, at location: SourceLocation?, pointer: String?) {
        report(Diagnostic(.error, message, at: location, pointer: pointer))
    }

    /// Records an error that names the setting that would change the outcome.
    public func error(_ message: String, at location: SourceLocation?, pointer: String?, remedy: Diagnostic.Remedy?) {
        report(Diagnostic(.error, message, at: location, pointer: pointer, remedy: remedy))
    }

    /// Records a warning.
    public func warning(_ message: String, at location: SourceLocation?, pointer: String?) {
        report(Diagnostic(.warning, message, at: location, pointer: pointer))
    }
}
