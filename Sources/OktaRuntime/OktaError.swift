import Foundation

/// The body of an Okta error response.
///
/// ```json
/// {
///   "errorCode": "E0000001",
///   "errorSummary": "Api validation failed: login",
///   "errorLink": "E0000001",
///   "errorId": "oaeHfmOAx1iRLa0H10DeMz5fQ",
///   "errorCauses": [{ "errorSummary": "login: An object with this field already exists in the current organization" }]
/// }
/// ```
///
/// Decoding requires `errorCode` and `errorSummary` and tolerates the others being missing or `null`. Thrown from
/// client calls wrapped in ``OktaAPIError``, which adds the HTTP context; server stubs send it through
/// ``OktaErrorResponse``.
public struct OktaError: Error, Codable, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// One detail of an error, typically about one field.
    public struct ErrorCause: Codable, Sendable, Hashable {
        /// The detail, for example `login: An object with this field already exists in the current organization`.
        public var errorSummary: String

        /// Makes a cause.
        ///
        /// - Parameter errorSummary: The detail.
        public init(errorSummary: String) { self.errorSummary = errorSummary }
    }

    /// The Okta error code, for example `E0000007`.
    public var errorCode: String
    /// A human-readable summary, for example `Not found: Resource not found: 00u1abc (User)`.
    public var errorSummary: String
    /// Okta's link for the error: in practice the error code again.
    public var errorLink: String?
    /// The unique identifier of this occurrence, for Okta Support.
    public var errorId: String?
    /// Further details; often empty.
    public var errorCauses: [ErrorCause]

    /// Makes an error.
    ///
    /// - Parameters:
    ///   - errorCode: The Okta error code.
    ///   - errorSummary: The summary.
    ///   - errorLink: The error link; Okta repeats the error code.
    ///   - errorId: The identifier of this occurrence.
    ///   - errorCauses: Further details.
    public init(
        errorCode: String,
        errorSummary: String,
        errorLink: String? = nil,
        errorId: String? = nil,
        errorCauses: [ErrorCause] = []
    ) {
        self.errorCode = errorCode
        self.errorSummary = errorSummary
        self.errorLink = errorLink
        self.errorId = errorId
        self.errorCauses = errorCauses
    }

    /// The JSON keys, in the order Okta writes them.
    private enum CodingKeys: String, CodingKey {
        case errorCode, errorSummary, errorLink, errorId, errorCauses
    }

    /// Decodes an Okta error body.
    ///
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: `DecodingError` if `errorCode` or `errorSummary` is missing or not a string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        errorCode = try container.decode(String.self, forKey: .errorCode)
        errorSummary = try container.decode(String.self, forKey: .errorSummary)
        errorLink = try container.decodeIfPresent(String.self, forKey: .errorLink)
        errorId = try container.decodeIfPresent(String.self, forKey: .errorId)
        errorCauses = try container.decodeIfPresent([ErrorCause].self, forKey: .errorCauses) ?? []
    }

    /// `E0000001: Api validation failed: login (login: An object with this field already exists…)`.
    public var description: String {
        var text = "\(errorCode): \(errorSummary)"
        if !errorCauses.isEmpty {
            text += " (" + errorCauses.map(\.errorSummary).joined(separator: "; ") + ")"
        }
        return text
    }

    /// Same as ``description``.
    public var errorDescription: String? { description }
}
