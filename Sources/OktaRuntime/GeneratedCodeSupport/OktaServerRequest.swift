import Foundation

/// A received request, with typed access to its parameters and body for generated server stubs. Problems are
/// collected and reported together as one Okta `E0000001` validation error with `errorCauses`.
public struct OktaServerRequest: Sendable {
    /// The request.
    public let request: HTTPRequest
    /// Its body.
    public let body: HTTPBody?
    /// Path parameters by name.
    public let pathParameters: [String: Substring]
    private let query: [(name: String, value: String)]
    private let cookies: [String: String]

    /// Largest request body the server reads (1 MiB; larger bodies are refused).
    public static let maximumBodySize = 1 << 20

    /// Wraps a request from a `ServerTransport`.
    public init(request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata) {
        self.request = request
        self.body = body
        self.pathParameters = metadata.pathParameters
        var items: [(String, String)] = []
        if let path = request.path, let mark = path.firstIndex(of: "?") {
            for pair in path[path.index(after: mark)...].split(separator: "&", omittingEmptySubsequences: true) {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = Self.unescape(String(parts[0]))
                let value = parts.count > 1 ? Self.unescape(String(parts[1])) : ""
                items.append((name, value))
            }
        }
        self.query = items
        var cookies: [String: String] = [:]
        for field in request.headerFields[values: .cookie] {
            for pair in field.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                let name = parts[0].trimmingCharacters(in: .whitespaces)
                cookies[name] = Self.unescape(parts[1].trimmingCharacters(in: .whitespaces))
            }
        }
        self.cookies = cookies
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? text
    }

    /// A path parameter, parsed.
    /// - Parameters:
    ///   - key: The name the route was registered with (`p4`).
    ///   - name: The parameter's name in the spec (`id`), for messages.
    ///   - type: The Swift type to parse it as.
    ///   - errors: Where a value that does not parse is recorded (a 400 with `errorCauses`).
    public func path<T: OktaParameterValue>(
        _ key: String, name: String, as type: T.Type, errors: inout OktaValidationErrors
    ) -> T? {
        guard let text = pathParameters[key].map(String.init) else {
            errors.add("\(name): the path parameter is missing")
            return nil
        }
        // A path segment is only percent-decoded: `+` is a plus there (`isaac+tag@example.com`), not a space.
        let decoded = text.removingPercentEncoding ?? text
        guard let value = T(parameterText: decoded) else {
            errors.add("\(name): '\(text)' is not a valid \(T.self)")
            return nil
        }
        return value
    }

    /// A query parameter, parsed (`nil` when absent; an error when required and absent, or malformed).
    public func query<T: OktaParameterValue>(
        _ name: String, as type: T.Type, required: Bool, errors: inout OktaValidationErrors
    ) -> T? {
        guard let text = query.first(where: { $0.name == name })?.value else {
            if required { errors.add("\(name): the query parameter is required") }
            return nil
        }
        guard let value = T(parameterText: text) else {
            errors.add("\(name): '\(text)' is not a valid \(T.self)")
            return nil
        }
        return value
    }

    /// An array query parameter (repeated when `explode` is true, comma-separated otherwise).
    public func queryArray<T: OktaParameterValue>(
        _ name: String, of type: T.Type, explode: Bool, required: Bool, errors: inout OktaValidationErrors
    ) -> [T]? {
        let texts = query.filter { $0.name == name }.map(\.value)
        guard !texts.isEmpty else {
            if required { errors.add("\(name): the query parameter is required") }
            return nil
        }
        let parts = explode ? texts : texts.flatMap { $0.split(separator: ",").map(String.init) }
        var values: [T] = []
        for part in parts {
            guard let value = T(parameterText: part) else {
                errors.add("\(name): '\(part)' is not a valid \(T.self)")
                return nil
            }
            values.append(value)
        }
        return values
    }

    /// A header parameter, parsed.
    public func header<T: OktaParameterValue>(
        _ name: String, as type: T.Type, required: Bool, errors: inout OktaValidationErrors
    ) -> T? {
        guard let field = HTTPField.Name(name), let text = request.headerFields[field] else {
            if required { errors.add("\(name): the header is required") }
            return nil
        }
        guard let value = T(parameterText: text) else {
            errors.add("\(name): '\(text)' is not a valid \(T.self)")
            return nil
        }
        return value
    }

    /// A header that is a flag (`Prefer: respond-async`): `true` when the header has the value (ignoring ASCII
    /// case and surrounding spaces), `false` when it is absent; another value is recorded as an error.
    /// - Parameters:
    ///   - name: The header's name.
    ///   - value: The one value the spec allows.
    ///   - errors: Where another value is recorded (a 400 with `errorCauses`).
    public func headerFlag(_ name: String, value: String, errors: inout OktaValidationErrors) -> Bool {
        guard let field = HTTPField.Name(name), let text = request.headerFields[field] else { return false }
        guard text.trimmingCharacters(in: .whitespaces).lowercased() == value.lowercased() else {
            errors.add("\(name): '\(text)' is not one of \(value)")
            return false
        }
        return true
    }

    /// A cookie parameter, parsed.
    public func cookie<T: OktaParameterValue>(
        _ name: String, as type: T.Type, required: Bool, errors: inout OktaValidationErrors
    ) -> T? {
        guard let text = cookies[name] else {
            if required { errors.add("\(name): the cookie is required") }
            return nil
        }
        guard let value = T(parameterText: text) else {
            errors.add("\(name): '\(text)' is not a valid \(T.self)")
            return nil
        }
        return value
    }

    /// The JSON body, decoded (`nil` when absent and optional).
    /// - Throws: ``OktaErrorResponse``: 400 `E0000003` when the body is not well-formed JSON, 400 `E0000001` when it
    ///   does not match `T` or is required and absent, 413 when it is too large.
    public func jsonBody<T: Decodable>(_ type: T.Type, required: Bool) async throws -> T? {
        guard let data = try await presentBody(required: required) else { return nil }
        do {
            return try JSONDecoder.okta.decode(T.self, from: data)
        } catch let error as DecodingError {
            // JSONDecoder reports a syntax error as `dataCorrupted` at the root, like a root value it cannot accept;
            // only the former is Okta's E0000003 "not well-formed".
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty,
                (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) == nil
            {
                throw OktaErrorResponse.malformedRequestBody()
            }
            throw OktaErrorResponse.validationFailed("request body", causes: [Self.describe(error)])
        } catch {
            throw OktaErrorResponse.malformedRequestBody()
        }
    }

    /// The JSON body of an operation that requires one, decoded.
    /// - Throws: ``OktaErrorResponse`` (400) when the body is absent, malformed or too large.
    public func requiredJSONBody<T: Decodable>(_ type: T.Type) async throws -> T {
        guard let value = try await jsonBody(T.self, required: true) else {
            throw OktaErrorResponse.validationFailed("request body", causes: ["the request body is required"])
        }
        return value
    }

    /// The media type of the request's `Content-Type`, lowercased, without parameters (empty without one).
    public var mediaType: String { OktaMediaType.of(request.headerFields[.contentType]) }

    /// A body that is not JSON (text, bytes, a multipart form, form fields), decoded (`nil` when absent and optional).
    /// - Throws: ``OktaErrorResponse``: 400 `E0000001` when the body does not decode as `T` or is required and absent,
    ///   413 when it is too large.
    public func body<T: OktaRawBody>(_ type: T.Type, required: Bool) async throws -> T? {
        guard let data = try await presentBody(required: required) else { return nil }
        do {
            return try T.decodeBody(data, contentType: request.headerFields[.contentType])
        } catch let error as OktaBodyError {
            throw OktaErrorResponse.validationFailed("request body", causes: [error.description])
        }
    }

    /// A body that is not JSON, of an operation that requires one.
    /// - Throws: ``OktaErrorResponse`` (400) when the body is absent or does not decode, 413 when it is too large.
    public func requiredBody<T: OktaRawBody>(_ type: T.Type) async throws -> T {
        guard let value = try await body(T.self, required: true) else {
            throw OktaErrorResponse.validationFailed("request body", causes: ["the request body is required"])
        }
        return value
    }

    /// An optional body that comes in several media types: `nil` when the request has none (no body, or no
    /// `Content-Type`), else what `decode` makes of it.
    public func optionalBody<T>(_ decode: (OktaServerRequest) async throws -> T) async throws -> T? {
        guard body != nil, request.headerFields[.contentType] != nil else { return nil }
        return try await decode(self)
    }

    /// The answer to a `Content-Type` the operation does not take: 415 in Okta's error format.
    public func unsupportedMediaType() -> OktaErrorResponse {
        OktaErrorResponse(
            status: .unsupportedMediaType,
            error: OktaError(
                errorCode: "E0000001", errorSummary: "Api validation failed: request body",
                errorCauses: [
                    OktaError.ErrorCause(
                        errorSummary: "the request body's media type '\(mediaType)' is not one the operation takes")
                ]))
    }

    /// The body's bytes; `nil` when there are none and the body is optional.
    /// - Throws: ``OktaErrorResponse``: 400 when the body is required and absent, 413 when it is too large.
    func presentBody(required: Bool) async throws -> Data? {
        let data = try await limitedBody()
        guard !data.isEmpty else {
            if required {
                throw OktaErrorResponse.validationFailed("request body", causes: ["the request body is required"])
            }
            return nil
        }
        return data
    }

    func limitedBody() async throws -> Data {
        guard let body else { return Data() }
        do {
            return try await Data(collecting: body, upTo: Self.maximumBodySize)
        } catch {
            throw OktaErrorResponse(
                status: .contentTooLarge,
                error: OktaError(
                    errorCode: "E0000001", errorSummary: "Api validation failed: request body",
                    errorCauses: [
                        OktaError.ErrorCause(
                            errorSummary: "the request body is larger than \(Self.maximumBodySize) bytes")
                    ]))
        }
    }

    /// The raw body bytes.
    public func bytesBody() async throws -> Data {
        guard let body else { return Data() }
        return try await Data(collecting: body, upTo: Self.maximumBodySize)
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.isEmpty
                ? "the body" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .typeMismatch(let type, let context): return "\(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context): return "\(path(context.codingPath)): expected \(type), found null"
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])): the property is required"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "the body is not valid"
        }
    }
}

