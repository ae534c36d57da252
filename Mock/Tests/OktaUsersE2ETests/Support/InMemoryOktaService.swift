import Foundation
import OktaRuntime
import OktaUsers

/// A small Okta org behind the generated server stubs: the user operations the end-to-end tests call, backed by a
/// ``UserDirectory``. Every other operation keeps the generated default, which answers 501.
struct InMemoryOktaService: OktaAPIHandler {
    /// The stored users.
    let directory: UserDirectory
    /// The API token requests must carry as `Authorization: SSWS <token>`.
    let token: String

    /// The `Link` field name.
    private static let linkField: HTTPField.Name = {
        guard let name = HTTPField.Name("Link") else { preconditionFailure("'Link' is a valid field name") }
        return name
    }()

    /// Checks the API token, then the scripted rate limit.
    ///
    /// - Parameter request: The request as received.
    /// - Throws: ``OktaErrorResponse``: 401 `E0000011` without the right token, 429 `E0000047` when throttled.
    private func authorize(_ request: HTTPRequest) async throws {
        guard request.headerFields[.authorization] == "SSWS \(token)" else { throw OktaErrorResponse.invalidToken() }
        if await directory.takeThrottledRequest() {
            // The window resets two whole seconds from now; Okta's header has a resolution of one second.
            let reset = Date().addingTimeInterval(2)
            throw OktaErrorResponse.rateLimitExceeded(rateLimit: OktaRateLimit(limit: 600, remaining: 0, reset: reset))
        }
    }

    // MARK: UsersHandler

    func listUsers(_ input: ListUsersInput) async throws -> ListUsersOutput {
        try await authorize(input.request)
        let limit = Int(input.limit ?? 200)
        guard (1...200).contains(limit) else {
            throw OktaErrorResponse.validationFailed("limit", causes: ["limit: must be between 1 and 200"])
        }
        let (users, hasMore) = await directory.page(after: input.after, limit: limit)
        // Links are absolute and built from the request, as Okta builds them from the host it was called on.
        let origin = "\(input.request.scheme ?? "http")://\(input.request.authority ?? "127.0.0.1")"
        let path = input.request.path.map { String($0.prefix { $0 != "?" }) } ?? "/api/v1/users"
        var selfQuery = "limit=\(limit)"
        if let after = input.after { selfQuery = "after=\(after)&" + selfQuery }
        var headers: HTTPFields = [:]
        headers.append(HTTPField(name: Self.linkField, value: "<\(origin)\(path)?\(selfQuery)>; rel=\"self\""))
        if hasMore, let last = users.last?.id {
            headers.append(
                HTTPField(name: Self.linkField, value: "<\(origin)\(path)?after=\(last)&limit=\(limit)>; rel=\"next\""))
        }
        return .ok(users, headers: headers)
    }

    func createUser(_ input: CreateUserInput) async throws -> CreateUserOutput {
        try await authorize(input.request)
        // Okta activates new users unless `activate=false`.
        return .ok(try await directory.create(input.body, activate: input.activate ?? true))
    }

    func getUser(_ input: GetUserInput) async throws -> GetUserOutput {
        try await authorize(input.request)
        let user = try await directory.user(input.userId)
        return .ok(
            ExpandedUser(
                activated: user.activated,
                created: user.created,
                credentials: user.credentials,
                id: user.id,
                lastLogin: user.lastLogin,
                lastUpdated: user.lastUpdated,
                passwordChanged: user.passwordChanged,
                profile: user.profile,
                realmId: user.realmId,
                status: user.status,
                statusChanged: user.statusChanged,
                transitioningToStatus: user.transitioningToStatus,
                type: user.type,
                links: user.links
            )
        )
    }

    func updateUser(_ input: UpdateUserInput) async throws -> UpdateUserOutput {
        try await authorize(input.request)
        return .ok(try await directory.update(input.userId, with: input.body))
    }

    // MARK: UserLifecycleHandler

    func activateUser(_ input: ActivateUserInput) async throws -> ActivateUserOutput {
        try await authorize(input.request)
        let user = try await directory.user(input.userId)
        if user.status == .active {
            throw OktaErrorResponse(
                status: .forbidden, code: "E0000016", summary: "Activation failed because the user is already active")
        }
        _ = try await directory.transition(
            input.userId, to: .active, from: [.staged, .provisioned, .deprovisioned],
            refusal: OktaErrorResponse.validationFailed(
                "status", causes: ["status: Cannot activate a user that is \(user.status?.rawValue ?? "unknown")"]))
        guard input.sendEmail == false else { return .ok(UserActivationToken()) }
        let token = "act-\(user.id ?? "")"
        return .ok(
            UserActivationToken(activationToken: token, activationUrl: "https://example.okta.com/welcome/\(token)"))
    }

    func suspendUser(_ input: SuspendUserInput) async throws -> SuspendUserOutput {
        try await authorize(input.request)
        _ = try await directory.transition(
            input.userId, to: .suspended, from: [.active],
            refusal: OktaErrorResponse.validationFailed(
                "status", causes: ["status: Cannot suspend a user that is not active"]))
        return .ok()
    }

    func unsuspendUser(_ input: UnsuspendUserInput) async throws -> UnsuspendUserOutput {
        try await authorize(input.request)
        _ = try await directory.transition(
            input.userId, to: .active, from: [.suspended],
            refusal: OktaErrorResponse.validationFailed(
                "status", causes: ["status: Cannot unsuspend a user that is not suspended"]))
        return .ok()
    }
}
