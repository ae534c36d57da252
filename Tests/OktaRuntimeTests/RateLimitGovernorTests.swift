import Foundation
import Testing

@testable import OktaRuntime

/// The governor against a fake Okta endpoint that counts down `X-Rate-Limit-Remaining` in a window.
@Suite struct RateLimitGovernorTests {
    /// An endpoint with a rate-limit window: `limit` requests until `reset`, then a new window.
    actor Endpoint {
        let limit: Int
        var remaining: Int
        var reset: Int64
        var inFlight = 0
        var maximumInFlight = 0
        var tooMany = 0
        var served = 0
        let clock: TestClock
        let delay: Duration

        init(limit: Int, clock: TestClock, delay: Duration = .zero) {
            self.limit = limit
            self.remaining = limit
            self.clock = clock
            self.reset = Int64(clock.now.timeIntervalSince1970) + 60
            self.delay = delay
        }

        func handle() async throws -> (HTTPResponse, HTTPBody?) {
            inFlight += 1
            maximumInFlight = max(maximumInFlight, inFlight)
            if delay > .zero { try await Task.sleep(for: delay) }
            inFlight -= 1
            let now = Int64(clock.now.timeIntervalSince1970)
            if now >= reset {
                remaining = limit
                reset = now + 60
            }
            var response = HTTPResponse(status: .ok)
            if remaining == 0 {
                tooMany += 1
                response.status = .tooManyRequests
            } else {
                remaining -= 1
                served += 1
            }
            response.headerFields[.xRateLimitLimit] = String(limit)
            response.headerFields[.xRateLimitRemaining] = String(remaining)
            response.headerFields[.xRateLimitReset] = String(reset)
            response.headerFields[.date] = RateLimitGovernorTests.httpDate(clock.now)
            return (response, nil)
        }
    }

    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    static func send(_ governor: OktaRateLimitGovernor, _ endpoint: Endpoint) async throws -> HTTPResponse.Status {
        let (response, _) = try await governor.intercept(
            HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/api/v1/users"), body: nil,
            baseURL: URL(string: "https://org.okta.com")!, operationID: "listUsers",
            next: { _, _, _ in try await endpoint.handle() })
        return response.status
    }

    @Test func aSpentBucketWaitsForItsResetInsteadOfGetting429() async throws {
        let clock = TestClock()
        let endpoint = Endpoint(limit: 5, clock: clock)
        let waits = Recorder<Duration>()
        let events = Recorder<OktaRateLimitGovernor.Event>()
        let governor = OktaRateLimitGovernor(
            now: { clock.now },
            sleep: { duration in
                await waits.append(duration)
                clock.advance(Double(duration.components.seconds) + 1)
            },
            onEvent: { event in Task { await events.append(event) } })
        for _ in 0..<12 { #expect(try await Self.send(governor, endpoint) == .ok) }
        #expect(await endpoint.tooMany == 0)
        #expect(await endpoint.served == 12)
        // Each window of 5 is used down to the reserve of 1, then the governor waits for the reset: twice.
        #expect(await waits.count == 2)
        for wait in await waits.values { #expect(wait > .seconds(55) && wait <= .seconds(61)) }
        try await Task.sleep(for: .milliseconds(50))
        #expect(await events.values.contains { if case .waitingForReset = $0 { true } else { false } })
    }

    @Test func concurrentRequestsAreCappedAndCountedBeforeTheyAnswer() async throws {
        let clock = TestClock()
        let endpoint = Endpoint(limit: 1000, clock: clock, delay: .milliseconds(20))
        let governor = OktaRateLimitGovernor(
            policy: .init(maximumConcurrentRequests: 4), now: { clock.now }, sleep: { _ in })
        try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
            for _ in 0..<40 { group.addTask { try await Self.send(governor, endpoint) } }
            for try await status in group { #expect(status == .ok) }
        }
        #expect(await endpoint.maximumInFlight <= 4)
        #expect(await endpoint.maximumInFlight >= 2, "requests do overlap up to the cap")
    }

    @Test func concurrentCallersDoNotSpendTheLastRequestsTogether() async throws {
        let clock = TestClock()
        let endpoint = Endpoint(limit: 10, clock: clock, delay: .milliseconds(10))
        let governor = OktaRateLimitGovernor(
            policy: .init(maximumConcurrentRequests: nil), now: { clock.now },
            sleep: { duration in clock.advance(Double(duration.components.seconds) + 1) })
        // Learn the bucket, then 30 at once: without counting in-flight requests most would get 429.
        #expect(try await Self.send(governor, endpoint) == .ok)
        try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
            for _ in 0..<30 { group.addTask { try await Self.send(governor, endpoint) } }
            for try await status in group { #expect(status == .ok) }
        }
        #expect(await endpoint.tooMany == 0)
    }

    @Test func aWaitingRequestCanBeCancelled() async throws {
        let clock = TestClock()
        let endpoint = Endpoint(limit: 1000, clock: clock, delay: .seconds(5))
        let governor = OktaRateLimitGovernor(policy: .init(maximumConcurrentRequests: 1), now: { clock.now })
        let first = Task { try await Self.send(governor, endpoint) }
        try await Task.sleep(for: .milliseconds(100))
        let second = Task { try await Self.send(governor, endpoint) }
        try await Task.sleep(for: .milliseconds(100))
        second.cancel()
        await #expect(throws: CancellationError.self) { try await second.value }
        first.cancel()
        _ = try? await first.value
        #expect(await endpoint.served <= 1)
    }

    @Test func aWaitLongerThanThePolicyAllowsIsNotMade() async throws {
        let clock = TestClock()
        let endpoint = Endpoint(limit: 2, clock: clock)
        let waits = Recorder<Duration>()
        let governor = OktaRateLimitGovernor(
            policy: .init(maximumWait: .seconds(10)), now: { clock.now },
            sleep: { duration in await waits.append(duration) })
        _ = try await Self.send(governor, endpoint)
        _ = try await Self.send(governor, endpoint)
        #expect(try await Self.send(governor, endpoint) == .tooManyRequests, "sent, for the 429 retry to handle")
        #expect(await waits.count == 0)
    }
}
