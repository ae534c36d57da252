import Foundation
import OktaRuntime

/// Counts requests per one-minute window for the `X-Rate-Limit-*` headers, and refuses those past the limit when it
/// is enforced (`--rate-limit N`).
///
/// A window opens with the first request after the previous one closed and lasts 60 seconds; `X-Rate-Limit-Reset`
/// is its end in epoch seconds. Without `--rate-limit` the headers report Okta's usual 600 per minute, the remaining
/// count stops at 0, and nothing is refused.
actor RateLimiter {
    /// The length of a window.
    static let window: TimeInterval = 60
    /// The limit reported when none is enforced.
    static let reportedDefault = 600

    /// The requests allowed per window.
    let limit: Int
    /// Whether requests past the limit get 429.
    let enforced: Bool
    private var windowEnd: Date = .distantPast
    private var used = 0

    /// Makes a limiter.
    ///
    /// - Parameter limit: `--rate-limit`; `nil` reports 600 and refuses nothing.
    init(limit: Int?) {
        self.limit = limit ?? Self.reportedDefault
        self.enforced = limit != nil
    }

    /// Counts a request.
    ///
    /// - Parameter now: The time of the request.
    /// - Returns: The header values, and whether the request may go on.
    func take(now: Date) -> (allowed: Bool, rateLimit: OktaRateLimit) {
        if now >= windowEnd {
            windowEnd = now.addingTimeInterval(Self.window)
            used = 0
        }
        used += 1
        let allowed = !enforced || used <= limit
        return (allowed, OktaRateLimit(limit: limit, remaining: max(0, limit - used), reset: windowEnd))
    }

    /// Forgets the current window (`POST /__mock/reset`).
    func reset() {
        windowEnd = .distantPast
        used = 0
    }
}
