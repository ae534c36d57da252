import Foundation

/// What every generated API group shares: the server URL, the transport and the middlewares, and the steps of a
/// call (send through the middleware chain, decode a success body, turn an error status into ``OktaAPIError``).
public struct OktaAPIClient: Sendable {
    /// The org URL requests are sent to (`https://example.okta.com`).
    public let serverURL: URL
    /// The transport (URLSession, AsyncHTTPClient, …).
    public let transport: any ClientTransport
    /// Middlewares, outermost first (e.g. retry, then auth).
    public let middlewares: [any ClientMiddleware]

    /// Creates a client core.
    /// - Parameters:
    ///   - serverURL: The org URL.
    ///   - transport: The transport.
    ///   - middlewares: Middlewares, outermost first.
    public init(serverURL: URL, transport: any ClientTransport, middlewares: [any ClientMiddleware] = []) {
        self.serverURL = serverURL
        self.transport = transport
        self.middlewares = middlewares
    }

    /// Sends a request through the middlewares and the transport.
    /// - Parameters:
    ///   - request: The request; its path is relative to `baseURL`.
    ///   - body: The request body.
    ///   - baseURL: The base URL (default: ``serverURL``).
    ///   - operationID: The operation, for middlewares and errors.
    /// - Returns: The response and its body.
    /// - Throws: What the transport or a middleware throws.
    public func send(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL? = nil, operationID: String
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let base = baseURL ?? serverURL
        var next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?) = {
            request, body, url in
            try await transport.send(request, body: body, baseURL: url, operationID: operationID)
        }
        for middleware in middlewares.reversed() {
            let inner = next
            next = { request, body, url in
                try await middleware.intercept(request, body: body, baseURL: url, operationID: operationID, next: inner)
            }
        }
        return try await next(request, body, base)
    }

    /// Largest response body the client reads into memory (16 MiB).
    public static let maximumBodySize = 16 << 20

    /// Decodes a JSON response body.
    /// - Parameters:
    ///   - type: The body type.
    ///   - body: The response body. An empty or missing body decodes as `null`, else as `{}`: Okta answers some
    ///     operations with `{}` or nothing alike (activate with `sendEmail=true`).
    /// - Returns: The decoded value.
    /// - Throws: `DecodingError` when the JSON does not match.
    public func decodeJSON<T: Decodable>(_ type: T.Type, from body: HTTPBody?) async throws -> T {
        let data: Data
        if let body {
            data = try await Data(collecting: body, upTo: Self.maximumBodySize)
        } else {
            data = Data()
        }
        guard data.isEmpty else { return try JSONDecoder.okta.decode(T.self, from: data) }
        do {
            return try JSONDecoder.okta.decode(T.self, from: Data("null".utf8))
        } catch let error as DecodingError {
            guard let empty = try? JSONDecoder.okta.decode(T.self, from: Data("{}".utf8)) else { throw error }
            return empty
        }
    }

    /// Reads a whole response body as bytes.
    public func collectBytes(_ body: HTTPBody?) async throws -> Data {
        guard let body else { return Data() }
        return try await Data(collecting: body, upTo: Self.maximumBodySize)
    }

    /// Decodes a response body that is not JSON (text, bytes, a multipart form, form fields).
    /// - Parameters:
    ///   - type: The body type.
    ///   - response: The response (its `Content-Type` carries a multipart form's boundary).
    ///   - body: The response body.
    /// - Throws: ``OktaBodyError`` when the body does not decode as `T`.
    public func decodeBody<T: OktaRawBody>(_ type: T.Type, response: HTTPResponse, from body: HTTPBody?) async throws
        -> T
    {
        try T.decodeBody(try await collectBytes(body), contentType: response.headerFields[.contentType])
    }

    /// Encodes a request body that is not JSON.
    public func encodeBody<T: OktaRawBody>(_ value: T) throws -> HTTPBody {
        HTTPBody(try Self.encodeBodyData(value))
    }

    /// The bytes of a request body that is not JSON (a case of a body that can be sent in several media types).
    public static func encodeBodyData<T: OktaRawBody>(_ value: T) throws -> Data {
        try value.encodedBody()
    }

    /// The media type of a response's `Content-Type`, lowercased, without parameters (empty without one).
    public func mediaType(_ response: HTTPResponse) -> String {
        OktaMediaType.of(response.headerFields[.contentType])
    }

    /// Encodes a request body as JSON, without the models' readOnly members (`CodingUserInfoKey.oktaRequestBody`).
    public func encodeJSON<T: Encodable>(_ value: T) throws -> HTTPBody {
        HTTPBody(try Self.encodeJSONData(value))
    }

    /// The bytes of a JSON request body, without the models' readOnly members (a case of a body that can be sent in
    /// several media types).
    public static func encodeJSONData<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder.okta
        encoder.userInfo[.oktaRequestBody] = true
        return try encoder.encode(value)
    }

    /// Throws ``OktaAPIError`` for a status the operation does not document as a success.
    /// - Parameters:
    ///   - response: The response.
    ///   - body: Its body (read for the Okta error).
    ///   - operationID: The operation.
    public func failure(_ response: HTTPResponse, body: HTTPBody?, operationID: String) async -> OktaAPIError {
        await OktaAPIError(response: response, body: body, operationID: operationID)
    }

    /// Metadata of a response: rate limits, `Link` relations resolved against the server, request id.
    public func metadata(_ response: HTTPResponse) -> OktaResponseMetadata {
        OktaResponseMetadata(response, relativeTo: serverURL)
    }

    /// A request for a `Link` header's `next` URL: its path and query become the request's path, sent to the
    /// client's own server. A link to another scheme, host or port is refused (`nil`): following it would hand the
    /// credentials the middlewares add to a server the client was not configured for.
    public func request(following url: URL) -> (request: HTTPRequest, baseURL: URL)? {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: true),
            let server = URLComponents(url: serverURL, resolvingAgainstBaseURL: true),
            components.scheme?.lowercased() == server.scheme?.lowercased(),
            components.host?.lowercased() == server.host?.lowercased(), components.port == server.port
        else { return nil }
        let path = components.percentEncodedPath + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
        components.percentEncodedPath = ""
        components.percentEncodedQuery = nil
        components.fragment = nil
        guard let base = components.url else { return nil }
        var request = HTTPRequest(method: .get, scheme: nil, authority: nil, path: path)
        request.headerFields[.accept] = "application/json"
        return (request, base)
    }
}

/// A typed success body with the response's metadata (rate limits, `Link` relations, request id).
public struct OktaResponse<Body: Sendable>: Sendable {
    /// The decoded body.
    public var body: Body
    /// Status, headers, rate limits, links, request id.
    public var metadata: OktaResponseMetadata

    /// Creates a response.
    public init(body: Body, metadata: OktaResponseMetadata) {
        self.body = body
        self.metadata = metadata
    }

    /// The URL of the next page, when the response is a page of a list.
    public var next: URL? { metadata.links.next }
}

extension OktaResponse: Equatable where Body: Equatable {}
