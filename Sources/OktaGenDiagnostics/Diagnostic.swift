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

    /// Creates a diagnostic.
    /// - Parameters:
    ///   - severity: Error, warning or note.
    ///   - message: What was expected, what was found.
    ///   - location: Where, when known.
    ///   - pointer: The JSON pointer of the node concerned, when known.
    public init(_ severity: Severity, _ message: String, at location: SourceLocation? = nil, pointer: String? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
        self.pointer = pointer
    }

    /// `file:line:column: severity: message (at #/pointer)`.
    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        text += "\(severity.rawValue): \(message)"
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

    /// Records a warning.
    public func warning(_ message: String, at location: SourceLocation?, pointer: String?) {
        report(Diagnostic(.warning, message, at: location, pointer: pointer))
    }
}
