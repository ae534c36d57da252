import Foundation
import OktaRuntime
import OktaUsers

/// The seed file (`--seed FILE`): the org okta-mock starts with when there is no state yet.
///
/// One JSON object; every member is optional. Groups, clients, app links, devices, blocks, grants and refresh tokens
/// use the shapes of Okta's API (as `GET` returns them); users use a shape of their own that also carries what Okta
/// never returns (passwords, recovery answers, sessions):
///
/// ```json
/// {
///   "me": "admin@example.com",
///   "groups": [{ "id": "00gEngineering0000001", "type": "OKTA_GROUP",
///                "profile": { "name": "Engineering", "description": "Builds things" } }],
///   "clients": [{ "client_id": "0oaWebApp00000000001", "client_name": "Web App",
///                 "client_uri": "https://app.example.com", "logo_uri": "https://app.example.com/logo.png" }],
///   "users": [{
///     "id": "00uAdmin000000000001",
///     "status": "ACTIVE",
///     "profile": { "login": "admin@example.com", "email": "admin@example.com",
///                  "firstName": "Ada", "lastName": "Admin", "costCenter": "R&D" },
///     "type": "otyCustom00000000001",
///     "password": "Adm1n-Passw0rd",
///     "recoveryQuestion": { "question": "Favourite colour?", "answer": "teal-blue" },
///     "provider": { "type": "OKTA", "name": "OKTA" },
///     "enrolledFactors": 2,
///     "sessions": 1,
///     "lastLogin": "2026-01-02T03:04:05.000Z",
///     "groupIds": ["00gEngineering0000001"],
///     "appLinks": [{ "id": "00ub0oNGTSWTBKOLGLNR", "label": "Web App", "appName": "webapp",
///                    "linkUrl": "https://example.okta.com/home/webapp/0oaWebApp00000000001/1",
///                    "appInstanceId": "0oaWebApp00000000001", "appAssignmentId": "0uaWebApp00000000001",
///                    "credentialsSetup": false, "hidden": false, "sortOrder": 0 }],
///     "devices": [{ "created": "2026-01-02T03:04:05.000Z", "deviceUserId": "dueAdmin0000000000001",
///                   "device": { "id": "guoAdminLaptop000001", "status": "ACTIVE",
///                               "profile": { "displayName": "Ada's laptop", "platform": "MACOS",
///                                            "registered": true } } }],
///     "blocks": [{ "type": "DEVICE_BASED", "appliesTo": "UNKNOWN_DEVICES" }],
///     "grants": [{ "id": "oagAdminRead00000001", "clientId": "0oaWebApp00000000001",
///                  "scopeId": "okta.users.read", "issuer": "https://example.okta.com", "source": "END_USER" }],
///     "refreshTokens": [{ "id": "oarAdmin000000000001", "clientId": "0oaWebApp00000000001",
///                         "scopes": ["openid", "offline_access"], "issuer": "https://example.okta.com/oauth2/default",
///                         "expiresAt": "2027-01-01T00:00:00.000Z" }]
///   }]
/// }
/// ```
///
/// Rules: every user needs a unique `profile.login` (compared case-insensitively); a user's `status` defaults to
/// `ACTIVE`; `id`s are generated when missing; `groupIds` must name seeded groups; grants and refresh tokens must name
/// a seeded client and get the user's ID as `userId`; `me` (a login or ID) names the user `GET /api/v1/users/me`
/// returns. Unknown members are refused, so a misspelt name is not silently ignored.
///
/// `serviceApps` registers apps with the token endpoint, as `--oauth-client` does (``OAuthClientRegistration``):
/// `[{"clientId": "0oaServiceApp", "jwks": {"keys": [...]}, "scopes": ["okta.users.read"], "requireDPoP": true}]`
/// (`scopes` and `requireDPoP` optional). They are configuration, not org state: read from the seed even when a
/// state file exists.
struct SeedFile: Decodable, Sendable {
    /// A seeded user.
    struct User: Decodable, Sendable {
        /// A recovery question with its answer.
        struct RecoveryQuestion: Decodable, Sendable {
            var question: String
            var answer: String
        }

        var id: String?
        var status: UserStatus?
        var profile: UserProfile
        var type: String?
        var password: String?
        var recoveryQuestion: RecoveryQuestion?
        var provider: AuthenticationProvider?
        var enrolledFactors: Int?
        var sessions: Int?
        var lastLogin: Date?
        var groupIds: [String]?
        var appLinks: [AssignedAppLink]?
        var devices: [UserDevice]?
        var blocks: [UserBlock]?
        var grants: [OAuth2ScopeConsentGrant]?
        var refreshTokens: [OAuth2RefreshToken]?

