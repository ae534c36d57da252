import Foundation
import OktaRuntime
import OktaUsers
import Testing

/// Authentication, rate limiting, unknown paths and methods, request logging.
@Suite struct ProtocolTests {
    @Test func requestsWithoutTheTokenGet401() async throws {
        try await RunningMock.run { mock in
            for token in [nil, "wrong-token"] as [String?] {
                let error = try await expectOktaError { try await mock.client(token: token).users.listUsers() }
                #expect(error.status == .unauthorized)
                #expect(error.error?.errorCode == "E0000011")
                #expect(error.error?.errorSummary == "Invalid token provided")
                #expect(error.error?.errorCauses == [])
                #expect(error.rateLimit?.limit == 600)
            }
            let bearer = try await mock.raw("GET", "/api/v1/users", authorization: "Bearer \(RunningMock.token)")
            #expect(bearer.status == 200)
            let lowercase = try await mock.raw("GET", "/api/v1/users", authorization: "ssws \(RunningMock.token)")
            #expect(lowercase.status == 200)
            let basic = try await mock.raw("GET", "/api/v1/users", authorization: "Basic \(RunningMock.token)")
            #expect(basic.status == 401)
            let empty = try await mock.raw("GET", "/api/v1/users", authorization: "SSWS ")
            #expect(empty.status == 401)
            // Unknown paths need the token too, as on Okta.
            #expect(try await mock.raw("GET", "/api/v1/nothing", authorization: nil).status == 401)
        }
    }

    @Test func withoutATokenOptionAnyTokenIsAccepted() async throws {
        try await RunningMock.run(.mock(token: nil)) { (mock: RunningMock) async throws -> Void in
            #expect(try await mock.client(token: "anything-at-all").users.listUsers().body == [])
            #expect(try await mock.raw("GET", "/api/v1/users", authorization: "Bearer x").status == 200)
            #expect(try await mock.raw("GET", "/api/v1/users", authorization: nil).status == 401)
        }
    }

    @Test func everyResponseCarriesRateLimitHeadersAndTheLimitIsEnforced() async throws {
        try await RunningMock.run(.mock(rateLimit: 3)) { mock in
            let start = Date()
            var remaining: [Int?] = []
            var firstAnswered: Date?
            for _ in 0..<3 {
                let response = try await mock.client.users.listUsers()
                firstAnswered = firstAnswered ?? Date()
                remaining.append(response.metadata.rateLimit?.remaining)
                #expect(response.metadata.rateLimit?.limit == 3)
            }
            #expect(remaining == [2, 1, 0])
            let throttled = try await expectOktaError { try await mock.client.users.listUsers() }
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.error?.errorCode == "E0000047")
            #expect(throttled.error?.errorSummary == "API call exceeded rate limit due to too many requests.")
            let rateLimit = try #require(throttled.rateLimit)
            #expect(rateLimit.limit == 3)
            #expect(rateLimit.remaining == 0)
            let reset = try #require(rateLimit.reset)
            #expect(reset > start)
            // The window opened when the first request arrived, before its answer: 60 s, plus the header rounded up
            // to a second. (Bounded by the first answer, not by the test's start: on a loaded machine the first
            // request can take more than a second to arrive.)
            #expect(reset <= (try #require(firstAnswered)).addingTimeInterval(61))
            // A 401 past the limit is still a 429: the limit is counted first.
            #expect(try await mock.raw("GET", "/api/v1/users", authorization: nil).status == 429)
        }
    }

    @Test func unknownPathsAre404AndUnknownMethods405() async throws {
        try await RunningMock.run { mock in
            let path = try await mock.raw("GET", "/api/v1/groups")
            #expect(path.status == 404)
            let pathError = try JSONDecoder.okta.decode(OktaError.self, from: path.body)
            #expect(pathError.errorCode == "E0000007")
            #expect(pathError.errorSummary == "Not found: Resource not found: /api/v1/groups (Path)")
            #expect(path.headers["x-rate-limit-remaining"] != nil)

            let method = try await mock.raw("PATCH", "/api/v1/users/00u1")
            #expect(method.status == 405)
            #expect(method.headers["allow"] == "GET, POST, PUT, DELETE")
            let methodError = try JSONDecoder.okta.decode(OktaError.self, from: method.body)
            #expect(methodError.errorCode == "E0000022")
            let lifecycle = try await mock.raw("GET", "/api/v1/users/00u1/lifecycle/activate")
            #expect(lifecycle.status == 405)
            #expect(lifecycle.headers["allow"] == "POST")
        }
    }

    @Test func everyRequestIsLoggedWithoutTheToken() async throws {
        let logs = try await RunningMock.run { mock in
            _ = try await mock.client.users.listUsers(limit: 5)
            _ = try? await mock.client.users.getUser(userId: "nobody")
            _ = try await mock.raw("GET", "/api/v1/users", authorization: "SSWS a-wrong-secret-token")
            return mock.logs.lines
        }
        let requests = logs.filter { $0.contains("/api/v1/users") }
        #expect(requests.count == 3)
        #expect(requests[0].hasPrefix("info GET /api/v1/users 200 "))
        #expect(requests[1].hasPrefix("info GET /api/v1/users/nobody 404 "))
        #expect(requests[2].hasPrefix("info GET /api/v1/users 401 "))
        #expect(requests.allSatisfy { $0.contains("request-id=mock") })
        #expect(!logs.contains { $0.contains(RunningMock.token) || $0.contains("a-wrong-secret-token") })
    }
}
