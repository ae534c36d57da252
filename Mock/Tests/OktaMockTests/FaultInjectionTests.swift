import Foundation
import HTTPTypes
import OktaRuntime
import OktaUsers
import OpenAPIRuntime
import OpenAPIURLSession
import Testing

@testable import OktaMockKit

/// Adds `Prefer: code=NNN` to every request of a generated client: what docs/okta-mock-testing.md shows.
struct PreferStatusMiddleware: ClientMiddleware {
    let code: Int

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        let prefer = HTTPField.Name("Prefer")!
        request.headerFields[prefer] = [request.headerFields[prefer], "code=\(code)"].compactMap { $0 }
            .joined(separator: ", ")
        return try await next(request, body, baseURL)
    }
}

/// `--latency`, `--fault-rate`, `--fault-seed` and `Prefer: code=NNN`.
@Suite struct FaultInjectionTests {
    @Test func preferCodeProvokesAnErrorOnOneCall() async throws {
        try await RunningMock.run { mock in
            let limited = try await mock.raw("GET", "/api/v1/users", headers: ["Prefer": "code=429"])
            #expect(limited.status == 429)
            #expect(limited.headers["x-rate-limit-remaining"] == "0")
            #expect(limited.headers["x-rate-limit-limit"] == "600")
            #expect(Int(limited.headers["x-rate-limit-reset"] ?? "") != nil)
            let error = try JSONDecoder.okta.decode(OktaError.self, from: limited.body)
            #expect(error.errorCode == "E0000047")
            #expect(error.errorCauses.map(\.errorSummary) == ["okta-mock: provoked by Prefer: code=429"])
            let failed = try await mock.raw("GET", "/api/v1/users", headers: ["Prefer": "CODE=500"])
            #expect(failed.status == 500)
            #expect(try JSONDecoder.okta.decode(OktaError.self, from: failed.body).errorCode == "E0000009")
            let unavailable = try await mock.raw("GET", "/api/v1/users", headers: ["Prefer": "code=503"])
            #expect(try JSONDecoder.okta.decode(OktaError.self, from: unavailable.body).errorCode == "E0000010")
            // Codes outside 400…599 are not provoked; the request is served.
            #expect(try await mock.raw("GET", "/api/v1/users", headers: ["Prefer": "code=200"]).status == 200)
            #expect(try await mock.raw("GET", "/api/v1/users").status == 200)
            // The token is checked first.
            #expect(
                try await mock.raw("GET", "/api/v1/users", authorization: nil, headers: ["Prefer": "code=500"]).status
                    == 401)
        }
    }

    @Test func preferCodeCoexistsWithOktasRespondAsync() async throws {
        try await RunningMock.run { mock in
            let created = try await mock.client.users.createUser(body: Fixture.createBody("pat@example.com")).body
            let id = try #require(created.id)
            // Through the generated client, with the middleware a test would add.
            let failing = OktaClient(
                serverURL: mock.baseURL, transport: URLSessionTransport(configuration: .init(session: mock.session)),
                middlewares: [PreferStatusMiddleware(code: 503), SSWSAuthMiddleware(token: RunningMock.token)])
            let error = try await expectOktaError {
                try await failing.userLifecycle.deactivateUser(userId: id, respondAsync: true)
            }
            #expect(error.status == .serviceUnavailable)
            #expect(try await mock.client.users.getUser(userId: id).body.status == created.status)
            // Without a code, Okta's own preference reaches the handler unchanged.
            let deactivated = try await mock.raw(
                "POST", "/api/v1/users/\(id)/lifecycle/deactivate", headers: ["Prefer": "respond-async"])
            #expect(deactivated.status == 200)
            #expect(try await mock.client.users.getUser(userId: id).body.status == .deprovisioned)
            let journal = await mock.server.receivedRequests.suffix(4).map { ($0.status, $0.headers["prefer"]) }
            #expect(journal.map(\.0) == [503, 200, 200, 200])
            #expect(journal.map(\.1) == ["respond-async, code=503", nil, "respond-async", nil])
        }
    }

    @Test func theDrawsAreReproducibleUnderASeed() async {
        let first = FaultInjector(latency: 10, jitter: 40, faultRate: 0.5, seed: 42)
        let second = FaultInjector(latency: 10, jitter: 40, faultRate: 0.5, seed: 42)
        var faults: [FaultInjector.Fault?] = []
        for _ in 0..<1000 {
            let (a, b) = (await first.draw(), await second.draw())
            #expect(a.delay == b.delay && a.fault == b.fault)
            #expect(a.delay >= .milliseconds(10) && a.delay <= .milliseconds(50))
            faults.append(a.fault)
        }
        let count = faults.compactMap { $0 }.count
        #expect((430...570).contains(count), "\(count) faults in 1000 at 0.5")
        #expect(Set(faults.compactMap { $0.map { "\($0)" } }).count == 3)
        let other = FaultInjector(faultRate: 0.5, seed: 43)
        var differs = false
        for fault in faults.prefix(50) where await other.draw().fault != fault { differs = true }
        #expect(differs)
        #expect(await FaultInjector(faultRate: 0, seed: 1).draw().fault == nil)
        #expect(await FaultInjector(faultRate: 1, seed: 1).draw().fault != nil)
    }

    @Test func faultsAreServedAsDrawnAndJournaled() async throws {
        var configuration = OktaMockConfiguration.mock()
        configuration.faultRate = 1
        configuration.faultSeed = 7
        try await RunningMock.run(configuration) { mock in
            let predicted = FaultInjector(faultRate: 1, seed: 7)
            var expected: [Int] = []
            var seen: [Int] = []
            for _ in 0..<9 {
                let fault = await predicted.draw().fault
                switch fault {
                case .status(let code): expected.append(code)
                default: expected.append(0)
                }
                let port = mock.port
                let response = try await onThread {
                    try RawResponse.exchange(
                        port: port,
                        "GET /api/v1/users HTTP/1.1\r\nHost: x\r\nAuthorization: SSWS \(RunningMock.token)\r\n"
                            + "Connection: close\r\n\r\n")
                }
                seen.append(response.status)
                #expect(response.headers["x-okta-mock-reset"] == nil)
            }
            #expect(seen == expected)
            #expect(Set(seen) == [0, 500, 503])
            #expect(await mock.server.receivedRequests.map(\.status) == expected)
            // okta-mock's own endpoints are never faulted.
            #expect(try await mock.raw("GET", "/__mock/requests").status == 200)
        }
    }

    @Test func latencyDelaysEveryAPIRequest() async throws {
        var configuration = OktaMockConfiguration.mock()
        (configuration.latency, configuration.latencyJitter) = try OktaMockServer.parseLatency("150,20")
        try await RunningMock.run(configuration) { mock in
            let started = ContinuousClock.now
            let status = try await mock.raw("GET", "/api/v1/users").status
            let elapsed = ContinuousClock.now - started
            #expect(status == 200)
            #expect(elapsed >= .milliseconds(150))
        }
        for bad in ["", "x", "-1", "1,2,3", "100,", "70000"] {
            #expect(throws: OktaMockError.self) { try OktaMockServer.parseLatency(bad) }
        }
        var invalid = OktaMockConfiguration.mock()
        invalid.faultRate = 1.5
        await #expect(throws: OktaMockError.invalidOption("--fault-rate must be between 0 and 1, got 1.5")) {
            _ = try await OktaMockServer(configuration: invalid, logger: LogRecorder().logger())
        }
    }
}
