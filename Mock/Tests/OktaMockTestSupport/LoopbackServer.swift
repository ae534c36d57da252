import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The server did not report a listening port.
public struct ServerStartError: Error, CustomStringConvertible {
    /// Which server, for the message.
    public var server: String

    public var description: String { "\(server) stopped before it reported its port" }
}

/// A server on 127.0.0.1 and an ephemeral port for the length of one test, with a URLSession for its clients.
public enum LoopbackServer {
    /// Starts a server, runs `body` against it, and stops the server.
    ///
    /// The server runs in a child task of a task group that is cancelled when `test` returns or throws (after the
    /// session's keep-alive connections are closed); starting, `test` and stopping together must finish within
    /// `limit`. The session's requests time out after 10 seconds.
    ///
    /// - Parameters:
    ///   - name: The server, for error messages (`okta-mock`, `the test server`).
    ///   - limit: The longest the whole test may take.
    ///   - serve: Runs the server until cancelled, calling its argument with the port once it listens.
    ///   - test: The test, given `http://127.0.0.1:<port>` and the session.
    /// - Returns: What `test` returns.
    /// - Throws: ``TimeoutError``, ``ServerStartError``, or what the server or `test` throws.
    public static func run<T: Sendable>(
        _ name: String,
        limit: Duration,
        serve: @escaping @Sendable (_ reportPort: @escaping @Sendable (Int) -> Void) async throws -> Void,
        test: @escaping @Sendable (_ baseURL: URL, _ session: URLSession) async throws -> T
    ) async throws -> T {
        try await withTimeout(limit, "the test against \(name)") {
            let (ports, continuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
            let configuration = URLSessionConfiguration.ephemeral
            configuration.timeoutIntervalForRequest = 10
            let session = URLSession(configuration: configuration)
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    // Ends the port stream if the server stops (or fails) before reporting a port.
                    defer { continuation.finish() }
                    try await serve { port in
                        continuation.yield(port)
                        continuation.finish()
                    }
                    return nil
                }
                defer {
                    // Close the client's keep-alive connections, then stop the server.
                    session.invalidateAndCancel()
                    group.cancelAll()
                }
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next() else {
                    try await group.waitForAll()  // Rethrows why the server stopped, if it failed.
                    throw ServerStartError(server: name)
                }
                guard port > 0, let baseURL = URL(string: "http://127.0.0.1:\(port)") else {
                    throw ServerStartError(server: name)
                }
                return try await test(baseURL, session)
            }
        }
    }
}
