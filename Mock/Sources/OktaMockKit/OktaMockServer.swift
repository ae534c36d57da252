import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import OktaRuntime
import OktaUsers
import OpenAPIHummingbird

/// okta-mock: a stateful Okta Users API on Hummingbird, serving the generated handlers with ``MockAPI``.
///
/// ```swift
/// let server = try await OktaMockServer(configuration: .init(port: 0, token: "test"), logger: logger)
/// try await server.run { port in print("listening on \(port)") }   // until the task is cancelled
/// ```
public struct OktaMockServer: Sendable {
    /// The configuration.
    public let configuration: OktaMockConfiguration
    /// The org.
    let store: UserStore
    private let logger: Logger
    /// The bound on open connections.
    let connections: ConnectionLimit
    /// The requests received (`GET /__mock/requests`).
    let journal: RequestJournal
    /// The token endpoint and the check of the access tokens it issued.
    let authorization: AuthorizationServer

    /// Opens the org (state file, else seed, else empty); does not listen yet.
    ///
    /// - Parameters:
    ///   - configuration: The options.
    ///   - logger: Where requests and events are logged.
    /// - Throws: ``OktaMockError`` for a corrupt state file, an invalid seed or an invalid option.
    public init(configuration: OktaMockConfiguration, logger: Logger) async throws {
        if let rateLimit = configuration.rateLimit, rateLimit < 1 {
            throw OktaMockError.invalidOption("--rate-limit must be at least 1, got \(rateLimit)")
        }
        for (bucket, limit) in configuration.bucketRateLimits.sorted(by: { $0.key < $1.key }) {
            guard RateLimiter.buckets.contains(bucket) else {
                throw OktaMockError.invalidOption(
                    "--rate-limit-bucket: unknown bucket '\(bucket)' (expected "
                        + RateLimiter.buckets.joined(separator: ", ") + ")")
            }
            guard limit >= 1 else {
                throw OktaMockError.invalidOption("--rate-limit-bucket \(bucket) must be at least 1, got \(limit)")
            }
        }
        if let concurrency = configuration.concurrencyLimit, concurrency < 1 {
            throw OktaMockError.invalidOption("--concurrency-limit must be at least 1, got \(concurrency)")
        }
        guard configuration.maxConnections >= 1 else {
            throw OktaMockError.invalidOption(
                "--max-connections must be at least 1, got \(configuration.maxConnections)")
        }
        for (option, timeout) in [
            ("--idle-timeout", configuration.idleTimeout), ("--header-timeout", configuration.headerTimeout),
            ("--body-timeout", configuration.bodyTimeout),
        ] where timeout <= .zero {
            throw OktaMockError.invalidOption("\(option) must be more than 0 seconds")
        }
        guard configuration.faultRate.isFinite, (0...1).contains(configuration.faultRate) else {
            throw OktaMockError.invalidOption("--fault-rate must be between 0 and 1, got \(configuration.faultRate)")
        }
        guard (0...60_000).contains(configuration.latency), (0...60_000).contains(configuration.latencyJitter) else {
            throw OktaMockError.invalidOption("--latency takes 0…60000 milliseconds (and jitter)")
        }
        guard configuration.journalCapacity >= 0 else {
            throw OktaMockError.invalidOption("--journal-size must be 0 or more")
        }
        guard (0...65535).contains(configuration.port) else {
            throw OktaMockError.invalidOption("--port must be 0…65535, got \(configuration.port)")
        }
        for (option, duration) in [
            ("--oauth-token-lifetime", configuration.oauthTokenLifetime),
            ("--dpop-nonce-lifetime", configuration.dpopNonceLifetime),
        ] where duration <= .zero {
            throw OktaMockError.invalidOption("\(option) must be more than 0 seconds")
        }
        self.configuration = configuration
        self.logger = logger
        var oauthClients = configuration.oauthClients
        if let seed = configuration.seedData {
            oauthClients += try OAuthClientRegistration.registrations(seed: seed, path: "<seed data>")
        } else if let seedURL = configuration.seedURL, let seed = try? Data(contentsOf: seedURL) {
            oauthClients += try OAuthClientRegistration.registrations(seed: seed, path: seedURL.path)
        }
        authorization = AuthorizationServer(
            clients: oauthClients, requiresDPoP: configuration.requireDPoP,
            tokenLifetime: configuration.oauthTokenLifetime, nonceLifetime: configuration.dpopNonceLifetime,
            now: configuration.clock)
        connections = ConnectionLimit(maximum: configuration.maxConnections)
        journal = RequestJournal(capacity: configuration.journalCapacity)
        store = try UserStore.open(
            stateURL: configuration.stateURL, seedURL: configuration.seedURL, seedData: configuration.seedData,
            clock: configuration.clock, logger: logger)
    }

