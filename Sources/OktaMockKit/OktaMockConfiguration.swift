import Foundation

/// How to run okta-mock: the options of `okta-mock`.
public struct OktaMockConfiguration: Sendable {
    /// The address to listen on (`--host`); loopback by default.
    public var host: String
    /// The port (`--port`); 0 picks a free one.
    public var port: Int
    /// The only API token accepted (`--token`); `nil` accepts any non-empty token.
    public var token: String?
    /// Where to keep the org across restarts (`--state`); `nil` keeps it in memory.
    public var stateURL: URL?
    /// The org to start with when there is no state yet (`--seed`).
    public var seedURL: URL?
    /// Requests allowed per minute before 429 (`--rate-limit`); `nil` never refuses.
    public var rateLimit: Int?
    /// How long a connection may sit without sending a byte, mid-request or between requests, before it is closed
    /// (`--idle-timeout`).
    public var idleTimeout: Duration
    /// How long a request's head (request line and header fields) may take to arrive, from its first byte
    /// (`--header-timeout`); past it the connection gets 408 and is closed.
    public var headerTimeout: Duration
    /// How long a request's body may take to arrive, from the end of its head (`--body-timeout`); past it the request
    /// gets 408 and the connection is closed.
    public var bodyTimeout: Duration
    /// The most connections open at once (`--max-connections`); past it a new connection takes the place of a slow
    /// or idle one, or gets 503 (see ``ConnectionLimit``).
    public var maxConnections: Int
    /// The wall clock; tests may fix it.
    public var clock: @Sendable () -> Date

    /// Makes a configuration.
    ///
    /// - Parameters:
    ///   - host: `--host`.
    ///   - port: `--port`.
    ///   - token: `--token`.
    ///   - stateURL: `--state`.
    ///   - seedURL: `--seed`.
    ///   - rateLimit: `--rate-limit`.
    ///   - idleTimeout: `--idle-timeout`.
    ///   - headerTimeout: `--header-timeout`.
    ///   - bodyTimeout: `--body-timeout`.
    ///   - maxConnections: `--max-connections`.
    ///   - clock: The wall clock.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        token: String? = nil,
        stateURL: URL? = nil,
        seedURL: URL? = nil,
        rateLimit: Int? = nil,
        idleTimeout: Duration = .seconds(30),
        headerTimeout: Duration = .seconds(10),
        bodyTimeout: Duration = .seconds(30),
        maxConnections: Int = 256,
        clock: @escaping @Sendable () -> Date = Date.init
    ) {
        self.host = host
        self.port = port
        self.token = token
        self.stateURL = stateURL
        self.seedURL = seedURL
        self.rateLimit = rateLimit
        self.idleTimeout = idleTimeout
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.maxConnections = maxConnections
        self.clock = clock
    }
}
