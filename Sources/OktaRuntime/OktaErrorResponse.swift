import Foundation
import HTTPTypes
import OpenAPIRuntime

/// An Okta-format error response, for server stubs and test doubles: a status and an ``OktaError`` body.
///
/// Throw it from a handler and add swift-openapi-runtime's `ErrorHandlingMiddleware` to the server, which turns
/// thrown `HTTPResponseConvertible` errors into responses; or return ``undocumentedPayload`` / ``response()``.
///
/// ```swift
/// throw OktaErrorResponse.notFound(resourceID: userID, resourceType: "User")
/// // 404 {"errorCode":"E0000007","errorSummary":"Not found: Resource not found: 00u1 (User)",…}
/// ```
public struct OktaErrorResponse: Error, Sendable, Hashable, HTTPResponseConvertible, CustomStringConvertible {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// The body.
    public var error: OktaError
    /// Header fields to send besides `Content-Type`.
    public var additionalHeaderFields: HTTPFields

    /// Makes a response.
    ///
    /// - Parameters:
    ///   - status: The HTTP status.
    ///   - error: The body.
    ///   - additionalHeaderFields: Header fields to send besides `Content-Type`.
    public init(status: HTTPResponse.Status, error: OktaError, additionalHeaderFields: HTTPFields = [:]) {
        self.status = status
        self.error = error
        self.additionalHeaderFields = additionalHeaderFields
    }

    /// Makes a response with an error in Okta's shape: `errorLink` repeats the code, `errorId` is fresh.
    ///
    /// - Parameters:
    ///   - status: The HTTP status.
    ///   - code: The Okta error code.
    ///   - summary: The error summary.
    ///   - causes: The summaries of the error causes.
    ///   - errorID: The error identifier; a random one if `nil`.
    ///   - additionalHeaderFields: Header fields to send besides `Content-Type`.
    public init(
        status: HTTPResponse.Status,
        code: String,
        summary: String,
        causes: [String] = [],
        errorID: String? = nil,
        additionalHeaderFields: HTTPFields = [:]
    ) {
        self.init(
            status: status,
            error: OktaError(
                errorCode: code,
                errorSummary: summary,
                errorLink: code,
                errorId: errorID ?? OktaError.makeErrorID(),
                errorCauses: causes.map(OktaError.ErrorCause.init(errorSummary:))
            ),
            additionalHeaderFields: additionalHeaderFields
        )
    }

    // MARK: Okta's common errors

    /// 400 `E0000001` "Api validation failed: {subject}", with one cause per message.
    ///
    /// - Parameters:
    ///   - subject: What failed validation, typically a field name such as `login`.
    ///   - causes: The details, for example
    ///     `login: An object with this field already exists in the current organization`.
    ///   - errorID: The error identifier; a random one if `nil`.
    /// - Returns: The response.
    public static func validationFailed(_ subject: String, causes: [String] = [], errorID: String? = nil) -> Self {
        Self(
            status: .badRequest,
            code: OktaError.Code.apiValidationFailed,
            summary: "Api validation failed: \(subject)",
            causes: causes,
            errorID: errorID
        )
    }

    /// 400 `E0000003` "The request body was not well-formed."
    ///
    /// - Parameter errorID: The error identifier; a random one if `nil`.
    /// - Returns: The response.
    public static func malformedRequestBody(errorID: String? = nil) -> Self {
        Self(
            status: .badRequest,
            code: OktaError.Code.malformedRequestBody,
            summary: "The request body was not well-formed.",
            errorID: errorID
        )
    }

    /// 401 `E0000011` "Invalid token provided".
    ///
    /// - Parameter errorID: The error identifier; a random one if `nil`.
    /// - Returns: The response.
    public static func invalidToken(errorID: String? = nil) -> Self {
        Self(
            status: .unauthorized,
            code: OktaError.Code.invalidToken,
            summary: "Invalid token provided",
            errorID: errorID
        )
    }

    /// 403 `E0000006` "You do not have permission to perform the requested action".
    ///
    /// - Parameter errorID: The error identifier; a random one if `nil`.
    /// - Returns: The response.
    public static func accessDenied(errorID: String? = nil) -> Self {
        Self(
            status: .forbidden,
            code: OktaError.Code.accessDenied,
            summary: "You do not have permission to perform the requested action",
            errorID: errorID
        )
    }

