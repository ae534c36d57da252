import Foundation
import OktaRuntime
import OktaUsers

/// A user as okta-mock keeps it: the fields Okta shows plus the secrets and attachments it never shows whole.
///
/// Stored in the state file as is, so a restart resumes with the same users. Passwords and recovery answers are kept
/// in clear text: this is a test double, never give it real credentials.
struct StoredUser: Codable, Sendable, Hashable {
    /// `00u…`.
    var id: String
    /// The lifecycle status.
    var status: UserStatus
    /// When the user was created.
    var created: Date
    /// When the user was first activated; `nil` until then.
    var activated: Date?
    /// When the status last changed; `nil` until then.
    var statusChanged: Date?
    /// When the user last signed in; the mock has no sign-in, so only seeds set it.
    var lastLogin: Date?
    /// When anything about the user last changed.
    var lastUpdated: Date
    /// When the password was last set; `nil` without a password.
    var passwordChanged: Date?
    /// The profile, custom attributes included.
    var profile: UserProfile
    /// The user type (`oty…`).
    var typeID: String
    /// The realm, if any.
    var realmID: String?
    /// The credential provider: `OKTA`, `IMPORT`, `FEDERATION`, `SOCIAL`, ….
    var provider: AuthenticationProvider
    /// Whether the user has a password credential (a value, an imported hash or a password hook).
    var hasPassword: Bool
    /// The password in clear, when it was given as a value (imported hashes cannot be checked).
    var password: String?
    /// The recovery question.
    var recoveryQuestion: String?
    /// The answer to the recovery question.
    var recoveryAnswer: String?
    /// How many MFA factors the user has enrolled (only seeds enroll any); `resetFactors` sets it to 0.
    var enrolledFactors: Int
    /// The groups the user is a member of, besides `Everyone`.
    var groupIDs: [String]
    /// The app links.
    var appLinks: [AssignedAppLink]
    /// The enrolled devices.
    var devices: [UserDevice]
    /// The ways the user is blocked from signing in.
    var blocks: [UserBlock]
    /// The identifiers of the user's open sessions.
    var sessionIDs: [String]
    /// The last activation token issued.
    var activationToken: String?
    /// The last password-recovery token issued.
    var recoveryToken: String?

    /// Whether the provider is one that cannot hold a password (`FEDERATION`, `SOCIAL`).
    var isFederated: Bool {
        switch provider.type {
        case .federation, .social: true
        default: false
        }
    }

    /// Moves the user to a status, stamping `statusChanged` (and `activated` on the first activation).
    ///
    /// - Parameters:
    ///   - newStatus: The status.
    ///   - now: The time of the change.
    mutating func transition(to newStatus: UserStatus, at now: Date) {
        if newStatus != status { statusChanged = now }
        if activated == nil, newStatus == .active || newStatus == .provisioned { activated = now }
        status = newStatus
        lastUpdated = now
    }

    /// Sets a new password value.
    ///
    /// - Parameters:
    ///   - value: The password in clear.
    ///   - now: The time of the change.
    mutating func setPassword(_ value: String, at now: Date) {
        hasPassword = true
        password = value
        passwordChanged = now
        lastUpdated = now
    }
}
