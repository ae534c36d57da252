import Foundation
import OktaRuntime
import OktaUsers

extension MockAPI {
    func listGrantsForUserAndClient(
        _ input: ListGrantsForUserAndClientInput
    ) async throws -> ListGrantsForUserAndClientOutput {
        let page = try await store.grants(
            of: userID(input.userId, input.request), clientID: input.clientId, after: input.after,
            limit: try Self.grantPageSize(input.limit))
        let renderer = ResourceRenderer(request: input.request)
        return .ok(
            page.items.map { renderer.grant($0, expand: input.expand) },
            headers: PageLinks.headerFields(for: input.request, next: page.next))
    }

    func revokeGrantsForUserAndClient(
        _ input: RevokeGrantsForUserAndClientInput
    ) async throws -> RevokeGrantsForUserAndClientOutput {
        try await store.revokeGrants(of: userID(input.userId, input.request), clientID: input.clientId)
        return .noContent()
    }

    func listUserGrants(_ input: ListUserGrantsInput) async throws -> ListUserGrantsOutput {
        let page = try await store.grants(
            of: userID(input.userId, input.request), scopeID: input.scopeId, after: input.after,
            limit: try Self.grantPageSize(input.limit))
        let renderer = ResourceRenderer(request: input.request)
        return .ok(
            page.items.map { renderer.grant($0, expand: input.expand) },
            headers: PageLinks.headerFields(for: input.request, next: page.next))
    }

    func revokeUserGrants(_ input: RevokeUserGrantsInput) async throws -> RevokeUserGrantsOutput {
        try await store.revokeGrants(of: userID(input.userId, input.request))
        return .noContent()
    }

    func getUserGrant(_ input: GetUserGrantInput) async throws -> GetUserGrantOutput {
        let grant = try await store.grant(input.grantId, of: userID(input.userId, input.request))
        return .ok(ResourceRenderer(request: input.request).grant(grant, expand: input.expand))
    }

    func revokeUserGrant(_ input: RevokeUserGrantInput) async throws -> RevokeUserGrantOutput {
        try await store.revokeGrants(of: userID(input.userId, input.request), grantID: input.grantId)
        return .noContent()
    }

    /// The page size of grant and refresh-token lists: 20 by default, 1 to 200 as the spec declares
    /// (`minimum: 1, maximum: 200`). A value outside breaks the operation's contract, so it is refused rather than
    /// adjusted (user lists, which declare no bounds, adjust instead: see ``UserListQuery``).
    ///
    /// - Throws: 400 `E0000001` outside 1…200.
    static func grantPageSize(_ limit: Int32?) throws -> Int {
        guard let limit else { return 20 }
        guard (1...200).contains(limit) else {
            throw OktaErrorResponse.validationFailed("limit", causes: ["limit: must be between 1 and 200"])
        }
        return Int(limit)
    }
}
