import Foundation
import OktaRuntime
import OktaUsers

/// The in-memory state of the test server: users, a deterministic clock, and scripted rate limiting.
actor UserDirectory {
    /// The server's clock starts here: 2026-01-02T03:04:05.500Z, and advances one second per change.
    static let epoch = Date(timeIntervalSince1970: 1_767_323_045.5)

    /// The users by ID.
    private var users: [String: User] = [:]
    /// The number of users created so far.
    private var createdCount = 0
    /// The number of clock readings so far.
    private var ticks = 0
    /// How many of the next requests are answered with 429.
    private var throttledRequests = 0

    /// The time of the next change: ``epoch``, then one second later for each change.
    private func tick() -> Date {
        defer { ticks += 1 }
        return Self.epoch.addingTimeInterval(Double(ticks))
    }

    /// An Okta-shaped user ID: `00u` and 17 characters, ordered by creation.
    private func makeUserID() -> String {
        createdCount += 1
        let digits = String(createdCount)
        return "00ue2e" + String(repeating: "0", count: 14 - digits.count) + digits
    }

    // MARK: Rate limiting

    /// Makes the next `count` authenticated requests answer `429 Too Many Requests`.
    func throttleNextRequests(_ count: Int) { throttledRequests = count }

    /// Whether the current request is rate limited; consumes one throttled request if so.
    func takeThrottledRequest() -> Bool {
        guard throttledRequests > 0 else { return false }
        throttledRequests -= 1
        return true
    }

    // MARK: Users

    /// Creates a user.
    ///
    /// - Parameters:
    ///   - request: The body of `createUser`.
    ///   - activate: Whether the user starts `ACTIVE` (otherwise `STAGED`).
    /// - Returns: The user as stored.
    /// - Throws: ``OktaErrorResponse`` (400) when `login` is missing or already used.
    func create(_ request: CreateUserRequest, activate: Bool) throws -> User {
        guard let login = request.profile.login, !login.isEmpty else {
            throw OktaErrorResponse.validationFailed("login", causes: ["login: The field cannot be left blank"])
        }
        guard !users.values.contains(where: { $0.profile?.login?.lowercased() == login.lowercased() }) else {
            throw OktaErrorResponse.validationFailed(
                "login", causes: ["login: An object with this field already exists in the current organization"])
        }
        let now = tick()
        let user = User(
            activated: activate ? .value(now) : .null,
            created: now,
            id: makeUserID(),
            lastLogin: .null,
            lastUpdated: now,
            passwordChanged: .null,
            profile: request.profile,
            status: activate ? .active : .staged,
            statusChanged: activate ? .value(now) : .null,
            transitioningToStatus: .null
        )
        users[user.id ?? ""] = user
        return user
    }

    /// A user by ID or login.
    ///
    /// - Parameter idOrLogin: The `id` path parameter.
    /// - Returns: The user.
    /// - Throws: ``OktaErrorResponse`` (404 `E0000007`) if there is no such user.
    func user(_ idOrLogin: String) throws -> User {
        if let user = users[idOrLogin] { return user }
        if let user = users.values.first(where: { $0.profile?.login == idOrLogin }) { return user }
        throw OktaErrorResponse.notFound(resourceID: idOrLogin, resourceType: "User")
    }

    /// One page of users in ID order.
    ///
    /// - Parameters:
    ///   - after: The cursor: the ID of the last user of the previous page.
    ///   - limit: The page size.
    /// - Returns: The users and whether more follow.
    func page(after: String?, limit: Int) -> (users: [User], hasMore: Bool) {
        let remaining = users.keys.sorted().filter { id in after.map { id > $0 } ?? true }
        let ids = remaining.prefix(limit)
        return (ids.compactMap { users[$0] }, remaining.count > ids.count)
    }

    /// Applies a partial update: profile members present in the body replace the stored ones (`null` clears a
    /// member), members missing from the body are left alone.
    ///
    /// - Parameters:
    ///   - idOrLogin: The user.
    ///   - update: The body of `updateUser`.
    /// - Returns: The updated user.
    /// - Throws: ``OktaErrorResponse`` (404) for an unknown user; encoding errors.
    func update(_ idOrLogin: String, with update: UpdateUserRequest) throws -> User {
        var user = try user(idOrLogin)
        if let patch = update.profile {
            // Merge at the JSON level: an `absent` member is not encoded, an explicit `null` is.
            guard case .object(var merged) = try JSONValue(encoding: user.profile ?? UserProfile()),
                case .object(let changes) = try JSONValue(encoding: patch)
            else { throw OktaErrorResponse.internalServerError() }
            for (key, value) in changes { merged[key] = value }
            user.profile = try JSONValue.object(merged).decode(as: UserProfile.self)
        }
        user.lastUpdated = tick()
        users[user.id ?? ""] = user
        return user
    }

    /// Moves a user to another status.
    ///
    /// - Parameters:
    ///   - idOrLogin: The user.
    ///   - status: The new status.
    ///   - allowed: The statuses the transition starts from.
    ///   - refusal: The error for any other status.
    /// - Returns: The updated user.
    /// - Throws: ``OktaErrorResponse``: 404 for an unknown user, `refusal` for a status not in `allowed`.
    func transition(
        _ idOrLogin: String, to status: UserStatus, from allowed: Set<UserStatus>, refusal: OktaErrorResponse
    ) throws -> User {
        var user = try user(idOrLogin)
        guard let current = user.status, allowed.contains(current) else { throw refusal }
        let now = tick()
        user.status = status
        user.statusChanged = .value(now)
        user.lastUpdated = now
        if status == .active, user.activated.value == nil { user.activated = .value(now) }
        users[user.id ?? ""] = user
        return user
    }
}
