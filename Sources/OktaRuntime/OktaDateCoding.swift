import Foundation

/// Parsing and formatting of the date formats Okta uses, by hand and without `DateFormatter`: every function is
/// pure, so it is thread-safe, allocation-light and independent of the current locale, calendar and time zone.
///
/// Timestamps (`format: date-time`) are read leniently and written in one canonical form:
/// - Accepted: `2013-06-24T16:39:18.000Z`, `2013-06-24T16:39:18Z`, any number of fraction digits
///   (`…18.123456789Z`; digits beyond nanoseconds are ignored), a `Z`/`z` or numeric offset
///   (`+02:00`, `-0530`, `+02`), and `t` or a space instead of `T` (RFC 3339 §5.6).
/// - Rejected: anything else, including a missing offset, out-of-range fields (`2013-02-30`, `24:00:00`),
///   leap seconds, and trailing characters.
/// - Written: `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` in UTC, rounded to the nearest millisecond.
public enum OktaDateCoding {
    /// Parses an RFC 3339 / ISO 8601 timestamp as sent by Okta.
    ///
    /// - Parameter string: The timestamp text.
    /// - Returns: The instant, or `nil` if `string` is not an accepted timestamp.
    public static func parseTimestamp(_ string: some StringProtocol) -> Date? {
        string.withASCIIScanner { scanner -> Date? in
            guard let (year, month, day) = scanFullDate(&scanner),
                scanner.consume(where: isDateTimeSeparator) != nil,
                let hour = scanner.digits(2), hour < 24, scanner.consume(UInt8(ascii: ":")),
                let minute = scanner.digits(2), minute < 60, scanner.consume(UInt8(ascii: ":")),
                let second = scanner.digits(2), second < 60
            else { return nil }

            var nanoseconds = 0
            if scanner.consume(UInt8(ascii: ".")) {
                let fraction = scanner.skip(while: isDigit)
                guard !fraction.isEmpty else { return nil }
                var scale = 100_000_000
                for index in fraction.prefix(9) {
                    nanoseconds += Int(scanner.bytes[index] - UInt8(ascii: "0")) * scale
                    scale /= 10
                }
            }

            guard let offset = scanOffset(&scanner), scanner.isAtEnd else { return nil }
            let days = CivilDate.daysSinceEpoch(year: year, month: month, day: day)
            let unixSeconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset)
            return Date(
                timeIntervalSinceReferenceDate: Double(unixSeconds - CivilDate.unixToReferenceDateSeconds)
                    + Double(nanoseconds) / 1_000_000_000
            )
        }
    }

    /// Formats an instant the way Okta does: `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`, in UTC.
    ///
    /// - Parameter date: The instant.
    /// - Returns: For example `2013-06-24T16:39:18.000Z`.
    /// - Throws: `EncodingError.invalidValue` if the date is not finite or falls outside the years 0000...9999.
    public static func formatTimestamp(_ date: Date) throws -> String {
        let milliseconds = (date.timeIntervalSinceReferenceDate * 1000).rounded()
        // ±1e17 ms is about ±3 million years: far beyond 0000...9999, and far from Int64 overflow.
        guard milliseconds.isFinite, abs(milliseconds) < 1e17 else { throw unrepresentable(date) }
        let unixMilliseconds = Int64(milliseconds) + CivilDate.unixToReferenceDateSeconds * 1000
        var days = unixMilliseconds / 86_400_000
        var millisecondOfDay = unixMilliseconds % 86_400_000
        if millisecondOfDay < 0 {
            millisecondOfDay += 86_400_000
            days -= 1
        }
        let (year, month, day) = CivilDate.civil(fromDaysSinceEpoch: days)
        guard (0...9999).contains(year) else { throw unrepresentable(date) }
        return String(unsafeUninitializedCapacity: 24) { buffer in
            var position = 0
            func field(_ value: Int, width: Int, then separator: UInt8) {
                writeDigits(value, width: width, into: buffer, at: &position)
                buffer[position] = separator
                position += 1
            }
            field(Int(year), width: 4, then: UInt8(ascii: "-"))
            field(month, width: 2, then: UInt8(ascii: "-"))
            field(day, width: 2, then: UInt8(ascii: "T"))
            field(Int(millisecondOfDay / 3_600_000), width: 2, then: UInt8(ascii: ":"))
            field(Int(millisecondOfDay / 60_000 % 60), width: 2, then: UInt8(ascii: ":"))
            field(Int(millisecondOfDay / 1000 % 60), width: 2, then: UInt8(ascii: "."))
            field(Int(millisecondOfDay % 1000), width: 3, then: UInt8(ascii: "Z"))
            return position
        }
    }

    /// Parses an RFC 9110 IMF-fixdate, the format of the `Date` and `Retry-After` headers.
    ///
    /// - Parameter string: For example `Sun, 06 Nov 1994 08:49:37 GMT`. The day name is not checked against the date.
    /// - Returns: The instant, or `nil` if `string` is not an IMF-fixdate.
    public static func parseHTTPDate(_ string: some StringProtocol) -> Date? {
        string.withASCIIScanner { scanner -> Date? in
            let isLetter = { (byte: UInt8) in (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
            let space = UInt8(ascii: " ")
            guard scanner.skip(while: isLetter).count == 3, scanner.consume(UInt8(ascii: ",")), scanner.consume(space),
                let day = scanner.digits(2), scanner.consume(space)
            else { return nil }
            let monthName = scanner.string(scanner.skip(while: isLetter))
            guard let monthIndex = monthNames.firstIndex(of: monthName), scanner.consume(space),
                let year = scanner.digits(4), scanner.consume(space),
                let hour = scanner.digits(2), hour < 24, scanner.consume(UInt8(ascii: ":")),
                let minute = scanner.digits(2), minute < 60, scanner.consume(UInt8(ascii: ":")),
                let second = scanner.digits(2), second < 60, scanner.consume(space),
                scanner.string(scanner.skip(while: isLetter)) == "GMT", scanner.isAtEnd
            else { return nil }
            let month = monthIndex + 1
            guard (1...CivilDate.daysInMonth(month, year: year)).contains(day) else { return nil }
            let days = CivilDate.daysSinceEpoch(year: year, month: month, day: day)
            let unixSeconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
            return Date(timeIntervalSinceReferenceDate: Double(unixSeconds - CivilDate.unixToReferenceDateSeconds))
        }
    }

    /// Decodes a date from a single string value: a timestamp, or else a full date (taken as midnight UTC).
    ///
    /// Use it from hand-written or generated `init(from:)` code; ``decodingStrategy`` calls it for every `Date`.
    /// - Parameter decoder: The decoder positioned on the value.
    /// - Returns: The instant.
    /// - Throws: `DecodingError.dataCorrupted` if the string is neither, `DecodingError.typeMismatch` if the value
    ///   is not a string.
    public static func decodeDate(from decoder: any Decoder) throws -> Date {
        let container = try decoder.singleValueContainer()
        let string = try container.decode(String.self)
        if let date = parseTimestamp(string) ?? OktaFullDate(string)?.date { return date }
        throw DecodingError.dataCorruptedError(in: container, debugDescription: invalidTimestampMessage(string))
    }

    /// Encodes a date as a single string value in Okta's timestamp format.
    ///
    /// - Parameters:
    ///   - date: The instant.
    ///   - encoder: The encoder to write to.
    /// - Throws: `EncodingError.invalidValue` if the date cannot be formatted (see ``formatTimestamp(_:)``).
    public static func encode(_ date: Date, to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(formatTimestamp(date))
    }

    /// The `JSONDecoder` date strategy that reads Okta timestamps (see ``decodeDate(from:)``).
    public static var decodingStrategy: JSONDecoder.DateDecodingStrategy {
        .custom { decoder in try decodeDate(from: decoder) }
    }

    /// The `JSONEncoder` date strategy that writes `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`.
    public static var encodingStrategy: JSONEncoder.DateEncodingStrategy {
        .custom { date, encoder in try encode(date, to: encoder) }
    }

    // MARK: - Internals

    /// English month abbreviations, as HTTP dates spell them.
    private static let monthNames = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// Whether `byte` is an ASCII digit.
    ///
    /// - Parameter byte: A byte.
    /// - Returns: `true` for `0`...`9`.
    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Whether `byte` separates date and time: `T`, `t`, or a space (RFC 3339 §5.6 note).
    ///
    /// - Parameter byte: A byte.
    /// - Returns: `true` for the accepted separators.
    private static func isDateTimeSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "T") || byte == UInt8(ascii: "t") || byte == UInt8(ascii: " ")
    }

    /// Scans a full date `yyyy-MM-dd`, validating the month and the day of the month.
    ///
    /// - Parameter scanner: The scanner, advanced past the date on success.
    /// - Returns: The fields, or `nil` if no valid date follows.
    static func scanFullDate(_ scanner: inout ASCIIScanner) -> (year: Int, month: Int, day: Int)? {
        guard let year = scanner.digits(4), scanner.consume(UInt8(ascii: "-")),
            let month = scanner.digits(2), (1...12).contains(month), scanner.consume(UInt8(ascii: "-")),
            let day = scanner.digits(2), (1...CivilDate.daysInMonth(month, year: year)).contains(day)
        else { return nil }
        return (year, month, day)
    }

    /// Scans a time zone designator: `Z`, `z`, `±hh:mm`, `±hhmm` or `±hh`.
    ///
    /// - Parameter scanner: The scanner, advanced past the designator on success.
    /// - Returns: The offset from UTC in seconds (east positive), or `nil` if no valid designator follows.
    private static func scanOffset(_ scanner: inout ASCIIScanner) -> Int? {
        if scanner.consume(UInt8(ascii: "Z")) || scanner.consume(UInt8(ascii: "z")) { return 0 }
        guard let sign = scanner.consume(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }),
            let hours = scanner.digits(2), hours < 24
        else { return nil }
        var minutes = 0
        if scanner.consume(UInt8(ascii: ":")) {
            guard let value = scanner.digits(2) else { return nil }
            minutes = value
        } else if let value = scanner.digits(2) {
            minutes = value
        }
        guard minutes < 60 else { return nil }
        let offset = hours * 3600 + minutes * 60
        return sign == UInt8(ascii: "-") ? -offset : offset
    }

    /// Writes `value` as exactly `width` decimal digits, zero-padded.
    ///
    /// - Parameters:
    ///   - value: A non-negative number below `10^width`.
    ///   - width: The number of digits.
    ///   - buffer: The output.
    ///   - position: Where to write; advanced by `width`.
    private static func writeDigits(
        _ value: Int,
        width: Int,
        into buffer: UnsafeMutableBufferPointer<UInt8>,
        at position: inout Int
    ) {
        var remaining = value
        for offset in stride(from: width - 1, through: 0, by: -1) {
            buffer[position + offset] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
        }
        position += width
    }

    /// The error for a date that has no Okta timestamp representation.
    ///
    /// - Parameter date: The date.
    /// - Returns: An `EncodingError.invalidValue`.
    private static func unrepresentable(_ date: Date) -> EncodingError {
        let message = "The date cannot be written as an Okta timestamp (years 0000-9999)."
        return EncodingError.invalidValue(date, .init(codingPath: [], debugDescription: message))
    }

    /// The message for a string that is not a timestamp; long input is cut to keep messages readable.
    ///
    /// - Parameter string: The rejected string.
    /// - Returns: A message naming the expected format.
    static func invalidTimestampMessage(_ string: String) -> String {
        let shown = string.count > 64 ? string.prefix(64) + "…" : string
        return "Expected an ISO 8601 timestamp like 2013-06-24T16:39:18.000Z, found '\(shown)'."
    }
}
