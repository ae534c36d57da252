import OktaUsers

/// The lifecycle and credential operations on one user, with the statuses Okta allows each in.
///
/// One table serves two purposes: the store refuses an operation the table does not allow, and a user's `_links`
/// offer exactly the operations the table allows, so the links always tell the truth about what will succeed.
enum UserAction: String, CaseIterable, Sendable {
    case activate, reactivate, deactivate, suspend, unsuspend, unlock
    case resetPassword, resetFactors, expirePassword, forgotPassword, changePassword, changeRecoveryQuestion

    /// The path below `/api/v1/users/{id}`.
    var path: String {
        switch self {
        case .activate: "/lifecycle/activate"
        case .reactivate: "/lifecycle/reactivate"
        case .deactivate: "/lifecycle/deactivate"
        case .suspend: "/lifecycle/suspend"
        case .unsuspend: "/lifecycle/unsuspend"
        case .unlock: "/lifecycle/unlock"
        case .resetPassword: "/lifecycle/reset_password"
        case .resetFactors: "/lifecycle/reset_factors"
        case .expirePassword: "/lifecycle/expire_password"
        case .forgotPassword: "/credentials/forgot_password"
        case .changePassword: "/credentials/change_password"
        case .changeRecoveryQuestion: "/credentials/change_recovery_question"
        }
    }

    /// Whether a link to the operation is among the credential links `okta-response=omitCredentialsLinks` drops.
    var isCredentialLink: Bool {
        switch self {
        case .changePassword, .changeRecoveryQuestion, .forgotPassword, .resetPassword, .resetFactors, .unlock: true
        default: false
        }
    }

    /// The statuses the operation starts from, for messages.
    var allowedStatuses: [UserStatus] { UserStatus.allCases.filter(allows) }

    /// Whether the operation starts from a status: the table itself.
    ///
    /// - Parameter status: The user's status.
    /// - Returns: `true` if allowed.
    func allows(_ status: UserStatus) -> Bool {
        switch (self, status) {
        case (.activate, .staged), (.activate, .deprovisioned): true
        case (.reactivate, .provisioned), (.reactivate, .recovery): true
        case (.deactivate, .deprovisioned), (.deactivate, .unknown): false
        case (.deactivate, _): true
        case (.suspend, .active), (.unsuspend, .suspended), (.unlock, .lockedOut): true
        case (.resetPassword, .active), (.resetPassword, .provisioned), (.resetPassword, .recovery),
            (.resetPassword, .passwordExpired), (.resetPassword, .lockedOut):
            true
        case (.resetFactors, .active), (.resetFactors, .recovery), (.resetFactors, .passwordExpired),
            (.resetFactors, .lockedOut), (.resetFactors, .suspended):
            true
        case (.expirePassword, .active), (.expirePassword, .passwordExpired): true
        case (.forgotPassword, .active): true
        case (.changePassword, .staged), (.changePassword, .active), (.changePassword, .passwordExpired),
            (.changePassword, .recovery):
            true
        case (.changeRecoveryQuestion, .staged), (.changeRecoveryQuestion, .active),
            (.changeRecoveryQuestion, .recovery):
            true
        default: false
        }
    }

    /// Why the operation is refused for a user, or `nil` if it is allowed.
    ///
    /// - Parameter user: The user.
    /// - Returns: A sentence for the error cause.
    func refusal(for user: StoredUser) -> String? {
        guard allows(user.status) else {
            return "status: the user is \(user.status.rawValue); \(rawValue) needs "
                + allowedStatuses.map(\.rawValue).sorted().joined(separator: ", ")
        }
        switch self {
        case .expirePassword, .changePassword, .changeRecoveryQuestion:
            guard user.hasPassword, !user.isFederated else { return "credentials: the user has no password" }
        case .forgotPassword:
            // No recovery question is needed for the reset link: real Okta answers 200 with a resetPasswordUrl for a
            // user with a password and no question (okta-sdk-python's test_forgot_password recording). Setting a new
            // password with the answer (forgot_password_recovery_question) needs one, and checks it there.
            guard user.hasPassword, !user.isFederated else { return "credentials: the user has no password" }
        default:
            break
        }
        return nil
    }

    /// Whether the user's `_links` offer the operation.
    ///
    /// - Parameter user: The user.
    /// - Returns: `true` if the operation would be allowed (and, for `resetFactors`, there are factors to reset).
    func isOffered(to user: StoredUser) -> Bool {
        guard refusal(for: user) == nil else { return false }
        return self != .resetFactors || user.enrolledFactors > 0
    }
}
