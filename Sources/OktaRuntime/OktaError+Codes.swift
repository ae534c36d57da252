import Foundation

extension OktaError {
    /// Okta error codes used by this library, with the summaries Okta gives them.
    public enum Code {
        /// `E0000001`, 400: "Api validation failed: {0}".
        public static let apiValidationFailed = "E0000001"
        /// `E0000003`, 400: "The request body was not well-formed."
        public static let malformedRequestBody = "E0000003"
        /// `E0000006`, 403: "You do not have permission to perform the requested action".
        public static let accessDenied = "E0000006"
        /// `E0000007`, 404: "Not found: {0}".
        public static let resourceNotFound = "E0000007"
        /// `E0000009`, 500: "Internal Server Error".
        public static let internalServerError = "E0000009"
        /// `E0000011`, 401: "Invalid token provided".
        public static let invalidToken = "E0000011"
        /// `E0000022`, 405: "The endpoint does not support the provided HTTP method".
        public static let methodNotAllowed = "E0000022"
        /// `E0000047`, 429: "API call exceeded rate limit due to too many requests."
        public static let rateLimitExceeded = "E0000047"
        /// `E0000060`: "Unsupported operation." Okta has no code for HTTP 501; server stubs use this one for
        /// operations they do not implement.
        public static let unsupportedOperation = "E0000060"
    }

    /// Makes a random error identifier in Okta's shape: `oae` followed by 22 letters and digits.
    ///
    /// - Returns: A new identifier.
    public static func makeErrorID() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return "oae" + String((0..<22).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
