import Foundation
import OktaRuntime
import OktaUsers
import Testing

/// The bodies of lifecycle answers, as okta-sdk-python's recordings of real Okta traffic show them: `200`,
/// `Content-Type: application/json` and `{}` for the operations the spec documents without a body.
@Suite struct ResponseBodyTests {
    /// Status, media type and body of one raw call.
    private static func answer(
        _ mock: RunningMock, _ path: String
    ) async throws -> (status: Int, contentType: String?, body: String) {
        let answer = try await mock.raw("POST", path)
        return (answer.status, answer.headers["content-type"], String(decoding: answer.body, as: UTF8.self))
    }

    @Test func bodilessLifecycleOperationsAnswerAnEmptyJSONObject() async throws {
        let directory = try TemporaryDirectory()
        let seed = try directory.file("seed.json", Fixture.seed)
        try await RunningMock.run(.mock(seedURL: seed)) { mock in
            let user = "/api/v1/users/00uAdmin000000000001/lifecycle/"
            // ACTIVE → reset factors → suspend → unsuspend → unlock (of an ACTIVE user: clears blocks).
            for operation in ["reset_factors", "suspend", "unsuspend", "unlock"] {
                let answer = try await Self.answer(mock, user + operation)
                #expect(answer.status == 200, "\(operation): \(answer.body)")
                #expect(answer.contentType == "application/json", "\(operation)")
                #expect(answer.body == "{}", "\(operation)")
            }
            // expire_password answers the whole user.
            let expired = try await Self.answer(mock, user + "expire_password")
            #expect(expired.status == 200 && expired.contentType == "application/json")
            let json = try JSONDecoder.okta.decode(JSONValue.self, from: Data(expired.body.utf8))
            #expect(json["id"] == "00uAdmin000000000001" && json["status"] == "PASSWORD_EXPIRED")
            #expect(json["_links"]?["self"] != nil)

            let deactivated = try await Self.answer(mock, user + "deactivate")
            #expect(deactivated.status == 200 && deactivated.contentType == "application/json")
            #expect(deactivated.body == "{}")
            // activate with sendEmail=true: the token is "emailed", the body is `{}`.
            let activated = try await Self.answer(mock, user + "activate?sendEmail=true")
            #expect(activated.status == 200 && activated.contentType == "application/json")
            #expect(activated.body == "{}")

            // reactivate (PROVISIONED: activated without a password) with sendEmail=true: `{}` as well.
            _ = try await mock.client.users.createUser(activate: true, body: Fixture.createBody("pat@example.com"))
            let reactivated = try await Self.answer(
                mock, "/api/v1/users/pat@example.com/lifecycle/reactivate?sendEmail=true")
            #expect(reactivated.status == 200 && reactivated.contentType == "application/json")
            #expect(reactivated.body == "{}")

            // A 204 stays empty.
            let deleted = try await mock.raw("DELETE", "/api/v1/users/pat@example.com")
            #expect(deleted.status == 204 && deleted.body.isEmpty && deleted.headers["content-type"] == nil)
        }
    }

    @Test func theGeneratedClientTakesTheEmptyObjectAnswers() async throws {
        let directory = try TemporaryDirectory()
        let seed = try directory.file("seed.json", Fixture.seed)
        try await RunningMock.run(.mock(seedURL: seed)) { mock in
            let lifecycle = mock.client.userLifecycle
            let id = "00uAdmin000000000001"
            #expect(try await lifecycle.suspendUser(userId: id).metadata.status.code == 200)
            #expect(try await lifecycle.unsuspendUser(userId: id).metadata.status.code == 200)
            #expect(try await lifecycle.deactivateUser(userId: id).metadata.status.code == 200)
            let token = try await lifecycle.activateUser(userId: id, sendEmail: true).body
            #expect(token == UserActivationToken())
        }
    }
}
