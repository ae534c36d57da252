import Foundation
import OktaMockKit
import OktaMockTestSupport
import OktaRuntime
import OktaUsers
import OpenAPIURLSession
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// ``OktaMockServer/start(seed:token:configuration:logger:)``: an okta-mock inside the test process, used the way a
/// consumer's test target would, through the generated client and `OktaClientConfiguration`.
@Suite struct InProcessTests {
    static let seed = Data(
        #"{"users": [{"id": "00uSeeded00000000001", "profile": {"login": "sam@example.com", "firstName": "Sam"}}]}"#
            .utf8)

    @Test func aTestStartsAMockUsesTheGeneratedClientAndStopsIt() async throws {
        try await withTimeout(.seconds(20), "the in-process mock") {
            let mock = try await OktaMockServer.start(seed: Self.seed, token: "00inProcessToken")
            #expect(mock.baseURL.absoluteString == "http://127.0.0.1:\(mock.port)")
            // What a consumer writes: an http URL is refused unless allowed, for local tests only.
            #expect(throws: OktaConfigurationError.self) {
                try OktaClientConfiguration(orgURL: mock.baseURL, authorization: .ssws(token: "00inProcessToken"))
            }
            let configuration = try OktaClientConfiguration(
                orgURL: mock.baseURL, authorization: .ssws(token: "00inProcessToken"), allowInsecureHTTP: true)
            let session = URLSession(configuration: .ephemeral)
            defer { session.invalidateAndCancel() }
            let client = OktaClient(
                serverURL: configuration.serverURL,
                transport: URLSessionTransport(configuration: .init(session: session)),
                middlewares: configuration.middlewares)
            #expect(try await client.users.getUser(userId: "sam").body.id == "00uSeeded00000000001")
            #expect(await mock.server.receivedRequests.map(\.path) == ["/api/v1/users/sam"])

            await mock.stop()
            await mock.stop()
            do {
                _ = try await client.users.getUser(userId: "sam")
                Issue.record("the stopped mock still answered")
            } catch {
                // Connection refused: the port is closed.
            }
        }
    }

    @Test func twoMocksRunSideBySideOnTheirOwnPorts() async throws {
        try await withTimeout(.seconds(20), "two in-process mocks") {
            let first = try await OktaMockServer.start()
            let second = try await OktaMockServer.start(seed: Self.seed)
            #expect(first.port != second.port)
            #expect(await first.server.userCount == 0)
            #expect(await second.server.userCount == 1)
            await first.stop()
            await second.stop()
        }
    }

    /// Stopping cancels the server's task while connections it has accepted still wait for its accept loop; each
    /// of them once trapped in NIO ("Deinited NIOAsyncWriter without calling finish()") and killed the test process.
    @Test func stoppingWhileAcceptedConnectionsWaitToBeServedDoesNotTrap() async throws {
        try await withTimeout(.seconds(60), "stopping with connections waiting") {
            for _ in 0..<30 {
                let mock = try await OktaMockServer.start()
                let clients = SocketPile()
                try await onThread { for _ in 0..<64 { clients.add(try LoopbackSocket(port: mock.port)) } }
                await mock.stop()
                // Served or dropped, every connection is closed, none left open.
                #expect(try await onThread { clients.allClosedByPeer(within: .seconds(5)) })
                clients.closeAll()
            }
        }
    }

    @Test func anInvalidSeedIsRefusedBeforeListening() async throws {
        await #expect(throws: OktaMockError.self) {
            _ = try await OktaMockServer.start(seed: Data(#"{"people": []}"#.utf8))
        }
    }
}

/// Client sockets kept open across a test's awaits (only touched by one thread at a time).
private final class SocketPile: @unchecked Sendable {
    private var sockets: [LoopbackSocket] = []
    func add(_ socket: LoopbackSocket) { sockets.append(socket) }
    func closeAll() { sockets.removeAll() }
    /// Waits (polling) until the server has closed every socket, or `limit` has passed.
    func allClosedByPeer(within limit: Duration) -> Bool {
        let deadline = ContinuousClock.now + limit
        while !sockets.allSatisfy({ $0.isClosedByPeer() }) {
            guard ContinuousClock.now < deadline else { return false }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return true
    }
}
