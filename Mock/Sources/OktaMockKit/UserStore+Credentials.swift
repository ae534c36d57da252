import Foundation
import OktaRuntime
import OktaUsers

extension UserStore {
    /// Changes the password after checking the old one. A `PASSWORD_EXPIRED` or `RECOVERY` user becomes `ACTIVE`.
    ///
    /// - Parameters:
    ///   - key: The user.
    ///   - body: `oldPassword`, `newPassword`, `revokeSessions`.
    ///   - strict: Refuse a new password equal to the current one (password history).
    /// - Returns: The user.
    /// - Throws: 404; 400 `E0000001` when a password is missing; 403 `E0000035` in a status that doesn't allow it;
    ///   403 `E0000014` for a wrong old password or a new one the policy refuses.
    func changePassword(_ key: String, body: ChangePasswordRequest, strict: Bool) throws -> StoredUser {
        try update(key) { user, _, now in
            var missing: [String] = []
            if body.oldPassword?.value == nil { missing.append("oldPassword: The field cannot be left blank") }
            if body.newPassword?.value == nil { missing.append("newPassword: The field cannot be left blank") }
            guard missing.isEmpty, let old = body.oldPassword?.value, let new = body.newPassword?.value else {
                throw OktaErrorResponse.validationFailed(causes: missing)
            }
            try Self.check(.changePassword, user, refusal: OktaErrorResponse.changePasswordNotAllowed)
            guard user.password == old else {
                throw OktaErrorResponse.credentialsUpdateFailed("oldPassword: The credentials provided were incorrect.")
            }
            if let problem = CredentialRules.passwordProblem(new, field: "newPassword", login: user.profile.login) {
                throw OktaErrorResponse.credentialsUpdateFailed(problem)
            }
            if strict, new == old {
                throw OktaErrorResponse.credentialsUpdateFailed(
                    "newPassword: Password has been used too recently")
            }
            user.setPassword(new, at: now)
            if user.status == .passwordExpired || user.status == .recovery { user.transition(to: .active, at: now) }
            if body.revokeSessions == true { user.sessionIDs = [] }
        }.user
    }

    /// Changes the recovery question after checking the password.
    ///
    /// - Parameters:
    ///   - key: The user.
    ///   - body: `password.value` and `recovery_question`.
    /// - Returns: The user.
    /// - Throws: 404; 400 `E0000001` for a missing password or a bad question; 403 `E0000036` in a status that doesn't
    ///   allow it; 403 `E0000014` for a wrong password.
    func changeRecoveryQuestion(_ key: String, body: UserCredentials) throws -> StoredUser {
        try update(key) { user, _, now in
            guard let password = body.password?.value else {
                throw OktaErrorResponse.validationFailed(causes: ["password: The field cannot be left blank"])
            }
            guard let question = body.recoveryQuestion else {
                throw OktaErrorResponse.validationFailed(
                    causes: ["recovery_question: The field cannot be left blank"])
            }
            if let problem = CredentialRules.recoveryQuestionProblem(question) {
                throw OktaErrorResponse.validationFailed(causes: [problem])
            }
            try Self.check(.changeRecoveryQuestion, user, refusal: OktaErrorResponse.changeRecoveryQuestionNotAllowed)
            guard user.password == password else {
                throw OktaErrorResponse.credentialsUpdateFailed("password: The credentials provided were incorrect.")
            }
            user.recoveryQuestion = question.question
            user.recoveryAnswer = question.answer
            user.lastUpdated = now
        }.user
    }

    /// Starts the forgot-password flow of an `ACTIVE` user with a recovery question; the status doesn't change.
    ///
    /// - Parameters:
    ///   - key: The user.
    ///   - sendEmail: `false` returns the one-time token.
    /// - Returns: The token, for `sendEmail=false`.
    /// - Throws: 404; 403 `E0000034` when the user can't recover its password.
    func forgotPassword(_ key: String, sendEmail: Bool) throws -> String? {
        try update(key) { user, _, now in
            try Self.check(.forgotPassword, user, refusal: OktaErrorResponse.forgotPasswordNotAllowed)
            let token = MockState.makeSecret(length: 20)
            user.recoveryToken = token
            user.lastUpdated = now
            return sendEmail ? nil : token
        }.result
    }

    /// Sets a new password when the recovery answer is right. A `RECOVERY` or `PASSWORD_EXPIRED` user becomes
    /// `ACTIVE`.
    ///
    /// - Parameters:
    ///   - key: The user.
    ///   - body: `password.value` (the new one) and `recovery_question.answer`.
    /// - Returns: The user.
    /// - Throws: 404; 400 `E0000001` for missing members or a weak password; 403 `E0000034` when the user can't
    ///   recover its password; 403 `E0000087` for a wrong answer.
    func forgotPasswordSetNewPassword(_ key: String, body: UserCredentials) throws -> StoredUser {
        try update(key) { user, _, now in
            var missing: [String] = []
            if body.password?.value == nil { missing.append("password: The field cannot be left blank") }
            if body.recoveryQuestion?.answer == nil {
                missing.append("recovery_question.answer: The field cannot be left blank")
            }
            guard missing.isEmpty, let new = body.password?.value, let answer = body.recoveryQuestion?.answer else {
                throw OktaErrorResponse.validationFailed(causes: missing)
            }
            guard [.active, .recovery, .passwordExpired].contains(user.status), user.recoveryAnswer != nil,
                !user.isFederated
            else {
                throw OktaErrorResponse.forgotPasswordNotAllowed(
                    "status: the user is \(user.status.rawValue)"
                        + (user.recoveryAnswer == nil ? " and has no recovery question" : ""))
            }
            guard user.recoveryAnswer?.lowercased() == answer.lowercased() else {
                throw OktaErrorResponse.recoveryAnswerIncorrect()
            }
            if let problem = CredentialRules.passwordProblem(new, field: "password", login: user.profile.login) {
                throw OktaErrorResponse.validationFailed(causes: [problem])
            }
            user.setPassword(new, at: now)
            user.recoveryToken = nil
            if user.status != .active { user.transition(to: .active, at: now) }
        }.user
    }
}
