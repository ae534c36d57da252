import Foundation
import HTTPTypes

/// What a caller may want to know about a response beyond its decoded body: request ID, rate limit, links.
///
/// Generated clients return it alongside typed success responses; it is also available on ``OktaAPIError``.
public struct OktaResponseMetadata: Sendable, Hashable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// All header fields, as received.
    public var headerFields: HTTPFields
    /// `X-Okta-Request-Id`, to quote to Okta Support.
    public var requestID: String?
    /// The `X-Rate-Limit-*` headers, if any was present.
    public var rateLimit: OktaRateLimit?
    /// The `Link` header fields: pagination links.
    public var links: LinkHeader
    /// The `Date` header, the server's clock when it sent the response.
    public var date: Date?

    /// Reads the metadata of a response.
    ///
    /// - Parameters:
    ///   - response: The response.
    ///   - baseURL: The URL relative `Link` targets are resolved against, normally the request URL.
    public init(_ response: HTTPResponse, relativeTo baseURL: URL? = nil) {
        status = response.status
        headerFields = response.headerFields
        requestID = response.headerFields[values: .oktaRequestID].first
        rateLimit = OktaRateLimit(headerFields: response.headerFields)
        links = LinkHeader(response.headerFields, relativeTo: baseURL)
        date = response.headerFields[values: .date].first.flatMap { OktaDateCoding.parseHTTPDate($0) }
    }
}
