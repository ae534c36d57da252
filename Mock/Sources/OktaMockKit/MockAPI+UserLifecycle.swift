import Foundation
import OktaRuntime
import OktaUsers

extension MockAPI {
    func activateUser(_ input: ActivateUserInput) async throws -> ActivateUserOutput {
        let issued = try await store.activateUser(
            Self.userKey(input.userId, input.request), sendEmail: input.sendEmail ?? true)
        return .ok(Self.activationToken(issued.token, request: input.request))
    }

    func deactivateUser(_ input: DeactivateUserInput) async throws -> DeactivateUserOutput {
        try await store.deactivateUser(Self.userKey(input.userId, input.request))
        return .ok()
    }

    func reactivateUser(_ input: ReactivateUserInput) async throws -> ReactivateUserOutput {
        let issued = try await store.reactivateUser(
            Self.userKey(input.userId, input.request), sendEmail: input.sendEmail ?? false)
        return .ok(Self.activationToken(issued.token, request: input.request))
    }

    func resetFactors(_ input: ResetFactorsInput) async throws -> ResetFactorsOutput {
        try await store.resetFactors(Self.userKey(input.userId, input.request))
        return .ok()
    }

    func suspendUser(_ input: SuspendUserInput) async throws -> SuspendUserOutput {
        try await store.suspendUser(Self.userKey(input.userId, input.request))
        return .ok()
    }

    func unlockUser(_ input: UnlockUserInput) async throws -> UnlockUserOutput {
        try await store.unlockUser(Self.userKey(input.userId, input.request))
        return .ok()
    }

    func unsuspendUser(_ input: UnsuspendUserInput) async throws -> UnsuspendUserOutput {
        try await store.unsuspendUser(Self.userKey(input.userId, input.request))
        return .ok()
    }

    /// `{}` when the token was "emailed", else the token and its activation link.
    static func activationToken(_ token: String?, request: HTTPRequest) -> UserActivationToken {
        guard let token else { return UserActivationToken() }
        return UserActivationToken(
            activationToken: token, activationUrl: "\(UserRenderer.origin(of: request))/welcome/\(token)")
    }
}
