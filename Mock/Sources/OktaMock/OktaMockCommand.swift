import ArgumentParser
import Foundation
import Logging
import OktaMockKit

/// `okta-mock`: a stateful Okta Users API on loopback for tests.
@main
struct OktaMockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "okta-mock",
        abstract: "A stateful mock of Okta's Users API (the seven user tags, 36 operations).",
        discussion: """
            Requests need `Authorization: SSWS <token>` or `Bearer <token>`. With --token only that token is \
            accepted; without it, any non-empty token is. Every response carries X-Rate-Limit-* headers; with \
            --rate-limit N, requests past N per minute in an endpoint bucket get 429 (--rate-limit-bucket \
            NAME=N for one bucket, --concurrency-limit N for requests in flight). With --state FILE every change \
            is saved atomically \
            and a restart resumes; a corrupt state file is refused, never overwritten. --seed FILE (JSON, see \
            README) gives the org to start with when there is no state yet. Request bodies over 1 MiB get 413, \
            bodies that are not application/json get 400 E0000021. A request head must arrive within \
            --header-timeout of its first byte and its body within --body-timeout of the head, else 408; \
            connections idle past --idle-timeout are closed. Past --max-connections a new connection takes the \
            place of the slowest half-received request, else of the longest idle connection (idle for a \
            second or more), else gets 503 with Retry-After: 1 (see docs/okta-mock-hardening.md). \
            GET /__mock/requests lists the last --journal-size requests received (no Authorization, secrets \
            redacted), DELETE /__mock/requests clears them, POST /__mock/reset restores the seed state \
            (docs/okta-mock-testing.md). --latency MS[,JITTER] delays API requests, --fault-rate P answers that \
            share with 500, 503 or a reset connection (reproducibly with --fault-seed), and a request with \
            `Prefer: code=NNN` (400-599) gets that status.
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 8080

    @Option(help: "The only API token accepted (default: any non-empty token).")
    var token: String?

    @Option(help: ArgumentHelp("Keep the org in this JSON file across restarts.", valueName: "file"))
    var state: String?

    @Option(help: ArgumentHelp("Start from the org in this JSON file when there is no state yet.", valueName: "file"))
    var seed: String?

    @Option(name: .customLong("rate-limit"), help: "Answer 429 past this many requests per minute.")
    var rateLimit: Int?

    @Option(
        name: .customLong("rate-limit-bucket"),
        help: ArgumentHelp(
            "Answer 429 past N requests per minute in one bucket: users, user, user-resources or other (repeatable).",
            valueName: "name=n"))
    var rateLimitBuckets: [String] = []

    @Option(
        name: .customLong("concurrency-limit"),
        help: "Answer 429 (X-Rate-Limit-Limit: 0) past this many API requests in flight (Okta's default is 75).")
    var concurrencyLimit: Int?

    @Option(
        name: .customLong("idle-timeout"),
        help: "Close a connection that sends nothing for this many seconds (mid-request or between requests).")
    var idleTimeout: Double = 30

    @Option(
        name: .customLong("header-timeout"),
        help: "Answer 408 and close when a request head takes longer than this many seconds from its first byte.")
    var headerTimeout: Double = 10

    @Option(
        name: .customLong("body-timeout"),
        help: "Answer 408 and close when a request body takes longer than this many seconds after its head.")
    var bodyTimeout: Double = 30

    @Option(
        name: .customLong("max-connections"),
        help: "Connections open at once; past it slow or idle ones make room, else new ones get 503.")
    var maxConnections = 256

    @Option(
        name: .customLong("journal-size"),
        help: "Requests kept for GET /__mock/requests (the newest; bodies cut at 64 KiB; 0 keeps none).")
    var journalSize = 1000

    @Option(
        help: ArgumentHelp(
            "Delay every API request by MS milliseconds, plus up to JITTER more.", valueName: "ms[,jitter]"))
    var latency: String?

    @Option(
        name: .customLong("fault-rate"),
        help: "Answer this share (0…1) of API requests with 500, 503 or a reset connection.")
    var faultRate: Double = 0

    @Option(
        name: .customLong("fault-seed"),
        help: "Seed the latency and fault draws, so that runs are reproducible (default: random).")
    var faultSeed: UInt64?

    @Option(
        name: .customLong("oauth-client"),
        help: ArgumentHelp(
            "Register a service app with the token endpoint: its client ID, a JWKS file of its public keys, and the "
                + "scopes granted (default okta.users.read,okta.users.manage). Repeatable.",
            valueName: "client-id=jwks-file[:scope,scope]"))
    var oauthClients: [String] = []

    @Flag(
        name: .customLong("require-dpop"), inversion: .prefixedNo,
        help: "Require DPoP-bound tokens of the registered apps (Okta's default for API Services apps).")
    var requireDPoP = true

    @Option(
        name: .customLong("oauth-token-lifetime"),
        help: ArgumentHelp("The access tokens' lifetime (expires_in).", valueName: "seconds"))
    var oauthTokenLifetime = 3600

    @Option(
        name: .customLong("dpop-nonce-lifetime"),
        help: ArgumentHelp("How long a DPoP-Nonce of the token endpoint is accepted.", valueName: "seconds"))
    var dpopNonceLifetime = 86_400

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        for (option, seconds) in [
            ("--oauth-token-lifetime", oauthTokenLifetime), ("--dpop-nonce-lifetime", dpopNonceLifetime),
        ] {
            guard seconds > 0, seconds <= 86_400 * 7 else {
                throw ValidationError("\(option) takes seconds, more than 0 and at most 604800")
            }
        }
        guard journalSize >= 0 else { throw ValidationError("--journal-size must be 0 or more") }
        for (option, seconds) in [
            ("--idle-timeout", idleTimeout), ("--header-timeout", headerTimeout), ("--body-timeout", bodyTimeout),
        ] {
            guard seconds.isFinite, seconds > 0, seconds <= 86_400 else {
                throw ValidationError("\(option) takes seconds, more than 0 and at most 86400")
            }
        }
    }

    func run() async throws {
        guard let level = Logger.Level(rawValue: logLevel.lowercased()) else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var logger = Logger(label: "okta-mock")
        logger.logLevel = level
        var buckets: [String: Int] = [:]
        for text in rateLimitBuckets {
            let parts = text.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let limit = Int(parts[1]) else {
                throw ValidationError("--rate-limit-bucket takes NAME=N, got '\(text)'")
            }
            buckets[String(parts[0])] = limit
        }
        let latencyParts: (Int, Int)
        let registrations: [OAuthClientRegistration]
        do {
            latencyParts = try latency.map(OktaMockServer.parseLatency) ?? (0, 0)
            registrations = try oauthClients.map(OAuthClientRegistration.parse(option:))
        } catch {
            Self.write("okta-mock: error: \(error)\n", to: .standardError)
            throw ExitCode(2)
        }
        var configuration = OktaMockConfiguration(
            host: host,
            port: port,
            token: token,
            stateURL: state.map { URL(fileURLWithPath: $0) },
            seedURL: seed.map { URL(fileURLWithPath: $0) },
            rateLimit: rateLimit,
            idleTimeout: Self.duration(idleTimeout),
            headerTimeout: Self.duration(headerTimeout),
            bodyTimeout: Self.duration(bodyTimeout),
            maxConnections: maxConnections,
            journalCapacity: journalSize,
            latency: latencyParts.0,
            latencyJitter: latencyParts.1,
            faultRate: faultRate,
            faultSeed: faultSeed,
            bucketRateLimits: buckets,
            concurrencyLimit: concurrencyLimit
        )
        configuration.oauthClients = registrations
        configuration.requireDPoP = requireDPoP
        configuration.oauthTokenLifetime = .seconds(oauthTokenLifetime)
        configuration.dpopNonceLifetime = .seconds(dpopNonceLifetime)
        let server: OktaMockServer
        do {
            server = try await OktaMockServer(configuration: configuration, logger: logger)
        } catch let error as OktaMockError {
            Self.write("okta-mock: error: \(error)\n", to: .standardError)
            throw ExitCode(2)
        }
        let users = await server.userCount
        let acceptsAnyToken = server.acceptsAnyToken
        let host = host.contains(":") ? "[\(host)]" : host
        try await server.run(stopsOnSignals: true) { port in
            var lines = "okta-mock: listening on http://\(host):\(port) (\(users) users)\n"
            lines +=
                acceptsAnyToken
                ? "okta-mock: no --token given: any non-empty SSWS or Bearer token is accepted\n"
                : "okta-mock: only the --token token is accepted\n"
            if !registrations.isEmpty {
                lines +=
                    "okta-mock: token endpoint http://\(host):\(port)/oauth2/v1/token for "
                    + registrations.map(\.clientID).joined(separator: ", ") + "\n"
            }
            Self.write(lines, to: .standardOutput)
        }
    }

    /// Seconds as a duration, to the millisecond.
    private static func duration(_ seconds: Double) -> Duration { .milliseconds(Int64((seconds * 1000).rounded())) }

    /// Writes text at once (unbuffered), so that scripts waiting for the "listening" line see it.
    private static func write(_ text: String, to handle: FileHandle) {
        handle.write(Data(text.utf8))
    }
}
