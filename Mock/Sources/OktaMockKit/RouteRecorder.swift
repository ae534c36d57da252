import OktaRuntime
import OpenAPIRuntime

/// A `ServerTransport` that only notes the routes registered on it in a ``RouteTable``.
final class RouteRecorder: ServerTransport {
    /// What was registered.
    private(set) var table = RouteTable()

    func register(
        _ handler:
            @Sendable @escaping (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (
                HTTPResponse, HTTPBody?
            ),
        method: HTTPRequest.Method,
        path: String
    ) throws {
        table.add(path: path, method: method)
    }
}
