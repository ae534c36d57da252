import Foundation
import OktaRuntime
import OktaUsers
import Testing

/// The older request forms okta-mock serves besides the spec's (``LegacyForms``).
@Suite struct LegacyFormTests {
    @Test func expirePasswordWithTempPasswordTrueAnswersATemporaryPassword() async throws {
        let directory = try TemporaryDirectory()
        let seed = try directory.file("seed.json", Fixture.seed)
        try await RunningMock.run(.mock(seedURL: seed)) { mock in
            let created = try await mock.client.users.createUser(
                body: Fixture.createBody("tia@example.com", password: "Sup3r-Secret")
            ).body
            let id = try #require(created.id)
            // By login, as `{id}` allows.
            let answer = try await mock.raw(
                "POST", "/api/v1/users/tia@example.com/lifecycle/expire_password?tempPassword=true")
            #expect(answer.status == 200)
            let json = try JSONDecoder.okta.decode(JSONValue.self, from: answer.body)
            let temporary = try #require(json["tempPassword"]?.stringValue)
            #expect(temporary.count >= 8)
            #expect(json.objectValue?.keys == ["tempPassword"])
            #expect(try await mock.client.users.getUser(userId: id).body.status == .passwordExpired)

            // tempPassword=false, or none, is the spec's form: the user is answered.
            let plain = try await mock.raw(
                "POST", "/api/v1/users/00uAdmin000000000001/lifecycle/expire_password?tempPassword=false")
            #expect(plain.status == 200, "\(String(decoding: plain.body, as: UTF8.self))")
            #expect(try JSONDecoder.okta.decode(JSONValue.self, from: plain.body)["id"] == "00uAdmin000000000001")
            let missing = try await mock.raw("POST", "/api/v1/users/nobody/lifecycle/expire_password?tempPassword=true")
            #expect(missing.status == 404)
        }
    }

    @Test func forgotPasswordWithARecoveryAnswerSetsTheNewPassword() async throws {
        let directory = try TemporaryDirectory()
        let seed = try directory.file("seed.json", Fixture.seed)
        try await RunningMock.run(.mock(seedURL: seed)) { mock in
            let path = "/api/v1/users/00uAdmin000000000001/credentials/forgot_password"
            let wrong = try await mock.raw(
                "POST", path,
                body: #"{"password": {"value": "N3w-Passw0rd-1"}, "recovery_question": {"answer": "purple"}}"#)
            #expect(wrong.status == 403 || wrong.status == 400, "\(String(decoding: wrong.body, as: UTF8.self))")
            let right = try await mock.raw(
                "POST", path,
                body: #"{"password": {"value": "N3w-Passw0rd-1"}, "recovery_question": {"answer": "teal-blue"}}"#)
            #expect(right.status == 200, "\(String(decoding: right.body, as: UTF8.self))")
            let credentials = try JSONDecoder.okta.decode(JSONValue.self, from: right.body)
            #expect(credentials["password"] == [:])
            #expect(credentials["recovery_question"]?["question"] == "Favourite colour?")
            #expect(credentials["provider"]?["type"] == "OKTA")
            // The new password is the one a change now needs.
            let changed = try await mock.raw(
                "POST", "/api/v1/users/00uAdmin000000000001/credentials/change_password",
                body: #"{"oldPassword": {"value": "N3w-Passw0rd-1"}, "newPassword": {"value": "Th1rd-Passw0rd"}}"#)
            #expect(changed.status == 200, "\(String(decoding: changed.body, as: UTF8.self))")
            // {userId}: an ID only; nulls in writable members refused as in the spec's form.
            let byLogin = try await mock.raw(
                "POST", "/api/v1/users/admin/credentials/forgot_password",
                body: #"{"password": {"value": "N3w-Passw0rd-2"}, "recovery_question": {"answer": "teal-blue"}}"#)
            #expect(byLogin.status == 404)
            let null = try await mock.raw(
                "POST", path, body: #"{"password": null, "recovery_question": {"answer": "x"}}"#)
            #expect(null.status == 400)
            // Without a body it is the spec's form: a reset link.
            let link = try await mock.raw("POST", path + "?sendEmail=false")
            #expect(link.status == 200)
            #expect(try JSONDecoder.okta.decode(JSONValue.self, from: link.body)["resetPasswordUrl"] != nil)
        }
    }
}
