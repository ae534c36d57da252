import Foundation
import HTTPTypes

/// Okta's rate-limit headers of a response: `X-Rate-Limit-Limit`, `X-Rate-Limit-Remaining`, `X-Rate-Limit-Reset`.
public struct OktaRateLimit: Sendable, Hashable {
    /// The request ceiling of the endpoint for the current window.
    public var limit: Int?
    /// The requests left in the current window.
    public var remaining: Int?
    /// When the window resets.
    public var reset: Date?

    /// Makes a rate-limit value.
    ///
    /// - Parameters:
    ///   - limit: The ceiling.
    ///   - remaining: The requests left.
    ///   - reset: When the window resets.
    public init(limit: Int? = nil, remaining: Int? = nil, reset: Date? = nil) {
        self.limit = limit
        self.remaining = remaining
        self.reset = reset
    }

    /// Reads the rate-limit headers; values that are not integers are ignored, and the result is `nil` if none of
    /// the three headers holds a valid value.
    ///
    /// - Parameter headerFields: The header fields of a response.
    public init?(headerFields: HTTPFields) {
        let limit = Self.integer(.xRateLimitLimit, in: headerFields).flatMap { Int(exactly: $0) }
        let remaining = Self.integer(.xRateLimitRemaining, in: headerFields).flatMap { Int(exactly: $0) }
        let reset = Self.integer(.xRateLimitReset, in: headerFields).map { Date(timeIntervalSince1970: Double($0)) }
        guard limit != nil || remaining != nil || reset != nil else { return nil }
        self.init(limit: limit, remaining: remaining, reset: reset)
    }

    /// The first value of a header as an integer.
    ///
    /// - Parameters:
    ///   - name: The header.
    ///   - headerFields: The fields to look in.
    /// - Returns: The value, or `nil` if missing or not an integer.
    static func integer(_ name: HTTPField.Name, in headerFields: HTTPFields) -> Int64? {
        headerFields[values: name].first.flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
    }
}
