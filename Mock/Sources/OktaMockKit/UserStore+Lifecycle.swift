import Foundation
import OktaRuntime
import OktaUsers

extension UserStore {
    /// What a lifecycle operation that issues a one-time token returns.
    struct IssuedToken: Sendable {
        /// The user after the operation.
        var user: StoredUser
        /// The token, when the caller asked for it (`sendEmail=false`).
        var token: String?
    }

    /// Refuses an operation its table does not allow for the user.
    ///
    /// - Parameters:
    ///   - action: The operation.
    ///   - user: The user.
    ///   - refusal: The error for the cause.
    static func check(
        _ action: UserAction, _ user: StoredUser,
        refusal: (String) -> OktaErrorResponse = OktaErrorResponse
            .notAllowedInStatus
    ) throws {
        if let cause = action.refusal(for: user) { throw refusal(cause) }
    }

    /// Activates a `STAGED` or `DEPROVISIONED` user: `ACTIVE` with a password or a federated provider, else
    /// `PROVISIONED` (the user finishes activation with the token).
    ///
    /// - Parameters:
    ///   - key: The user.
    ///   - sendEmail: `false` returns the activation token instead of "emailing" it.
    /// - Returns: The user and, for `sendEmail=false`, the token.
    /// - Throws: 404; 403 `E0000016` for an `ACTIVE` user; 403 `E0000038` for other statuses.
    func activateUser(_ key: String, sendEmail: Bool) throws -> IssuedToken {
        let (user, token) = try update(key) { user, _, now in
            if user.status == .active { throw OktaErrorResponse.alreadyActive() }
            try Self.check(.activate, user)
            user.transition(to: user.hasPassword || user.isFederated ? .active : .provisioned, at: now)
            let token = MockState.makeSecret(length: 20)
            user.activationToken = token
            return sendEmail ? nil : token
        }
        return IssuedToken(user: user, token: token)
    }

    /// Reactivates a `PROVISIONED` (or `RECOVERY`) user: a new activation token, the status unchanged.
    ///
    /// - Throws: 404; 403 `E0000038` for other statuses.
    func reactivateUser(_ key: String, sendEmail: Bool) throws -> IssuedToken {
        let (user, token) = try update(key) { user, _, now in
            try Self.check(.reactivate, user)
            let token = MockState.makeSecret(length: 20)
            user.activationToken = token
            user.lastUpdated = now
            return sendEmail ? nil : token
        }
        return IssuedToken(user: user, token: token)
    }

    /// Deactivates a user that is not yet `DEPROVISIONED`; its sessions end.
    ///
    /// - Throws: 404; 403 `E0000038` for a `DEPROVISIONED` user.
    func deactivateUser(_ key: String) throws {
        _ = try update(key) { user, state, now in
            try Self.check(.deactivate, user)
            Self.deactivate(&user, state: &state, now: now)
        }
    }

    /// Suspends an `ACTIVE` user; its sessions end.
    ///
    /// - Throws: 404; 400 `E0000001` for any other status, as Okta answers.
    func suspendUser(_ key: String) throws {
        _ = try update(key) { user, _, now in
            guard user.status == .active else {
                throw OktaErrorResponse.validationFailed(
                    "status",
                    causes: ["status: Cannot suspend a user that is not active (it is \(user.status.rawValue))"])
            }
            user.transition(to: .suspended, at: now)
            user.sessionIDs = []
        }
    }

    /// Unsuspends a `SUSPENDED` user back to `ACTIVE`.
    ///
    /// - Throws: 404; 400 `E0000001` for any other status, as Okta answers.
    func unsuspendUser(_ key: String) throws {
        _ = try update(key) { user, _, now in
            guard user.status == .suspended else {
                throw OktaErrorResponse.validationFailed(
                    "status",
                    causes: ["status: Cannot unsuspend a user that is not suspended (it is \(user.status.rawValue))"])
            }
            user.transition(to: .active, at: now)
        }
    }

    /// Unlocks a `LOCKED_OUT` user (back to `ACTIVE`), or clears the blocks of an `ACTIVE` one.
    ///
    /// - Throws: 404; 403 `E0000032` for other statuses.
    func unlockUser(_ key: String) throws {
        _ = try update(key) { user, _, now in
            switch user.status {
            case .lockedOut: user.transition(to: .active, at: now)
            // An ACTIVE user can be unlocked only from what blocks it (unknown devices); real Okta answers 403
            // E0000032 for an ACTIVE user with nothing to unlock (okta-sdk-python's test_unlock_user recording).
            case .active where !user.blocks.isEmpty: user.lastUpdated = now
            default: throw OktaErrorResponse.unlockNotAllowed()
            }
            user.blocks = []
        }
    }

    /// Resets every enrolled MFA factor.
    ///
    /// - Throws: 404; 403 `E0000038` for `STAGED`, `PROVISIONED` and `DEPROVISIONED` users.
    func resetFactors(_ key: String) throws {
        _ = try update(key) { user, _, now in
            try Self.check(.resetFactors, user)
            user.enrolledFactors = 0
            user.lastUpdated = now
        }
    }

    /// Expires the password: `PASSWORD_EXPIRED`.
    ///
    /// - Returns: The user.
    /// - Throws: 404; 403 `E0000038` for a user without a password or not `ACTIVE`/`PASSWORD_EXPIRED`.
    func expirePassword(_ key: String) throws -> StoredUser {
        try update(key) { user, _, now in
            try Self.check(.expirePassword, user)
            user.transition(to: .passwordExpired, at: now)
        }.user
    }

    /// Expires the password after replacing it with a temporary one.
    ///
    /// - Parameters:
    ///   - key: The user.
    ///   - revokeSessions: End the user's sessions too.
    /// - Returns: The temporary password.
    /// - Throws: As ``expirePassword(_:)``.
    func expirePasswordWithTemporaryPassword(_ key: String, revokeSessions: Bool) throws -> String {
        try update(key) { user, _, now in
            try Self.check(.expirePassword, user)
            let temporary = "Tmp" + MockState.makeSecret(length: 9)
            user.setPassword(temporary, at: now)
            user.transition(to: .passwordExpired, at: now)
            if revokeSessions { user.sessionIDs = [] }
            return temporary
        }.result
    }

    /// Starts a password reset: `RECOVERY`, with a one-time token.
    ///
    /// - Parameters:
    ///   - key: The user.
    ///   - sendEmail: `false` returns the token.
    ///   - revokeSessions: End the user's sessions too.
    /// - Returns: The token, for `sendEmail=false`.
    /// - Throws: 404; 403 `E0000017` for `STAGED`, `SUSPENDED` and `DEPROVISIONED` users.
    func resetPassword(_ key: String, sendEmail: Bool, revokeSessions: Bool) throws -> String? {
        try update(key) { user, _, now in
            try Self.check(.resetPassword, user, refusal: OktaErrorResponse.passwordResetFailed)
            let token = MockState.makeSecret(length: 20)
            user.recoveryToken = token
            user.transition(to: .recovery, at: now)
            if revokeSessions { user.sessionIDs = [] }
            return sendEmail ? nil : token
        }.result
    }
}
