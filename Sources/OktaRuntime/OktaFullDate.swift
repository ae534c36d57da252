import Foundation

/// A calendar date without time or time zone (OpenAPI `format: date`), coded as `yyyy-MM-dd`.
///
/// ```swift
/// let date = OktaFullDate("2024-02-29")      // valid: leap year
/// OktaFullDate(year: 2023, month: 2, day: 29) // nil
/// ```
public struct OktaFullDate: Sendable, Hashable, Comparable, Codable, LosslessStringConvertible {
    /// The year, 0...9999.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...31.
    public let day: Int

    /// Makes a date from its fields, if they form a valid Gregorian date.
    ///
    /// - Parameters:
    ///   - year: 0...9999.
    ///   - month: 1...12.
    ///   - day: 1 up to the length of the month.
    public init?(year: Int, month: Int, day: Int) {
        guard (0...9999).contains(year), (1...12).contains(month),
            (1...CivilDate.daysInMonth(month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `yyyy-MM-dd`.
    ///
    /// - Parameter description: The text, with nothing before or after the date.
    public init?(_ description: String) {
        let fields = description.withASCIIScanner { scanner in
            OktaDateCoding.scanFullDate(&scanner).flatMap { scanner.isAtEnd ? $0 : nil }
        }
        guard let fields else { return nil }
        self.init(year: fields.year, month: fields.month, day: fields.day)
    }

    /// The UTC calendar date of an instant; `nil` if the instant is not finite or outside the years 0000...9999.
    ///
    /// - Parameter date: The instant.
    public init?(utcDateOf date: Date) {
        let seconds = date.timeIntervalSinceReferenceDate.rounded(.down)
        guard seconds.isFinite, abs(seconds) < 1e14 else { return nil }
        let unixSeconds = Int64(seconds) + CivilDate.unixToReferenceDateSeconds
        var days = unixSeconds / 86_400
        if unixSeconds % 86_400 < 0 { days -= 1 }
        let civil = CivilDate.civil(fromDaysSinceEpoch: days)
        guard let year = Int(exactly: civil.year) else { return nil }
        self.init(year: year, month: civil.month, day: civil.day)
    }

    /// Midnight UTC at the start of this date.
    public var date: Date {
        let days = CivilDate.daysSinceEpoch(year: year, month: month, day: day)
        return Date(timeIntervalSinceReferenceDate: Double(days * 86_400 - CivilDate.unixToReferenceDateSeconds))
    }

    /// The date as `yyyy-MM-dd`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Whether a date is earlier than another.
    ///
    /// - Parameters:
    ///   - lhs: A date.
    ///   - rhs: Another date.
    /// - Returns: `true` if `lhs` comes first.
    public static func < (lhs: OktaFullDate, rhs: OktaFullDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Decodes a `yyyy-MM-dd` string.
    ///
    /// - Parameter decoder: The decoder to read from.
    /// - Throws: `DecodingError.dataCorrupted` if the string is not a valid full date.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let string = try container.decode(String.self)
        guard let value = OktaFullDate(string) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "Expected a date like 2013-06-24, found '\(string.prefix(64))'."
            )
        }
        self = value
    }

    /// Encodes the date as a `yyyy-MM-dd` string.
    ///
    /// - Parameter encoder: The encoder to write to.
    /// - Throws: Whatever the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
