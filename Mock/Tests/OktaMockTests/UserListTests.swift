import Foundation
import OktaRuntime
import OktaUsers
import Testing

/// Listing, paging, `q`, `filter`, `search`, sorting and projections through the generated client.
@Suite struct UserListTests {
    /// Five users: Ann Lee, Bob Stone (staged), Cara Lee (deactivated), Dan Moss, Eve Lane (suspended).
    private static func populate(_ mock: RunningMock) async throws -> [String] {
        let people: [(String, String, String, [String: JSONValue])] = [
            ("ann.lee@example.com", "Ann", "Lee", ["costCenter": "R&D", "skills": ["swift", "go"]]),
            ("bob.stone@example.com", "Bob", "Stone", ["costCenter": "Sales"]),
            ("cara.lee@example.com", "Cara", "Lee", [:]),
            ("dan.moss@example.com", "Dan", "Moss", ["costCenter": "R&D"]),
            ("eve.lane@example.com", "Eve", "Lane", [:]),
        ]
        var ids: [String] = []
        for (login, first, last, extra) in people {
            let user = try await mock.client.users.createUser(
                activate: login.hasPrefix("bob") ? false : true,
                body: Fixture.createBody(login, password: "Sup3r-Secret", first: first, last: last, extra: extra)
            ).body
            ids.append(try #require(user.id))
        }
        _ = try await mock.client.userLifecycle.deactivateUser(userId: ids[2])
        _ = try await mock.client.userLifecycle.suspendUser(userId: ids[4])
        return ids
    }

    private static func logins(_ users: [User]) -> [String] { users.compactMap { $0.profile?.login } }

    @Test func pagesFollowTheNextLinkAndLeaveOutDeprovisionedUsers() async throws {
        try await RunningMock.run { mock in
            let ids = try await Self.populate(mock)
            let first = try await mock.client.users.listUsers(limit: 2)
            #expect(first.body.map(\.id) == [ids[0], ids[1]])
            let origin = mock.baseURL.absoluteString
            #expect(first.metadata.links.selfURL?.absoluteString == "\(origin)/api/v1/users?limit=2")
            #expect(first.metadata.links.next?.absoluteString == "\(origin)/api/v1/users?after=\(ids[1])&limit=2")
            #expect(first.metadata.links.nextCursor == ids[1])
            // List items carry only their self link, as Okta's collections do.
            #expect(linkNames(first.body.first?.links) == ["self"])
            let second = try await mock.client.users.listUsers(after: first.metadata.links.nextCursor, limit: 2)
            #expect(second.body.map(\.id) == [ids[3], ids[4]])
            #expect(second.metadata.links.next == nil)

            var all: [String] = []
            for try await user in mock.client.users.listUsersSequence(limit: 2) { all.append(user.id ?? "") }
            #expect(all == [ids[0], ids[1], ids[3], ids[4]])

            let rateLimit = try #require(second.metadata.rateLimit)
            #expect(rateLimit.limit == 600)
            #expect(rateLimit.remaining.map { $0 < 600 } == true)
        }
    }

    @Test func qIsAPrefixOnNamesEmailAndLogin() async throws {
        try await RunningMock.run { mock in
            _ = try await Self.populate(mock)
            #expect(Self.logins(try await mock.client.users.listUsers(q: "le").body) == ["ann.lee@example.com"])
            #expect(
                Self.logins(try await mock.client.users.listUsers(q: "l").body)
                    == ["ann.lee@example.com", "eve.lane@example.com"])
            let page = try await mock.client.users.listUsers(q: "e", limit: 1)
            #expect(Self.logins(page.body) == ["eve.lane@example.com"])
            #expect(page.metadata.links.next == nil)
        }
    }

