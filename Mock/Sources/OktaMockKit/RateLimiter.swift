import Foundation
import OktaRuntime
import Synchronization

/// Counts requests per endpoint bucket and one-minute window for the `X-Rate-Limit-*` headers, refuses those past the
/// limit when it is enforced (`--rate-limit`), and bounds the requests in flight (`--concurrency-limit`).
///
/// Okta limits each endpoint bucket separately and no longer publishes the per-bucket numbers, so the buckets and
/// their defaults here are assumptions, all configurable:
///
/// | Bucket | Requests |
/// | --- | --- |
/// | `users` | `GET` and `POST /api/v1/users` (list, search, create) |
/// | `user` | `/api/v1/users/{id}` (get, update, replace, delete) |
/// | `user-resources` | everything under `/api/v1/users/{id}/…` (lifecycle, credentials, grants, …) |
/// | `other` | any other path |
///
/// A window opens with a bucket's first request after its previous window closed and lasts 60 seconds;
/// `X-Rate-Limit-Reset` is its end in epoch seconds. Without `--rate-limit` the headers report 600 per minute, the
/// remaining count stops at 0, and nothing is refused.
///
/// Every API request passes here twice (in and out), so the counters are behind a `Mutex`, not in an actor: a
/// lock held for a few additions costs less than two hops to an actor's executor and back.
final class RateLimiter: Sendable {
    /// The length of a window.
    static let window: TimeInterval = 60
    /// The limit reported when none is enforced.
    static let reportedDefault = 600
    /// The bucket names.
    static let buckets = ["users", "user", "user-resources", "other"]

    /// The requests allowed per window, per bucket.
    let limits: [String: Int]
    /// The limit of a bucket not in ``limits``.
    let defaultLimit: Int
    /// Whether requests past the limit get 429.
    let enforced: Bool
    /// The most requests in flight at once; `nil` does not bound them.
    let concurrencyLimit: Int?
    /// The open window of each bucket, and the requests in flight.
    private let counters = Mutex<(windows: [String: (end: Date, used: Int)], inFlight: Int)>(([:], 0))

    /// Makes a limiter.
    ///
    /// - Parameters:
    ///   - limit: `--rate-limit N`: every bucket's limit; `nil` reports 600 and refuses nothing (unless `buckets`
    ///     sets a limit).
    ///   - buckets: `--rate-limit-bucket NAME=N`: limits of single buckets; any makes the limits enforced.
    ///   - concurrencyLimit: `--concurrency-limit`.
    init(limit: Int?, buckets: [String: Int] = [:], concurrencyLimit: Int? = nil) {
        defaultLimit = limit ?? Self.reportedDefault
        limits = buckets
        enforced = limit != nil || !buckets.isEmpty
        self.concurrencyLimit = concurrencyLimit
    }

    /// The bucket of a request.
    ///
    /// - Parameters:
    ///   - method: Its method.
    ///   - path: Its path.
    /// - Returns: One of ``buckets``.
    static func bucket(method: String, path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        guard segments.count >= 3, segments[0] == "api", segments[1] == "v1", segments[2] == "users" else {
            return "other"
        }
        switch segments.count {
        case 3: return method == "GET" || method == "POST" ? "users" : "other"
        case 4: return "user"
        default: return "user-resources"
        }
    }

    /// Counts a request.
    ///
    /// - Parameters:
    ///   - bucket: Its bucket.
    ///   - now: The time of the request.
    /// - Returns: The header values, and whether the request may go on.
    func take(bucket: String, now: Date) -> (allowed: Bool, rateLimit: OktaRateLimit) {
        let limit = limits[bucket] ?? defaultLimit
        let window = counters.withLock { counters in
            var window = counters.windows[bucket] ?? (.distantPast, 0)
            if now >= window.end { window = (now.addingTimeInterval(Self.window), 0) }
            window.used += 1
            counters.windows[bucket] = window
            return window
        }
        let allowed = !enforced || window.used <= limit
        return (allowed, OktaRateLimit(limit: limit, remaining: max(0, limit - window.used), reset: window.end))
    }

    /// Counts a request against the concurrency limit; pair each `true` with ``leave()``.
    ///
    /// - Returns: `false` when as many requests as the limit are already in flight (nothing is counted then).
    func enter() -> Bool {
        let concurrencyLimit = concurrencyLimit
        return counters.withLock { counters in
            if let concurrencyLimit, counters.inFlight >= concurrencyLimit { return false }
            counters.inFlight += 1
            return true
        }
    }

    /// A request counted by ``enter()`` is done.
    func leave() { counters.withLock { $0.inFlight = max(0, $0.inFlight - 1) } }

    /// Forgets the current windows (`POST /__mock/reset`).
    func reset() { counters.withLock { $0.windows.removeAll() } }
}
