import Foundation
import OktaRuntime

/// Parses the expressions of `GET /api/v1/users?filter=…` and `?search=…`.
///
/// Grammar (operators, `and`, `or` and `true|false|null` are case-insensitive; attribute names are not):
/// ```text
/// expression := term { "or" term }
/// term       := factor { "and" factor }
/// factor     := "(" expression ")" | attribute "pr" | attribute operator value
/// value      := "string" | number | true | false | null
/// ```
/// `and` binds tighter than `or`. Each comparison is checked against the dialect as it is read, so the first problem
/// is reported with its position (1-based, in characters).
struct SearchExpressionParser {
    /// A lexical token.
    private struct Token {
        enum Kind: Equatable {
            case open, close
            case string(String)
            case word(String)
            case end
        }

        var kind: Kind
        /// 1-based character position of the token's first character.
        var position: Int

        /// The token as the message shows it.
        var shown: String {
            switch kind {
            case .open: "'('"
            case .close: "')'"
            case .string(let text): "\"\(text)\""
            case .word(let word): "'\(word)'"
            case .end: "the end of the expression"
            }
        }
    }

    /// The attributes `filter` accepts.
    static let filterAttributes = [
        "status", "lastUpdated", "id", "profile.login", "profile.email", "profile.firstName", "profile.lastName",
    ]
    /// The top-level attributes `search` accepts besides `profile.*`.
    static let searchTopLevelAttributes: Set<String> = [
        "id", "status", "created", "activated", "statusChanged", "lastUpdated", "lastLogin", "passwordChanged",
        "type.id", "realmId", "classification.type",
    ]
    /// The attributes holding timestamps.
    static let dateAttributes: Set<String> = [
        "created", "activated", "statusChanged", "lastUpdated", "lastLogin", "passwordChanged",
    ]
    /// The attributes `co` works on.
    static let containsAttributes: Set<String> = [
        "profile.firstName", "profile.lastName", "profile.email", "profile.login",
    ]

    private let dialect: SearchExpression.Dialect
    private let tokens: [Token]
    private var index = 0

    /// Parses an expression.
    ///
    /// - Parameters:
    ///   - text: The parameter's value.
    ///   - dialect: `filter` or `search`.
    /// - Returns: The expression.
    /// - Throws: ``SearchExpressionError`` naming the first problem and its position.
    static func parse(
        _ text: String, dialect: SearchExpression.Dialect
    ) throws(SearchExpressionError)
        -> SearchExpression
    {
        var parser = SearchExpressionParser(dialect: dialect, tokens: try tokenize(text, dialect: dialect))
        let expression = try parser.parseOr()
        let next = parser.peek
        guard next.kind == .end else {
            throw parser.error(
                "expected 'and', 'or' or the end of the expression at character \(next.position), "
                    + "found \(next.shown)")
        }
        return expression
    }

    private init(dialect: SearchExpression.Dialect, tokens: [Token]) {
        self.dialect = dialect
        self.tokens = tokens
    }

    // MARK: Tokens

