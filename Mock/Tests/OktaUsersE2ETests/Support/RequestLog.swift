import Foundation
import Hummingbird
import OktaRuntime

/// One request as the test server received it, with the status it answered.
struct RecordedRequest: Sendable {
    /// The `X-Okta-Request-Id` the server gave the response.
    var requestID: String
    /// The method.
    var method: HTTPRequest.Method
    /// The path with its query, as received.
    var path: String
    /// The header fields, as received.
    var headerFields: HTTPFields
    /// The body bytes, as received (empty if there was none).
    var body: Data
    /// The status of the response.
    var status: HTTPResponse.Status

    /// The path without its query.
    var pathWithoutQuery: Substring { path.prefix { $0 != "?" } }

    /// The body parsed as JSON, for checking what was on the wire (an explicit `null` versus a missing key).
    func jsonBody() throws -> JSONValue { try JSONDecoder.okta.decode(JSONValue.self, from: body) }
}

/// Everything the test server received, in the order the responses were sent.
actor RequestLog {
    /// The requests so far.
    private(set) var requests: [RecordedRequest] = []
    /// The number of request IDs handed out.
    private var issuedIDs = 0

    /// A new `X-Okta-Request-Id` value.
    func makeRequestID() -> String {
        issuedIDs += 1
        return "e2e-request-\(issuedIDs)"
    }

    /// Records a request.
    func record(_ request: RecordedRequest) { requests.append(request) }

    /// The requests to a path (query ignored) with a method.
    func requests(_ method: HTTPRequest.Method, _ path: String) -> [RecordedRequest] {
        requests.filter { $0.method == method && $0.pathWithoutQuery == path }
    }
}

/// Records every request, raw body included, in a ``RequestLog`` and stamps each response with an
/// `X-Okta-Request-Id`, as Okta does.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    /// Where requests are recorded.
    let log: RequestLog

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var request = request
        // Buffers the body and puts it back on the request, so that the OpenAPI handler still reads it.
        let body = try await request.collectBody(upTo: OktaServerRequest.maximumBodySize)
        let requestID = await log.makeRequestID()
        var response = try await next(request, context)
        response.headers[.oktaRequestID] = requestID
        await log.record(
            RecordedRequest(
                requestID: requestID,
                method: request.method,
                path: request.head.path ?? "",
                headerFields: request.headers,
                body: Data(body.readableBytesView),
                status: response.status
            )
        )
        return response
    }
}
