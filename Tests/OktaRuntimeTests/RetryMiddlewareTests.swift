import Foundation
import OktaRuntime
import Testing

/// A scripted `next`: answers with the given responses in turn (the last one repeatedly) and records requests.
actor FakeTransport {
    struct Call: Sendable {
        var request: HTTPRequest
        var body: String?
    }

    private let responses: [HTTPResponse]
    private(set) var calls: [Call] = []
    let firstCall = Signal()

    init(_ responses: [HTTPResponse]) { self.responses = responses }

    func send(_ request: HTTPRequest, _ body: HTTPBody?) async throws -> (HTTPResponse, HTTPBody?) {
        calls.append(Call(request: request, body: try await string(of: body)))
        await firstCall.signal()
        let response = responses[min(calls.count - 1, responses.count - 1)]
        return (response, HTTPBody("status \(response.status.code)"))
    }
}

/// Records requested waits instead of sleeping.
actor FakeSleeper {
    private(set) var waits: [Duration] = []
    func sleep(_ duration: Duration) { waits.append(duration) }
}

@Suite struct RetryMiddlewareTests {
    /// 2023-11-14T22:13:20Z.
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    static func rateLimited(_ fields: HTTPFields) -> HTTPResponse {
        HTTPResponse(status: .tooManyRequests, headerFields: fields)
    }

    static func middleware(_ sleeper: FakeSleeper, policy: RetryMiddleware.Policy = .init()) -> RetryMiddleware {
        RetryMiddleware(policy: policy, now: { now }, sleep: { await sleeper.sleep($0) })
    }

    static func send(
        _ middleware: RetryMiddleware,
        to transport: FakeTransport,
        body: HTTPBody? = nil
    ) async throws -> (HTTPResponse, HTTPBody?) {
        try await middleware.intercept(
            HTTPRequest(method: .post, scheme: "https", authority: "x.okta.com", path: "/api/v1/users"),
            body: body,
            baseURL: url("https://x.okta.com"),
            operationID: "createUser",
            next: { request, body, _ in try await transport.send(request, body) }
        )
    }

