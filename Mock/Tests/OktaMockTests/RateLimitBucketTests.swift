import Foundation
import OktaRuntime
import OktaUsers
import Testing

@testable import OktaMockKit

/// Rate limits per endpoint bucket (`--rate-limit-bucket`) and the concurrency limit (`--concurrency-limit`).
@Suite struct RateLimitBucketTests {
    @Test(arguments: [
        ("GET", "/api/v1/users", "users"), ("POST", "/api/v1/users", "users"), ("PUT", "/api/v1/users", "other"),
        ("GET", "/api/v1/users/00u1", "user"), ("DELETE", "/api/v1/users/ann@example.com", "user"),
        ("POST", "/api/v1/users/00u1/lifecycle/activate", "user-resources"),
        ("GET", "/api/v1/users/00u1/clients/0oa1/tokens", "user-resources"), ("GET", "/api/v1/groups", "other"),
        ("GET", "/", "other"),
    ])
    func requestsFallInTheirBuckets(method: String, path: String, bucket: String) {
        #expect(RateLimiter.bucket(method: method, path: path) == bucket)
    }

    @Test func eachBucketHasItsOwnLimitAndWindow() async throws {
        let directory = try TemporaryDirectory()
        let seed = try directory.file("seed.json", Fixture.seed)
        var configuration = OktaMockConfiguration.mock(seedURL: seed)
        configuration.bucketRateLimits = ["user": 2]
        try await RunningMock.run(configuration) { mock in
            for remaining in ["1", "0"] {
                let answer = try await mock.raw("GET", "/api/v1/users/00uAdmin000000000001")
                #expect(answer.status == 200)
                #expect(answer.headers["x-rate-limit-limit"] == "2")
                #expect(answer.headers["x-rate-limit-remaining"] == remaining)
            }
            let throttled = try await mock.raw("GET", "/api/v1/users/admin")
            #expect(throttled.status == 429)
            #expect(try JSONDecoder.okta.decode(OktaError.self, from: throttled.body).errorCode == "E0000047")
            // The other buckets are not touched, and keep the default limit.
            let list = try await mock.raw("GET", "/api/v1/users")
            #expect(list.status == 200)
            #expect(list.headers["x-rate-limit-limit"] == "600")
            #expect(list.headers["x-rate-limit-remaining"] == "599")
            let groups = try await mock.raw("GET", "/api/v1/users/00uAdmin000000000001/groups")
            #expect(groups.status == 200)
            #expect(groups.headers["x-rate-limit-remaining"] == "599")
        }
        var unknown = OktaMockConfiguration.mock()
        unknown.bucketRateLimits = ["groups": 5]
        await #expect(throws: OktaMockError.self) {
            _ = try await OktaMockServer(configuration: unknown, logger: LogRecorder().logger())
        }
    }

    @Test func requestsPastTheConcurrencyLimitGet429WithLimitZero() async throws {
        var configuration = OktaMockConfiguration.mock()
        configuration.concurrencyLimit = 1
        configuration.latency = 2000
        try await RunningMock.run(configuration) { mock in
            async let first = mock.raw("GET", "/api/v1/users")
            try await Task.sleep(for: .milliseconds(600))  // the first is in flight for 2 s
            let second = try await mock.raw("GET", "/api/v1/users")
            #expect(second.status == 429)
            #expect(second.headers["x-rate-limit-limit"] == "0")
            #expect(second.headers["x-rate-limit-remaining"] == "0")
            #expect(try JSONDecoder.okta.decode(OktaError.self, from: second.body).errorCode == "E0000047")
            #expect(try await first.status == 200)
            // Once the first is done, there is room again.
            #expect(try await mock.raw("GET", "/api/v1/users").status == 200)
        }
    }
}
