import Foundation
import OktaRuntime

/// Decides whether a request's `Authorization` header is accepted: `SSWS <token>` or `Bearer <token>` (scheme
/// case-insensitive), with the configured token, or any non-empty token when none is configured.
struct MockAuthenticator: Sendable, CustomStringConvertible {
    /// The accepted token; `nil` accepts any. Never printed.
    private let token: String?

    /// Makes an authenticator.
    ///
    /// - Parameter token: `--token`; `nil` or empty accepts any non-empty token.
    init(token: String?) {
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether any non-empty token is accepted.
    var acceptsAnyToken: Bool { token == nil }

    /// Whether a request may go on.
    ///
    /// - Parameter headerFields: The request's header fields.
    /// - Returns: `true` if its `Authorization` carries an accepted token.
    func accepts(_ headerFields: HTTPFields) -> Bool {
        let values = headerFields[values: .authorization]
        guard values.count == 1, let value = values.first else { return false }
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, ["ssws", "bearer"].contains(parts[0].lowercased()) else { return false }
        let presented = parts[1].trimmingCharacters(in: .whitespaces)
        guard !presented.isEmpty else { return false }
        guard let token else { return true }
        // Compare without an early exit, so timing says nothing about how much of the token matched.
        let expected = Array(token.utf8)
        let actual = Array(presented.utf8)
        var difference = expected.count ^ actual.count
        for index in 0..<min(expected.count, actual.count) { difference |= Int(expected[index] ^ actual[index]) }
        return difference == 0
    }

    /// `MockAuthenticator(token: <redacted>)` or `MockAuthenticator(any token)`.
    var description: String { token == nil ? "MockAuthenticator(any token)" : "MockAuthenticator(token: <redacted>)" }
}
