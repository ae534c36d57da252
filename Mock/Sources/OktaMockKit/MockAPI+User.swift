import Foundation
import OktaRuntime
import OktaUsers

extension MockAPI {
    /// `ETag`, made once.
    static let entityTagField = HTTPField.Name("ETag")

    func listUsers(_ input: ListUsersInput) async throws -> ListUsersOutput {
        let query = try UserListQuery(input)
        let (users, next) = try await store.users(query)
        let renderer = UserRenderer(request: input.request, options: input.responseOptions)
        let projection = try FieldProjection(input.fields)
        let body = users.map { projection.apply(to: renderer.listItem($0)) }
        return .ok(body, headers: PageLinks.headerFields(for: input.request, next: next))
    }

    func createUser(_ input: CreateUserInput) async throws -> CreateUserOutput {
        try RequestBodyRules.check(.createUser)
        try RequestBodyRules.checkKnown(input.nextLogin, "nextLogin")
        try RequestBodyRules.checkKnown(input.body.credentials?.provider?.type, "credentials.provider.type")
        let user = try await store.createUser(
            input.body, activate: input.activate ?? true, nextLogin: input.nextLogin)
        return .ok(UserRenderer(request: input.request).user(user))
    }

    func getUser(_ input: GetUserInput) async throws -> GetUserOutput {
        let user = try await store.user(Self.userKey(input.userId, input.request))
        let renderer = UserRenderer(request: input.request, options: input.responseOptions)
        var headers = HTTPFields()
        if let etag = Self.entityTagField { headers[etag] = UserRenderer.entityTag(user) }
        return .ok(renderer.singleton(user, expand: input.expand), headers: headers)
    }

    func updateUser(_ input: UpdateUserInput) async throws -> UpdateUserOutput {
        try RequestBodyRules.check(.updateUser)
        // The profile as sent, so that `"department": null` clears `department`; the typed body loses that.
        let patch: JSONObject?
        if let raw = RawRequestBody.object(named: "profile") {
            patch = raw
        } else if let profile = input.body.profile {
            patch = try JSONValue(encoding: profile).objectValue
        } else {
            patch = nil
        }
        let user = try await store.updateUser(
            Self.userKey(input.userId, input.request), profilePatch: patch, body: input.body)
        return .ok(UserRenderer(request: input.request).user(user))
    }

    func replaceUser(_ input: ReplaceUserInput) async throws -> ReplaceUserOutput {
        try RequestBodyRules.check(.updateUser)
        let user = try await store.replaceUser(Self.userKey(input.userId, input.request), body: input.body)
        return .ok(UserRenderer(request: input.request).user(user))
    }

    func deleteUser(_ input: DeleteUserInput) async throws -> DeleteUserOutput {
        _ = try await store.deleteUser(Self.userKey(input.userId, input.request))
        return .noContent()
    }

    func listUserBlocks(_ input: ListUserBlocksInput) async throws -> ListUserBlocksOutput {
        .ok(try await store.user(Self.userKey(input.userId, input.request)).blocks)
    }
}
