import Foundation
import OktaRuntime
import Testing

@testable import OktaMockKit

/// The `filter` / `search` parser on its own: structure, precedence, dialect rules.
@Suite struct SearchExpressionParserTests {
    @Test func andBindsTighterThanOr() throws {
        let expression = try SearchExpressionParser.parse(
            #"status eq "A" or profile.login eq "b" AND id eq "c""#, dialect: .filter)
        #expect(
            expression
                == .or(
                    .comparison(attribute: "status", operator: .eq, value: .string("A")),
                    .and(
                        .comparison(attribute: "profile.login", operator: .eq, value: .string("b")),
                        .comparison(attribute: "id", operator: .eq, value: .string("c")))))
    }

    @Test func parenthesesGroupAndLiteralsAreTyped() throws {
        let expression = try SearchExpressionParser.parse(
            #"(profile.age gt 30 or profile.vip eq TRUE) and profile.manager eq null and profile.nick pr"#,
            dialect: .search)
        #expect(
            expression
                == .and(
                    .and(
                        .or(
                            .comparison(attribute: "profile.age", operator: .gt, value: .number(30)),
                            .comparison(attribute: "profile.vip", operator: .eq, value: .bool(true))),
                        .comparison(attribute: "profile.manager", operator: .eq, value: .null)),
                    .present(attribute: "profile.nick")))
    }

    @Test func timestampsAreParsedAndStringsUnescaped() throws {
        let expression = try SearchExpressionParser.parse(
            #"lastUpdated ge "2026-01-02T03:04:05.678Z" and profile.login eq "say \"hi\"""#, dialect: .filter)
        guard case .and(.comparison(_, _, .date(let date)), .comparison(_, _, .string(let login))) = expression else {
            Issue.record("unexpected shape \(expression)")
            return
        }
        #expect(try OktaDateCoding.formatTimestamp(date) == "2026-01-02T03:04:05.678Z")
        #expect(login == #"say "hi""#)
    }

    @Test(arguments: [
        (
            "", SearchExpression.Dialect.filter,
            "filter: expected an attribute name or '(' at character 1, found the end of the expression"
        ),
        (
            "status eq \"A\" and", .filter,
            "filter: expected an attribute name or '(' at character 18, found the end of the expression"
        ),
        ("status pr", .filter, "filter: the 'pr' operator isn't supported in a filter (character 8); use search"),
        ("id gt \"a\"", .filter, "filter: 'gt' (character 4) works only on lastUpdated in a filter"),
        ("created sw \"2026\"", .search, "search: 'sw' (character 9) doesn't apply to the timestamp created"),
        (
            "name eq \"x\"", .search,
            "search: unknown property 'name' at character 1; search supports profile.* and activated, "
                + "classification.type, created, id, lastLogin, lastUpdated, passwordChanged, realmId, status, "
                + "statusChanged, type.id"
        ),
        ("status ew \"x\"", .search, "search: the 'ew' operator isn't supported (character 8)"),
        (
            "status like \"x\"", .search,
            "search: unknown operator 'like' at character 8; expected eq, sw, co, pr, gt, ge, lt or le"
        ),
        ("status eq (", .search, "search: expected a value after 'eq' at character 11, found '('"),
        (
            "status eq word", .search,
            #"search: expected a value (a "quoted string", a number, true, false or null) after 'eq' "#
                + "at character 11, found 'word'"
        ),
        (") or", .search, "search: expected an attribute name or '(' at character 1, found ')'"),
    ])
    func errorsSayWhatAndWhere(_ text: String, _ dialect: SearchExpression.Dialect, _ message: String) {
        #expect(throws: SearchExpressionError(message: message)) {
            try SearchExpressionParser.parse(text, dialect: dialect)
        }
    }

    @Test func evaluationFollowsTheDialect() throws {
        var state = MockState(now: Date())
        var user = state.makeTestUser(login: "Ann.Lee@Example.com")
        user.profile.additionalProperties["tags"] = ["x", "y"]
        let search = try SearchExpressionParser.parse(#"profile.login eq "ann.lee@example.com""#, dialect: .search)
        let filter = try SearchExpressionParser.parse(#"profile.login eq "ann.lee@example.com""#, dialect: .filter)
        #expect(search.matches(user, dialect: .search))
        #expect(!filter.matches(user, dialect: .filter))
        #expect(
            try SearchExpressionParser.parse(#"profile.tags eq "Y""#, dialect: .search).matches(user, dialect: .search))
        #expect(
            try SearchExpressionParser.parse("profile.title eq null", dialect: .search).matches(user, dialect: .search))
        #expect(
            !(try SearchExpressionParser.parse("profile.title pr", dialect: .search).matches(user, dialect: .search)))
    }
}

extension MockState {
    /// A minimal active user for evaluation tests.
    fileprivate mutating func makeTestUser(login: String) -> StoredUser {
        let now = tick(Date())
        return StoredUser(
            id: makeID(prefix: "00u"), status: .active, created: now, activated: now, statusChanged: now,
            lastLogin: nil, lastUpdated: now, passwordChanged: nil, profile: .init(login: login), typeID: defaultTypeID,
            realmID: nil, provider: .init(name: "OKTA", type: .okta), hasPassword: false, password: nil,
            recoveryQuestion: nil, recoveryAnswer: nil, enrolledFactors: 0, groupIDs: [], appLinks: [], devices: [],
            blocks: [], sessionIDs: [], activationToken: nil, recoveryToken: nil)
    }
}
