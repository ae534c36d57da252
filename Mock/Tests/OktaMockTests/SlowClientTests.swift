import Foundation
import OktaRuntime
import OktaUsers
import Synchronization
import Testing

@testable import OktaMockKit

/// okta-mock under a slow-client attack: more clients than `--max-connections` (default 256), each trickling a
/// chunked body, must not lock out legitimate requests.
@Suite struct SlowClientTests {
    @Test func legitimateRequestsAreServedWhileThreeHundredSlowClientsAreConnected() async throws {
        try await RunningMock.run(limit: .seconds(45)) { mock in
            let user = try await mock.client.users.createUser(body: Fixture.createBody("ann@example.com")).body
            let id = try #require(user.id)
            let attackers = SlowClients(port: mock.port, count: 300)
            attackers.start()
            defer { attackers.stop() }
            // Every attacker connected, then a few rounds of trickling (and of reconnecting the ones turned away).
            for _ in 0..<100 where attackers.rounds < 1 { try await Task.sleep(for: .milliseconds(100)) }
            try #require(attackers.rounds >= 1, "the slow clients did not connect")
            try await Task.sleep(for: .milliseconds(1500))
            #expect(attackers.connected == 300)
            // A connect returns once the kernel has queued the connection; the server takes queued ones in as fast as
            // its accept loop runs, which under load (2 cores, other suites) can take several seconds for 256.
            let maximum = mock.server.configuration.maxConnections
            for _ in 0..<100 where mock.server.connections.openConnections < maximum {
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(mock.server.connections.openConnections == maximum)

            // Fresh connections, one request each, while the attack goes on.
            for _ in 0..<5 {
                let started = ContinuousClock.now
                let response = try await onThread {
                    try RawResponse.exchange(
                        port: mock.port,
                        "GET /api/v1/users/\(id) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                            + "Authorization: SSWS \(RunningMock.token)\r\n\r\n")
                }
                let elapsed = ContinuousClock.now - started
                #expect(response.status == 200)
                #expect(elapsed < .seconds(2), "took \(elapsed)")
                try await Task.sleep(for: .milliseconds(200))
            }
            // The generated client too.
            let started = ContinuousClock.now
            #expect(try await mock.client.users.getUser(userId: id).body.profile?.login == "ann@example.com")
            #expect(ContinuousClock.now - started < .seconds(2))
            #expect(attackers.connected == 300)
        }
    }
}

/// Slow clients on a thread of their own (blocking sockets): each opens a connection, sends the head of a chunked
/// `POST /api/v1/users`, then one byte of body a round (every half second); one whose connection the server answers
/// or closes opens a new one, as an attacker would.
final class SlowClients: Sendable {
    private let port: Int
    private let count: Int
    private let stopping = Atomic<Bool>(false)
    private let finishedRounds = Atomic<Int>(0)
    private let connectedNow = Atomic<Int>(0)
    private let done = DispatchSemaphore(value: 0)

    init(port: Int, count: Int) {
        self.port = port
        self.count = count
    }

    /// Rounds finished (the first one opens every connection).
    var rounds: Int { finishedRounds.load(ordering: .relaxed) }

    /// Connections open at the end of the last round.
    var connected: Int { connectedNow.load(ordering: .relaxed) }

    func start() {
        Thread { [self] in
            run()
            done.signal()
        }.start()
    }

    /// Stops and waits for every connection to be closed.
    func stop() {
        stopping.store(true, ordering: .relaxed)
        done.wait()
    }

    private func run() {
        var sockets: [LoopbackSocket?] = Array(repeating: nil, count: count)
        let head =
            "POST /api/v1/users HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: SSWS \(RunningMock.token)\r\n"
            + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        while !stopping.load(ordering: .relaxed) {
            var open = 0
            for index in sockets.indices {
                if let socket = sockets[index], !socket.isAnsweredOrClosed(), (try? socket.send("1\r\n \r\n")) != nil {
                    open += 1
                    continue
                }
                sockets[index]?.close()
                sockets[index] = try? LoopbackSocket(port: port)
                if let socket = sockets[index], (try? socket.send(head)) != nil { open += 1 }
            }
            connectedNow.store(open, ordering: .relaxed)
            finishedRounds.add(1, ordering: .relaxed)
            Thread.sleep(forTimeInterval: 0.5)
        }
        for socket in sockets { socket?.close() }
    }
}
