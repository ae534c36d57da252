import HTTPTypes

extension HTTPField.Name {
    /// `X-Okta-Request-Id`: the identifier Okta assigns to every request; quote it to Okta Support.
    public static var oktaRequestID: Self { .constant("X-Okta-Request-Id") }

    /// `X-Rate-Limit-Limit`: the rate limit ceiling of the endpoint for the current window.
    public static var xRateLimitLimit: Self { .constant("X-Rate-Limit-Limit") }

    /// `X-Rate-Limit-Remaining`: the number of requests left in the current rate-limit window.
    public static var xRateLimitRemaining: Self { .constant("X-Rate-Limit-Remaining") }

    /// `X-Rate-Limit-Reset`: when the current rate-limit window resets, in UTC epoch seconds.
    public static var xRateLimitReset: Self { .constant("X-Rate-Limit-Reset") }

    /// `X-Okta-Retry-For`: on a retried request, the `X-Okta-Request-Id` of the request that was rate limited.
    public static var oktaRetryFor: Self { .constant("X-Okta-Retry-For") }

    /// `X-Okta-Retry-Count`: on a retried request, how many times it has been retried so far.
    public static var oktaRetryCount: Self { .constant("X-Okta-Retry-Count") }

    /// `DPoP`: the DPoP proof of a request (RFC 9449 §4.1).
    public static var dpop: Self { .constant("DPoP") }

    /// `DPoP-Nonce`: a nonce the server wants in the next DPoP proof (RFC 9449 §8, §9).
    public static var dpopNonce: Self { .constant("DPoP-Nonce") }

    /// `Link` (RFC 8288). Internal, so that a future `HTTPField.Name.link` in swift-http-types cannot clash.
    static var webLink: Self { .constant("Link") }

    /// Makes a field name from a compile-time constant.
    ///
    /// Only ever called with the literal names above, all of which are valid RFC 9110 tokens, so the failure branch
    /// is unreachable; it traps rather than force-unwrapping so that a typo in a new constant is reported clearly.
    /// - Parameter name: A valid field name literal.
    /// - Returns: The field name.
    private static func constant(_ name: String) -> Self {
        guard let fieldName = Self(name) else { preconditionFailure("'\(name)' is not a valid HTTP field name") }
        return fieldName
    }
}
