import Foundation
import HTTPTypes
import OpenAPIRuntime

/// An unsuccessful response from the Okta API, as thrown by generated client code.
///
/// Holds the status, the response headers (hence the request ID and rate limit) and the body, decoded as an
/// ``OktaError`` when it is one. The raw body is kept for responses that are not (proxies, HTML error pages).
public struct OktaAPIError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// The response header fields.
    public var headerFields: HTTPFields
    /// The decoded Okta error, or `nil` if the body was empty or not an Okta error.
    public var error: OktaError?
    /// The body as received, possibly truncated (see ``init(response:body:operationID:maximumBodySize:)``).
    public var rawBody: Data?
    /// The operation that failed, for example `getUser`.
    public var operationID: String?

    /// The `WWW-Authenticate` challenges: on a 401 or 403, why Okta refused the credentials; Okta's 403 for a token
    /// without the scope an operation needs has an empty body and
    /// `error="insufficient_scope"` with the required scopes here (see ``requiredScopes``).
    public var authenticationChallenges: [OktaAuthenticationChallenge] {
        OktaAuthenticationChallenge.challenges(in: headerFields)
    }

    /// The scopes Okta says the request needed (`scope` of an `insufficient_scope` challenge), or empty.
    public var requiredScopes: [String] {
        authenticationChallenges.first { $0.error == "insufficient_scope" }?.scopes ?? []
    }

    /// Makes an error from a response whose body has already been read.
    ///
    /// - Parameters:
    ///   - status: The HTTP status.
    ///   - headerFields: The response header fields.
    ///   - rawBody: The body, if any; decoded as an ``OktaError`` if possible.
    ///   - operationID: The operation that failed.
    public init(
        status: HTTPResponse.Status,
        headerFields: HTTPFields = [:],
        rawBody: Data?,
        operationID: String? = nil
    ) {
        self.status = status
        self.headerFields = headerFields
        self.rawBody = rawBody
        self.operationID = operationID
        error = rawBody.flatMap { try? JSONDecoder.okta.decode(OktaError.self, from: $0) }
    }

    /// Makes an error from a response, reading its body.
    ///
    /// Never throws: a body that fails while streaming is kept as far as it was read, and a body longer than
    /// `maximumBodySize` is truncated (Okta error bodies are a few hundred bytes).
    /// - Parameters:
    ///   - response: The response.
    ///   - body: The response body.
    ///   - operationID: The operation that failed.
    ///   - maximumBodySize: The most bytes of the body to read. Default 64 KiB.
    public init(
        response: HTTPResponse,
        body: HTTPBody?,
        operationID: String? = nil,
        maximumBodySize: Int = 64 * 1024
    ) async {
        var bytes: [UInt8]?
        if let body {
            var collected: [UInt8] = []
            do {
                for try await chunk in body {
                    collected += chunk.prefix(max(0, maximumBodySize - collected.count))
                    if collected.count >= maximumBodySize { break }
                }
            } catch {
                // Keep what was read; the status and headers still describe the failure.
            }
            bytes = collected
        }
        self.init(
            status: response.status,
            headerFields: response.headerFields,
            rawBody: bytes.map { Data($0) },
            operationID: operationID
        )
    }

    /// `X-Okta-Request-Id` of the response, to quote to Okta Support.
    public var requestID: String? { headerFields[values: .oktaRequestID].first }

    /// The `X-Rate-Limit-*` headers of the response.
    public var rateLimit: OktaRateLimit? { OktaRateLimit(headerFields: headerFields) }

    /// All metadata of the response.
    public var metadata: OktaResponseMetadata {
        OktaResponseMetadata(HTTPResponse(status: status, headerFields: headerFields))
    }

    /// The raw body as UTF-8 text, if there is a body.
    public var rawBodyText: String? { rawBody.map { String(decoding: $0, as: UTF8.self) } }

    /// For example `Okta API error 404 Not Found in getUser: E0000007: Not found: Resource not found: 00u1 (User)
    /// [request ID: XbQ7…]`.
    public var description: String {
        var text = "Okta API error \(status)"
        if let operationID { text += " in \(operationID)" }
        if let error {
            text += ": \(error)"
        } else if let rawBodyText, !rawBodyText.isEmpty {
            text += ": \(rawBodyText.count > 200 ? rawBodyText.prefix(200) + "…" : rawBodyText)"
        }
        if let challenge = authenticationChallenges.first(where: { $0.error != nil }), let code = challenge.error {
            text += " (\(code)"
            if let description = challenge.errorDescription { text += ": \(description)" }
            if !challenge.scopes.isEmpty { text += "; needs \(challenge.scopes.joined(separator: " "))" }
            text += ")"
        }
        if let requestID { text += " [request ID: \(requestID)]" }
        return text
    }

    /// Same as ``description``.
    public var errorDescription: String? { description }
}
