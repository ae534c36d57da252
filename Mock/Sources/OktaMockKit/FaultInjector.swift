import Foundation
import OktaRuntime

/// Latency and faults on demand, as WireMock, Mockoon and Prism users expect:
///
/// - `--latency MS[,JITTER]`: every API request waits `MS` milliseconds, plus up to `JITTER` more, before it is
///   answered;
/// - `--fault-rate P` (0…1): that share of API requests gets a fault instead of an answer, one of 500 `E0000009`,
///   503 `E0000010` or a reset connection, in equal shares;
/// - `--fault-seed N`: the draws come from a generator seeded with `N`, so the same requests in the same order get the
///   same delays and faults on every run (without it the seed is random).
///
/// The draws are made in the order requests arrive, one actor call per request: with requests sent one at a time the
/// sequence is reproducible; concurrent requests may take the draws in another order. `/__mock/…` is never delayed or
/// faulted.
actor FaultInjector {
    /// A fault.
    enum Fault: Equatable, Sendable {
        /// An error response with this status.
        case status(Int)
        /// The connection is closed without an answer (with `SO_LINGER` 0, so the peer sees a reset).
        case connectionReset
    }

    /// The base delay, in milliseconds.
    let latency: Int
    /// The most extra delay, in milliseconds.
    let jitter: Int
    /// The share of requests faulted.
    let faultRate: Double
    private var generator: SplitMix64

    /// Whether this injector does anything at all.
    nonisolated var isActive: Bool { latency > 0 || jitter > 0 || faultRate > 0 }

    /// Makes an injector.
    ///
    /// - Parameters:
    ///   - latency: `--latency`'s milliseconds.
    ///   - jitter: `--latency`'s jitter.
    ///   - faultRate: `--fault-rate`.
    ///   - seed: `--fault-seed`; `nil` picks one at random.
    init(latency: Int = 0, jitter: Int = 0, faultRate: Double = 0, seed: UInt64? = nil) {
        self.latency = max(0, latency)
        self.jitter = max(0, jitter)
        self.faultRate = min(1, max(0, faultRate))
        generator = SplitMix64(seed: seed ?? UInt64.random(in: .min ... .max))
    }

    /// The delay and fault for the next request.
    func draw() -> (delay: Duration, fault: Fault?) {
        // Always three draws per request, so that the fault sequence does not depend on the latency options.
        let extra = generator.next() % UInt64(jitter + 1)
        let roll = Double(generator.next() >> 11) / Double(1 << 53)
        let kind = generator.next() % 3
        let fault: Fault? =
            roll < faultRate ? [Fault.status(500), .status(503), .connectionReset][Int(kind)] : nil
        return (.milliseconds(latency + Int(extra)), fault)
    }

    /// Parses `--latency MS[,JITTER]`.
    ///
    /// - Parameter text: For example `200` or `200,50`.
    /// - Returns: The milliseconds and the jitter.
    /// - Throws: ``OktaMockError/invalidOption(_:)``.
    static func parseLatency(_ text: String) throws -> (Int, Int) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let base = Int(parts[0]), (0...60_000).contains(base) else {
            throw OktaMockError.invalidOption("--latency takes MS[,JITTER] (0…60000 milliseconds), got '\(text)'")
        }
        guard parts.count == 2 else { return (base, 0) }
        guard let jitter = Int(parts[1]), (0...60_000).contains(jitter) else {
            throw OktaMockError.invalidOption("--latency takes MS[,JITTER] (0…60000 milliseconds), got '\(text)'")
        }
        return (base, jitter)
    }
}

/// The `code=NNN` preference of a `Prefer` header (Prism's convention): the status the client asks okta-mock to
/// answer with instead of serving the request.
enum PreferredStatus {
    /// The statuses that can be provoked: the errors (400…599).
    static let range = 400...599

    /// Splits a request's `Prefer` values into the `code=` preference and the others, which go on to the handler
    /// (Okta's own `Prefer: respond-async` of `deleteUser` and `deactivateUser`).
    ///
    /// - Parameter values: The `Prefer` field values (several fields, or one with comma-separated preferences).
    /// - Returns: The code, if one in ``range`` was asked for, and the remaining preferences.
    static func split(_ values: [String]) -> (code: Int?, rest: [String]) {
        var code: Int?
        var rest: [String] = []
        for preference in values.flatMap({ $0.split(separator: ",") }) {
            let trimmed = preference.trimmingCharacters(in: .whitespaces)
            let lowered = trimmed.lowercased()
            if lowered.hasPrefix("code=") {
                if let value = Int(
                    lowered.dropFirst(5).trimmingCharacters(in: .whitespaces).trimmingCharacters(
                        in: CharacterSet(charactersIn: "\""))), range.contains(value)
                {
                    code = value
                }
            } else if !trimmed.isEmpty {
                rest.append(trimmed)
            }
        }
        return (code, rest)
    }

    /// The Okta error okta-mock answers for a provoked status.
    ///
    /// - Parameters:
    ///   - code: The status.
    ///   - rateLimit: The current rate-limit window, for a 429's headers.
    ///   - path: The request's path, for a 404.
    /// - Returns: The error, in Okta's shape, with a cause saying it was provoked.
    static func response(_ code: Int, rateLimit: OktaRateLimit, path: String) -> OktaErrorResponse {
        let cause = "okta-mock: provoked by Prefer: code=\(code)"
        var error: OktaErrorResponse
        switch code {
        case 401: error = .invalidToken()
        case 404: error = .pathNotFound(path)
        case 405: error = .methodNotAllowed()
        case 429:
            error = .rateLimitExceeded(
                rateLimit: OktaRateLimit(limit: rateLimit.limit, remaining: 0, reset: rateLimit.reset))
        case 500: error = .internalServerError()
        case 503:
            error = OktaErrorResponse(
                status: .serviceUnavailable, code: "E0000010", summary: "Service is in read only mode")
        case 403:
            error = OktaErrorResponse(
                status: .forbidden, code: OktaError.Code.accessDenied,
                summary: "You do not have permission to perform the requested action")
        default:
            let status = HTTPResponse.Status(code: code)
            error = OktaErrorResponse(
                status: status,
                code: code < 500 ? OktaError.Code.apiValidationFailed : OktaError.Code.internalServerError,
                summary: status.reasonPhrase.isEmpty ? "Error \(code)" : status.reasonPhrase)
        }
        error.error.errorCauses.append(OktaError.ErrorCause(errorSummary: cause))
        return error
    }
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64): the same seed gives the same sequence on
/// every platform, which `SystemRandomNumberGenerator` does not.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
