import Foundation
import OktaRuntime
import OktaUsers
import Testing

/// Status transitions through the lifecycle operations, and the typed error of a refused one.
@Suite struct UserLifecycleTests {
    @Test func transitionsChangeStatusAndRefusedOnesThrowOktaErrors() async throws {
        try await TestServer.run { server in
            let client = try server.authenticatedClient()
            let created = try await client.users.createUser(
                activate: false,
                body: CreateUserRequest(profile: UserProfile(email: "lin@example.com", login: "lin@example.com")))
            let id = try #require(created.body.id)
            #expect(created.body.status == .staged)

            // Only an ACTIVE user can be suspended.
            let refused = try await #require(throws: OktaAPIError.self) {
                try await client.userLifecycle.suspendUser(userId: id)
            }
            #expect(refused.status == .badRequest)
            #expect(refused.operationID == "suspendUser")
            #expect(refused.error?.errorCode == "E0000001")
            #expect(refused.error?.errorSummary == "Api validation failed: status")
            let causes = refused.error?.errorCauses.map(\.errorSummary)
            #expect(causes == ["status: Cannot suspend a user that is not active"])
            #expect(try await client.users.getUser(userId: id).body.status == .staged)

            let activation = try await client.userLifecycle.activateUser(userId: id, sendEmail: false)
            #expect(activation.body.activationToken == "act-\(id)")
            #expect(activation.body.activationUrl == "https://example.okta.com/welcome/act-\(id)")
            let active = try await client.users.getUser(userId: id).body
            #expect(active.status == .active)
            #expect(active.activated == .value(UserDirectory.epoch.addingTimeInterval(1)))
            #expect(active.statusChanged == .value(UserDirectory.epoch.addingTimeInterval(1)))

            let suspension = try await client.userLifecycle.suspendUser(userId: id)
            #expect(suspension.metadata.status == .ok)
            #expect(try await client.users.getUser(userId: id).body.status == .suspended)

            _ = try await client.userLifecycle.unsuspendUser(userId: id)
            let unsuspended = try await client.users.getUser(userId: id).body
            #expect(unsuspended.status == .active)
            #expect(unsuspended.statusChanged == .value(UserDirectory.epoch.addingTimeInterval(3)))

            // Activating an active user is refused with Okta's dedicated code.
            let again = try await #require(throws: OktaAPIError.self) {
                try await client.userLifecycle.activateUser(userId: id, sendEmail: false)
            }
            #expect(again.status == .forbidden)
            #expect(again.error?.errorCode == "E0000016")
            #expect(again.error?.errorSummary == "Activation failed because the user is already active")
            #expect(again.error?.errorLink == "E0000016")

            let statuses = await server.log.requests.filter { $0.path.contains("/lifecycle/") }.map(\.status.code)
            #expect(statuses == [400, 200, 200, 200, 403])
        }
    }
}
