import Foundation
import Hummingbird
import HummingbirdCore
import OktaRuntime
import OktaUsers
import OpenAPIHummingbird
import OpenAPIURLSession

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The server did not report a listening port.
struct ServerStartError: Error, CustomStringConvertible {
    var description: String { "the test server stopped before it reported its port" }
}

/// A running test server: Hummingbird on 127.0.0.1 and an ephemeral port, serving ``InMemoryOktaService`` through
/// the generated `registerHandlers(on:)`, and a URLSession for clients of it.
struct TestServer: Sendable {
    /// The API token the server accepts.
    static let token = "00e2eTestTokenX7Qk2LmNpRs"

    /// `http://127.0.0.1:<port>`.
    let baseURL: URL
    /// The server's users.
    let directory: UserDirectory
    /// Every request the server received.
    let log: RequestLog
    /// The session clients use; invalidated when the server stops.
    let session: URLSession

    /// A client authenticated with ``token`` and configured the canonical way, through `OktaClientConfiguration`
    /// (retry outermost, then `SSWS` authentication).
    ///
    /// - Returns: The client.
    /// - Throws: `OktaConfigurationError` (not expected: the URL and token are valid).
    func authenticatedClient() throws -> OktaClient {
        let configuration = try OktaClientConfiguration(
            orgURL: baseURL, authorization: .ssws(token: Self.token), allowInsecureHTTP: true)
        return OktaClient(configuration: configuration, transport: transport)
    }

    /// A client with the given middlewares, outermost first.
    ///
    /// - Parameter middlewares: The middlewares.
    /// - Returns: The client.
    func client(middlewares: [any ClientMiddleware]) -> OktaClient {
        OktaClient(serverURL: baseURL, transport: transport, middlewares: middlewares)
    }

    /// The transport of every client.
    private var transport: URLSessionTransport {
        URLSessionTransport(configuration: .init(session: session))
    }

    /// Starts a server, runs `body` against it, and stops the server.
    ///
    /// The server runs in a child task of a task group that is cancelled when `body` returns or throws. Starting,
    /// `body` and stopping together must finish within `limit`.
    ///
    /// - Parameters:
    ///   - limit: The longest the whole test may take.
    ///   - configure: Adds to the router before the generated handlers (after the request log), e.g. a middleware
    ///     answering a request in a form the handlers would not.
    ///   - body: The test.
    /// - Returns: What `body` returns.
    /// - Throws: ``TimeoutError``, ``ServerStartError``, or what the server or `body` throws.
    static func run<T: Sendable>(
        limit: Duration = .seconds(15),
        configure: @escaping @Sendable (Router<BasicRequestContext>) -> Void = { _ in },
        _ body: @escaping @Sendable (TestServer) async throws -> T
    ) async throws -> T {
        try await withTimeout(limit, "the end-to-end test") {
            let directory = UserDirectory()
            let log = RequestLog()
            let router = Router()
            router.middlewares.add(RequestLogMiddleware(log: log))
            configure(router)
            try InMemoryOktaService(directory: directory, token: token).registerHandlers(on: router)

            let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
            var app = Application(
                router: router,
                server: HTTPServerBuilder { ServedHTTP1Channel(http: HTTP1Channel(responder: $0)) },
                configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
                onServerRunning: { channel in
                    portContinuation.yield(channel.localAddress?.port ?? 0)
                    portContinuation.finish()
                }
            )
            // Stopping by cancellation, as these tests do, makes HummingbirdCore log "Waiting on child channel:
            // CancellationError()" at error level for connections still open; server failures reach the tests as
            // HTTP responses instead.
            app.logger.logLevel = .critical
            let application = app

            let configuration = URLSessionConfiguration.ephemeral
            configuration.timeoutIntervalForRequest = 10
            let session = URLSession(configuration: configuration)

            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    // Ends the port stream if the server stops (or fails) before reporting a port.
                    defer { portContinuation.finish() }
                    try await application.run()
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
                    throw ServerStartError()
                }
                guard port > 0, let baseURL = URL(string: "http://127.0.0.1:\(port)") else { throw ServerStartError() }
                return try await body(
                    TestServer(baseURL: baseURL, directory: directory, log: log, session: session))
            }
        }
    }
}
