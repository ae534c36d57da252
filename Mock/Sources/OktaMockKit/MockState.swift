import Foundation
import OktaRuntime
import OktaUsers

/// Everything okta-mock knows: the whole org, written to the state file after every change.
struct MockState: Codable, Sendable {
    /// The users by ID.
    var users: [String: StoredUser] = [:]
    /// The groups by ID (the built-in `Everyone` group included).
    var groups: [String: Group] = [:]
    /// The OAuth 2.0 clients by `client_id`.
    var clients: [String: OAuth2Client] = [:]
    /// The scope consent grants by ID; each names its user and client.
    var grants: [String: OAuth2ScopeConsentGrant] = [:]
    /// The refresh tokens by ID; each names its user and client.
    var refreshTokens: [String: OAuth2RefreshToken] = [:]
    /// The user `me` stands for: the admin the API token belongs to.
    var meUserID: String?
    /// The ID of the default user type.
    var defaultTypeID: String
    /// The ID of the built-in `Everyone` group.
    var everyoneGroupID: String
    /// How many identifiers have been issued; keeps new IDs unique and ordered across restarts.
    var issuedIDs: Int
    /// The latest timestamp handed out; keeps time moving forward across restarts.
    var clock: Date

    /// An empty org created at `now`: no users, the `Everyone` group, the default user type.
    ///
    /// - Parameter now: The creation time.
    init(now: Date) {
        issuedIDs = 0
        clock = now
        defaultTypeID = ""
        everyoneGroupID = ""
        defaultTypeID = makeID(prefix: "oty")
        everyoneGroupID = makeID(prefix: "00g")
        groups[everyoneGroupID] = Group(
            created: now,
            id: everyoneGroupID,
            lastMembershipUpdated: now,
            lastUpdated: now,
            objectClass: ["okta:user_group"],
            profile: .oktaUserGroupProfile(
                OktaUserGroupProfile(description: "All users in your organization", name: "Everyone")),
            type: .builtIn
        )
    }

    // MARK: Identifiers and time

    /// The alphabet of identifiers, in ASCII order so that fixed-width identifiers sort like their numbers.
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    /// A new Okta-shaped identifier: the prefix, a 7-character sequence number and random characters, 20 in all.
    /// Identifiers of one prefix sort in creation order.
    ///
    /// - Parameter prefix: `00u` for users, `oag` for grants, ….
    /// - Returns: The identifier.
    mutating func makeID(prefix: String) -> String {
        issuedIDs += 1
        var number = issuedIDs
        var sequence: [Character] = []
        for _ in 0..<7 {
            sequence.append(Self.alphabet[number % Self.alphabet.count])
            number /= Self.alphabet.count
        }
        let randomCount = max(0, 20 - prefix.count - 7)
        let random = (0..<randomCount).map { _ in Self.alphabet[Int.random(in: 0..<Self.alphabet.count)] }
        return prefix + String(sequence.reversed()) + String(random)
    }

    /// A new random secret (activation tokens, temporary passwords).
    ///
    /// - Parameter length: The number of characters.
    /// - Returns: Letters and digits.
    static func makeSecret(length: Int) -> String {
        String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
    }

    /// The time of a change: `now` to the millisecond (Okta's precision), and always later than the previous change.
    ///
    /// - Parameter now: The wall-clock time.
    /// - Returns: The timestamp to record.
    mutating func tick(_ now: Date) -> Date {
        let milliseconds = (now.timeIntervalSince1970 * 1000).rounded(.down)
        var stamp = Date(timeIntervalSince1970: milliseconds / 1000)
        if stamp <= clock {
            stamp = Date(timeIntervalSince1970: ((clock.timeIntervalSince1970 * 1000).rounded() + 1) / 1000)
        }
        clock = stamp
        return stamp
    }

    // MARK: Look-ups

    /// The user with an ID, a login (case-insensitive), a unique login short name, or `me`.
    ///
    /// - Parameter key: The path parameter as given.
    /// - Returns: The user's ID, or `nil`.
    func userID(for key: String) -> String? {
        if users[key] != nil { return key }
        if key == "me" { return meUserID }
        let lowered = key.lowercased()
        if let user = users.values.first(where: { $0.profile.login?.lowercased() == lowered }) { return user.id }
        guard !lowered.contains("@") else { return nil }
        let matches = users.values.filter { user in
            guard let login = user.profile.login?.lowercased(), let at = login.firstIndex(of: "@") else { return false }
            return login[..<at] == lowered
        }
        return matches.count == 1 ? matches[0].id : nil
    }

    /// Whether another user already has a login (logins are unique, case-insensitively).
    ///
    /// - Parameters:
    ///   - login: The login.
    ///   - userID: The user that may keep it.
    /// - Returns: `true` if some other user has it.
    func loginIsTaken(_ login: String, except userID: String? = nil) -> Bool {
        let lowered = login.lowercased()
        return users.values.contains { $0.id != userID && $0.profile.login?.lowercased() == lowered }
    }

    /// Removes a user and everything that belongs to it: grants, refresh tokens, sessions, devices, links.
    ///
    /// - Parameter id: The user's ID.
    mutating func removeUser(_ id: String) {
        users[id] = nil
        grants = grants.filter { $0.value.userId != id }
        refreshTokens = refreshTokens.filter { $0.value.userId != id }
        if meUserID == id { meUserID = nil }
    }
}