    /// Whether any non-empty token is accepted (no `--token`).
    public var acceptsAnyToken: Bool { MockAuthenticator(token: configuration.token).acceptsAnyToken }

    /// Replaces the token endpoint's `DPoP-Nonce` now, as Okta rotates its nonces: the next token request with the
    /// old one is answered `use_dpop_nonce` and the new nonce.
    public func rotateDPoPNonce() { authorization.rotateNonce() }

    /// The number of users in the org.
    public var userCount: Int { get async { await store.userCount } }

    /// The requests received so far (what `GET /__mock/requests` answers), oldest first.
    public var receivedRequests: [JournalEntry] { get async { journal.all } }

    /// Listens and serves until the task is cancelled (or, with `stopsOnSignals`, until SIGINT or SIGTERM arrives).
    ///
    /// - Parameters:
    ///   - stopsOnSignals: Stop cleanly on SIGINT and SIGTERM (the command line does; tests cancel instead).
    ///   - onListening: Called once with the port the server listens on.
    /// - Throws: What Hummingbird throws (for example when the port is taken).
    public func run(
        stopsOnSignals: Bool = false,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let router = Router()
        let rateLimiter = RateLimiter(
            limit: configuration.rateLimit, buckets: configuration.bucketRateLimits,
            concurrencyLimit: configuration.concurrencyLimit)
        let store = self.store
        let (seedURL, seedData) = (configuration.seedURL, configuration.seedData)
        let control = MockControl(journal: journal) {
            let users = try await store.reset { now in
                try UserStore.seedState(seedURL: seedURL, seedData: seedData, now: now)
            }
            rateLimiter.reset()
            return users
        }
        // The middleware must be added before the routes: Hummingbird applies it to routes registered after it. It
        // needs the route table to tell 404 from 405, so the table comes from a first, throw-away registration.
        router.add(
            middleware: OktaMockMiddleware(
                authenticator: MockAuthenticator(token: configuration.token),
                authorization: authorization,
                rateLimiter: rateLimiter,
                routes: try Self.routeTable(),
                journal: journal, control: control,
                faults: FaultInjector(
                    latency: configuration.latency, jitter: configuration.latencyJitter,
                    faultRate: configuration.faultRate, seed: configuration.faultSeed),
                legacy: LegacyForms(store: store),
                reads: UserReadCache(store: store),
                logger: logger))
        try MockAPI(store: store).registerHandlers(on: router)
        let connections = self.connections
        let idleTimeout = TimeAmount(configuration.idleTimeout)
        let deadlines = ConnectionGuard.Deadlines(
            header: configuration.headerTimeout, body: configuration.bodyTimeout)
        var application = Application(
            router: router,
            server: HTTPServerBuilder { responder in
                GuardedHTTP1Channel(
                    http: HTTP1Channel(responder: responder, configuration: .init(idleTimeout: idleTimeout)),
                    limit: connections, deadlines: deadlines)
            },
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "okta-mock"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        application.logger.logLevel = logger.logLevel
        if stopsOnSignals {
            try await application.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        } else {
            try await application.run()
        }
    }

    /// The routes of the generated handlers, as they register them.
    static func routeTable() throws -> RouteTable {
        let recorder = RouteRecorder()
        try MockAPI(store: UserStore(state: MockState(now: Date()), stateFile: nil)).registerHandlers(on: recorder)
        return recorder.table
    }
}
