import Foundation

/// A bounded wait ran out of time.
public struct TimeoutError: Error, CustomStringConvertible {
    /// What was being waited for.
    public var operation: String
    /// The limit that was exceeded.
    public var limit: Duration

    public var description: String { "\(operation) did not finish within \(limit)" }
}

/// Runs `body`, cancelling it and throwing ``TimeoutError`` if it has not finished within `limit`.
///
/// - Parameters:
///   - limit: The longest time `body` may take.
///   - operation: What `body` does, for the error message.
///   - body: The work.
/// - Returns: What `body` returns.
/// - Throws: ``TimeoutError``, or what `body` throws.
public func withTimeout<T: Sendable>(
    _ limit: Duration,
    _ operation: String,
    _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw TimeoutError(operation: operation, limit: limit)
        }
        defer { group.cancelAll() }
        guard let result = try await group.next() else { throw TimeoutError(operation: operation, limit: limit) }
        return result
    }
}
