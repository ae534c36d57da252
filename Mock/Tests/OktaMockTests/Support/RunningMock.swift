import Foundation
import OktaMockKit
import OktaMockTestSupport
import OktaRuntime
import OktaUsers
import OpenAPIURLSession

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// An okta-mock listening on 127.0.0.1 and an ephemeral port, with generated clients for it.
struct RunningMock: Sendable {
    /// The API token the server accepts.
    static let token = "00mockTestToken7Qk2LmNpRsW"

    /// `http://127.0.0.1:<port>`.
    let baseURL: URL
    /// What the server logged.
    let logs: LogRecorder
    /// The session every client shares; invalidated when the server stops.
    let session: URLSession
    /// The server.
    let server: OktaMockServer

    /// The port the server listens on.
    var port: Int { baseURL.port ?? 0 }

    /// The generated client with `SSWSAuthMiddleware` and ``token``.
    var client: OktaClient { client(token: Self.token) }

    /// The generated client with another token, or none.
    ///
    /// - Parameter token: The token; `nil` sends no `Authorization`.
    func client(token: String?) -> OktaClient {
        OktaClient(
            serverURL: baseURL,
            transport: URLSessionTransport(configuration: .init(session: session)),
            middlewares: token.map { [SSWSAuthMiddleware(token: $0)] } ?? [])
    }

    /// A raw request, for what the generated client cannot send (unknown paths, other methods, raw JSON bodies).
    ///
    /// - Returns: The status, the header fields and the body.
    func raw(
        _ method: String, _ path: String, body: String? = nil, bodyBytes: Data? = nil,
        authorization: String? = "SSWS \(Self.token)", headers extra: [String: String] = [:]
    ) async throws -> (status: Int, headers: [String: String], body: Data) {
        guard let url = URL(string: path, relativeTo: baseURL) else { throw URLError(.badURL) }
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let authorization { request.setValue(authorization, forHTTPHeaderField: "Authorization") }
        for (name, value) in extra { request.setValue(value, forHTTPHeaderField: name) }
        if let body = bodyBytes ?? body.map({ Data($0.utf8) }) {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        return (http.statusCode, headers, data)
    }

    /// Starts okta-mock, runs `body` against it, and stops it.
    ///
    /// - Parameters:
    ///   - configuration: The options; port 0 and ``token`` unless changed.
    ///   - limit: The longest the whole run may take.
    ///   - body: The test.
    /// - Returns: What `body` returns.
    static func run<T: Sendable>(
        _ configuration: OktaMockConfiguration = .mock(),
        limit: Duration = .seconds(20),
        _ body: @escaping @Sendable (RunningMock) async throws -> T
    ) async throws -> T {
        let logs = LogRecorder()
        let server = try await OktaMockServer(configuration: configuration, logger: logs.logger())
        return try await LoopbackServer.run(
            "okta-mock", limit: limit,
            serve: { report in try await server.run { report($0) } },
            test: { baseURL, session in
                try await body(RunningMock(baseURL: baseURL, logs: logs, session: session, server: server))
            })
    }
}

extension OktaMockConfiguration {
    /// A test configuration: an ephemeral port and ``RunningMock/token``, unless given otherwise.
    static func mock(
        token: String? = RunningMock.token, stateURL: URL? = nil, seedURL: URL? = nil, rateLimit: Int? = nil
    ) -> OktaMockConfiguration {
        OktaMockConfiguration(port: 0, token: token, stateURL: stateURL, seedURL: seedURL, rateLimit: rateLimit)
    }
}
