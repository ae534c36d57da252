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
    /// A seed's JSON, used instead of ``seedURL`` (in-process use, see ``OktaMockServer/start(seed:)``).
    public var seedData: Data?
    /// Requests allowed per minute before 429 (`--rate-limit`); `nil` never refuses.
    public var rateLimit: Int?
    /// Requests allowed per minute in single endpoint buckets (`--rate-limit-bucket NAME=N`; names in
    /// ``RateLimiter``); any makes the limits enforced.
    public var bucketRateLimits: [String: Int]
    /// The most API requests in flight at once before 429 with `X-Rate-Limit-Limit: 0` (`--concurrency-limit`;
    /// Okta's org default is 75); `nil` does not bound them.
    public var concurrencyLimit: Int?
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
    /// The most requests the journal keeps (`--journal-size`, `GET /__mock/requests`); 0 keeps none.
    public var journalCapacity: Int
    /// Milliseconds every API request waits before it is answered (`--latency MS[,JITTER]`).
    public var latency: Int
    /// The most milliseconds added to ``latency`` at random (`--latency MS,JITTER`).
    public var latencyJitter: Int
    /// The share of API requests answered with a fault: 500, 503 or a reset connection (`--fault-rate`, 0…1).
    public var faultRate: Double
    /// The seed of the latency and fault draws (`--fault-seed`); `nil` picks one at random.
    public var faultSeed: UInt64?
    /// The service apps registered with the authorization server (`--oauth-client`), whose access tokens the API
    /// accepts besides SSWS tokens (see docs/okta-mock.md).
    public var oauthClients: [OAuthClientRegistration] = []
    /// Whether apps that do not say otherwise must use DPoP-bound tokens (`--require-dpop`, on by default as for
    /// Okta's API Services apps).
    public var requireDPoP = true
    /// The lifetime of access tokens, their `expires_in` (`--oauth-token-lifetime`; Okta's is an hour).
    public var oauthTokenLifetime: Duration = .seconds(3600)
    /// How long a `DPoP-Nonce` of the token endpoint is accepted before the next one replaces it
    /// (`--dpop-nonce-lifetime`).
    public var dpopNonceLifetime: Duration = .seconds(86_400)
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
    ///   - seedData: A seed's JSON, instead of `seedURL`.
    ///   - journalCapacity: `--journal-size`.
    ///   - latency: `--latency`'s milliseconds.
    ///   - latencyJitter: `--latency`'s jitter.
    ///   - faultRate: `--fault-rate`.
    ///   - faultSeed: `--fault-seed`.
    ///   - bucketRateLimits: `--rate-limit-bucket`.
    ///   - concurrencyLimit: `--concurrency-limit`.
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
        seedData: Data? = nil,
        journalCapacity: Int = 1000,
        latency: Int = 0,
        latencyJitter: Int = 0,
        faultRate: Double = 0,
        faultSeed: UInt64? = nil,
        bucketRateLimits: [String: Int] = [:],
        concurrencyLimit: Int? = nil,
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
        self.seedData = seedData
        self.journalCapacity = journalCapacity
        self.latency = latency
        self.latencyJitter = latencyJitter
        self.faultRate = faultRate
        self.faultSeed = faultSeed
        self.bucketRateLimits = bucketRateLimits
        self.concurrencyLimit = concurrencyLimit
        self.clock = clock
    }
}
