import OktaRuntime
import OktaUsers

/// The rules okta-mock checks credentials against: a small stand-in for Okta's default password policy.
enum CredentialRules {
    /// The shortest password accepted.
    static let minimumPasswordLength = 8
    /// The shortest recovery answer accepted.
    static let minimumAnswerLength = 4

    /// Why a password is refused, or `nil`.
    ///
    /// - Parameters:
    ///   - password: The password.
    ///   - field: The field name for the message (`password`, `newPassword`).
    ///   - login: The user's login; the password must not contain its part before `@`.
    /// - Returns: The cause.
    static func passwordProblem(_ password: String, field: String, login: String?) -> String? {
        let requirements =
            "Password requirements: at least \(minimumPasswordLength) characters, "
            + "no parts of your username."
        if password.count < minimumPasswordLength {
            return "\(field): Password requirements were not met. \(requirements)"
        }
        if let name = login?.split(separator: "@").first, name.count >= 3,
            password.lowercased().contains(name.lowercased())
        {
            return "\(field): Password requirements were not met. \(requirements)"
        }
        return nil
    }

    /// Whether a recovery question credential says anything: `{}` is no recovery question at all.
    ///
    /// - Parameter credential: The credential, if any.
    /// - Returns: The credential when it has a question or an answer, else `nil`.
    static func meaningful(_ credential: RecoveryQuestionCredential?) -> RecoveryQuestionCredential? {
        guard let credential, credential.question != nil || credential.answer != nil else { return nil }
        return credential
    }

    /// Why a recovery question is refused, or `nil`.
    ///
    /// - Parameter credential: The question and answer.
    /// - Returns: The cause.
    static func recoveryQuestionProblem(_ credential: RecoveryQuestionCredential) -> String? {
        guard let question = credential.question, !question.trimmingCharacters(in: .whitespaces).isEmpty else {
            return "recovery_question.question: The field cannot be left blank"
        }
        guard let answer = credential.answer, answer.count >= minimumAnswerLength else {
            return "recovery_question.answer: The security question answer must be at least "
                + "\(minimumAnswerLength) characters in length"
        }
        return nil
    }
}
