import Foundation
import Logging

/// An okta-mock running inside the current process (from ``OktaMockServer/start(seed:token:configuration:logger:)``),
/// until ``stop()``.
public final class RunningOktaMock: Sendable {
    /// `http://127.0.0.1:<port>`: the server URL to give a generated client.
    public let baseURL: URL
    /// The port it listens on.
    public let port: Int
    /// The server (its org, its journal).
    public let server: OktaMockServer
    private let task: Task<Void, any Error>

    init(baseURL: URL, port: Int, server: OktaMockServer, task: Task<Void, any Error>) {
        self.baseURL = baseURL
        self.port = port
        self.server = server
        self.task = task
    }

    /// Stops listening, closes the connections and returns when the server is down. Calling it again does nothing.
    public func stop() async {
        task.cancel()
        _ = await task.result
    }

    deinit { task.cancel() }
}

/// The server never said which port it listens on (it stopped first, for example because the address is taken).
public struct OktaMockStartError: Error, CustomStringConvertible {
    /// Why, when the server said.
    public let underlying: (any Error)?
    public var description: String {
        "okta-mock stopped before it listened" + (underlying.map { ": \($0)" } ?? "")
    }
}

extension OktaMockServer {
    /// Starts an okta-mock in this process on 127.0.0.1 and a free port, for a test suite: no process to spawn, no
    /// port to choose.
    ///
    /// ```swift
    /// let mock = try await OktaMockServer.start(seed: Data(#"{"users": [...]}"#.utf8), token: "test-token")
    /// defer { Task { await mock.stop() } }   // or `await mock.stop()` at the end of the test
    /// let client = OktaClient(serverURL: mock.baseURL, transport: URLSessionTransport(),
    ///                         middlewares: [SSWSAuthMiddleware(token: "test-token")])
    /// ```
    ///
    /// - Parameters:
    ///   - seed: A seed's JSON (the `--seed` format); `nil` uses `configuration.seedURL`, else an empty org.
    ///   - token: The only token accepted; `nil` accepts any non-empty token.
    ///   - configuration: Other options; its host, port, seed data and token are replaced by the arguments.
    ///   - logger: Where the server logs; by default nowhere.
    /// - Returns: The running server; call ``RunningOktaMock/stop()`` when done.
    /// - Throws: ``OktaMockError`` for an invalid seed or option, ``OktaMockStartError`` if it cannot listen.
    public static func start(
        seed: Data? = nil,
        token: String? = nil,
        configuration: OktaMockConfiguration = OktaMockConfiguration(),
        logger: Logger = Logger(label: "okta-mock", factory: { _ in SwiftLogNoOpLogHandler() })
    ) async throws -> RunningOktaMock {
        var configuration = configuration
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.token = token
        if let seed { configuration.seedData = seed }
        let server = try await OktaMockServer(configuration: configuration, logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
        // The server runs in its own task; `onListening` hands the port back. If `run` ends first (the address is
        // taken), the stream finishes without a port and the task's error says why.
        let task = Task {
            defer { continuation.finish() }
            try await server.run { port in
                continuation.yield(port)
                continuation.finish()
            }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0, let url = URL(string: "http://127.0.0.1:\(port)") else {
            task.cancel()
            let underlying: (any Error)?
            switch await task.result {
            case .failure(let error): underlying = error
            case .success: underlying = nil
            }
            throw OktaMockStartError(underlying: underlying)
        }
        return RunningOktaMock(baseURL: url, port: port, server: server, task: task)
    }
}

extension OktaMockServer {
    /// Parses `--latency MS[,JITTER]`.
    ///
    /// - Parameter text: For example `200` or `200,50`.
    /// - Returns: The milliseconds and the jitter.
    /// - Throws: ``OktaMockError/invalidOption(_:)``.
    public static func parseLatency(_ text: String) throws -> (Int, Int) { try FaultInjector.parseLatency(text) }
}
