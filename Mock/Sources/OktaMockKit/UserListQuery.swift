import Foundation
import OktaRuntime
import OktaUsers

/// What `GET /api/v1/users` asks for: which users, in which order, which page.
struct UserListQuery: Sendable {
    /// How users are selected.
    enum Selection: Sendable {
        /// Every user but `DEPROVISIONED` ones.
        case all
        /// `q`: a case-insensitive prefix of `firstName`, `lastName`, `email` or `login`; no `DEPROVISIONED` users,
        /// no paging.
        case prefix(String)
        /// `filter` or `search`: an expression; `DEPROVISIONED` users included.
        case expression(SearchExpression, SearchExpression.Dialect)
    }

    /// The largest page.
    static let maximumLimit = 200

    var selection: Selection
    /// `sortBy` (search only); `nil` orders by `id`.
    var sortBy: String?
    /// `sortOrder=desc`.
    var descending = false
    /// The page size.
    var limit: Int
    /// The cursor.
    var after: String?
    /// What a sorted search's order depends on (`search`, `sortBy`, `sortOrder`), to keep it between pages; `nil`
    /// when the result is in ID order.
    var sortedSearchKey: String?

    /// Reads the query parameters. `search` wins over `filter`, which wins over `q`; empty values count as absent.
    ///
    /// `limit` is served, never refused: the spec declares no bounds for it here (only `default: 200`), so every
    /// int32 is a valid request. One above 200 gets a page of 200 (Okta's largest page, as its support article on
    /// pagination says) and a `next` link, which a paging client follows as usual; one below 1 gets the default page
    /// (200, or 10 with `q`). The grant and token lists, whose spec does declare `minimum: 1, maximum: 200`, refuse
    /// values outside with 400 `E0000001` instead (``MockAPI/grantPageSize(_:)``). See docs/okta-mock-hardening.md.
    ///
    /// - Parameter input: The parsed request.
    /// - Throws: ``OktaErrorResponse``: 400 `E0000031` for an expression okta-mock cannot read, 400 `E0000001` for a
    ///   `sortOrder` other than `asc` or `desc`.
    init(_ input: ListUsersInput) throws {
        func nonEmpty(_ text: String?) -> String? {
            guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            return text
        }
        do throws(SearchExpressionError) {
            if let search = nonEmpty(input.search) {
                selection = .expression(try SearchExpressionParser.parse(search, dialect: .search), .search)
            } else if let filter = nonEmpty(input.filter) {
                selection = .expression(try SearchExpressionParser.parse(filter, dialect: .filter), .filter)
            } else if let q = nonEmpty(input.q) {
                selection = .prefix(q.lowercased())
            } else {
                selection = .all
            }
        } catch {
            throw OktaErrorResponse.invalidSearchCriteria(error.message)
        }
        let defaultLimit = if case .prefix = selection { 10 } else { Self.maximumLimit }
        let requested = input.limit.map(Int.init) ?? defaultLimit
        limit = requested < 1 ? defaultLimit : min(requested, Self.maximumLimit)
        after = nonEmpty(input.after)
        if case .expression(_, .search) = selection, let sortBy = nonEmpty(input.sortBy) {
            self.sortBy = sortBy
            switch input.sortOrder?.lowercased() ?? "asc" {
            case "asc": descending = false
            case "desc": descending = true
            default:
                throw OktaErrorResponse.validationFailed(
                    "sortOrder", causes: ["sortOrder: '\(input.sortOrder ?? "")' is not asc or desc"])
            }
            sortedSearchKey = [input.search ?? "", sortBy, descending ? "desc" : "asc"].joined(separator: "\u{0}")
        }
    }

    /// Whether a user is selected.
    ///
    /// - Parameter user: The user.
    /// - Returns: `true` if the user belongs in the result.
    func selects(_ user: StoredUser) -> Bool {
        switch selection {
        case .all:
            return user.status != .deprovisioned
        case .prefix(let prefix):
            guard user.status != .deprovisioned else { return false }
            return ["firstName", "lastName", "email", "login"].contains { name in
                guard case .string(let value)? = user.profile.searchValue(name) else { return false }
                return value.lowercased().hasPrefix(prefix)
            }
        case .expression(let expression, let dialect):
            return expression.matches(user, dialect: dialect)
        }
    }

    /// Whether the result is paged (every selection but `q`).
    var isPaged: Bool {
        if case .prefix = selection { return false }
        return true
    }

    /// Selects, orders and cuts one page.
    ///
    /// - Parameters:
    ///   - users: Every user by ID.
    ///   - sortedIDs: Every user ID in ascending order (the store keeps it between changes).
    /// - Returns: The page and the cursor of the next one (`nil` on the last page).
    /// - Throws: ``OktaErrorResponse`` 400 `E0000029` for a cursor of a sorted search that okta-mock did not issue.
    func page(
        of users: [String: StoredUser], sortedIDs: [String], sortedMatches: [SortedMatch]? = nil
    ) throws -> (users: [StoredUser], next: String?) {
        guard let sortBy else {
            // In ID order: scan from the cursor and stop one user after the page, so a page costs its own size.
            var start = sortedIDs.startIndex
            if let after { start = sortedIDs.partitionPoint(where: { $0 > after }) }
            var page: [StoredUser] = []
            var hasMore = false
            for id in sortedIDs[start...] {
                guard let user = users[id], selects(user) else { continue }
                if page.count == limit {
                    hasMore = true
                    break
                }
                page.append(user)
            }
            return (page, hasMore && isPaged ? page.last?.id : nil)
        }
        let sorted = sortedMatches ?? self.sortedMatches(of: users, sortBy: sortBy)
        var start = sorted.startIndex
        if let after {
            guard let cursor = SortCursor(after) else {
                throw OktaErrorResponse.invalidPaging("after: '\(after)' is not a cursor of this search")
            }
            // The matches are in order, so the first one after the cursor is found by bisection.
            start = sorted.partitionPoint {
                SortKey.precedes((cursor.key, cursor.id), ($0.key, $0.id), descending: descending)
            }
        }
        let page = sorted[start...].prefix(limit)
        let hasMore = sorted.distance(from: start, to: sorted.endIndex) > page.count
        let next = hasMore ? page.last.map { SortCursor(key: $0.key, id: $0.id).text } : nil
        return (page.compactMap { users[$0.id] }, isPaged ? next : nil)
    }

    /// A selected user's place in a sorted search.
    struct SortedMatch: Sendable {
        var key: SortKey
        var id: String
    }

    /// Every selected user, in the search's order (ties by ID).
    ///
    /// - Parameters:
    ///   - users: Every user by ID.
    ///   - sortBy: The attribute.
    /// - Returns: The matches in order.
    func sortedMatches(of users: [String: StoredUser], sortBy: String) -> [SortedMatch] {
        users.values.filter(selects).map { SortedMatch(key: SortKey($0.searchValue(sortBy)), id: $0.id) }
            .sorted { SortKey.precedes(($0.key, $0.id), ($1.key, $1.id), descending: descending) }
    }
}
