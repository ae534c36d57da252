import Foundation
import OktaRuntime
import OktaUsers
import Testing

/// Every lifecycle transition and its refusals, through the generated client against a running okta-mock.
@Suite struct UserLifecycleTests {
    /// What creation gives, by credentials and query parameters (Okta's "user creation scenarios").
    struct CreationCase: Sendable, CustomTestStringConvertible {
        var name: String
        var password: String?
        var question: (String, String)?
        var activate: Bool?
        var nextLogin: UserNextLogin?
        var status: UserStatus
        var links: [String]

        var testDescription: String { name }
    }

    static let creationCases: [CreationCase] = [
        CreationCase(
            name: "no credentials, activate=false", activate: false, status: .staged,
            links: ["activate", "deactivate", "schema", "self", "type"]),
        CreationCase(
            name: "no credentials, activate by default", status: .provisioned,
            links: ["deactivate", "reactivate", "resetPassword", "schema", "self", "type"]),
        CreationCase(
            name: "recovery question only", question: ("Pet?", "Rex-the-dog"), activate: true, status: .provisioned,
            links: ["deactivate", "reactivate", "resetPassword", "schema", "self", "type"]),
        CreationCase(
            name: "password, activate=false", password: "Sup3r-Secret", activate: false, status: .staged,
            links: ["activate", "changePassword", "changeRecoveryQuestion", "deactivate", "schema", "self", "type"]),
        CreationCase(
            name: "password", password: "Sup3r-Secret", activate: true, status: .active,
            // forgotPassword without a recovery question: as real Okta offers it (test_forgot_password recording).
            links: [
                "changePassword", "changeRecoveryQuestion", "deactivate", "expirePassword", "forgotPassword",
                "resetPassword", "schema", "self", "suspend", "type",
            ]),
        CreationCase(
            name: "password and question", password: "Sup3r-Secret", question: ("Pet?", "Rex-the-dog"), status: .active,
            links: [
                "changePassword", "changeRecoveryQuestion", "deactivate", "expirePassword", "forgotPassword",
                "resetPassword", "schema", "self", "suspend", "type",
            ]),
        CreationCase(
            name: "password, nextLogin=changePassword", password: "Sup3r-Secret", activate: true,
            nextLogin: .changePassword, status: .passwordExpired,
            links: [
                "changePassword", "deactivate", "expirePassword", "resetPassword", "schema", "self", "type",
            ]),
    ]

    @Test(arguments: creationCases)
    func creationGivesOktasStatusAndMatchingLinks(_ scenario: CreationCase) async throws {
        try await RunningMock.run { mock in
            let created = try await mock.client.users.createUser(
                activate: scenario.activate, nextLogin: scenario.nextLogin,
                body: Fixture.createBody("new@example.com", password: scenario.password, question: scenario.question)
            ).body
            #expect(created.status == scenario.status)
            #expect(linkNames(created.links) == scenario.links)
            #expect(created.id?.hasPrefix("00u") == true)
            #expect(created.id?.count == 20)
            #expect(created.created == created.lastUpdated)
            #expect(created.passwordChanged.value == (scenario.password == nil ? nil : created.created))
            #expect(created.activated.value == (scenario.status == .staged ? nil : created.created))
            #expect(created.credentials?.password == (scenario.password == nil ? nil : PasswordCredential()))
            #expect(created.credentials?.recoveryQuestion?.question == scenario.question?.0)
            #expect(created.credentials?.recoveryQuestion?.answer == nil)
            #expect(created.credentials?.provider == AuthenticationProvider(name: "OKTA", type: .okta))
            let fetched = try await mock.client.users.getUser(userId: try #require(created.id)).body
            #expect(fetched.status == scenario.status)
            #expect(fetched.lastUpdated == created.lastUpdated)
        }
    }

    @Test func federatedUserIsActiveWithoutPassword() async throws {
        try await RunningMock.run { mock in
            var body = Fixture.createBody("fed@example.com")
            body.credentials = UserCredentialsWritable(
                provider: AuthenticationProviderWritable(name: "FEDERATION", type: .federation))
            let user = try await mock.client.users.createUser(provider: true, body: body).body
            #expect(user.status == .active)
            #expect(user.credentials?.provider == AuthenticationProvider(name: "FEDERATION", type: .federation))
            #expect(user.credentials?.password == nil)
            #expect(linkNames(user.links) == ["deactivate", "resetPassword", "schema", "self", "suspend", "type"])
        }
    }

    @Test func expiringOnCreateNeedsActivationAndPassword() async throws {
        try await RunningMock.run { mock in
            let staged = try await expectOktaError {
                try await mock.client.users.createUser(
                    activate: false, nextLogin: .changePassword,
                    body: Fixture.createBody("a@example.com", password: "Sup3r-Secret"))
            }
            #expect(staged.status == .badRequest)
            #expect(staged.error?.errorCode == "E0000125")
            let passwordless = try await expectOktaError {
                try await mock.client.users.createUser(
                    nextLogin: .changePassword, body: Fixture.createBody("b@example.com"))
            }
            #expect(passwordless.error?.errorCode == "E0000124")
            #expect(
                passwordless.error?.errorSummary
                    == "To create a user and expire password immediately, a password must be specified")
        }
    }

