import Foundation

extension SearchExpression {
    /// Whether a user matches.
    ///
    /// String values compare case-insensitively in `search` and exactly in `filter`, as Okta documents; an array
    /// attribute matches when any element does; a missing or `null` attribute matches only `eq null`.
    ///
    /// - Parameters:
    ///   - user: The user.
    ///   - dialect: Where the expression came from.
    /// - Returns: `true` if the user matches.
    func matches(_ user: StoredUser, dialect: Dialect) -> Bool {
        switch self {
        case .and(let left, let right):
            return left.matches(user, dialect: dialect) && right.matches(user, dialect: dialect)
        case .or(let left, let right):
            return left.matches(user, dialect: dialect) || right.matches(user, dialect: dialect)
        case .present(let attribute):
            guard let value = user.searchValue(attribute) else { return false }
            return !value.isEmpty
        case .comparison(let attribute, let comparison, let literal):
            let value = user.searchValue(attribute) ?? .null
            return Self.compare(value, comparison, literal, caseInsensitive: dialect == .search)
        }
    }

    /// Compares one value with a literal.
    static func compare(
        _ value: SearchValue, _ comparison: Operator, _ literal: Literal, caseInsensitive: Bool
    ) -> Bool {
        if case .array(let elements) = value {
            return elements.contains { compare($0, comparison, literal, caseInsensitive: caseInsensitive) }
        }
        switch (value, literal) {
        case (.null, .null):
            return comparison == .eq
        case (.string(let text), .string(let expected)):
            let lhs = caseInsensitive ? text.lowercased() : text
            let rhs = caseInsensitive ? expected.lowercased() : expected
            switch comparison {
            case .eq: return lhs == rhs
            case .sw: return lhs.hasPrefix(rhs)
            case .co: return lhs.contains(rhs)
            case .ew: return lhs.hasSuffix(rhs)
            default: return order(lhs, rhs, comparison)
            }
        case (.number(let number), .number(let expected)):
            return comparison == .eq ? number == expected : order(number, expected, comparison)
        case (.bool(let flag), .bool(let expected)):
            return comparison == .eq && flag == expected
        case (.date(let date), .date(let expected)):
            let lhs = (date.timeIntervalSince1970 * 1000).rounded()
            let rhs = (expected.timeIntervalSince1970 * 1000).rounded()
            return comparison == .eq ? lhs == rhs : order(lhs, rhs, comparison)
        default:
            return false
        }
    }

    /// `gt`, `ge`, `lt`, `le` on comparable values; other operators are false.
    private static func order<T: Comparable>(_ lhs: T, _ rhs: T, _ comparison: Operator) -> Bool {
        switch comparison {
        case .gt: lhs > rhs
        case .ge: lhs >= rhs
        case .lt: lhs < rhs
        case .le: lhs <= rhs
        case .eq: lhs == rhs
        default: false
        }
    }
}
