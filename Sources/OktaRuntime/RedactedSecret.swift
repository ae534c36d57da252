/// A credential that never shows itself: `description`, `debugDescription` and reflection (`dump`, `Mirror`,
/// string interpolation) all print `<redacted>`. Only ``value`` gives access to the secret.
struct RedactedSecret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret itself; use it only to build the header that carries it.
    let value: String

    /// Wraps a secret.
    ///
    /// - Parameter value: The secret.
    init(_ value: String) { self.value = value }

    /// Always `<redacted>`.
    var description: String { "<redacted>" }

    /// Always `<redacted>`.
    var debugDescription: String { "<redacted>" }

    /// A mirror without children, so reflection cannot reach the secret.
    var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
