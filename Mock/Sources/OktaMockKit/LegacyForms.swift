import Foundation
import Hummingbird
import OktaRuntime
import OktaUsers

/// Older request forms Okta still serves but its current spec no longer describes, so the generated stubs cannot:
///
/// - `POST /api/v1/users/{id}/lifecycle/expire_password?tempPassword=true` answers `{"tempPassword": "…"}`, as
///   `expire_password_with_temp_password` does (the spec's `expirePassword` has no `tempPassword` and answers the
///   user; Okta's older SDKs still send this form);
/// - `POST /api/v1/users/{userId}/credentials/forgot_password` with a body `{"password": {"value": …},
///   "recovery_question": {"answer": …}}` sets a new password with the recovery answer and answers the credentials
///   object, as `forgot_password_recovery_question` does.
///
/// Both run in ``OktaMockMiddleware`` before the router's handler: the routes exist (the spec's forms), only the
/// request differs, and a typed handler could not answer another body than its spec's.
struct LegacyForms: Sendable {
    /// The org.
    let store: UserStore

    /// Serves a request if it is one of the older forms.
    ///
    /// - Parameters:
    ///   - request: The request.
    ///   - body: Its buffered body.
    /// - Returns: The response, or `nil` when the request is not an older form.
    /// - Throws: ``OktaErrorResponse`` as the current form would.
    func respond(to request: Request, body: Data?) async throws -> Response? {
        guard request.method == .post else { return nil }
        let segments = request.uri.path.split(separator: "/", omittingEmptySubsequences: false)
        // "", "api", "v1", "users", "{id}", "lifecycle", "expire_password"
        guard segments.count == 7, segments[1] == "api", segments[2] == "v1", segments[3] == "users",
            let key = String(segments[4]).removingPercentEncoding
        else { return nil }
        switch (segments[5], segments[6]) {
        case ("lifecycle", "expire_password"):
            guard Self.flag(request, "tempPassword") == true else { return nil }
            let password = try await store.expirePasswordWithTemporaryPassword(
                key, revokeSessions: Self.flag(request, "revokeSessions") ?? false)
            return try Self.json(TempPassword(tempPassword: password))
        case ("credentials", "forgot_password"):
            guard let body, !body.isEmpty, let json = try? JSONDecoder.okta.decode(JSONValue.self, from: body),
                json["password"] != nil || json["recovery_question"] != nil
            else { return nil }
            let causes = RequestBodyRules.problems(json, shape: .userCredentials)
            guard causes.isEmpty else { throw OktaErrorResponse.validationFailed(causes: causes) }
            let credentials: UserCredentials
            do {
                credentials = try JSONDecoder.okta.decode(UserCredentials.self, from: body)
            } catch let error as DecodingError {
                throw OktaErrorResponse.validationFailed(causes: [DecodingErrorText.describe(error)])
            }
            guard await store.hasUser(id: key) else { throw OktaErrorResponse.userNotFound(key) }
            let user = try await store.forgotPasswordSetNewPassword(key, body: credentials)
            return try Self.json(UserRenderer.credentials(user))
        default:
            return nil
        }
    }

    /// A boolean query parameter: `nil` when absent, else whether it is `true` (any case).
    private static func flag(_ request: Request, _ name: String) -> Bool? {
        request.uri.queryParameters[Substring(name)].map { $0.lowercased() == "true" }
    }

    private static func json(_ value: some Encodable) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        let data = try JSONEncoder.okta.encode(value)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
