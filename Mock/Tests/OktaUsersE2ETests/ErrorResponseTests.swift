import Foundation
import OktaRuntime
import OktaUsers
import Testing

/// Okta-format errors produced by the server stubs and the in-memory handler, as the generated client surfaces them.
@Suite struct ErrorResponseTests {
    @Test func unknownUserIsNotFound() async throws {
        try await TestServer.run { server in
            let client = try server.authenticatedClient()

            let error = try await #require(throws: OktaAPIError.self) {
                try await client.users.getUser(userId: "00uNoSuchUser0000000")
            }

            #expect(error.status == .notFound)
            #expect(error.operationID == "getUser")
            #expect(error.error?.errorCode == "E0000007")
            #expect(error.error?.errorSummary == "Not found: Resource not found: 00uNoSuchUser0000000 (User)")
            #expect(error.error?.errorLink == "E0000007")
            #expect(error.error?.errorId?.hasPrefix("oae") == true)
            #expect(error.error?.errorId?.count == 25)
            #expect(error.error?.errorCauses == [])
            #expect(error.requestID == "e2e-request-1")
            #expect(error.headerFields[.contentType] == "application/json")

            let update = try await #require(throws: OktaAPIError.self) {
                try await client.users.updateUser(
                    userId: "00uNoSuchUser0000000", body: UpdateUserRequest(profile: UserProfile(nickName: .null)))
            }
            #expect(update.status == .notFound)
            #expect(update.error?.errorCode == "E0000007")
        }
    }

    /// A client without the auth middleware, and one with a wrong token, are both refused.
    @Test(arguments: [nil, "00WrongToken"] as [String?])
    func requestWithoutTheTokenIsUnauthorized(token: String?) async throws {
        try await TestServer.run { server in
            let client = server.client(
                middlewares: [RetryMiddleware()] + (token.map { [SSWSAuthMiddleware(token: $0)] } ?? []))

            let error = try await #require(throws: OktaAPIError.self) {
                try await client.users.listUsers()
            }

            #expect(error.status == .unauthorized)
            #expect(error.operationID == "listUsers")
            #expect(error.error?.errorCode == "E0000011")
            #expect(error.error?.errorSummary == "Invalid token provided")
            let request = try #require(await server.log.requests.first)
            #expect(request.headerFields[.authorization] == token.map { "SSWS \($0)" })
        }
    }

    /// A request the server stubs reject before the handler runs.
    struct InvalidRequest: Sendable, CustomTestStringConvertible {
        var name: String
        var method: HTTPRequest.Method
        var path: String
        var body: String?
        var status: HTTPResponse.Status
        var errorCode: String
        var errorSummary: String
        var errorCauses: [String]

        var testDescription: String { name }
    }

    static let invalidRequests: [InvalidRequest] = [
        InvalidRequest(
            name: "query parameter of the wrong type", method: .get, path: "/api/v1/users?limit=ten&q=ada",
            body: nil, status: .badRequest, errorCode: "E0000001", errorSummary: "Api validation failed: listUsers",
            errorCauses: ["limit: 'ten' is not a valid Int32"]),
        InvalidRequest(
            name: "two bad query parameters", method: .post, path: "/api/v1/users?activate=maybe&provider=1",
            body: #"{"profile":{"login":"x@example.com"}}"#, status: .badRequest, errorCode: "E0000001",
            errorSummary: "Api validation failed: createUser",
            errorCauses: ["activate: 'maybe' is not a valid Bool", "provider: '1' is not a valid Bool"]),
        InvalidRequest(
            name: "body member of the wrong type", method: .post, path: "/api/v1/users",
            body: #"{"profile":{"login":"x@example.com","firstName":42}}"#, status: .badRequest,
            errorCode: "E0000001", errorSummary: "Api validation failed: request body",
            errorCauses: ["profile.firstName: expected String"]),
        InvalidRequest(
            name: "required body member missing", method: .post, path: "/api/v1/users",
            body: #"{"credentials":{}}"#, status: .badRequest, errorCode: "E0000001",
            errorSummary: "Api validation failed: request body", errorCauses: ["profile: the property is required"]),
        InvalidRequest(
            name: "required body missing", method: .post, path: "/api/v1/users", body: nil, status: .badRequest,
            errorCode: "E0000001", errorSummary: "Api validation failed: request body",
            errorCauses: ["the request body is required"]),
        InvalidRequest(
            name: "body that is not JSON", method: .post, path: "/api/v1/users", body: #"{"profile": "#,
            status: .badRequest, errorCode: "E0000003", errorSummary: "The request body was not well-formed.",
            errorCauses: []),
    ]

    /// Raw requests sent through the client core (so still authenticated by its middleware).
    @Test(arguments: invalidRequests)
    func invalidRequestIsRejectedWithCauses(_ invalid: InvalidRequest) async throws {
        try await TestServer.run { server in
            let client = try server.authenticatedClient()
            var request = HTTPRequest(method: invalid.method, scheme: nil, authority: nil, path: invalid.path)
            request.headerFields[.accept] = "application/json"
            if invalid.body != nil { request.headerFields[.contentType] = "application/json" }

            let (response, body) = try await client.core.send(
                request, body: invalid.body.map { HTTPBody($0) }, operationID: "raw")
            let error = await client.core.failure(response, body: body, operationID: "raw")

            #expect(error.status == invalid.status)
            #expect(error.error?.errorCode == invalid.errorCode, "\(error.rawBodyText ?? "no body")")
            #expect(error.error?.errorSummary == invalid.errorSummary)
            #expect(error.error?.errorCauses.map(\.errorSummary) == invalid.errorCauses)
            #expect(await server.directory.page(after: nil, limit: 10).users.isEmpty)
        }
    }

    @Test func unimplementedOperationAnswers501InOktaFormat() async throws {
        try await TestServer.run { server in
            let client = try server.authenticatedClient()

            let error = try await #require(throws: OktaAPIError.self) {
                try await client.userSessions.revokeUserSessions(userId: "00ue2e00000000000001", oauthTokens: true)
            }

            #expect(error.status == .notImplemented)
            #expect(error.operationID == "revokeUserSessions")
            #expect(error.error?.errorCode == "E0000060")
            #expect(error.error?.errorSummary == "Unsupported operation.")
            #expect(error.error?.errorCauses.map(\.errorSummary) == ["revokeUserSessions: not implemented"])
            #expect(error.headerFields[.contentType] == "application/json")
            let request = try #require(await server.log.requests.first)
            #expect(request.method == .delete)
            #expect(request.path == "/api/v1/users/00ue2e00000000000001/sessions?oauthTokens=true")
        }
    }
}
