import Foundation
import OktaRuntime
import OktaUsers

extension MockAPI {
    func listRefreshTokensForUserAndClient(
        _ input: ListRefreshTokensForUserAndClientInput
    ) async throws -> ListRefreshTokensForUserAndClientOutput {
        let page = try await store.refreshTokens(
            of: userID(input.userId, input.request), clientID: input.clientId, after: input.after,
            limit: try Self.grantPageSize(input.limit))
        let renderer = ResourceRenderer(request: input.request)
        return .ok(
            page.items.map { renderer.refreshToken($0, expand: input.expand) },
            headers: PageLinks.headerFields(for: input.request, next: page.next))
    }

    func revokeTokensForUserAndClient(
        _ input: RevokeTokensForUserAndClientInput
    ) async throws -> RevokeTokensForUserAndClientOutput {
        try await store.revokeRefreshTokens(of: userID(input.userId, input.request), clientID: input.clientId)
        return .noContent()
    }

    func getRefreshTokenForUserAndClient(
        _ input: GetRefreshTokenForUserAndClientInput
    ) async throws -> GetRefreshTokenForUserAndClientOutput {
        let token = try await store.refreshToken(
            input.tokenId, of: userID(input.userId, input.request), clientID: input.clientId)
        return .ok(ResourceRenderer(request: input.request).refreshToken(token, expand: input.expand))
    }

    func revokeTokenForUserAndClient(
        _ input: RevokeTokenForUserAndClientInput
    ) async throws -> RevokeTokenForUserAndClientOutput {
        try await store.revokeRefreshTokens(
            of: userID(input.userId, input.request), clientID: input.clientId, tokenID: input.tokenId)
        return .noContent()
    }
}
