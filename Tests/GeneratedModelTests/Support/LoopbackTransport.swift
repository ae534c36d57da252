import Foundation
import OktaRuntime

/// A client transport that hands each request to the server routes registered on it, in memory: the generated client
/// against the generated server stubs of a golden target, without sockets (the real-HTTP loopback of `Generated/`
/// is in OktaUsersE2ETests).
final class LoopbackTransport: ClientTransport, ServerTransport, @unchecked Sendable {
    typealias Handler =
        @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)

    private let lock = NSLock()
    private var routes: [(method: HTTPRequest.Method, segments: [Substring], handler: Handler)] = []

    func register(_ handler: @escaping Handler, method: HTTPRequest.Method, path: String) throws {
        lock.withLock { routes.append((method, path.split(separator: "/"), handler)) }
    }

    func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws
        -> (HTTPResponse, HTTPBody?)
    {
        let path = (request.path ?? "").split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        let segments = path.split(separator: "/")
        let candidates = lock.withLock { routes }
        for route in candidates where route.method == request.method && route.segments.count == segments.count {
            var parameters: [String: Substring] = [:]
            var matches = true
            for (pattern, segment) in zip(route.segments, segments) {
                if pattern.hasPrefix("{"), pattern.hasSuffix("}") {
                    parameters[String(pattern.dropFirst().dropLast())] = segment
                } else if pattern != segment {
                    matches = false
                    break
                }
            }
            guard matches else { continue }
            // Bodies cross as bytes, as over a socket.
            var bytes: HTTPBody?
            if let body { bytes = HTTPBody(try await Data(collecting: body, upTo: 1 << 20)) }
            return try await route.handler(request, bytes, ServerRequestMetadata(pathParameters: parameters))
        }
        return (HTTPResponse(status: .notFound), nil)
    }
}
