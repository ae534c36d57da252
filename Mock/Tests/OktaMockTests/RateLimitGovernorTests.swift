import Foundation
import OktaMockKit
import OktaRuntime
import OktaUsers
import OpenAPIURLSession
import Synchronization
import Testing

/// OktaRuntime's rate-limit governor against okta-mock's enforced bucket limits: it waits for the window's reset
/// before the request that would be refused, instead of sending it and getting 429.
@Suite struct RateLimitGovernorTests {
    @Test func theGovernorWaitsForTheResetInsteadOfHittingThe429() async throws {
        var configuration = OktaMockConfiguration.mock()
        configuration.seedData = AuthorizationServerTests.seed
        configuration.bucketRateLimits = ["user": 3]
        try await RunningMock.run(configuration) { mock in
            let waits = Recorded<Duration>()
            let events = Recorded<OktaRateLimitGovernor.Event>()
            // The wait is recorded, then cancelled: the request it held back is never sent.
            let governor = OktaRateLimitGovernor(
                policy: .init(reserve: 1, maximumWait: .seconds(120)),
                sleep: { wait in
                    waits.append(wait)
                    throw CancellationError()
                },
                onEvent: { event in events.append(event) })
            let governed = OktaClient(
                serverURL: mock.baseURL, transport: URLSessionTransport(configuration: .init(session: mock.session)),
                middlewares: [governor, SSWSAuthMiddleware(token: RunningMock.token)])

            for _ in 0..<2 { _ = try await governed.users.getUser(userId: "sam") }
            await #expect(throws: CancellationError.self) { try await governed.users.getUser(userId: "sam") }

            #expect(await mock.server.receivedRequests.map(\.status) == [200, 200])
            let recorded = waits.values
            #expect(recorded.count == 1)
            // Until the end of the window okta-mock opened with the first request: about a minute. The governor
            // counts from the response's `Date`, which has whole seconds and which Hummingbird refreshes once a
            // second (later under load), so the wait can exceed the minute by a few seconds (63 s seen in CI).
            #expect(recorded.allSatisfy { $0 > .seconds(50) && $0 <= .seconds(66) }, "waits: \(recorded)")
            guard case .waitingForReset("getUser", 1, _)? = events.values.first else {
                Issue.record("events: \(events.values)")
                return
            }

            // Without the governor, the client spends the last request of the window and the next one is refused.
            _ = try await mock.client.users.getUser(userId: "sam")
            let refused = try await #require(throws: OktaAPIError.self) {
                try await mock.client.users.getUser(userId: "sam")
            }
            #expect(refused.status == .tooManyRequests)
        }
    }
}

/// Values appended from synchronous, sendable closures.
final class Recorded<Value: Sendable>: Sendable {
    private let storage = Mutex<[Value]>([])

    func append(_ value: Value) { storage.withLock { $0.append(value) } }

    var values: [Value] { storage.withLock { $0 } }
}
