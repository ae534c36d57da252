import Foundation
import OktaRuntime

/// A parsed `filter` or `search` expression of `GET /api/v1/users`: SCIM-style comparisons joined with `and` / `or`.
///
/// ```text
/// status eq "ACTIVE" and (profile.lastName sw "sm" or lastUpdated gt "2026-01-01T00:00:00.000Z")
/// ```
indirect enum SearchExpression: Sendable, Equatable {
    /// Both sides match.
    case and(SearchExpression, SearchExpression)
    /// Either side matches.
    case or(SearchExpression, SearchExpression)
    /// `attribute operator value`.
    case comparison(attribute: String, operator: Operator, value: Literal)
    /// `attribute pr`: the attribute has a non-null value.
    case present(attribute: String)

    /// A comparison operator.
    enum Operator: String, Sendable, CaseIterable {
        case eq, ne, gt, ge, lt, le, sw, co, ew
    }

    /// A literal on the right of a comparison.
    enum Literal: Sendable, Equatable, CustomStringConvertible {
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
        /// A string that is a timestamp, compared as a date (for date attributes).
        case date(Date)

        var description: String {
            switch self {
            case .string(let text): "\"\(text)\""
            case .number(let number): String(number)
            case .bool(let value): String(value)
            case .null: "null"
            case .date(let date): "\"\((try? OktaDateCoding.formatTimestamp(date)) ?? "\(date)")\""
            }
        }
    }

    /// Which parameter an expression came from; they accept different attributes and operators.
    enum Dialect: String, Sendable {
        /// `filter`: `status`, `lastUpdated`, `id`, `profile.login|email|firstName|lastName`; `eq` only, plus
        /// `gt|ge|lt|le` on `lastUpdated`; values compared case-sensitively.
        case filter
        /// `search`: any profile attribute and the top-level properties; `eq`, `sw`, `co`, `pr`, `gt|ge|lt|le`;
        /// string values compared case-insensitively.
        case search
    }
}
