import Foundation
import OktaRuntime
import OktaUsers
import Testing

/// Reading, partially updating and replacing users through the generated client.
@Suite struct UserProfileTests {
    @Test func usersAreFoundByIDLoginShortLoginAndMe() async throws {
        let directory = try TemporaryDirectory()
        let seed = try directory.file("seed.json", Fixture.seed)
        try await RunningMock.run(.mock(seedURL: seed)) { mock in
            let users = mock.client.users
            #expect(try await users.getUser(userId: "00uAdmin000000000001").body.profile?.login == "admin@example.com")
            #expect(try await users.getUser(userId: "ADMIN@example.com").body.id == "00uAdmin000000000001")
            #expect(try await users.getUser(userId: "admin").body.id == "00uAdmin000000000001")
            #expect(try await users.getUser(userId: "me").body.id == "00uAdmin000000000001")
            #expect(try await users.getUser(userId: "ann+test@example.com").body.id == "00uPlus0000000000001")
            #expect(try await users.getUser(userId: "ann+test").body.id == "00uPlus0000000000001")
            let response = try await users.getUser(userId: "admin")
            let etag = response.metadata.headerFields[try #require(HTTPField.Name("ETag"))]
            #expect(etag?.hasPrefix("W/\"00uAdmin000000000001-") == true)

            let missing = try await expectOktaError { try await users.getUser(userId: "nobody@example.com") }
            #expect(missing.status == .notFound)
            #expect(missing.error?.errorCode == "E0000007")
            #expect(missing.error?.errorSummary == "Not found: Resource not found: nobody@example.com (User)")
            #expect(missing.error?.errorLink == "E0000007")
            #expect(missing.error?.errorId?.hasPrefix("oae") == true)
            #expect(missing.requestID?.hasPrefix("mock") == true)
        }
    }

    @Test func meIsNotFoundWithoutASeededAdmin() async throws {
        try await RunningMock.run { mock in
            let error = try await expectOktaError { try await mock.client.users.getUser(userId: "me") }
            #expect(error.status == .notFound)
            #expect(error.error?.errorSummary == "Not found: Resource not found: me (User)")
        }
    }

    @Test func partialUpdateChangesOnlyWhatIsSentAndNullClears() async throws {
        try await RunningMock.run { mock in
            let created = try await mock.client.users.createUser(
                body: Fixture.createBody(
                    "pat@example.com", password: "Sup3r-Secret",
                    extra: ["costCenter": "R&D", "badge": 42, "tags": ["a", "b"]])
            ).body
            let id = try #require(created.id)
            // nickName and department are set, nickName and a custom attribute are cleared with explicit nulls;
            // costCenter and department are left alone.
            _ = try await mock.raw(
                "POST", "/api/v1/users/\(id)", body: #"{"profile": {"department": "Sales", "nickName": "Patty"}}"#)
            let cleared = try await mock.raw(
                "POST", "/api/v1/users/\(id)", body: #"{"profile": {"nickName": null, "badge": null, "title": "Boss"}}"#
            )
            #expect(cleared.status == 200)
            let json = try JSONDecoder.okta.decode(JSONValue.self, from: cleared.body)
            let profile = try #require(json["profile"]?.objectValue)
            #expect(profile["department"] == "Sales")
            #expect(profile["nickName"] == .null)
            #expect(profile["badge"] == .null)
            #expect(profile["title"] == "Boss")
            #expect(profile["costCenter"] == "R&D")
            #expect(profile["tags"] == ["a", "b"])
            #expect(profile["firstName"] == "Ann")

            // The spec doesn't let department (nor login, email, employeeNumber, locale) be null.
            let notNullable = try await mock.raw(
                "POST", "/api/v1/users/\(id)",
                body: #"{"profile": {"department": null}, "credentials": {"password": {"hook": null}}}"#)
            #expect(notNullable.status == 400)
            let refusal = try JSONDecoder.okta.decode(OktaError.self, from: notNullable.body)
            #expect(
                refusal.errorCauses.map(\.errorSummary) == [
                    "credentials.password.hook: must not be null", "profile.department: must not be null",
                ])

            let updated = try await mock.client.users.getUser(userId: id).body
            #expect(updated.created == created.created)
            #expect(try #require(updated.lastUpdated) > (created.lastUpdated ?? .distantFuture))
            #expect(updated.passwordChanged.value == created.passwordChanged.value)

            // A typed partial update through the generated client: absent members stay.
            let renamed = try await mock.client.users.updateUser(
                userId: id, body: UpdateUserRequest(profile: UserProfile(lastName: .value("Smith")))
            ).body
            #expect(renamed.profile?.lastName == .value("Smith"))
            #expect(renamed.profile?.firstName == .value("Ann"))
            #expect(renamed.profile?.costCenter == .value("R&D"))
            #expect(renamed.profile?.additionalProperties["tags"] == ["a", "b"])
        }
    }

    @Test func replaceDropsWhatIsNotSent() async throws {
        try await RunningMock.run { mock in
            let id = try #require(
                try await mock.client.users.createUser(
                    body: Fixture.createBody("rep@example.com", extra: ["costCenter": "R&D"])
                ).body.id)
            let replaced = try await mock.client.users.replaceUser(
                userId: id,
                body: UpdateUserRequest(
                    profile: UserProfile(email: "rep@example.com", firstName: .value("Rita"), login: "rep@example.com"),
                    type: UpdateUserRequestType(id: "otyCustom00000000001"))
            ).body
            #expect(replaced.profile?.firstName == .value("Rita"))
            #expect(replaced.profile?.lastName == .absent)
            #expect(replaced.profile?.additionalProperties == [:])
            #expect(replaced.type?.id == "otyCustom00000000001")

            let typeChange = try await expectOktaError {
                try await mock.client.users.updateUser(
                    userId: id, body: UpdateUserRequest(type: UpdateUserRequestType(id: "otyOther000000000001")))
            }
            #expect(
                typeChange.codeAndCauses
                    == "E0000001 | type: the user type can only be changed by replacing the user (PUT)")
            let noLogin = try await expectOktaError {
                try await mock.client.users.replaceUser(userId: id, body: UpdateUserRequest(profile: UserProfile()))
            }
            #expect(noLogin.status == .badRequest)
            #expect(noLogin.codeAndCauses == "E0000001 | login: The field cannot be left blank")
        }
    }

