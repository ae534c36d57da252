/// The 36 operations of the seven user tags, by method and path template, to name what a recorded request exercised.
struct UserOperation: Sendable {
    /// The spec's `operationId`.
    let id: String
    /// The HTTP method.
    let method: String
    /// The path template, such as `/api/v1/users/{id}/lifecycle/activate`.
    let template: String

    /// The operation a request is for, if it is one of the 36.
    ///
    /// - Parameters:
    ///   - method: The request's method.
    ///   - path: Its path; a query is ignored.
    static func matching(method: String, path: String) -> UserOperation? {
        let segments = path.prefix { $0 != "?" }.split(separator: "/")
        return all.first { operation in
            let template = operation.template.split(separator: "/")
            return operation.method == method && template.count == segments.count
                && zip(template, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }
    }

    static let all: [UserOperation] = [
        .init(id: "listUsers", method: "GET", template: "/api/v1/users"),
        .init(id: "createUser", method: "POST", template: "/api/v1/users"),
        .init(id: "getUser", method: "GET", template: "/api/v1/users/{id}"),
        .init(id: "updateUser", method: "POST", template: "/api/v1/users/{id}"),
        .init(id: "replaceUser", method: "PUT", template: "/api/v1/users/{id}"),
        .init(id: "deleteUser", method: "DELETE", template: "/api/v1/users/{id}"),
        .init(id: "listAppLinks", method: "GET", template: "/api/v1/users/{id}/appLinks"),
        .init(id: "listUserBlocks", method: "GET", template: "/api/v1/users/{id}/blocks"),
        .init(id: "listUserGroups", method: "GET", template: "/api/v1/users/{id}/groups"),
        .init(id: "activateUser", method: "POST", template: "/api/v1/users/{id}/lifecycle/activate"),
        .init(id: "deactivateUser", method: "POST", template: "/api/v1/users/{id}/lifecycle/deactivate"),
        .init(id: "expirePassword", method: "POST", template: "/api/v1/users/{id}/lifecycle/expire_password"),
        .init(
            id: "expirePasswordWithTempPassword", method: "POST",
            template: "/api/v1/users/{id}/lifecycle/expire_password_with_temp_password"),
        .init(id: "reactivateUser", method: "POST", template: "/api/v1/users/{id}/lifecycle/reactivate"),
        .init(id: "resetFactors", method: "POST", template: "/api/v1/users/{id}/lifecycle/reset_factors"),
        .init(id: "resetPassword", method: "POST", template: "/api/v1/users/{id}/lifecycle/reset_password"),
        .init(id: "suspendUser", method: "POST", template: "/api/v1/users/{id}/lifecycle/suspend"),
        .init(id: "unlockUser", method: "POST", template: "/api/v1/users/{id}/lifecycle/unlock"),
        .init(id: "unsuspendUser", method: "POST", template: "/api/v1/users/{id}/lifecycle/unsuspend"),
        .init(id: "listUserClients", method: "GET", template: "/api/v1/users/{userId}/clients"),
        .init(
            id: "listGrantsForUserAndClient", method: "GET",
            template: "/api/v1/users/{userId}/clients/{clientId}/grants"),
        .init(
            id: "revokeGrantsForUserAndClient", method: "DELETE",
            template: "/api/v1/users/{userId}/clients/{clientId}/grants"),
        .init(
            id: "listRefreshTokensForUserAndClient", method: "GET",
            template: "/api/v1/users/{userId}/clients/{clientId}/tokens"),
        .init(
            id: "revokeTokensForUserAndClient", method: "DELETE",
            template: "/api/v1/users/{userId}/clients/{clientId}/tokens"),
        .init(
            id: "getRefreshTokenForUserAndClient", method: "GET",
            template: "/api/v1/users/{userId}/clients/{clientId}/tokens/{tokenId}"),
        .init(
            id: "revokeTokenForUserAndClient", method: "DELETE",
            template: "/api/v1/users/{userId}/clients/{clientId}/tokens/{tokenId}"),
        .init(id: "changePassword", method: "POST", template: "/api/v1/users/{userId}/credentials/change_password"),
        .init(
            id: "changeRecoveryQuestion", method: "POST",
            template: "/api/v1/users/{userId}/credentials/change_recovery_question"),
        .init(id: "forgotPassword", method: "POST", template: "/api/v1/users/{userId}/credentials/forgot_password"),
        .init(
            id: "forgotPasswordSetNewPassword", method: "POST",
            template: "/api/v1/users/{userId}/credentials/forgot_password_recovery_question"),
        .init(id: "listUserDevices", method: "GET", template: "/api/v1/users/{userId}/devices"),
        .init(id: "listUserGrants", method: "GET", template: "/api/v1/users/{userId}/grants"),
        .init(id: "revokeUserGrants", method: "DELETE", template: "/api/v1/users/{userId}/grants"),
        .init(id: "getUserGrant", method: "GET", template: "/api/v1/users/{userId}/grants/{grantId}"),
        .init(id: "revokeUserGrant", method: "DELETE", template: "/api/v1/users/{userId}/grants/{grantId}"),
        .init(id: "revokeUserSessions", method: "DELETE", template: "/api/v1/users/{userId}/sessions"),
    ]
}
