import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Keeps a client under Okta's rate limits before they answer 429: shared by every call of one client, it caps the
/// requests in flight and, per rate-limit bucket, waits for the window to reset when the bucket is nearly spent.
///
/// - Buckets: Okta counts requests per endpoint group and says how many are left in every response
///   (`X-Rate-Limit-Limit`, `-Remaining`, `-Reset`). The governor keys buckets by operation, learns each from the
///   operation's last response, and counts its own requests in flight against `Remaining`, so that concurrent calls
///   do not all spend the last ones.
/// - When `Remaining`, less requests in flight, falls to ``Policy/reserve`` or below, a request waits until the reset
///   (by the server's clock, from the response's `Date` header), at most ``Policy/maximumWait``; a longer wait is not
///   made and the request goes out (the 429 retry handles it).
/// - Concurrency: no header reveals Okta's concurrent-request limit (an org's default is 75), so the cap is
///   configured: ``Policy/maximumConcurrentRequests``; requests over it wait in order.
/// - Waiting is cancellable; cancelling a waiting task throws `CancellationError` and sends nothing.
///
/// Place it after ``RetryMiddleware`` (so that every attempt is governed) and before authentication.
public struct OktaRateLimitGovernor: ClientMiddleware {
    /// What the governor does.
    public struct Policy: Sendable, Hashable {
        /// The most requests in flight at once; `nil`: no cap.
        public var maximumConcurrentRequests: Int?
        /// Requests left in a bucket at which new requests wait for its reset.
        public var reserve: Int
        /// The longest wait for a reset.
        public var maximumWait: Duration

        /// Makes a policy.
        ///
        /// - Parameters:
        ///   - maximumConcurrentRequests: The cap on requests in flight (default 75, an org's default concurrency
        ///     limit); `nil` for none.
        ///   - reserve: Requests left at which to wait for the reset (default 1: the last request of a window is kept
        ///     for whoever needs it after the wait).
        ///   - maximumWait: The longest wait (default 60 s, Okta's usual window).
        public init(maximumConcurrentRequests: Int? = 75, reserve: Int = 1, maximumWait: Duration = .seconds(60)) {
            self.maximumConcurrentRequests = maximumConcurrentRequests.map { max(1, $0) }
            self.reserve = max(0, reserve)
            self.maximumWait = maximumWait
        }
    }

    /// Something the governor did, for logs and metrics.
    public enum Event: Sendable, Hashable {
        /// A request waits for its bucket's reset.
        case waitingForReset(operationID: String, remaining: Int, wait: Duration)
        /// A request waits because ``Policy/maximumConcurrentRequests`` are in flight.
        case waitingForConcurrency(operationID: String, inFlight: Int)
    }

    /// Returns the current time.
    public typealias Clock = @Sendable () -> Date
    /// Waits; must throw `CancellationError` when the task is cancelled.
    public typealias Sleeper = @Sendable (Duration) async throws -> Void

    /// The state shared by every copy of the middleware.
    private let state: GovernorState
    /// What the governor does.
    public let policy: Policy
    /// The clock.
    private let now: Clock
    /// The wait.
    private let sleep: Sleeper
    /// Where events go.
    private let onEvent: @Sendable (Event) -> Void

    /// Makes a governor; make one per client and give it to the client's middlewares.
    ///
    /// - Parameters:
    ///   - policy: What it does.
    ///   - now: The clock; the system clock by default.
    ///   - sleep: The wait; `Task.sleep(for:)` by default.
    ///   - onEvent: Called for every wait, for example to log it.
    public init(
        policy: Policy = Policy(),
        now: @escaping Clock = { Date() },
        sleep: @escaping Sleeper = { try await Task.sleep(for: $0) },
        onEvent: @escaping @Sendable (Event) -> Void = { _ in }
    ) {
        self.policy = policy
        self.state = GovernorState(maximumConcurrentRequests: policy.maximumConcurrentRequests)
        self.now = now
        self.sleep = sleep
        self.onEvent = onEvent
    }

    /// Waits as the policy says, sends the request, and learns the bucket from the response.
    ///
    /// - Parameters:
    ///   - request: The request.
    ///   - body: The request body.
    ///   - baseURL: The server URL.
    ///   - operationID: The operation's identifier: the bucket.
    ///   - next: The rest of the middleware chain and the transport.
    /// - Returns: The response.
    /// - Throws: `CancellationError` if cancelled while waiting, or whatever `next` throws.
    public func intercept(
        _ request: HTTPRequest,
        body: HTTPBody?,
        baseURL: URL,
        operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        if let inFlight = await state.acquireSlot() {
            onEvent(.waitingForConcurrency(operationID: operationID, inFlight: inFlight))
            try await state.waitForSlot()
        }
        var holdsSlot = true
        defer { if holdsSlot { Task { [state] in await state.releaseSlot() } } }
        // Wait while the bucket is nearly spent; another caller may have spent it meanwhile, hence the loop.
        var counted = false
        while true {
            switch await state.reserve(operationID, reserve: policy.reserve, now: now()) {
            case .go(let isCounted): counted = isCounted
            case .wait(let remaining, let wait) where wait <= policy.maximumWait:
                onEvent(.waitingForReset(operationID: operationID, remaining: remaining, wait: wait))
                try Task.checkCancellation()
                try await sleep(wait)
                try Task.checkCancellation()
                continue
            case .wait: counted = false  // longer than the policy allows: send, and let the 429 retry decide
            }
            break
        }
        do {
            let (response, responseBody) = try await next(request, body, baseURL)
            await state.finish(operationID, counted: counted, fields: response.headerFields, now: now())
            await state.releaseSlot()
            holdsSlot = false
            return (response, responseBody)
        } catch {
            await state.finish(operationID, counted: counted, fields: nil, now: now())
            await state.releaseSlot()
            holdsSlot = false
            throw error
        }
    }
}

