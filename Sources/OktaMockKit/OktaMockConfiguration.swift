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
    ///   - clock: The wall clock.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        token: String? = nil,
        stateURL: URL? = nil,
        seedURL: URL? = nil,
        rateLimit: Int? = nil,
        clock: @escaping @Sendable () -> Date = Date.init
    ) {
        self.host = host
        self.port = port
        self.token = token
        self.stateURL = stateURL
        self.seedURL = seedURL
        self.rateLimit = rateLimit
        self.clock = clock
    }
}
