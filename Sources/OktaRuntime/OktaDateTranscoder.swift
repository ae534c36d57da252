import Foundation
import OpenAPIRuntime

/// The swift-openapi-runtime `DateTranscoder` for Okta timestamps, for code that goes through `Converter`
/// (JSON bodies, and dates in query, path and header parameters).
///
/// Reads everything ``OktaDateCoding/parseTimestamp(_:)`` accepts (and a bare `yyyy-MM-dd` as midnight UTC);
/// writes `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`. Stateless, hence `Sendable` without locks.
public struct OktaDateTranscoder: DateTranscoder {
    /// Makes the transcoder.
    public init() {}

    /// Formats a date as an Okta timestamp.
    ///
    /// - Parameter date: The instant.
    /// - Returns: For example `2013-06-24T16:39:18.000Z`.
    /// - Throws: `EncodingError.invalidValue` if the date falls outside the years 0000...9999.
    public func encode(_ date: Date) throws -> String { try OktaDateCoding.formatTimestamp(date) }

    /// Parses an Okta timestamp.
    ///
    /// - Parameter dateString: The text.
    /// - Returns: The instant.
    /// - Throws: `DecodingError.dataCorrupted` if the text is not an accepted timestamp or full date.
    public func decode(_ dateString: String) throws -> Date {
        if let date = OktaDateCoding.parseTimestamp(dateString) ?? OktaFullDate(dateString)?.date { return date }
        throw DecodingError.dataCorrupted(
            .init(codingPath: [], debugDescription: OktaDateCoding.invalidTimestampMessage(dateString))
        )
    }
}

extension DateTranscoder where Self == OktaDateTranscoder {
    /// Okta's timestamp format; see ``OktaDateTranscoder``.
    public static var okta: OktaDateTranscoder { OktaDateTranscoder() }
}
