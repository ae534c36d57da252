/// Proleptic Gregorian calendar arithmetic on day counts, without `Calendar` (which is slow and locks).
///
/// The algorithms are Howard Hinnant's `days_from_civil` / `civil_from_days`, exact for every representable date.
enum CivilDate {
    /// Seconds between 1970-01-01T00:00:00Z (Unix epoch) and 2001-01-01T00:00:00Z (Foundation's reference date).
    static let unixToReferenceDateSeconds: Int64 = 978_307_200

    /// Days in `month` of `year`.
    ///
    /// - Parameters:
    ///   - month: 1...12.
    ///   - year: Any year.
    /// - Returns: 28...31.
    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Whether `year` is a Gregorian leap year.
    ///
    /// - Parameter year: Any year.
    /// - Returns: `true` for leap years.
    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// Days from 1970-01-01 to the given date.
    ///
    /// - Parameters:
    ///   - year: The year.
    ///   - month: 1...12.
    ///   - day: 1...31.
    /// - Returns: The day number, negative before 1970.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day number.
    ///
    /// - Parameter days: Days since 1970-01-01.
    /// - Returns: Year, month (1...12) and day (1...31).
    static func civil(fromDaysSinceEpoch days: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