    @Test func aUserGoesThroughEveryTransition() async throws {
        try await RunningMock.run { mock in
            let users = mock.client.users
            let lifecycle = mock.client.userLifecycle
            let credentials = mock.client.userCredentials
            let created = try await users.createUser(
                activate: false, body: Fixture.createBody("life@example.com", password: "Sup3r-Secret")
            ).body
            let id = try #require(created.id)
            func status() async throws -> UserStatus? { try await users.getUser(userId: id).body.status }

            // STAGED → ACTIVE, with a token when asked for.
            let activation = try await lifecycle.activateUser(userId: id, sendEmail: false).body
            #expect(activation.activationToken?.count == 20)
            #expect(
                activation.activationUrl == "\(mock.baseURL.absoluteString)/welcome/\(activation.activationToken ?? "")"
            )
            #expect(try await status() == .active)
            let again = try await expectOktaError { try await lifecycle.activateUser(userId: id) }
            #expect(again.status == .forbidden)
            #expect(again.error?.errorCode == "E0000016")
            #expect(again.error?.errorSummary == "Activation failed because the user is already active")

            // ACTIVE → SUSPENDED → ACTIVE, and the refusals on the way.
            let notSuspended = try await expectOktaError { try await lifecycle.unsuspendUser(userId: id) }
            #expect(notSuspended.status == .badRequest)
            #expect(
                notSuspended.codeAndCauses
                    == "E0000001 | status: Cannot unsuspend a user that is not suspended (it is ACTIVE)")
            _ = try await lifecycle.suspendUser(userId: id)
            #expect(try await status() == .suspended)
            let twice = try await expectOktaError { try await lifecycle.suspendUser(userId: id) }
            #expect(
                twice.codeAndCauses == "E0000001 | status: Cannot suspend a user that is not active (it is SUSPENDED)")
            let expireSuspended = try await expectOktaError { try await credentials.expirePassword(userId: id) }
            #expect(expireSuspended.status == .forbidden)
            #expect(expireSuspended.error?.errorCode == "E0000038")
            _ = try await lifecycle.unsuspendUser(userId: id)
            #expect(try await status() == .active)

            // ACTIVE → PASSWORD_EXPIRED → ACTIVE through a password change that checks the old password.
            let expired = try await credentials.expirePassword(userId: id).body
            #expect(expired.status == .passwordExpired)
            #expect(expired.statusChanged.value == expired.lastUpdated)
            let wrongOld = try await expectOktaError {
                try await credentials.changePassword(
                    userId: id,
                    body: ChangePasswordRequest(
                        newPassword: PasswordCredential(value: "Brand-New-Pass1"),
                        oldPassword: PasswordCredential(value: "not-the-password")))
            }
            #expect(wrongOld.status == .forbidden)
            #expect(wrongOld.codeAndCauses == "E0000014 | oldPassword: The credentials provided were incorrect.")
            let changed = try await credentials.changePassword(
                userId: id,
                body: ChangePasswordRequest(
                    newPassword: PasswordCredential(value: "Brand-New-Pass1"),
                    oldPassword: PasswordCredential(value: "Sup3r-Secret"))
            ).body
            #expect(changed.password == PasswordCredential())
            let afterChange = try await users.getUser(userId: id).body
            #expect(afterChange.status == .active)
            #expect(afterChange.passwordChanged.value == afterChange.lastUpdated)

            // Expiry with a temporary password, which then is the password to change from.
            let temporary = try #require(
                try await credentials.expirePasswordWithTempPassword(userId: id).body.tempPassword)
            #expect(temporary.hasPrefix("Tmp"))
            #expect(temporary.count == 12)
            #expect(try await status() == .passwordExpired)
            _ = try await credentials.changePassword(
                userId: id,
                body: ChangePasswordRequest(
                    newPassword: PasswordCredential(value: "Third-Pass-123"),
                    oldPassword: PasswordCredential(value: temporary)))
            #expect(try await status() == .active)

            // Reset password: RECOVERY with a link; reactivate is allowed there, suspend is not.
            let reset = try await credentials.resetPassword(userId: id, sendEmail: false).body
            let resetURL = try #require(reset.resetPasswordUrl)
            #expect(resetURL.hasPrefix("\(mock.baseURL.absoluteString)/signin/reset-password/"))
            #expect(try await status() == .recovery)
            let emailed = try await credentials.resetPassword(userId: id, sendEmail: true).body
            #expect(emailed.resetPasswordUrl == nil)
            let suspendRecovery = try await expectOktaError { try await lifecycle.suspendUser(userId: id) }
            #expect(suspendRecovery.status == .badRequest)

            // Deactivate, refuse a second deactivation, reactivate by activating.
            _ = try await lifecycle.deactivateUser(userId: id)
            #expect(try await status() == .deprovisioned)
            let deactivated = try await users.getUser(userId: id).body
            #expect(linkNames(deactivated.links) == ["activate", "schema", "self", "type"])
            let deactivateAgain = try await expectOktaError { try await lifecycle.deactivateUser(userId: id) }
            #expect(deactivateAgain.status == .forbidden)
            #expect(
                deactivateAgain.codeAndCauses
                    == "E0000038 | status: the user is DEPROVISIONED; deactivate needs ACTIVE, LOCKED_OUT, "
                    + "PASSWORD_EXPIRED, PROVISIONED, RECOVERY, STAGED, SUSPENDED")
            let resetDeprovisioned = try await expectOktaError {
                try await credentials.resetPassword(userId: id, sendEmail: false)
            }
            #expect(resetDeprovisioned.error?.errorCode == "E0000017")
            _ = try await lifecycle.activateUser(userId: id, sendEmail: true)
            #expect(try await status() == .active)

            // Delete: the first call deactivates, the second deletes.
            _ = try await users.deleteUser(userId: id)
            #expect(try await status() == .deprovisioned)
            _ = try await users.deleteUser(userId: id)
            let gone = try await expectOktaError { try await users.getUser(userId: id) }
            #expect(gone.status == .notFound)
            #expect(gone.error?.errorSummary == "Not found: Resource not found: \(id) (User)")
        }
    }

    @Test func provisionedUsersReactivateAndOthersDoNot() async throws {
        try await RunningMock.run { mock in
            let provisioned = try #require(
                try await mock.client.users.createUser(body: Fixture.createBody("p@example.com")).body.id)
            let token = try await mock.client.userLifecycle.reactivateUser(userId: provisioned, sendEmail: false).body
            #expect(token.activationToken?.count == 20)
            // reactivate sends no e-mail by default, so the token comes back unless sendEmail=true.
            let quiet = try await mock.client.userLifecycle.reactivateUser(userId: provisioned, sendEmail: true).body
            #expect(quiet == UserActivationToken())
            let byDefault = try await mock.client.userLifecycle.reactivateUser(userId: provisioned).body
            #expect(byDefault.activationToken?.count == 20)
            let active = try #require(
                try await mock.client.users.createUser(
                    body: Fixture.createBody("a@example.com", password: "Sup3r-Secret")
                ).body.id)
            let refused = try await expectOktaError {
                try await mock.client.userLifecycle.reactivateUser(userId: active)
            }
            #expect(refused.status == .forbidden)
            #expect(
                refused.codeAndCauses
                    == "E0000038 | status: the user is ACTIVE; reactivate needs PROVISIONED, RECOVERY")
            // Activating a PROVISIONED user is not the way either.
            let activate = try await expectOktaError {
                try await mock.client.userLifecycle.activateUser(userId: provisioned)
            }
            #expect(activate.error?.errorCode == "E0000038")
        }
    }

    @Test func unlockAndResetFactorsFollowTheSeededState() async throws {
        let directory = try TemporaryDirectory()
        let seed = try directory.file("seed.json", Fixture.seed)
        try await RunningMock.run(.mock(seedURL: seed)) { mock in
            let lifecycle = mock.client.userLifecycle
            let locked = try await mock.client.users.getUser(userId: "locked@example.com").body
            #expect(locked.status == .lockedOut)
            #expect(linkNames(locked.links).contains("unlock"))
            _ = try await lifecycle.unlockUser(userId: "00uLocked00000000001")
            let unlocked = try await mock.client.users.getUser(userId: "00uLocked00000000001").body
            #expect(unlocked.status == .active)
            #expect(!linkNames(unlocked.links).contains("unlock"))

            // The admin has two factors and a block: resetFactors is offered, then not; unlock clears blocks.
            let admin = try await mock.client.users.getUser(userId: "me", expand: "blocks").body
            #expect(admin.id == "00uAdmin000000000001")
            #expect(admin.embedded?.blocks == [UserBlock(appliesTo: .unknownDevices, type: .deviceBased)])
            #expect(linkNames(admin.links).contains("resetFactors"))
            _ = try await lifecycle.resetFactors(userId: "me")
            #expect(!linkNames(try await mock.client.users.getUser(userId: "me").body.links).contains("resetFactors"))
            _ = try await lifecycle.unlockUser(userId: "me")
            #expect(try await mock.client.users.listUserBlocks(userId: "me").body == [])

            let staged = try #require(
                try await mock.client.users.createUser(activate: false, body: Fixture.createBody("s@example.com")).body
                    .id)
            let unlockStaged = try await expectOktaError { try await lifecycle.unlockUser(userId: staged) }
            #expect(unlockStaged.status == .forbidden)
            #expect(unlockStaged.error?.errorCode == "E0000032")
            #expect(unlockStaged.error?.errorSummary == "Unlock is not allowed for this user.")
            let resetStaged = try await expectOktaError { try await lifecycle.resetFactors(userId: staged) }
            #expect(resetStaged.error?.errorCode == "E0000038")
        }
    }

    @Test func forgotPasswordAndRecoveryQuestionCheckTheirSecrets() async throws {
        try await RunningMock.run { mock in
            let credentials = mock.client.userCredentials
            let id = try #require(
                try await mock.client.users.createUser(
                    body: Fixture.createBody("f@example.com", password: "Sup3r-Secret", question: ("Pet?", "Rex-dog"))
                ).body.id)
            let link = try await credentials.forgotPassword(userId: id, sendEmail: false).body
            #expect(link.resetPasswordUrl?.hasPrefix("\(mock.baseURL.absoluteString)/signin/reset-password/") == true)
            #expect(try await credentials.forgotPassword(userId: id).body.resetPasswordUrl == nil)
            #expect(try await mock.client.users.getUser(userId: id).body.status == .active)

            let wrongAnswer = try await expectOktaError {
                try await credentials.forgotPasswordSetNewPassword(
                    userId: id,
                    body: UserCredentials(
                        password: PasswordCredential(value: "After-Forgot-1"),
                        recoveryQuestion: RecoveryQuestionCredential(answer: "Cat")))
            }
            #expect(wrongAnswer.status == .forbidden)
            #expect(wrongAnswer.error?.errorCode == "E0000087")
            _ = try await credentials.forgotPasswordSetNewPassword(
                userId: id,
                body: UserCredentials(
                    password: PasswordCredential(value: "After-Forgot-1"),
                    recoveryQuestion: RecoveryQuestionCredential(answer: "rex-DOG")))

            let wrongPassword = try await expectOktaError {
                try await credentials.changeRecoveryQuestion(
                    userId: id,
                    body: UserCredentials(
                        password: PasswordCredential(value: "Sup3r-Secret"),
                        recoveryQuestion: RecoveryQuestionCredential(answer: "Paris", question: "City?")))
            }
            #expect(wrongPassword.codeAndCauses == "E0000014 | password: The credentials provided were incorrect.")
            let changed = try await credentials.changeRecoveryQuestion(
                userId: id,
                body: UserCredentials(
                    password: PasswordCredential(value: "After-Forgot-1"),
                    recoveryQuestion: RecoveryQuestionCredential(answer: "Paris", question: "City?"))
            ).body
            #expect(changed.recoveryQuestion == RecoveryQuestionCredential(question: "City?"))

            let weak = try await expectOktaError {
                try await credentials.changePassword(
                    userId: id,
                    body: ChangePasswordRequest(
                        newPassword: PasswordCredential(value: "short"),
                        oldPassword: PasswordCredential(value: "After-Forgot-1")))
            }
            #expect(
                weak.codeAndCauses
                    == "E0000014 | newPassword: Password requirements were not met. Password requirements: at least "
                    + "8 characters, no parts of your username.")

            let noQuestion = try #require(
                try await mock.client.users.createUser(
                    body: Fixture.createBody("nq@example.com", password: "Sup3r-Secret")
                ).body.id)
            // The reset link needs no recovery question (real Okta answers 200: test_forgot_password recording).
            let noQuestionLink = try await credentials.forgotPassword(userId: noQuestion, sendEmail: false).body
            #expect(noQuestionLink.resetPasswordUrl?.contains("/signin/reset-password/") == true)
        }
    }

    /// `Prefer: respond-async` is a flag in the generated API: the client sends it for `respondAsync: true`, the
    /// stub reads it as `Bool`, and a value the spec does not allow is refused as before.
    @Test func respondAsyncIsAFlag() async throws {
        try await RunningMock.run { mock in
            let id = try #require(
                try await mock.client.users.createUser(body: Fixture.createBody("flag@example.com")).body.id)
            _ = try await mock.client.userLifecycle.deactivateUser(userId: id, respondAsync: true)
            let sent = await mock.server.receivedRequests.last?.headers["prefer"]
            #expect(sent == "respond-async")
            let refused = try await mock.raw("DELETE", "/api/v1/users/\(id)", headers: ["Prefer": "respond-later"])
            #expect(refused.status == 400)
            #expect(
                String(decoding: refused.body, as: UTF8.self).contains(
                    "Prefer: 'respond-later' is not one of respond-async"))
            _ = try await mock.client.users.deleteUser(userId: id, respondAsync: true)
            let gone = try await mock.raw("GET", "/api/v1/users/\(id)")
            #expect(gone.status == 404)
        }
    }
}

/// The names of the links a user offers, sorted.
func linkNames(_ links: UserLinks?) -> [String] {
    guard let links else { return [] }
    let named: [(String, HrefObject?)] = [
        ("self", links.selfLink), ("activate", links.activate), ("resetPassword", links.resetPassword),
        ("resetFactors", links.resetFactors), ("expirePassword", links.expirePassword),
        ("forgotPassword", links.forgotPassword), ("changeRecoveryQuestion", links.changeRecoveryQuestion),
        ("deactivate", links.deactivate), ("reactivate", links.reactivate), ("changePassword", links.changePassword),
        ("schema", links.schema), ("suspend", links.suspend), ("unsuspend", links.unsuspend),
        ("unlock", links.unlock), ("type", links.type),
    ]
    return named.filter { $0.1 != nil }.map(\.0).sorted()
}
