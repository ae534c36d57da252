import Foundation
import OktaRuntime
import OktaUsers

extension MockAPI {
    func expirePassword(_ input: ExpirePasswordInput) async throws -> ExpirePasswordOutput {
        let user = try await store.expirePassword(Self.userKey(input.userId, input.request))
        return .ok(UserRenderer(request: input.request).user(user))
    }

    func expirePasswordWithTempPassword(
        _ input: ExpirePasswordWithTempPasswordInput
    ) async throws -> ExpirePasswordWithTempPasswordOutput {
        let password = try await store.expirePasswordWithTemporaryPassword(
            Self.userKey(input.userId, input.request), revokeSessions: input.revokeSessions ?? false)
        return .ok(TempPassword(tempPassword: password))
    }

    func resetPassword(_ input: ResetPasswordInput) async throws -> ResetPasswordOutput {
        let token = try await store.resetPassword(
            Self.userKey(input.userId, input.request), sendEmail: input.sendEmail,
            revokeSessions: input.revokeSessions ?? false)
        return .ok(ResetPasswordToken(resetPasswordUrl: Self.resetURL(token, request: input.request)))
    }

    func changePassword(_ input: ChangePasswordInput) async throws -> ChangePasswordOutput {
        try RequestBodyRules.check(.changePassword)
        let user = try await store.changePassword(
            userID(input.userId, input.request), body: input.body, strict: input.strict ?? false)
        return .ok(UserRenderer.credentials(user))
    }

    func changeRecoveryQuestion(_ input: ChangeRecoveryQuestionInput) async throws -> ChangeRecoveryQuestionOutput {
        try RequestBodyRules.check(.userCredentials)
        let user = try await store.changeRecoveryQuestion(userID(input.userId, input.request), body: input.body)
        return .ok(UserRenderer.credentials(user))
    }

    func forgotPassword(_ input: ForgotPasswordInput) async throws -> ForgotPasswordOutput {
        let token = try await store.forgotPassword(
            userID(input.userId, input.request), sendEmail: input.sendEmail ?? true)
        return .ok(ForgotPasswordResponse(resetPasswordUrl: Self.resetURL(token, request: input.request)))
    }

    func forgotPasswordSetNewPassword(
        _ input: ForgotPasswordSetNewPasswordInput
    ) async throws -> ForgotPasswordSetNewPasswordOutput {
        try RequestBodyRules.check(.userCredentials)
        let user = try await store.forgotPasswordSetNewPassword(
            userID(input.userId, input.request), body: input.body)
        return .ok(UserRenderer.credentials(user))
    }

    /// The reset link of a one-time token; `nil` when it was "emailed".
    static func resetURL(_ token: String?, request: HTTPRequest) -> String? {
        token.map { "\(UserRenderer.origin(of: request))/signin/reset-password/\($0)" }
    }
}
