import Foundation
import OktaRuntime
import OktaUsers
import Testing

/// A temporary directory, removed when the value goes away.
final class TemporaryDirectory: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("okta-mock-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// A file in the directory, written with `text`.
    func file(_ name: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }

    /// The names of the files in the directory.
    var fileNames: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() }
}

/// Profiles and bodies used across tests.
enum Fixture {
    /// A profile.
    static func profile(
        _ login: String, first: String = "Ann", last: String = "Lee", extra: [String: JSONValue] = [:]
    ) -> UserProfile {
        UserProfile(
            email: login, firstName: .value(first), lastName: .value(last), login: login, additionalProperties: extra)
    }

    /// A create body with a password, a recovery question, or neither.
    static func createBody(
        _ login: String, password: String? = nil, question: (String, String)? = nil, first: String = "Ann",
        last: String = "Lee", extra: [String: JSONValue] = [:]
    ) -> CreateUserRequest {
        let credentials: UserCredentialsWritable? =
            password == nil && question == nil
            ? nil
            : UserCredentialsWritable(
                password: password.map { PasswordCredential(value: $0) },
                recoveryQuestion: question.map { RecoveryQuestionCredential(answer: $0.1, question: $0.0) })
        return CreateUserRequest(
            credentials: credentials, profile: profile(login, first: first, last: last, extra: extra))
    }

    /// The seed used by resource tests: two clients, a group, an admin (`me`) with grants, tokens, sessions,
    /// devices, app links and blocks, a locked-out user and one with enrolled factors.
    static let seed = #"""
        {
          "me": "admin@example.com",
          "groups": [{"id": "00gEngineering000001", "type": "OKTA_GROUP",
                      "profile": {"name": "Engineering", "description": "Builds things"}}],
          "clients": [
            {"client_id": "0oaWebApp00000000001", "client_name": "Web App", "client_uri": "https://app.example.com"},
            {"client_id": "0oaCli00000000000002", "client_name": "CLI"}
          ],
          "users": [
            {
              "id": "00uAdmin000000000001",
              "profile": {"login": "admin@example.com", "email": "admin@example.com", "firstName": "Ada",
                          "lastName": "Admin", "costCenter": "R&D"},
              "password": "Adm1n-Passw0rd",
              "recoveryQuestion": {"question": "Favourite colour?", "answer": "teal-blue"},
              "enrolledFactors": 2,
              "sessions": 2,
              "groupIds": ["00gEngineering000001"],
              "appLinks": [{"id": "00ub0oNGTSWTBKOLGLNR", "label": "Web App", "appName": "webapp",
                            "linkUrl": "https://example.okta.com/home/webapp/1",
                            "logoUrl": "https://example.okta.com/img/logos/webapp.png",
                            "appInstanceId": "0oaWebApp00000000001",
                            "appAssignmentId": "0uaWebApp00000000001", "credentialsSetup": false, "hidden": false,
                            "sortOrder": 0}],
              "devices": [{"created": "2026-01-02T03:04:05.000Z", "deviceUserId": "dueAdmin000000000001",
                           "device": {"id": "guoAdminLaptop000001", "status": "ACTIVE",
                                      "profile": {"displayName": "Ada's laptop", "platform": "MACOS",
                                                  "registered": true}}}],
              "blocks": [{"type": "DEVICE_BASED", "appliesTo": "UNKNOWN_DEVICES"}],
              "grants": [
                {"id": "oagAdminRead00000001", "clientId": "0oaWebApp00000000001", "scopeId": "okta.users.read",
                 "issuer": "https://example.okta.com"},
                {"id": "oagAdminManage000002", "clientId": "0oaWebApp00000000001", "scopeId": "okta.users.manage",
                 "issuer": "https://example.okta.com"},
                {"id": "oagAdminCli000000003", "clientId": "0oaCli00000000000002", "scopeId": "okta.users.read",
                 "issuer": "https://example.okta.com"}
              ],
              "refreshTokens": [
                {"id": "oarAdminWeb000000001", "clientId": "0oaWebApp00000000001",
                 "scopes": ["openid", "offline_access"],
                 "issuer": "https://example.okta.com/oauth2/default", "expiresAt": "2027-01-01T00:00:00.000Z"},
                {"id": "oarAdminWeb000000002", "clientId": "0oaWebApp00000000001", "scopes": ["openid"],
                 "issuer": "https://example.okta.com/oauth2/default"}
              ]
            },
            {
              "id": "00uLocked00000000001",
              "status": "LOCKED_OUT",
              "profile": {"login": "locked@example.com", "firstName": "Lou", "lastName": "Locked"},
              "password": "L0cked-Passw0rd"
            },
            {
              "id": "00uPlus0000000000001",
              "profile": {"login": "ann+test@example.com", "firstName": "Ann", "lastName": "Plus"}
            }
          ]
        }
        """#
}

extension OktaAPIError {
    /// The error code and cause summaries of the body, for one-line assertions.
    var codeAndCauses: String {
        guard let error else { return "no Okta error body" }
        return ([error.errorCode] + error.errorCauses.map(\.errorSummary)).joined(separator: " | ")
    }
}

/// Runs `call`, which must fail with an `OktaAPIError`; returns it.
func expectOktaError<T>(
    _ call: () async throws -> T, sourceLocation: SourceLocation = #_sourceLocation
) async throws -> OktaAPIError {
    do {
        _ = try await call()
    } catch let error as OktaAPIError {
        return error
    }
    Issue.record("expected an Okta API error", sourceLocation: sourceLocation)
    throw UnexpectedSuccess()
}

/// A call that should have failed succeeded.
struct UnexpectedSuccess: Error {}