    /// 404 `E0000007` "Not found: Resource not found: {id} ({type})".
    ///
    /// - Parameters:
    ///   - resourceID: The identifier that was looked up, for example `00u1abcd`.
    ///   - resourceType: The kind of resource, for example `User` or `UserGroup`.
    ///   - errorID: The error identifier; a random one if `nil`.
    /// - Returns: The response.
    public static func notFound(resourceID: String, resourceType: String, errorID: String? = nil) -> Self {
        Self(
            status: .notFound,
            code: OktaError.Code.resourceNotFound,
            summary: "Not found: Resource not found: \(resourceID) (\(resourceType))",
            errorID: errorID
        )
    }

    /// 405 `E0000022` "The endpoint does not support the provided HTTP method".
    ///
    /// - Parameter errorID: The error identifier; a random one if `nil`.
    /// - Returns: The response.
    public static func methodNotAllowed(errorID: String? = nil) -> Self {
        Self(
            status: .methodNotAllowed,
            code: OktaError.Code.methodNotAllowed,
            summary: "The endpoint does not support the provided HTTP method",
            errorID: errorID
        )
    }

    /// 429 `E0000047` "API call exceeded rate limit due to too many requests.", with the rate-limit headers.
    ///
    /// - Parameters:
    ///   - rateLimit: Values for the `X-Rate-Limit-*` headers; none are sent if `nil`.
    ///   - errorID: The error identifier; a random one if `nil`.
    /// - Returns: The response.
    public static func rateLimitExceeded(rateLimit: OktaRateLimit? = nil, errorID: String? = nil) -> Self {
        var fields = HTTPFields()
        if let limit = rateLimit?.limit { fields[.xRateLimitLimit] = String(limit) }
        if let remaining = rateLimit?.remaining { fields[.xRateLimitRemaining] = String(remaining) }
        if let reset = rateLimit?.reset {
            fields[.xRateLimitReset] = String(Int64(reset.timeIntervalSince1970.rounded(.up)))
        }
        return Self(
            status: .tooManyRequests,
            code: OktaError.Code.rateLimitExceeded,
            summary: "API call exceeded rate limit due to too many requests.",
            errorID: errorID,
            additionalHeaderFields: fields
        )
    }

    /// 500 `E0000009` "Internal Server Error".
    ///
    /// - Parameter errorID: The error identifier; a random one if `nil`.
    /// - Returns: The response.
    public static func internalServerError(errorID: String? = nil) -> Self {
        Self(
            status: .internalServerError,
            code: OktaError.Code.internalServerError,
            summary: "Internal Server Error",
            errorID: errorID
        )
    }

    /// 501 with `E0000060` "Unsupported operation.", for generated server stubs not yet implemented.
    ///
    /// - Parameters:
    ///   - operationID: The operation, added as an error cause if given.
    ///   - errorID: The error identifier; a random one if `nil`.
    /// - Returns: The response.
    public static func notImplemented(operationID: String? = nil, errorID: String? = nil) -> Self {
        Self(
            status: .notImplemented,
            code: OktaError.Code.unsupportedOperation,
            summary: "Unsupported operation.",
            causes: operationID.map { ["\($0): not implemented"] } ?? [],
            errorID: errorID
        )
    }

    // MARK: Serialization

    /// The body as compact JSON, keys in Okta's order (`errorCode`, `errorSummary`, `errorLink`, `errorId`,
    /// `errorCauses`); `errorLink` and `errorId` are omitted when `nil`.
    public var jsonData: Data {
        var object: JSONObject = ["errorCode": .string(error.errorCode), "errorSummary": .string(error.errorSummary)]
        if let link = error.errorLink { object["errorLink"] = .string(link) }
        if let id = error.errorId { object["errorId"] = .string(id) }
        object["errorCauses"] = .array(error.errorCauses.map { ["errorSummary": .string($0.errorSummary)] })
        return Data(JSONValue.object(object).description.utf8)
    }

    /// The status, as `HTTPResponseConvertible` requires.
    public var httpStatus: HTTPResponse.Status { status }

    /// `Content-Type: application/json` and the additional header fields.
    public var httpHeaderFields: HTTPFields {
        var fields = additionalHeaderFields
        fields[.contentType] = "application/json"
        return fields
    }

    /// The JSON body.
    public var httpBody: HTTPBody? { HTTPBody(jsonData) }

    /// The response head and body, ready to return from a transport or server handler.
    ///
    /// - Returns: The response and its body.
    public func response() -> (HTTPResponse, HTTPBody) {
        (HTTPResponse(status: status, headerFields: httpHeaderFields), HTTPBody(jsonData))
    }

    /// The response as the payload of a generated `undocumented(statusCode:_:)` case.
    public var undocumentedPayload: UndocumentedPayload {
        UndocumentedPayload(headerFields: httpHeaderFields, body: HTTPBody(jsonData))
    }

    /// `404 Not Found: E0000007: Not found: …`.
    public var description: String { "\(status): \(error)" }
}
