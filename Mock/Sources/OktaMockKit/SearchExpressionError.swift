/// A `filter` or `search` expression okta-mock cannot use, with a message saying what and where.
struct SearchExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// For example `filter: expected an operator after 'status' at character 8, found the end of the expression`.
    var message: String

    var description: String { message }
}
