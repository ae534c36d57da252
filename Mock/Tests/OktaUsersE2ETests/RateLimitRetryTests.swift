import Foundation
import OktaRuntime
import OktaUsers
import Testing

/// Records the waits `RetryMiddleware` asks for, instead of sleeping through them.
actor WaitRecorder {
    private(set) var waits: [Duration] = []

    func record(_ duration: Duration) { waits.append(duration) }
}

/// A 429 with `X-Rate-Limit-Reset` is retried by `RetryMiddleware`, re-authenticated by `SSWSAuthMiddleware`.
@Suite struct RateLimitRetryTests {
    /// Retry outermost, then authentication, as `OktaClientConfiguration.middlewares` orders them; the wait is
    /// recorded rather than slept, so the test does not sit out the reset window.
    static func client(_ server: TestServer, waits: WaitRecorder, maxAttempts: Int) -> OktaClient {
        let retry = RetryMiddleware(
            policy: RetryMiddleware.Policy(
                maxAttempts: maxAttempts, maximumWait: .seconds(10), minimumWait: .milliseconds(10)),
            sleep: { await waits.record($0) }
        )
        return server.client(middlewares: [retry, SSWSAuthMiddleware(token: TestServer.token)])
    }

    @Test func rateLimitedRequestIsRetriedAfterTheResetAndSucceeds() async throws {
        try await TestServer.run { server in
            let waits = WaitRecorder()
            let client = Self.client(server, waits: waits, maxAttempts: 3)
            let created = try await client.users.createUser(
                body: CreateUserRequest(profile: UserProfile(email: "rl@example.com", login: "rl@example.com")))
            let id = try #require(created.body.id)
            await server.directory.throttleNextRequests(1)

            let fetched = try await client.users.getUser(userId: id)

            #expect(fetched.metadata.status == .ok)
            #expect(fetched.body.id == id)
            let attempts = await server.log.requests(.get, "/api/v1/users/\(id)")
            #expect(attempts.map(\.status) == [.tooManyRequests, .ok])
            #expect(attempts.allSatisfy { $0.headerFields[.authorization] == "SSWS \(TestServer.token)" })
            #expect(attempts.first?.headerFields[.oktaRetryCount] == nil)
            #expect(attempts.last?.headerFields[.oktaRetryCount] == "1")
            #expect(attempts.last?.headerFields[.oktaRetryFor] == attempts.first?.requestID)
            // The wait is `X-Rate-Limit-Reset` (two seconds ahead, rounded up) minus the response's `Date` (whole
            // seconds, refreshed once a second): at least two seconds, where the policy's minimum is 10 ms.
            let recorded = await waits.waits
            #expect(recorded.count == 1)
            #expect(recorded.allSatisfy { $0 >= .seconds(2) && $0 <= .seconds(6) }, "waits: \(recorded)")
        }
    }

    @Test func exhaustedRetriesSurfaceTheRateLimitError() async throws {
        try await TestServer.run { server in
            let waits = WaitRecorder()
            let client = Self.client(server, waits: waits, maxAttempts: 2)
            await server.directory.throttleNextRequests(5)

            let error = try await #require(throws: OktaAPIError.self) {
                try await client.users.listUsers(limit: 10)
            }

            #expect(error.status == .tooManyRequests)
            #expect(error.error?.errorCode == "E0000047")
            #expect(error.error?.errorSummary == "API call exceeded rate limit due to too many requests.")
            #expect(error.rateLimit?.limit == 600)
            #expect(error.rateLimit?.remaining == 0)
            #expect(error.rateLimit?.reset != nil)
            #expect(error.requestID == "e2e-request-2")
            #expect(await server.log.requests(.get, "/api/v1/users").count == 2)
            #expect(await waits.waits.count == 1)
        }
    }
}
