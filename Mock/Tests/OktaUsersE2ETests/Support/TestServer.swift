import Foundation
import Hummingbird
import HummingbirdCore
import OktaMockKit
import OktaMockTestSupport
import OktaRuntime
import OktaUsers
import OpenAPIHummingbird
import OpenAPIURLSession

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

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
        let directory = UserDirectory()
        let log = RequestLog()
        return try await LoopbackServer.run(
            "the test server", limit: limit,
            serve: { reportPort in
                let router = Router()
                router.middlewares.add(RequestLogMiddleware(log: log))
                configure(router)
                try InMemoryOktaService(directory: directory, token: token).registerHandlers(on: router)
                var app = Application(
                    router: router,
                    server: HTTPServerBuilder { CancellableHTTP1Channel(http: HTTP1Channel(responder: $0)) },
                    configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
                    onServerRunning: { channel in reportPort(channel.localAddress?.port ?? 0) }
                )
                // Stopping by cancellation, as these tests do, makes HummingbirdCore log "Waiting on child channel:
                // CancellationError()" at error level for connections still open; server failures reach the tests
                // as HTTP responses instead.
                app.logger.logLevel = .critical
                try await app.run()
            },
            test: { baseURL, session in
                try await body(TestServer(baseURL: baseURL, directory: directory, log: log, session: session))
            })
    }
}