/// Validation problems found in a request, thrown together as one Okta error.
public struct OktaValidationErrors: Sendable {
    /// One line per problem.
    public private(set) var causes: [String] = []

    public init() {}

    /// Records a problem.
    public mutating func add(_ cause: String) { causes.append(cause) }

    /// Throws `E0000001` (400) with every cause, if there is any.
    public func check(_ subject: String) throws {
        guard !causes.isEmpty else { return }
        throw OktaErrorResponse.validationFailed(subject, causes: causes)
    }
}

/// Builds the response of a generated server stub.
public enum OktaServerResponse {
    /// A JSON response.
    public static func json<T: Encodable>(
        _ value: T, status: HTTPResponse.Status, headers: HTTPFields = [:]
    ) throws -> (HTTPResponse, HTTPBody?) {
        var response = HTTPResponse(status: status)
        response.headerFields = headers
        response.headerFields[.contentType] = "application/json"
        return (response, HTTPBody(try JSONEncoder.okta.encode(value)))
    }

    /// A response with raw bytes.
    /// - Parameters:
    ///   - data: The body.
    ///   - status: The response status.
    ///   - contentType: The `Content-Type` to send.
    ///   - headers: Further header fields.
    public static func bytes(
        _ data: Data, status: HTTPResponse.Status, contentType: String, headers: HTTPFields = [:]
    ) -> (HTTPResponse, HTTPBody?) {
        var response = HTTPResponse(status: status)
        response.headerFields = headers
        response.headerFields[.contentType] = contentType
        return (response, HTTPBody(data))
    }

