import Foundation
import OktaRuntime
import OktaUsers

/// The `fields` parameter of `GET /api/v1/users`: which properties each user keeps.
///
/// `id,status,profile:(firstName, city)` keeps `id` (always kept), `status` and two profile attributes; `profile`
/// alone keeps the whole profile. Unknown names are ignored.
struct FieldProjection: Sendable {
    /// The kept top-level properties; `nil` keeps everything.
    private var topLevel: Set<String>?
    /// The kept profile attributes; `nil` keeps the whole profile (when `profile` is kept).
    private var profile: Set<String>?

    /// Parses `fields`.
    ///
    /// - Parameter fields: The parameter; `nil` or blank keeps everything.
    /// - Throws: 400 `E0000001` for unbalanced parentheses.
    init(_ fields: String?) throws {
        guard let fields, !fields.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        var names: Set<String> = ["id"]
        var current = ""
        var depth = 0
        var profileNames: Set<String>?
        func finish() {
            let item = current.trimmingCharacters(in: .whitespaces)
            current = ""
            guard !item.isEmpty else { return }
            if item.hasPrefix("profile:(") && item.hasSuffix(")") {
                names.insert("profile")
                let inner = item.dropFirst("profile:(".count).dropLast()
                let attributes = inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                profileNames = (profileNames ?? []).union(attributes.filter { !$0.isEmpty })
            } else {
                names.insert(item)
            }
        }
        for character in fields {
            switch character {
            case "(": depth += 1
            case ")": depth -= 1
            default: break
            }
            guard depth >= 0 else {
                throw OktaErrorResponse.validationFailed("fields", causes: ["fields: unbalanced ')'"])
            }
            if character == ",", depth == 0 { finish() } else { current.append(character) }
        }
        guard depth == 0 else {
            throw OktaErrorResponse.validationFailed("fields", causes: ["fields: unbalanced '('"])
        }
        finish()
        topLevel = names
        profile = profileNames
    }

    /// The user with only the kept properties.
    ///
    /// - Parameter user: The full user.
    /// - Returns: The projected user.
    func apply(to user: User) -> User {
        guard let topLevel else { return user }
        func keep(_ name: String) -> Bool { topLevel.contains(name) }
        var projected = User(id: user.id)
        if keep("activated") { projected.activated = user.activated }
        if keep("created") { projected.created = user.created }
        if keep("credentials") { projected.credentials = user.credentials }
        if keep("lastLogin") { projected.lastLogin = user.lastLogin }
        if keep("lastUpdated") { projected.lastUpdated = user.lastUpdated }
        if keep("passwordChanged") { projected.passwordChanged = user.passwordChanged }
        if keep("realmId") { projected.realmId = user.realmId }
        if keep("status") { projected.status = user.status }
        if keep("statusChanged") { projected.statusChanged = user.statusChanged }
        if keep("transitioningToStatus") { projected.transitioningToStatus = user.transitioningToStatus }
        if keep("type") { projected.type = user.type }
        if keep("_links") { projected.links = user.links }
        if keep("_embedded") { projected.embedded = user.embedded }
        if keep("profile") { projected.profile = profile.map { project(user.profile, to: $0) } ?? user.profile }
        return projected
    }

    /// A profile with only some attributes.
    private func project(_ profile: UserProfile?, to names: Set<String>) -> UserProfile? {
        guard let profile, case .object(let object)? = try? JSONValue(encoding: profile) else { return profile }
        let kept = JSONObject(object.filter { names.contains($0.key) }.map { ($0.key, $0.value) })
        return try? JSONValue.object(kept).decode(as: UserProfile.self)
    }
}
