import Foundation
import OktaMockKit
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
            #expect(try await client.user.getUser(id: "sam").body.id == "00uSeeded00000000001")
            #expect(await mock.server.receivedRequests.map(\.path) == ["/api/v1/users/sam"])

            await mock.stop()
            await mock.stop()
            do {
                _ = try await client.user.getUser(id: "sam")
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

    @Test func anInvalidSeedIsRefusedBeforeListening() async throws {
        await #expect(throws: OktaMockError.self) {
            _ = try await OktaMockServer.start(seed: Data(#"{"people": []}"#.utf8))
        }
    }
}
