import Foundation
import OktaRuntime
import OktaUsers

/// Turns stored users into the `User` objects Okta returns: credentials without secrets, `_links` matching the
/// status, hrefs absolute on the host the client called.
struct UserRenderer: Sendable {
    /// `http://127.0.0.1:8080`: the origin links point to.
    var origin: String
    /// `okta-response=omitCredentials`: leave `credentials` out.
    var omitCredentials = false
    /// `okta-response=omitCredentialsLinks`: leave out the links to credential operations.
    var omitCredentialsLinks = false
    /// `okta-response=omitTransitioningToStatus`: leave `transitioningToStatus` out.
    var omitTransitioningToStatus = false

    /// A renderer for a request: origin from its `Host`, options from the `okta-response` parameter of its
    /// `Content-Type` (`application/json; okta-response="omitCredentials,omitCredentialsLinks"`), which the generated
    /// stub reads as `responseOptions`.
    ///
    /// - Parameters:
    ///   - request: The request.
    ///   - options: The `okta-response` options, if the operation takes them (compared ignoring case, as Okta does).
    init(request: HTTPRequest, options: [OktaResponseOption] = []) {
        origin = Self.origin(of: request)
        let options = Set(options.map { $0.rawValue.lowercased() })
        omitCredentials = options.contains("omitcredentials")
        omitCredentialsLinks = options.contains("omitcredentialslinks")
        omitTransitioningToStatus = options.contains("omittransitioningtostatus")
    }

    /// `http://<Host>` of a request (`http://127.0.0.1` without a `Host`).
    ///
    /// - Parameter request: The request.
    /// - Returns: The origin.
    static func origin(of request: HTTPRequest) -> String {
        "\(request.scheme ?? "http")://\(request.authority ?? "127.0.0.1")"
    }

    /// The user as one resource: every link its status allows.
    ///
    /// - Parameter stored: The user.
    /// - Returns: The `User`.
    func user(_ stored: StoredUser) -> User { render(stored, fullLinks: true) }

    /// The user as an item of a list: only the `self` link, as Okta does for collections.
    ///
    /// - Parameter stored: The user.
    /// - Returns: The `User`.
    func listItem(_ stored: StoredUser) -> User { render(stored, fullLinks: false) }

    /// The user as `getUser` returns it, with `_embedded.blocks` for `expand=blocks`.
    ///
    /// - Parameters:
    ///   - stored: The user.
    ///   - expand: The `expand` parameter.
    /// - Returns: The `ExpandedUser`.
    func singleton(_ stored: StoredUser, expand: String?) -> ExpandedUser {
        let user = render(stored, fullLinks: true)
        let expansions = Set((expand ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        return ExpandedUser(
            activated: user.activated,
            created: user.created,
            credentials: user.credentials,
            id: user.id,
            lastLogin: user.lastLogin,
            lastUpdated: user.lastUpdated,
            passwordChanged: user.passwordChanged,
            profile: user.profile,
            realmId: user.realmId,
            status: user.status,
            statusChanged: user.statusChanged,
            transitioningToStatus: user.transitioningToStatus,
            type: user.type,
            embedded: expansions.contains("blocks") ? ExpandedUserEmbedded(blocks: stored.blocks) : nil,
            links: user.links
        )
    }

    /// The credentials as Okta shows them: `password: {}` when there is one, the question without its answer.
    ///
    /// - Parameter stored: The user.
    /// - Returns: The credentials.
    static func credentials(_ stored: StoredUser) -> UserCredentials {
        UserCredentials(
            password: stored.hasPassword ? PasswordCredential() : nil,
            provider: stored.provider,
            recoveryQuestion: stored.recoveryQuestion.map { RecoveryQuestionCredential(question: $0) }
        )
    }

    /// The profile as Okta renders it: the base attributes `mobilePhone` and `secondEmail` are `null` when unset,
    /// never absent (every user in okta-sdk-python's recordings of real traffic, and Okta's documented examples).
    ///
    /// - Parameter stored: The stored profile.
    /// - Returns: The profile to render.
    static func profile(_ stored: UserProfile) -> UserProfile {
        var profile = stored
        if profile.mobilePhone.isAbsent { profile.mobilePhone = .null }
        if profile.secondEmail.isAbsent { profile.secondEmail = .null }
        return profile
    }

    /// The entity tag of a user's current version, for `ETag`.
    ///
    /// - Parameter stored: The user.
    /// - Returns: A weak tag changing with every update.
    static func entityTag(_ stored: StoredUser) -> String {
        let milliseconds = Int64((stored.lastUpdated.timeIntervalSince1970 * 1000).rounded())
        return "W/\"\(stored.id)-\(String(milliseconds, radix: 16))\""
    }

    private func render(_ stored: StoredUser, fullLinks: Bool) -> User {
        User(
            activated: OktaNullable(stored.activated),
            created: stored.created,
            credentials: omitCredentials ? nil : Self.credentials(stored),
            id: stored.id,
            lastLogin: OktaNullable(stored.lastLogin),
            lastUpdated: stored.lastUpdated,
            passwordChanged: OktaNullable(stored.passwordChanged),
            profile: Self.profile(stored.profile),
            realmId: stored.realmID,
            status: stored.status,
            statusChanged: OktaNullable(stored.statusChanged),
            transitioningToStatus: omitTransitioningToStatus ? .absent : .null,
            type: UserType(id: stored.typeID),
            links: fullLinks ? links(stored) : UserLinks(selfLink: href("/api/v1/users/\(stored.id)"))
        )
    }

    /// Every link the user's status and credentials allow.
    private func links(_ stored: StoredUser) -> UserLinks {
        let base = "/api/v1/users/\(stored.id)"
        func action(_ action: UserAction) -> HrefObject? {
            guard action.isOffered(to: stored), !(omitCredentialsLinks && action.isCredentialLink) else { return nil }
            return HrefObject(href: origin + base + action.path, additionalProperties: ["method": "POST"])
        }
        return UserLinks(
            selfLink: href(base),
            activate: action(.activate),
            resetPassword: action(.resetPassword),
            resetFactors: action(.resetFactors),
            expirePassword: action(.expirePassword),
            forgotPassword: action(.forgotPassword),
            changeRecoveryQuestion: action(.changeRecoveryQuestion),
            deactivate: action(.deactivate),
            reactivate: action(.reactivate),
            changePassword: action(.changePassword),
            schema: href("/api/v1/meta/schemas/user/osc\(stored.typeID.dropFirst(3))"),
            suspend: action(.suspend),
            unsuspend: action(.unsuspend),
            unlock: action(.unlock),
            type: href("/api/v1/meta/types/user/\(stored.typeID)")
        )
    }

    private func href(_ path: String) -> HrefObject { HrefObject(href: origin + path) }
}
