import OktaRuntime
import OpenAPIRuntime

/// The routes the generated handlers registered, to tell "no such path" (404) from "no such method" (405 with
/// `Allow`) when the router finds nothing.
struct RouteTable: Sendable {
    /// A registered path template split into segments; `nil` segments are parameters.
    private var routes: [(segments: [String?], method: HTTPRequest.Method)] = []

    /// Records a route.
    ///
    /// - Parameters:
    ///   - path: A template such as `/api/v1/users/{p4}/lifecycle/activate`.
    ///   - method: Its method.
    mutating func add(path: String, method: HTTPRequest.Method) {
        let segments = path.split(separator: "/").map { $0.hasPrefix("{") ? nil : String($0) }
        routes.append((segments, method))
    }

    /// The methods registered for a path, in a stable order.
    ///
    /// - Parameter path: A request path (its query is ignored).
    /// - Returns: The methods; empty for an unknown path.
    func methods(forPath path: String) -> [HTTPRequest.Method] {
        let segments = path.prefix { $0 != "?" }.split(separator: "/").map(String.init)
        let order: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete]
        let matching = routes.filter { route in
            route.segments.count == segments.count
                && zip(route.segments, segments).allSatisfy { template, actual in template == nil || template == actual
                }
        }.map(\.method)
        return order.filter(matching.contains)
    }
}