    @Test func waitsUntilRateLimitResetThenRetries() async throws {
        let transport = FakeTransport([
            Self.rateLimited([.xRateLimitReset: "1700000007", .oktaRequestID: "req-1"]),
            HTTPResponse(status: .ok),
        ])
        let sleeper = FakeSleeper()
        let (response, body) = try await Self.send(Self.middleware(sleeper), to: transport, body: HTTPBody(#"{"a":1}"#))
        #expect(response.status == .ok)
        #expect(try await string(of: body) == "status 200")
        #expect(await sleeper.waits == [.seconds(7)])
        let calls = await transport.calls
        #expect(calls.count == 2)
        #expect(calls.map(\.body) == [#"{"a":1}"#, #"{"a":1}"#])
        #expect(calls[0].request.headerFields[.oktaRetryCount] == nil)
        #expect(calls[1].request.headerFields[.oktaRetryCount] == "1")
        #expect(calls[1].request.headerFields[.oktaRetryFor] == "req-1")
    }

    @Test func usesTheServerDateHeaderAsNow() async throws {
        let transport = FakeTransport([
            Self.rateLimited([.xRateLimitReset: "1700000007", .date: "Tue, 14 Nov 2023 22:13:22 GMT"]),
            HTTPResponse(status: .ok),
        ])
        let sleeper = FakeSleeper()
        _ = try await Self.send(Self.middleware(sleeper), to: transport)
        #expect(await sleeper.waits == [.seconds(5)])
    }

    @Test func retryAfterTakesPrecedence() async throws {
        let transport = FakeTransport([
            Self.rateLimited([.retryAfter: "3", .xRateLimitReset: "1700000050"]),
            Self.rateLimited([.retryAfter: "Tue, 14 Nov 2023 22:13:24 GMT"]),
            HTTPResponse(status: .noContent),
        ])
        let sleeper = FakeSleeper()
        let (response, _) = try await Self.send(Self.middleware(sleeper), to: transport)
        #expect(response.status == .noContent)
        #expect(await sleeper.waits == [.seconds(3), .seconds(4)])
    }

    @Test func waitsAtLeastTheMinimum() async throws {
        let transport = FakeTransport([
            Self.rateLimited([.xRateLimitReset: "1699999990"]),
            Self.rateLimited([:]),
            HTTPResponse(status: .ok),
        ])
        let sleeper = FakeSleeper()
        let policy = RetryMiddleware.Policy(maxAttempts: 5, minimumWait: .milliseconds(1500))
        _ = try await Self.send(Self.middleware(sleeper, policy: policy), to: transport)
        #expect(await sleeper.waits == [.milliseconds(1500), .milliseconds(1500)])
    }

    @Test func givesUpAfterMaxAttempts() async throws {
        let transport = FakeTransport([Self.rateLimited([.xRateLimitReset: "1700000002"])])
        let sleeper = FakeSleeper()
        let (response, body) = try await Self.send(Self.middleware(sleeper), to: transport)
        #expect(response.status == .tooManyRequests)
        #expect(try await string(of: body) == "status 429")
        #expect(await transport.calls.count == 3)
        #expect(await sleeper.waits == [.seconds(2), .seconds(2)])
        #expect(await transport.calls.map { $0.request.headerFields[.oktaRetryCount] } == [nil, "1", "2"])
    }

    @Test func doesNotWaitLongerThanTheMaximum() async throws {
        let transport = FakeTransport([Self.rateLimited([.xRateLimitReset: "1700000061"])])
        let sleeper = FakeSleeper()
        let (response, _) = try await Self.send(Self.middleware(sleeper), to: transport)
        #expect(response.status == .tooManyRequests)
        #expect(await transport.calls.count == 1)
        #expect(await sleeper.waits.isEmpty)
    }

    @Test(arguments: [HTTPResponse.Status.ok, .badRequest, .notFound, .internalServerError, .serviceUnavailable])
    func otherStatusesPassThrough(_ status: HTTPResponse.Status) async throws {
        let transport = FakeTransport([HTTPResponse(status: status, headerFields: [.xRateLimitReset: "1700000002"])])
        let sleeper = FakeSleeper()
        let (response, _) = try await Self.send(Self.middleware(sleeper), to: transport)
        #expect(response.status == status)
        #expect(await transport.calls.count == 1)
        #expect(await sleeper.waits.isEmpty)
    }

    @Test func singleAttemptPolicyNeverRetries() async throws {
        let transport = FakeTransport([Self.rateLimited([.retryAfter: "1"]), HTTPResponse(status: .ok)])
        let sleeper = FakeSleeper()
        let (response, _) = try await Self.send(
            Self.middleware(sleeper, policy: .init(maxAttempts: 1)),
            to: transport
        )
        #expect(response.status == .tooManyRequests)
        #expect(await transport.calls.count == 1)
    }

    @Test func doesNotRetryBodiesThatCannotBeReplayed() async throws {
        let transport = FakeTransport([Self.rateLimited([.retryAfter: "1"]), HTTPResponse(status: .ok)])
        let sleeper = FakeSleeper()
        let stream = AsyncStream<HTTPBody.ByteChunk> { continuation in
            continuation.yield(Array("streamed".utf8)[...])
            continuation.finish()
        }
        let body = HTTPBody(stream, length: .unknown)
        let (response, _) = try await Self.send(Self.middleware(sleeper), to: transport, body: body)
        #expect(response.status == .tooManyRequests)
        #expect(await transport.calls.map(\.body) == ["streamed"])
        #expect(await sleeper.waits.isEmpty)
    }

    @Test func buffersSmallSingleUseBodiesToReplayThem() async throws {
        let transport = FakeTransport([Self.rateLimited([.retryAfter: "1"]), HTTPResponse(status: .ok)])
        let sleeper = FakeSleeper()
        let stream = AsyncStream<HTTPBody.ByteChunk> { continuation in
            continuation.yield(Array("part1,".utf8)[...])
            continuation.yield(Array("part2".utf8)[...])
            continuation.finish()
        }
        let body = HTTPBody(stream, length: .known(11))
        let (response, _) = try await Self.send(Self.middleware(sleeper), to: transport, body: body)
        #expect(response.status == .ok)
        #expect(await transport.calls.map(\.body) == ["part1,part2", "part1,part2"])
    }

    @Test func cancellationDuringTheWaitThrows() async throws {
        let transport = FakeTransport([Self.rateLimited([.retryAfter: "30"]), HTTPResponse(status: .ok)])
        let sleeping = Signal()
        // A sleeper that ignores cancellation: the middleware must still not send another request.
        let middleware = RetryMiddleware(
            now: { Self.now },
            sleep: { _ in
                await sleeping.signal()
                await waitForCancellation()
            }
        )
        let task = Task { try await Self.send(middleware, to: transport) }
        await sleeping.wait()
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(await transport.calls.count == 1)
    }

    @Test func defaultSleeperStopsWaitingWhenCancelled() async throws {
        let transport = FakeTransport([Self.rateLimited([.retryAfter: "300"]), HTTPResponse(status: .ok)])
        let middleware = RetryMiddleware(policy: RetryMiddleware.Policy(maximumWait: .seconds(600)))
        let task = Task { try await Self.send(middleware, to: transport) }
        await transport.firstCall.wait()
        // Measured from the cancellation, and far below the 300 s the 429 asks for: on CI's two cores, tests that
        // hold the cooperative pool have delayed a prompt cancellation's return by 48 s, so a tight bound would
        // measure the machine, not the sleeper.
        let cancelled = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(await transport.calls.count == 1)
        #expect(ContinuousClock.now - cancelled < .seconds(200))
    }
}
