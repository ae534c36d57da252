import Foundation
import OktaRuntime
import OktaUsers

extension UserStore {
    /// A page of grants or refresh tokens.
    struct Page<Item: Sendable>: Sendable {
        var items: [Item]
        /// The `after` cursor of the next page.
        var next: String?
    }

    /// The groups a user belongs to: `Everyone` first, then the others by ID.
    ///
    /// - Throws: 404 for an unknown user.
    func groups(of key: String) throws -> [Group] {
        let user = try user(key)
        let everyone = state.groups[state.everyoneGroupID].map { [$0] } ?? []
        return everyone + user.groupIDs.sorted().compactMap { state.groups[$0] }
    }

    /// The OAuth 2.0 clients the user has granted consent to or holds refresh tokens of, by `client_id`.
    ///
    /// - Throws: 404 for an unknown user.
    func clients(of key: String) throws -> [OAuth2Client] {
        let id = try user(key).id
        let clientIDs = Set(state.grants.values.filter { $0.userId == id }.compactMap(\.clientId))
            .union(state.refreshTokens.values.filter { $0.userId == id }.compactMap(\.clientId))
        return clientIDs.sorted().compactMap { state.clients[$0] }
    }

    /// The user's grants, optionally of one client or one scope, by ID.
    ///
    /// - Parameters:
    ///   - key: The user.
    ///   - clientID: Only the grants of this client; 404 if the org has no such client.
    ///   - scopeID: Only the grants of this scope.
    ///   - after: The cursor (the last grant ID of the previous page).
    ///   - limit: The page size.
    /// - Returns: The page.
    /// - Throws: 404 for an unknown user or client.
    func grants(
        of key: String, clientID: String? = nil, scopeID: String? = nil, after: String?, limit: Int
    ) throws -> Page<OAuth2ScopeConsentGrant> {
        let id = try user(key).id
        if let clientID { try checkClient(clientID) }
        let grants = state.grants.values.filter {
            $0.userId == id && (clientID == nil || $0.clientId == clientID) && (scopeID == nil || $0.scopeId == scopeID)
        }
        return Self.page(
            grants.sorted { ($0.id ?? "") < ($1.id ?? "") }, id: { $0.id ?? "" }, after: after, limit: limit)
    }

    /// One grant of the user.
    ///
    /// - Throws: 404 for an unknown user or a grant of someone else.
    func grant(_ grantID: String, of key: String) throws -> OAuth2ScopeConsentGrant {
        let id = try user(key).id
        guard let grant = state.grants[grantID], grant.userId == id else {
            throw OktaErrorResponse.notFound(resourceID: grantID, resourceType: "OAuth2ScopeConsentGrant")
        }
        return grant
    }

    /// Revokes grants of the user: one, those of a client, or all.
    ///
    /// - Parameters:
    ///   - key: The user.
    ///   - grantID: Only this grant (404 if the user has no such grant).
    ///   - clientID: Only the grants of this client (404 if the org has no such client).
    /// - Throws: 404.
    func revokeGrants(of key: String, grantID: String? = nil, clientID: String? = nil) throws {
        try commit { state, _ in
            guard let id = state.userID(for: key) else { throw OktaErrorResponse.userNotFound(key) }
            if let clientID, state.clients[clientID] == nil {
                throw OktaErrorResponse.notFound(resourceID: clientID, resourceType: "OAuth2Client")
            }
            if let grantID {
                guard state.grants[grantID]?.userId == id else {
                    throw OktaErrorResponse.notFound(resourceID: grantID, resourceType: "OAuth2ScopeConsentGrant")
                }
                state.grants[grantID] = nil
                return
            }
            state.grants = state.grants.filter {
                $0.value.userId != id || (clientID != nil && $0.value.clientId != clientID)
            }
        }
    }

    /// The user's refresh tokens of one client, by ID.
    ///
    /// - Throws: 404 for an unknown user or client.
    func refreshTokens(of key: String, clientID: String, after: String?, limit: Int) throws -> Page<OAuth2RefreshToken>
    {
        let id = try user(key).id
        try checkClient(clientID)
        let tokens = state.refreshTokens.values.filter { $0.userId == id && $0.clientId == clientID }
        return Self.page(
            tokens.sorted { ($0.id ?? "") < ($1.id ?? "") }, id: { $0.id ?? "" }, after: after, limit: limit)
    }

    /// One refresh token of the user and client.
    ///
    /// - Throws: 404.
    func refreshToken(_ tokenID: String, of key: String, clientID: String) throws -> OAuth2RefreshToken {
        let id = try user(key).id
        try checkClient(clientID)
        guard let token = state.refreshTokens[tokenID], token.userId == id, token.clientId == clientID else {
            throw OktaErrorResponse.notFound(resourceID: tokenID, resourceType: "OAuth2RefreshToken")
        }
        return token
    }

    /// Revokes refresh tokens of the user and client: one or all.
    ///
    /// - Throws: 404.
    func revokeRefreshTokens(of key: String, clientID: String, tokenID: String? = nil) throws {
        try commit { state, _ in
            guard let id = state.userID(for: key) else { throw OktaErrorResponse.userNotFound(key) }
            guard state.clients[clientID] != nil else {
                throw OktaErrorResponse.notFound(resourceID: clientID, resourceType: "OAuth2Client")
            }
            if let tokenID {
                guard let token = state.refreshTokens[tokenID], token.userId == id, token.clientId == clientID else {
                    throw OktaErrorResponse.notFound(resourceID: tokenID, resourceType: "OAuth2RefreshToken")
                }
                state.refreshTokens[tokenID] = nil
                return
            }
            state.refreshTokens = state.refreshTokens.filter { $0.value.userId != id || $0.value.clientId != clientID }
        }
    }

    /// Ends every session of the user; with `oauthTokens`, revokes its refresh tokens too.
    ///
    /// - Throws: 404.
    func revokeSessions(of key: String, oauthTokens: Bool) throws {
        _ = try update(key) { user, state, now in
            user.sessionIDs = []
            user.lastUpdated = now
            if oauthTokens { state.refreshTokens = state.refreshTokens.filter { $0.value.userId != user.id } }
        }
    }

    /// 404 unless the org has the client.
    private func checkClient(_ clientID: String) throws {
        guard state.clients[clientID] != nil else {
            throw OktaErrorResponse.notFound(resourceID: clientID, resourceType: "OAuth2Client")
        }
    }

    /// Cuts a page out of items sorted by ID.
    private static func page<Item>(_ items: [Item], id: (Item) -> String, after: String?, limit: Int) -> Page<Item> {
        let start = after.map { cursor in items.firstIndex { id($0) > cursor } ?? items.endIndex } ?? items.startIndex
        let page = items[start...].prefix(limit)
        let more = items.distance(from: start, to: items.endIndex) > page.count
        return Page(items: Array(page), next: more ? page.last.map(id) : nil)
    }
}
