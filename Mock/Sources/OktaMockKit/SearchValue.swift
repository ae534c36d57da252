import Foundation
import OktaRuntime
import OktaUsers

/// A user's attribute as `filter`, `search` and `sortBy` see it.
enum SearchValue: Sendable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case date(Date)
    case array([SearchValue])
    case null

    /// Converts a profile value; objects have no comparable value and count as `null`.
    ///
    /// - Parameter json: The value.
    init(_ json: JSONValue) {
        switch json {
        case .null, .object: self = .null
        case .bool(let value): self = .bool(value)
        case .int(let value): self = .number(Double(value))
        case .double(let value): self = .number(value)
        case .string(let value): self = .string(value)
        case .array(let values): self = .array(values.map(SearchValue.init))
        }
    }

    /// A string, or `null` for `nil`.
    init(_ string: String?) { self = string.map(SearchValue.string) ?? .null }

    /// A timestamp, or `null` for `nil`.
    init(_ date: Date?) { self = date.map(SearchValue.date) ?? .null }

    /// Whether the value is `null` or an empty array: what `pr` (present) rejects.
    var isEmpty: Bool {
        switch self {
        case .null: true
        case .array(let values): values.isEmpty
        default: false
        }
    }
}
