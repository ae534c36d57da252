import Foundation
import OktaRuntime
import OktaUsers

extension MockAPI {
    func listAppLinks(_ input: ListAppLinksInput) async throws -> ListAppLinksOutput {
        .ok(try await store.user(Self.userKey(input.userId, input.request)).appLinks)
    }

    func listUserGroups(_ input: ListUserGroupsInput) async throws -> ListUserGroupsOutput {
        .ok(try await store.groups(of: Self.userKey(input.userId, input.request)))
    }

    func listUserClients(_ input: ListUserClientsInput) async throws -> ListUserClientsOutput {
        let key = try await userID(input.userId, input.request)
        let userID = try await store.user(key).id
        let renderer = ResourceRenderer(request: input.request)
        return .ok(try await store.clients(of: key).map { renderer.client($0, userID: userID) })
    }

    func listUserDevices(_ input: ListUserDevicesInput) async throws -> ListUserDevicesOutput {
        .ok(try await store.user(userID(input.userId, input.request)).devices)
    }
}

extension MockAPI {
    func revokeUserSessions(_ input: RevokeUserSessionsInput) async throws -> RevokeUserSessionsOutput {
        try await store.revokeSessions(
            of: userID(input.userId, input.request), oauthTokens: input.oauthTokens ?? false)
        return .noContent()
    }
}
