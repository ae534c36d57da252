import Foundation
import Logging
import OktaRuntime
import OktaUsers

/// The org okta-mock serves: users and what hangs off them, behind an actor so that every request sees a consistent
/// state.
///
/// Every change goes through ``commit(_:)``: it is applied to a copy, the copy is written to the state file (when there
/// is one), and only then does it become the current state. A change that cannot be saved is not made.
actor UserStore {
    /// The current state.
    private(set) var state: MockState
    /// Where changes are saved; `nil` keeps the org in memory only.
    private let stateFile: StateFile?
    /// The wall clock (tests inject a fixed one).
    private let clock: @Sendable () -> Date
    /// Every user ID in ascending order, kept between changes for listing; `nil` after a change that adds or
    /// removes users.
    private var sortedUserIDs: [String]?
    /// Where a change that cannot be saved is reported.
    private let logger: Logger?
    /// Users' `GET` answers encoded since the last change (``UserReadCache``); emptied by every change.
    var encodedUsers: [EncodedUserKey: EncodedUser] = [:]
    /// The order of sorted searches since the last change, by ``UserListQuery/sortedSearchKey``.
    private var sortedSearches: [String: [UserListQuery.SortedMatch]] = [:]

    /// Makes a store.
    ///
    /// - Parameters:
    ///   - state: The initial state.
    ///   - stateFile: Where to save changes, if anywhere.
    ///   - clock: The wall clock.
    ///   - logger: Where a change that cannot be saved is reported.
    init(
        state: MockState, stateFile: StateFile?, clock: @escaping @Sendable () -> Date = Date.init,
        logger: Logger? = nil
    ) {
        self.state = state
        self.stateFile = stateFile
        self.clock = clock
        self.logger = logger
    }

    /// Opens the org: resumes the state file if it exists, else starts from the seed (or empty) and writes the state
    /// file at once, so that a restart finds it.
    ///
    /// - Parameters:
    ///   - stateURL: `--state`.
    ///   - seedURL: `--seed`.
    ///   - clock: The wall clock.
    ///   - logger: Where to say which it did.
    /// - Returns: The store.
    /// - Throws: ``OktaMockError`` for a corrupt state file or an invalid seed.
    static func open(
        stateURL: URL?, seedURL: URL?, seedData: Data? = nil, clock: @escaping @Sendable () -> Date = Date.init,
        logger: Logger
    ) throws -> UserStore {
        let stateFile = stateURL.map(StateFile.init(url:))
        if let stateFile {
            let removed = stateFile.removeStaleTemporaryFiles()
            if !removed.isEmpty {
                logger.notice(
                    "removed temporary files an earlier okta-mock left unfinished",
                    metadata: ["files": "\(removed.joined(separator: ", "))"])
            }
        }
        if let stateFile, let state = try stateFile.load() {
            logger.info(
                "resumed the state file",
                metadata: ["path": "\(stateFile.path)", "users": "\(state.users.count)"])
            if seedURL != nil {
                logger.notice("the state file exists, so --seed is ignored", metadata: ["path": "\(stateFile.path)"])
            }
            return UserStore(state: state, stateFile: stateFile, clock: clock, logger: logger)
        }
        let state = try seedState(seedURL: seedURL, seedData: seedData, now: clock())
        if let seedURL {
            logger.info("seeded the org", metadata: ["path": "\(seedURL.path)", "users": "\(state.users.count)"])
        }
        try stateFile?.save(state)
        return UserStore(state: state, stateFile: stateFile, clock: clock, logger: logger)
    }

    /// The org a seed describes: `seedData` if given, else the file at `seedURL`, else an empty org.
    ///
    /// - Parameters:
    ///   - seedURL: `--seed`.
    ///   - seedData: A seed's JSON (in-process use).
    ///   - now: The time of creation.
    /// - Returns: The state.
    /// - Throws: ``OktaMockError/invalidSeed(path:reason:)``.
    static func seedState(seedURL: URL?, seedData: Data?, now: Date) throws -> MockState {
        if let seedData {
            return try SeedFile.parse(seedData, path: "<seed data>").makeState(now: now, path: "<seed data>")
        }
        if let seedURL { return try SeedFile.load(from: seedURL).makeState(now: now, path: seedURL.path) }
        return MockState(now: now)
    }

    /// Replaces the whole org (`POST /__mock/reset`), saving it like any change.
    ///
    /// - Parameter makeState: Builds the new state at the time of the reset.
    /// - Returns: The number of users after the reset.
    /// - Throws: What `makeState` throws (nothing changes), or 500 when the state cannot be saved.
    func reset(_ makeState: (Date) throws -> MockState) throws -> Int {
        let users = try commit { state, now in
            state = try makeState(now)
            return state.users.count
        }
        sortedUserIDs = nil
        return users
    }

    // MARK: Changes

    /// Applies a change to a copy of the state, saves the copy, and makes it current.
    ///
    /// - Parameter change: The change; it gets the time of the change.
    /// - Returns: What `change` returns.
    /// - Throws: What `change` throws (nothing changes), or 500 `E0000009` when the state cannot be saved (a full disk, a
    ///   read-only folder): the change is then not made, reads go on, and the next change tries again.
    func commit<T: Sendable>(_ change: (inout MockState, Date) throws -> T) throws -> T {
        var draft = state
        let now = draft.tick(clock())
        let result = try change(&draft, now)
        if let stateFile {
            do {
                try stateFile.save(draft)
            } catch {
                logger?.error(
                    "the change was not made: the state file cannot be saved", metadata: ["error": "\(error)"])
                throw OktaErrorResponse(
                    status: .internalServerError, code: OktaError.Code.internalServerError,
                    summary: "Internal Server Error",
                    causes: ["okta-mock cannot save its state file, so the change was not made: \(error)"])
            }
        }
        // The ID order only changes when users come or go; no single change both adds and removes a user, and a
        // reset drops the order itself. An update keeps it, so a list after a write does not sort the org again.
        if draft.users.count != state.users.count { sortedUserIDs = nil }
        encodedUsers.removeAll()
        sortedSearches.removeAll()
        state = draft
        return result
    }

    /// Applies a change to one user.
    ///
    /// - Parameters:
    ///   - key: An ID, login, short login or `me`.
    ///   - change: The change.
    /// - Returns: The user after the change, and what `change` returns.
    /// - Throws: 404 `E0000007` for an unknown user; what `change` throws.
    func update<T: Sendable>(
        _ key: String, _ change: (inout StoredUser, inout MockState, Date) throws -> T
    ) throws -> (user: StoredUser, result: T) {
        try commit { state, now in
            guard let id = state.userID(for: key), var user = state.users[id] else {
                throw OktaErrorResponse.userNotFound(key)
            }
            let result = try change(&user, &state, now)
            state.users[id] = user
            return (user, result)
        }
    }

    // MARK: Reads

    /// A user by ID, login, unique short login or `me`.
    ///
    /// - Parameter key: The path parameter.
    /// - Returns: The user.
    /// - Throws: 404 `E0000007`.
    func user(_ key: String) throws -> StoredUser {
        guard let id = state.userID(for: key), let user = state.users[id] else {
            throw OktaErrorResponse.userNotFound(key)
        }
        return user
    }

    /// One page of users.
    ///
    /// - Parameter query: The query.
    /// - Returns: The users and the next cursor.
    /// - Throws: 400 for a cursor okta-mock did not issue.
    func users(_ query: UserListQuery) throws -> (users: [StoredUser], next: String?) {
        let ids = sortedUserIDs ?? state.users.keys.sorted()
        sortedUserIDs = ids
        guard let key = query.sortedSearchKey, let sortBy = query.sortBy else {
            return try query.page(of: state.users, sortedIDs: ids)
        }
        // A sorted search sorts every match once; its later pages (and repeats) take the order kept here until the
        // next change, so paging through n matches costs one sort, not one per page.
        let matches = sortedSearches[key] ?? query.sortedMatches(of: state.users, sortBy: sortBy)
        if sortedSearches.count >= Self.sortedSearchLimit { sortedSearches.removeAll() }
        sortedSearches[key] = matches
        return try query.page(of: state.users, sortedIDs: ids, sortedMatches: matches)
    }

    /// The most sorted searches kept at once.
    static let sortedSearchLimit = 16

    /// Whether a user has exactly this ID (no login, short login or `me`).
    ///
    /// - Parameter id: The ID.
    func hasUser(id: String) -> Bool { state.users[id] != nil }

    /// The number of users (for start-up messages).
    var userCount: Int { state.users.count }
}