/// The buckets and the concurrency slots of one governor.
actor GovernorState {
    /// What the last response of an operation said, and the requests counted against it since.
    struct Bucket {
        /// The window's ceiling (`X-Rate-Limit-Limit`), or the last remaining count if there was none.
        var limit: Int
        var remaining: Int
        /// The reset in local time (the server's reset moved by the offset between its clock and ours).
        var reset: Date
        /// The reset as the server said it, which identifies the window.
        var serverReset: Date
        var inFlight = 0
    }

    /// What a request does after ``reserve(_:reserve:now:)``.
    enum Reservation {
        /// Go; `counted` if it was counted against a known bucket.
        case go(counted: Bool)
        /// Wait this long for the reset of a bucket with this many requests left.
        case wait(remaining: Int, wait: Duration)
    }

    private var buckets: [String: Bucket] = [:]
    private let maximumConcurrentRequests: Int?
    private var inFlight = 0
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextWaiter: UInt64 = 0

    init(maximumConcurrentRequests: Int?) { self.maximumConcurrentRequests = maximumConcurrentRequests }

    /// Takes a slot if one is free; otherwise returns the number in flight (call ``waitForSlot()``).
    func acquireSlot() -> Int? {
        guard let maximum = maximumConcurrentRequests else { return nil }
        if inFlight < maximum, waiters.isEmpty {
            inFlight += 1
            return nil
        }
        return inFlight
    }

    /// Waits for a slot, in order; cancellable.
    func waitForSlot() async throws {
        nextWaiter += 1
        let id = nextWaiter
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    waiters.append((id, continuation))
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    /// Fails a waiter whose task was cancelled.
    private func cancelWaiter(_ id: UInt64) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }

    /// Frees a slot, handing it to the first waiter.
    func releaseSlot() {
        guard maximumConcurrentRequests != nil else { return }
        if waiters.isEmpty {
            inFlight -= 1
        } else {
            waiters.removeFirst().continuation.resume()
        }
    }

    /// Counts a request against its bucket, or says how long to wait first.
    func reserve(_ operation: String, reserve: Int, now: Date) -> Reservation {
        guard var bucket = buckets[operation] else { return .go(counted: false) }
        if bucket.reset <= now {
            // The window is over. Presume the next one (Okta's windows are a minute) until a response tells it:
            // forgetting the bucket would let every waiting request go at once and most would get 429.
            let windows = (now.timeIntervalSince(bucket.reset) / 60).rounded(.down) + 1
            bucket.remaining = bucket.limit
            bucket.reset += windows * 60
            bucket.serverReset += windows * 60
        }
        let left = bucket.remaining - bucket.inFlight
        if left <= reserve {
            buckets[operation] = bucket
            let seconds = bucket.reset.timeIntervalSince(now)
            return .wait(remaining: max(0, left), wait: .milliseconds(Int64((seconds * 1000).rounded(.up))))
        }
        bucket.inFlight += 1
        buckets[operation] = bucket
        return .go(counted: true)
    }

    /// Ends a request's count and learns the bucket from its response, if there is one.
    func finish(_ operation: String, counted: Bool, fields: HTTPFields?, now: Date) {
        if counted, var bucket = buckets[operation] {
            bucket.inFlight = max(0, bucket.inFlight - 1)
            buckets[operation] = bucket
        }
        guard let fields, let limit = OktaRateLimit(headerFields: fields), let remaining = limit.remaining,
            let reset = limit.reset
        else { return }
        let serverNow = fields[values: .date].first.flatMap { OktaDateCoding.parseHTTPDate($0) } ?? now
        let localReset = reset.addingTimeInterval(now.timeIntervalSince(serverNow))
        var bucket =
            buckets[operation]
            ?? Bucket(limit: limit.limit ?? remaining, remaining: remaining, reset: localReset, serverReset: reset)
        bucket.limit = limit.limit ?? max(bucket.limit, remaining)
        // Responses can arrive out of order: within one window, the smallest remaining count is the latest.
        bucket.remaining = bucket.serverReset == reset ? min(bucket.remaining, remaining) : remaining
        bucket.reset = localReset
        bucket.serverReset = reset
        buckets[operation] = bucket
    }
}