        /// The members a seeded user may have.
        static let members: Set<String> = [
            "id", "status", "profile", "type", "password", "recoveryQuestion", "provider", "enrolledFactors",
            "sessions", "lastLogin", "groupIds", "appLinks", "devices", "blocks", "grants", "refreshTokens",
        ]
    }

    var me: String?
    var groups: [Group]?
    var clients: [OAuth2Client]?
    var users: [User]?

    /// The members the seed object may have.
    static let members: Set<String> = ["me", "groups", "clients", "users", "serviceApps"]

    /// Reads and checks a seed file.
    ///
    /// - Parameter url: The file.
    /// - Returns: The seed.
    /// - Throws: ``OktaMockError/invalidSeed(path:reason:)``.
    static func load(from url: URL) throws -> SeedFile {
        let path = url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw OktaMockError.invalidSeed(path: path, reason: "it cannot be read (\(error.localizedDescription))")
        }
        return try parse(data, path: path)
    }

    /// Reads a seed from its JSON.
    ///
    /// - Parameters:
    ///   - data: The JSON.
    ///   - path: Where it came from, for messages.
    /// - Returns: The seed.
    /// - Throws: ``OktaMockError/invalidSeed(path:reason:)``.
    static func parse(_ data: Data, path: String) throws -> SeedFile {
        let json: JSONValue
        do {
            json = try JSONDecoder.okta.decode(JSONValue.self, from: data)
        } catch {
            throw OktaMockError.invalidSeed(path: path, reason: "it is not valid JSON")
        }
        guard case .object(let root) = json else {
            throw OktaMockError.invalidSeed(path: path, reason: "the top level must be a JSON object")
        }
        if let unknown = root.keys.first(where: { !members.contains($0) }) {
            throw OktaMockError.invalidSeed(
                path: path,
                reason: "unknown member '\(unknown)' (expected \(members.sorted().joined(separator: ", ")))")
        }
        for (index, user) in (root["users"]?.arrayValue ?? []).enumerated() {
            if let unknown = user.objectValue?.keys.first(where: { !User.members.contains($0) }) {
                throw OktaMockError.invalidSeed(
                    path: path,
                    reason: "users[\(index)]: unknown member '\(unknown)' "
                        + "(expected \(User.members.sorted().joined(separator: ", ")))")
            }
        }
        do {
            return try JSONDecoder.okta.decode(SeedFile.self, from: data)
        } catch let error as DecodingError {
            throw OktaMockError.invalidSeed(path: path, reason: DecodingErrorText.describe(error))
        }
    }

    /// Builds the org the seed describes.
    ///
    /// - Parameters:
    ///   - now: The time of creation.
    ///   - path: The seed's path, for messages.
    /// - Returns: The state.
    /// - Throws: ``OktaMockError/invalidSeed(path:reason:)`` for duplicate logins or IDs, unknown groups or clients, an
    ///   unknown `me`.
    func makeState(now: Date, path: String) throws -> MockState {
        func invalid(_ reason: String) -> OktaMockError { .invalidSeed(path: path, reason: reason) }
        var state = MockState(now: now)
        let created = state.tick(now)
        for (index, seeded) in (groups ?? []).enumerated() {
            var group = seeded
            let id = group.id ?? state.makeID(prefix: "00g")
            guard state.groups[id] == nil else { throw invalid("groups[\(index)]: the id \(id) is used twice") }
            group.id = id
            group.type = group.type ?? .oktaGroup
            group.objectClass = group.objectClass ?? ["okta:user_group"]
            group.created = group.created ?? created
            group.lastUpdated = group.lastUpdated ?? created
            group.lastMembershipUpdated = group.lastMembershipUpdated ?? created
            state.groups[id] = group
        }
        for (index, client) in (clients ?? []).enumerated() {
            guard let id = client.clientId, !id.isEmpty else {
                throw invalid("clients[\(index)].client_id: the member is required")
            }
            guard state.clients[id] == nil else {
                throw invalid("clients[\(index)]: the client_id \(id) is used twice")
            }
            state.clients[id] = client
        }
        // Logins seen so far, lowercased: a seed of 100,000 users is checked in linear time, not quadratic.
        var logins = Set<String>()
        for (index, seeded) in (users ?? []).enumerated() {
            let user = try makeUser(seeded, index: index, state: &state, now: created, invalid: invalid)
            guard logins.insert(user.profile.login?.lowercased() ?? "").inserted else {
                throw invalid("users[\(index)].profile.login: '\(user.profile.login ?? "")' is used twice")
            }
            state.users[user.id] = user
        }
        if let me {
            guard let id = state.userID(for: me) else {
                throw invalid("me: no seeded user has the login or id '\(me)'")
            }
            state.meUserID = id
        }
        return state
    }

    /// Builds one seeded user, with its grants and refresh tokens.
    private func makeUser(
        _ seeded: User, index: Int, state: inout MockState, now: Date, invalid: (String) -> OktaMockError
    ) throws -> StoredUser {
        let at = "users[\(index)]"
        guard let login = seeded.profile.login, !login.isEmpty else {
            throw invalid("\(at).profile.login: the member is required")
        }
        if let problem = ProfileRules.problems(seeded.profile).first { throw invalid("\(at).profile.\(problem)") }
        let id = seeded.id ?? state.makeID(prefix: "00u")
        guard state.users[id] == nil else { throw invalid("\(at).id: '\(id)' is used twice") }
        let status = seeded.status ?? .active
        if case .unknown(let raw) = status { throw invalid("\(at).status: '\(raw)' is not a user status") }
        for groupID in seeded.groupIds ?? [] where state.groups[groupID] == nil {
            throw invalid("\(at).groupIds: '\(groupID)' is not one of the seed's groups")
        }
        let provider = seeded.provider ?? AuthenticationProvider(name: "OKTA", type: .okta)
        var user = StoredUser(
            id: id,
            status: status,
            created: now,
            activated: status == .staged ? nil : now,
            statusChanged: status == .staged ? nil : now,
            lastLogin: seeded.lastLogin,
            lastUpdated: now,
            passwordChanged: seeded.password == nil ? nil : now,
            profile: seeded.profile,
            typeID: seeded.type ?? state.defaultTypeID,
            realmID: nil,
            provider: provider,
            hasPassword: seeded.password != nil,
            password: seeded.password,
            recoveryQuestion: seeded.recoveryQuestion?.question,
            recoveryAnswer: seeded.recoveryQuestion?.answer,
            enrolledFactors: max(0, seeded.enrolledFactors ?? 0),
            groupIDs: (seeded.groupIds ?? []).filter { $0 != state.everyoneGroupID },
            appLinks: seeded.appLinks ?? [],
            devices: seeded.devices ?? [],
            blocks: seeded.blocks ?? [],
            sessionIDs: [],
            activationToken: nil,
            recoveryToken: nil
        )
        for _ in 0..<max(0, seeded.sessions ?? 0) { user.sessionIDs.append(state.makeID(prefix: "102")) }
        for (grantIndex, seededGrant) in (seeded.grants ?? []).enumerated() {
            var grant = seededGrant
            guard let clientID = grant.clientId, state.clients[clientID] != nil else {
                throw invalid(
                    "\(at).grants[\(grantIndex)].clientId: '\(grant.clientId ?? "")' is not one of the seed's clients")
            }
            let grantID = grant.id ?? state.makeID(prefix: "oag")
            guard state.grants[grantID] == nil else { throw invalid("\(at).grants[\(grantIndex)].id is used twice") }
            grant.id = grantID
            grant.userId = id
            grant.clientId = clientID
            grant.status = .active
            grant.created = grant.created ?? now
            grant.lastUpdated = grant.lastUpdated ?? now
            grant.source = grant.source ?? .endUser
            state.grants[grantID] = grant
        }
        for (tokenIndex, seededToken) in (seeded.refreshTokens ?? []).enumerated() {
            var token = seededToken
            guard let clientID = token.clientId, state.clients[clientID] != nil else {
                throw invalid(
                    "\(at).refreshTokens[\(tokenIndex)].clientId: '\(token.clientId ?? "")' "
                        + "is not one of the seed's clients"
                )
            }
            let tokenID = token.id ?? state.makeID(prefix: "oar")
            guard state.refreshTokens[tokenID] == nil else {
                throw invalid("\(at).refreshTokens[\(tokenIndex)].id is used twice")
            }
            token.id = tokenID
            token.userId = id
            token.clientId = clientID
            token.status = .active
            token.created = token.created ?? now
            token.lastUpdated = token.lastUpdated ?? now
            state.refreshTokens[tokenID] = token
        }
        return user
    }
}