    /// A response whose body is not JSON (text, bytes, a multipart form, form fields).
    /// - Parameters:
    ///   - body: The body.
    ///   - mediaType: The documented media type (a multipart form adds its boundary to it).
    ///   - status: The response status.
    ///   - headers: Further header fields.
    /// - Throws: What encoding the body throws (``OktaBodyError``).
    public static func raw<T: OktaRawBody>(
        _ body: T, mediaType: String, status: HTTPResponse.Status, headers: HTTPFields = [:]
    ) throws -> (HTTPResponse, HTTPBody?) {
        var response = HTTPResponse(status: status)
        response.headerFields = headers
        response.headerFields[.contentType] = body.contentType(for: mediaType)
        return (response, HTTPBody(try body.encodedBody()))
    }

    /// A response without a body.
    public static func empty(status: HTTPResponse.Status, headers: HTTPFields = [:]) -> (HTTPResponse, HTTPBody?) {
        var response = HTTPResponse(status: status)
        response.headerFields = headers
        return (response, nil)
    }

    /// Runs a handler, turning a thrown ``OktaErrorResponse`` into its response and any other error into a 500 in
    /// Okta's format (the error itself is not shown to the client).
    public static func handle(
        _ body: () async throws -> (HTTPResponse, HTTPBody?)
    ) async -> (HTTPResponse, HTTPBody?) {
        do {
            return try await body()
        } catch let error as OktaErrorResponse {
            let (response, body) = error.response()
            return (response, body)
        } catch {
            let (response, body) = OktaErrorResponse.internalServerError().response()
            return (response, body)
        }
    }
}
