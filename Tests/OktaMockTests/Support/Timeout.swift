import Foundation

/// A bounded wait ran out of time.
struct TimeoutError: Error, CustomStringConvertible {
    var operation: String
    var limit: Duration

    var description: String { "\(operation) did not finish within \(limit)" }
}

/// Runs `body`, cancelling it and throwing ``TimeoutError`` if it has not finished within `limit`.
func withTimeout<T: Sendable>(
    _ limit: Duration, _ operation: String, _ body: @escaping @Sendable () async throws -> T
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