    @Test func validationErrorsNameTheField() async throws {
        try await RunningMock.run { mock in
            let users = mock.client.users
            _ = try await users.createUser(body: Fixture.createBody("dup@example.com"))
            let duplicate = try await expectOktaError {
                try await users.createUser(body: Fixture.createBody("DUP@example.com"))
            }
            #expect(duplicate.status == .badRequest)
            #expect(duplicate.error?.errorSummary == "Api validation failed: login")
            #expect(
                duplicate.codeAndCauses
                    == "E0000001 | login: An object with this field already exists in the current organization")
            let short = try await expectOktaError {
                try await users.createUser(body: Fixture.createBody("a@b", password: "tiny"))
            }
            #expect(
                short.codeAndCauses
                    == "E0000001 | login: must be 5 to 100 characters long | email: must be 5 to 100 characters long"
                    + " | password: Password requirements were not met. Password requirements: at least 8 characters,"
                    + " no parts of your username.")
            let badHash = try await mock.raw(
                "POST", "/api/v1/users?nextLogin=later",
                body: #"{"profile": {"login": "hash@example.com"}, "credentials": {"password": {"hash": {"#
                    + #""algorithm": "ROT13", "workFactor": 40, "value": "x"}}}}"#)
            #expect(badHash.status == 400)
            #expect(
                try JSONDecoder.okta.decode(OktaError.self, from: badHash.body).errorCauses.map(\.errorSummary) == [
                    "credentials.password.hash.algorithm: 'ROT13' is not one of BCRYPT, MD5, PBKDF2, SHA-1, SHA-256, "
                        + "SHA-512",
                    "credentials.password.hash.workFactor: must be between 1 and 20",
                ])
            let badNextLogin = try await mock.raw(
                "POST", "/api/v1/users?nextLogin=later", body: #"{"profile": {"login": "next@example.com"}}"#)
            #expect(
                try JSONDecoder.okta.decode(OktaError.self, from: badNextLogin.body).errorCauses.map(\.errorSummary)
                    == ["nextLogin: 'later' is not one of changePassword"])
            let malformed = try await mock.raw("POST", "/api/v1/users", body: #"{"profile": {"login": "#)
            #expect(malformed.status == 400)
            let body = try JSONDecoder.okta.decode(OktaError.self, from: malformed.body)
            #expect(body.errorCode == "E0000003")
            #expect(body.errorSummary == "The request body was not well-formed.")
        }
    }

    @Test func deprovisionedProfilesCannotChange() async throws {
        try await RunningMock.run { mock in
            let id = try #require(
                try await mock.client.users.createUser(body: Fixture.createBody("dep@example.com")).body.id)
            _ = try await mock.client.userLifecycle.deactivateUser(userId: id)
            let refused = try await expectOktaError {
                try await mock.client.users.updateUser(
                    userId: id, body: UpdateUserRequest(profile: UserProfile(title: .value("X"))))
            }
            #expect(refused.status == .forbidden)
            #expect(refused.codeAndCauses == "E0000038 | status: the user is DEPROVISIONED; activate it first")
        }
    }

    @Test func responsesCanOmitCredentialsAndTheirLinks() async throws {
        try await RunningMock.run { mock in
            let id = try #require(
                try await mock.client.users.createUser(
                    body: Fixture.createBody("om@example.com", password: "Sup3r-Secret")
                ).body.id)
            let user = try await mock.client.users.getUser(
                userId: id, responseOptions: [.omitCredentials, .omitCredentialsLinks]
            ).body
            #expect(user.credentials == nil)
            #expect(linkNames(user.links) == ["deactivate", "expirePassword", "schema", "self", "suspend", "type"])
        }
    }
}
