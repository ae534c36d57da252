import Foundation
import Hummingbird
import OktaRuntime
import OktaUsers
import Testing

/// Answers the lifecycle operations of user `json`, `empty` or `nocontent` in that form: `200` with `{}` (Okta
/// today), `200` with no body, `204` (Okta's older deactivate). Any other request goes on to the handlers.
struct EmptySuccessForms: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let parts = request.uri.path.split(separator: "/")
        // /api/v1/users/{form}/lifecycle/{operation}, or DELETE /api/v1/users/{form}.
        guard parts.count >= 4, parts[2] == "users", parts.count == 6 ? parts[4] == "lifecycle" : parts.count == 4
        else { return try await next(request, context) }
        switch parts[3] {
        case "json":
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: "{}")))
        case "empty": return Response(status: .ok)
        case "nocontent": return Response(status: .noContent)
        default: return try await next(request, context)
        }
    }
}

/// The generated client takes `200 {}`, `200` with no body and `204` alike where the spec documents no success body
/// (`OperationContext` gives such operations both cases), and `{}` or nothing for an activation token.
@Suite struct EmptySuccessBodyTests {
    @Test(arguments: ["json", "empty", "nocontent"])
    func bodilessOperationsTakeEveryForm(_ form: String) async throws {
        try await TestServer.run(configure: addEmptySuccessForms) { server in
            let lifecycle = try server.authenticatedClient().userLifecycle
            let status = form == "nocontent" ? 204 : 200
            #expect(try await lifecycle.deactivateUser(userId: form).metadata.status.code == status)
            #expect(try await lifecycle.suspendUser(userId: form).metadata.status.code == status)
            #expect(try await lifecycle.unsuspendUser(userId: form).metadata.status.code == status)
            #expect(try await lifecycle.unlockUser(userId: form).metadata.status.code == status)
            #expect(try await lifecycle.resetFactors(userId: form).metadata.status.code == status)
            // deleteUser documents 204 only; a 200 is taken too.
            #expect(
                try await server.authenticatedClient().users.deleteUser(userId: form).metadata.status.code == status)
        }
    }

    @Test(arguments: ["json", "empty"])
    func anActivationTokenMayBeEmpty(_ form: String) async throws {
        try await TestServer.run(configure: addEmptySuccessForms) { server in
            let lifecycle = try server.authenticatedClient().userLifecycle
            #expect(try await lifecycle.activateUser(userId: form, sendEmail: true).body == UserActivationToken())
            #expect(try await lifecycle.reactivateUser(userId: form, sendEmail: true).body == UserActivationToken())
        }
    }
}

/// Installs ``EmptySuccessForms`` on the test server.
@Sendable private func addEmptySuccessForms(_ router: Router<BasicRequestContext>) {
    router.middlewares.add(EmptySuccessForms())
}
