import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Retries requests that Okta rejects with `429 Too Many Requests`, waiting until the rate-limit window resets.
///
/// How long it waits, in order of preference:
/// 1. `Retry-After`, as seconds or as an HTTP date;
/// 2. `X-Rate-Limit-Reset` (epoch seconds) minus the response's `Date` header (the server's clock, which avoids
///    local clock skew), or minus the injected clock if there is no `Date` header;
/// 3. ``Policy/minimumWait`` if neither header is present.
///
/// The wait is at least ``Policy/minimumWait``. If it would exceed ``Policy/maximumWait``, or the request has been
/// sent ``Policy/maxAttempts`` times, the 429 response is returned as is. Retried requests carry Okta's
/// `X-Okta-Retry-For` (the request ID of the first rate-limited attempt) and `X-Okta-Retry-Count` headers.
///
/// Request bodies must be sent again. A body whose iteration behavior is `.multiple` (the case for every body
/// made from `Data`, `String` or bytes, hence for all generated JSON bodies) is reused; a single-use body of known
/// length up to ``Policy/maximumBufferedBodySize`` is buffered once before the first attempt; any other body is sent
/// once and never retried.
///
/// Waiting is cancellable: cancelling the task stops the wait and the middleware throws `CancellationError`. Place
/// the middleware before the authentication middleware so that each attempt is authenticated afresh.
public struct RetryMiddleware: ClientMiddleware {
    /// When and how long to retry.
    public struct Policy: Sendable, Hashable {
        /// How many times a request is sent in total, including the first; 1 disables retrying.
        public var maxAttempts: Int
        /// The longest single wait; a 429 that asks for longer is returned to the caller.
        public var maximumWait: Duration
        /// The shortest wait, also used when the response says nothing about when to retry.
        public var minimumWait: Duration
        /// The largest single-use request body that is buffered to make it resendable, in bytes.
        public var maximumBufferedBodySize: Int

        /// Makes a policy.
        ///
        /// - Parameters:
        ///   - maxAttempts: Total sends per request, including the first; at least 1. Default 3.
        ///   - maximumWait: The longest single wait. Default 60 s, Okta's usual rate-limit window.
        ///   - minimumWait: The shortest wait. Default 1 s, the resolution of Okta's reset header.
        ///   - maximumBufferedBodySize: The largest single-use body buffered for resending. Default 1 MiB.
        public init(
            maxAttempts: Int = 3,
            maximumWait: Duration = .seconds(60),
            minimumWait: Duration = .seconds(1),
            maximumBufferedBodySize: Int = 1 << 20
        ) {
            self.maxAttempts = max(1, maxAttempts)
            self.maximumWait = maximumWait
            self.minimumWait = minimumWait
            self.maximumBufferedBodySize = maximumBufferedBodySize
        }
    }

    /// Returns the current time.
    public typealias Clock = @Sendable () -> Date
    /// Waits for a duration; must throw `CancellationError` if the task is cancelled while waiting.
    public typealias Sleeper = @Sendable (Duration) async throws -> Void

    /// When and how long to retry.
    public let policy: Policy
    /// The current time, for `X-Rate-Limit-Reset` without a `Date` header and for `Retry-After` dates.
    private let now: Clock
    /// Waits between attempts.
    private let sleep: Sleeper

    /// Makes the middleware.
    ///
    /// - Parameters:
    ///   - policy: When and how long to retry.
    ///   - now: The clock; the system clock by default. Inject a fixed clock in tests.
    ///   - sleep: The wait; `Task.sleep(for:)` by default. Inject a recording sleeper in tests.
    public init(
        policy: Policy = Policy(),
        now: @escaping Clock = { Date() },
        sleep: @escaping Sleeper = { duration in try await Task.sleep(for: duration) }
    ) {
        self.policy = policy
        self.now = now
        self.sleep = sleep
    }

    /// Sends the request, and sends it again after a 429 as the policy allows.
    ///
    /// - Parameters:
    ///   - request: The request.
    ///   - body: The request body.
    ///   - baseURL: The server URL.
    ///   - operationID: The operation's identifier.
    ///   - next: The rest of the middleware chain and the transport.
    /// - Returns: The first response that is not retried.
    /// - Throws: `CancellationError` if the task is cancelled while waiting, or whatever `next` throws.
    public func intercept(
        _ request: HTTPRequest,
        body: HTTPBody?,
        baseURL: URL,
        operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard policy.maxAttempts > 1 else { return try await next(request, body, baseURL) }
        let (body, canResend) = try await resendable(body)
        var request = request
        var attempt = 1
        while true {
            let (response, responseBody) = try await next(request, body, baseURL)
            guard response.status == .tooManyRequests, attempt < policy.maxAttempts, canResend,
                let delay = retryDelay(for: response)
            else { return (response, responseBody) }

            try Task.checkCancellation()
            try await sleep(delay)
            // A sleeper that ignores cancellation must not lead to another request.
            try Task.checkCancellation()

            if request.headerFields[.oktaRetryFor] == nil,
                let requestID = response.headerFields[values: .oktaRequestID].first
            {
                request.headerFields[.oktaRetryFor] = requestID
            }
            request.headerFields[.oktaRetryCount] = String(attempt)
            attempt += 1
        }
    }

    /// How long to wait before retrying a 429 response.
    ///
    /// - Parameter response: The rate-limited response.
    /// - Returns: The wait, at least ``Policy/minimumWait``, or `nil` if it would exceed ``Policy/maximumWait``.
    func retryDelay(for response: HTTPResponse) -> Duration? {
        let fields = response.headerFields
        let serverNow = fields[values: .date].first.flatMap { OktaDateCoding.parseHTTPDate($0) }
        var wait = policy.minimumWait
        if let retryAfter = fields[values: .retryAfter].first?.trimmingCharacters(in: .whitespaces) {
            if let seconds = Int64(retryAfter) {
                wait = .seconds(seconds)
            } else if let date = OktaDateCoding.parseHTTPDate(retryAfter) {
                wait = Self.duration(date.timeIntervalSince(serverNow ?? now()))
            }
        } else if let reset = OktaRateLimit.integer(.xRateLimitReset, in: fields) {
            let reference = serverNow ?? now()
            wait = Self.duration(Double(reset) - reference.timeIntervalSince1970)
        }
        wait = max(wait, policy.minimumWait)
        return wait <= policy.maximumWait ? wait : nil
    }

    /// Makes the request body resendable if possible.
    ///
    /// - Parameter body: The original body.
    /// - Returns: The body to send on every attempt, and whether it may be sent more than once.
    /// - Throws: Whatever iterating a single-use body throws while buffering it.
    private func resendable(_ body: HTTPBody?) async throws -> (HTTPBody?, Bool) {
        guard let body else { return (nil, true) }
        if body.iterationBehavior == .multiple { return (body, true) }
        guard case .known(let length) = body.length, length <= Int64(policy.maximumBufferedBodySize) else {
            return (body, false)
        }
        let bytes = try await [UInt8](collecting: body, upTo: policy.maximumBufferedBodySize)
        return (HTTPBody(bytes), true)
    }

    /// Converts seconds to a duration, clamping negative and non-finite values to zero and huge ones to a year.
    ///
    /// - Parameter seconds: A time interval.
    /// - Returns: The duration.
    private static func duration(_ seconds: TimeInterval) -> Duration {
        guard seconds.isFinite, seconds > 0 else { return .zero }
        return .milliseconds(Int64((min(seconds, 31_536_000) * 1000).rounded(.up)))
    }
}