    /// Filters and the logins they select (DEPROVISIONED users included, values case-sensitive).
    static let filters: [(String, [String])] = [
        (#"status eq "ACTIVE""#, ["ann.lee@example.com", "dan.moss@example.com"]),
        (#"status eq "active""#, []),
        (#"status eq "DEPROVISIONED""#, ["cara.lee@example.com"]),
        (
            #"status eq "STAGED" or status eq "SUSPENDED""#,
            ["bob.stone@example.com", "eve.lane@example.com"]
        ),
        (#"profile.lastName eq "Lee" and status eq "ACTIVE""#, ["ann.lee@example.com"]),
        (
            #"(profile.lastName eq "Lee" or profile.lastName eq "Moss") and status eq "DEPROVISIONED""#,
            ["cara.lee@example.com"]
        ),
        (#"profile.login eq "dan.moss@example.com""#, ["dan.moss@example.com"]),
        (
            #"lastUpdated gt "2000-01-01T00:00:00.000Z""#,
            [
                "ann.lee@example.com", "bob.stone@example.com", "cara.lee@example.com", "dan.moss@example.com",
                "eve.lane@example.com",
            ]
        ),
        (#"lastUpdated lt "2000-01-01T00:00:00Z""#, []),
    ]

    @Test(arguments: filters)
    func filterSelectsUsers(_ filter: String, _ expected: [String]) async throws {
        try await RunningMock.run { mock in
            _ = try await Self.populate(mock)
            #expect(Self.logins(try await mock.client.users.listUsers(filter: filter).body) == expected)
        }
    }

    @Test func filterByIDAndByTimeWindow() async throws {
        try await RunningMock.run { mock in
            let ids = try await Self.populate(mock)
            let byID = try await mock.client.users.listUsers(filter: #"id eq "\#(ids[3])""#).body
            #expect(byID.map(\.id) == [ids[3]])
            let dan = try await mock.client.users.getUser(userId: ids[3]).body
            let stamp = try OktaDateCoding.formatTimestamp(try #require(dan.lastUpdated))
            let after = try await mock.client.users.listUsers(filter: #"lastUpdated gt "\#(stamp)""#).body
            // Cara was deactivated and Eve suspended after Dan was created.
            #expect(Self.logins(after) == ["cara.lee@example.com", "eve.lane@example.com"])
            let upTo = try await mock.client.users.listUsers(filter: #"lastUpdated le "\#(stamp)""#).body
            #expect(Self.logins(upTo) == ["ann.lee@example.com", "bob.stone@example.com", "dan.moss@example.com"])
        }
    }

    /// Searches and the logins they select (string values case-insensitive, custom attributes and arrays included).
    static let searches: [(String, [String])] = [
        (#"profile.lastName sw "l""#, ["ann.lee@example.com", "cara.lee@example.com", "eve.lane@example.com"]),
        (#"profile.email co "MOSS""#, ["dan.moss@example.com"]),
        (#"profile.costCenter eq "r&d""#, ["ann.lee@example.com", "dan.moss@example.com"]),
        (#"profile.costCenter pr"#, ["ann.lee@example.com", "bob.stone@example.com", "dan.moss@example.com"]),
        (#"profile.skills eq "go""#, ["ann.lee@example.com"]),
        (#"status eq "active" and profile.costCenter pr"#, ["ann.lee@example.com", "dan.moss@example.com"]),
        (#"(status lt "STAGED" or status gt "STAGED") and profile.firstName sw "B""#, []),
        (#"classification.type eq "STANDARD" and profile.firstName eq "eve""#, ["eve.lane@example.com"]),
    ]

    @Test(arguments: searches)
    func searchSelectsUsers(_ search: String, _ expected: [String]) async throws {
        try await RunningMock.run { mock in
            _ = try await Self.populate(mock)
            #expect(Self.logins(try await mock.client.users.listUsers(search: search).body) == expected)
        }
    }

    @Test func sortedSearchPagesKeepTheirOrder() async throws {
        try await RunningMock.run { mock in
            _ = try await Self.populate(mock)
            var logins: [String] = []
            for try await user in mock.client.users.listUsersSequence(
                search: #"profile.login co "@""#, limit: 2, sortBy: "profile.lastName", sortOrder: "desc")
            {
                logins.append(user.profile?.login ?? "")
            }
            // Stone, Moss, Lee (Ann, Cara by id), Lane.
            #expect(
                logins == [
                    "bob.stone@example.com", "dan.moss@example.com", "ann.lee@example.com", "cara.lee@example.com",
                    "eve.lane@example.com",
                ])
            let first = try await mock.client.users.listUsers(
                search: #"profile.login co "@""#, limit: 2, sortBy: "profile.lastName")
            #expect(first.metadata.links.nextCursor?.hasPrefix("s1.") == true)
            let badOrder = try await expectOktaError {
                try await mock.client.users.listUsers(search: "id pr", sortBy: "id", sortOrder: "sideways")
            }
            #expect(badOrder.codeAndCauses == "E0000001 | sortOrder: 'sideways' is not asc or desc")
            let badCursor = try await expectOktaError {
                try await mock.client.users.listUsers(search: "id pr", after: "00u1", sortBy: "id")
            }
            #expect(badCursor.codeAndCauses == "E0000029 | after: '00u1' is not a cursor of this search")
        }
    }

    /// Malformed expressions and the cause okta-mock gives.
    static let malformed: [(String?, String?, String)] = [
        (#"status eq"#, nil, "filter: expected a value after 'eq' at character 10, found the end of the expression"),
        (#"status = "ACTIVE""#, nil, "filter: unexpected character '=' at character 8"),
        (
            #"profile.city eq "Paris""#, nil,
            "filter: 'profile.city' (character 1) can't be filtered on; filter supports status, lastUpdated, id, "
                + "profile.login, profile.email, profile.firstName, profile.lastName (use search for other properties)"
        ),
        (
            #"status sw "A""#, nil,
            "filter: the 'sw' operator isn't supported in a filter (character 8); use search"
        ),
        (
            #"(status eq "ACTIVE""#, nil,
            "filter: expected ')' to close the '(' at character 1, found the end of the expression at character 20"
        ),
        (
            #"lastUpdated gt "yesterday""#, nil,
            #"filter: lastUpdated is compared with a timestamp such as "2026-01-01T00:00:00.000Z"; "#
                + #"found "yesterday" at character 16"#
        ),
        (
            nil, #"status ne "ACTIVE""#,
            "search: the 'ne' operator isn't supported (character 8); use (status lt … or status gt …)"
        ),
        (
            nil, #"profile.city co "Par""#,
            "search: 'co' (character 14) works only on profile.email, profile.firstName, profile.lastName, "
                + "profile.login"
        ),
        (nil, #"not status eq "ACTIVE""#, "search: the 'not' operator isn't supported (character 1)"),
        (
            nil, #"status eq "ACTIVE" extra"#,
            "search: expected 'and', 'or' or the end of the expression at character 20, found 'extra'"
        ),
        (
            nil, #"profile.title eq "unterminated"#,
            #"search: the string starting at character 18 is not closed with '"'"#
        ),
    ]

    @Test(arguments: malformed)
    func malformedExpressionsAre400WithTheirCause(_ filter: String?, _ search: String?, _ cause: String) async throws {
        try await RunningMock.run { mock in
            let error = try await expectOktaError {
                try await mock.client.users.listUsers(search: search, filter: filter)
            }
            #expect(error.status == .badRequest)
            #expect(error.error?.errorCode == "E0000031")
            #expect(error.error?.errorSummary == "Invalid search criteria.")
            #expect(error.error?.errorCauses.map(\.errorSummary) == [cause])
        }
    }

    @Test func fieldsKeepOnlyTheRequestedProperties() async throws {
        try await RunningMock.run { mock in
            let ids = try await Self.populate(mock)
            let raw = try await mock.raw("GET", "/api/v1/users?limit=1&fields=status,profile:(firstName,costCenter)")
            let json = try JSONDecoder.okta.decode(JSONValue.self, from: raw.body)
            #expect(
                json == [
                    ["id": .string(ids[0]), "status": "ACTIVE", "profile": ["costCenter": "R&D", "firstName": "Ann"]]
                ])
        }
    }
}