    /// Splits the text into tokens.
    private static func tokenize(
        _ text: String, dialect: SearchExpression.Dialect
    ) throws(SearchExpressionError)
        -> [Token]
    {
        let characters = Array(text)
        var tokens: [Token] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let position = index + 1
            if character.isWhitespace {
                index += 1
            } else if character == "(" {
                tokens.append(Token(kind: .open, position: position))
                index += 1
            } else if character == ")" {
                tokens.append(Token(kind: .close, position: position))
                index += 1
            } else if character == "\"" {
                var value = ""
                index += 1
                var closed = false
                while index < characters.count {
                    let next = characters[index]
                    if next == "\\", index + 1 < characters.count {
                        value.append(characters[index + 1])
                        index += 2
                    } else if next == "\"" {
                        closed = true
                        index += 1
                        break
                    } else {
                        value.append(next)
                        index += 1
                    }
                }
                guard closed else {
                    throw SearchExpressionError(
                        message: "\(dialect.rawValue): the string starting at character \(position) is not closed "
                            + "with '\"'")
                }
                tokens.append(Token(kind: .string(value), position: position))
            } else if isWordCharacter(character) {
                var word = ""
                while index < characters.count, isWordCharacter(characters[index]) {
                    word.append(characters[index])
                    index += 1
                }
                tokens.append(Token(kind: .word(word), position: position))
            } else {
                throw SearchExpressionError(
                    message: "\(dialect.rawValue): unexpected character '\(character)' at character \(position)")
            }
        }
        tokens.append(Token(kind: .end, position: characters.count + 1))
        return tokens
    }

    /// Letters, digits and `_ . $ : - +` make up words (attributes, operators, numbers, keywords).
    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || "_.$:-+".contains(character)
    }

    private var peek: Token { tokens[index] }

    private mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    /// Whether the next token is a keyword (case-insensitive); consumes it if so.
    private mutating func consumeKeyword(_ keyword: String) -> Bool {
        guard case .word(let word) = peek.kind, word.lowercased() == keyword else { return false }
        _ = advance()
        return true
    }

    private func error(_ message: String) -> SearchExpressionError {
        SearchExpressionError(message: "\(dialect.rawValue): \(message)")
    }

    // MARK: Grammar

    private mutating func parseOr() throws(SearchExpressionError) -> SearchExpression {
        var expression = try parseAnd()
        while consumeKeyword("or") { expression = .or(expression, try parseAnd()) }
        return expression
    }

    private mutating func parseAnd() throws(SearchExpressionError) -> SearchExpression {
        var expression = try parseFactor()
        while consumeKeyword("and") { expression = .and(expression, try parseFactor()) }
        return expression
    }

    private mutating func parseFactor() throws(SearchExpressionError) -> SearchExpression {
        let token = advance()
        switch token.kind {
        case .open:
            let inner = try parseOr()
            let close = advance()
            guard close.kind == .close else {
                throw error(
                    "expected ')' to close the '(' at character \(token.position), found \(close.shown) "
                        + "at character \(close.position)")
            }
            return inner
        case .word(let word) where word.lowercased() == "not":
            throw error("the 'not' operator isn't supported (character \(token.position))")
        case .word(let attribute) where !Self.isKeyword(attribute) && Double(attribute) == nil:
            return try parseComparison(attribute: attribute, at: token.position)
        default:
            throw error("expected an attribute name or '(' at character \(token.position), found \(token.shown)")
        }
    }

    /// `and`, `or`, `not` and the literals cannot name attributes.
    private static func isKeyword(_ word: String) -> Bool {
        ["and", "or", "not", "true", "false", "null"].contains(word.lowercased())
    }

    private mutating func parseComparison(
        attribute: String, at position: Int
    ) throws(SearchExpressionError)
        -> SearchExpression
    {
        try checkAttribute(attribute, at: position)
        let operatorToken = advance()
        guard case .word(let word) = operatorToken.kind else {
            throw error(
                "expected an operator after '\(attribute)' at character \(operatorToken.position), "
                    + "found \(operatorToken.shown)")
        }
        let lowered = word.lowercased()
        if lowered == "pr" {
            guard dialect == .search else {
                throw error(
                    "the 'pr' operator isn't supported in a filter (character \(operatorToken.position)); "
                        + "use search")
            }
            return .present(attribute: attribute)
        }
        guard let comparison = SearchExpression.Operator(rawValue: lowered) else {
            throw error(
                "unknown operator '\(word)' at character \(operatorToken.position); expected "
                    + (dialect == .filter ? "eq, gt, ge, lt or le" : "eq, sw, co, pr, gt, ge, lt or le"))
        }
        try checkOperator(comparison, attribute: attribute, at: operatorToken.position)
        let valueToken = advance()
        let value = try literal(valueToken, attribute: attribute, after: word)
        return .comparison(attribute: attribute, operator: comparison, value: value)
    }

    /// Checks that the dialect knows an attribute.
    private func checkAttribute(_ attribute: String, at position: Int) throws(SearchExpressionError) {
        switch dialect {
        case .filter:
            guard Self.filterAttributes.contains(attribute) else {
                throw error(
                    "'\(attribute)' (character \(position)) can't be filtered on; filter supports "
                        + Self.filterAttributes.joined(separator: ", ") + " (use search for other properties)")
            }
        case .search:
            if Self.searchTopLevelAttributes.contains(attribute) { return }
            let parts = attribute.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == "profile", !parts[1].isEmpty else {
                throw error(
                    "unknown property '\(attribute)' at character \(position); search supports profile.* and "
                        + Self.searchTopLevelAttributes.sorted().joined(separator: ", "))
            }
        }
    }

    /// Checks that the dialect allows an operator on an attribute.
    private func checkOperator(
        _ comparison: SearchExpression.Operator, attribute: String, at position: Int
    ) throws(SearchExpressionError) {
        switch (dialect, comparison) {
        case (_, .ne):
            throw error(
                "the 'ne' operator isn't supported (character \(position)); "
                    + "use (\(attribute) lt … or \(attribute) gt …)")
        case (_, .ew):
            throw error("the 'ew' operator isn't supported (character \(position))")
        case (.filter, .eq):
            return
        case (.filter, .gt), (.filter, .ge), (.filter, .lt), (.filter, .le):
            guard attribute == "lastUpdated" else {
                throw error("'\(comparison.rawValue)' (character \(position)) works only on lastUpdated in a filter")
            }
        case (.filter, _):
            throw error(
                "the '\(comparison.rawValue)' operator isn't supported in a filter (character \(position)); "
                    + "use search")
        case (.search, .co):
            guard Self.containsAttributes.contains(attribute) else {
                throw error(
                    "'co' (character \(position)) works only on "
                        + Self.containsAttributes.sorted().joined(separator: ", "))
            }
        case (.search, .sw):
            guard !Self.dateAttributes.contains(attribute) else {
                throw error("'sw' (character \(position)) doesn't apply to the timestamp \(attribute)")
            }
        case (.search, _):
            return
        }
    }

    /// Reads the value of a comparison.
    private func literal(
        _ token: Token, attribute: String, after operatorWord: String
    ) throws(SearchExpressionError)
        -> SearchExpression.Literal
    {
        let value: SearchExpression.Literal
        switch token.kind {
        case .string(let text):
            value = .string(text)
        case .word(let word):
            switch word.lowercased() {
            case "true": value = .bool(true)
            case "false": value = .bool(false)
            case "null": value = .null
            default:
                guard let number = Double(word) else {
                    throw error(
                        "expected a value (a \"quoted string\", a number, true, false or null) after "
                            + "'\(operatorWord)' at character \(token.position), found \(token.shown)")
                }
                value = .number(number)
            }
        default:
            throw error("expected a value after '\(operatorWord)' at character \(token.position), found \(token.shown)")
        }
        guard Self.dateAttributes.contains(attribute) else { return value }
        guard case .string(let text) = value, let date = OktaDateCoding.parseTimestamp(text) else {
            throw error(
                "\(attribute) is compared with a timestamp such as \"2026-01-01T00:00:00.000Z\"; "
                    + "found \(token.shown) at character \(token.position)")
        }
        return .date(date)
    }
}
