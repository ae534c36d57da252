import OktaGenConfig
import OktaGenDiagnostics
import OktaGenOpenAPI
import OktaGenPipeline
import Testing

@testable import OktaGenIR

/// Path parameters that name one resource get one label (docs/Naming.md, "Labels").
@Suite struct ResourceLabelsTests {
    /// Okta's mix: `/users/{id}` beside `/users/{userId}`, a collection written only with `{id}`, a name that is
    /// not an identifier (`{appName}`), and a query parameter already called `userId`.
    static let spec = """
        openapi: 3.0.3
        info: {title: Labels, version: '1'}
        paths:
          /api/v1/users/{id}:
            parameters:
              - {name: id, in: path, required: true, description: An ID of an existing user., schema: {type: string}}
            get:
              tags: [User]
              operationId: getUser
              responses: {'204': {description: No content.}}
          /api/v1/users/{id}/lifecycle/activate:
            post:
              tags: [User]
              operationId: activateUser
              parameters:
                - {name: id, in: path, required: true, description: The user's ID or login., schema: {type: string}}
              responses: {'204': {description: No content.}}
          /api/v1/users/{userId}/grants/{grantId}:
            get:
              tags: [User]
              operationId: getUserGrant
              parameters:
                - {name: userId, in: path, required: true, schema: {type: string}}
                - {name: grantId, in: path, required: true, schema: {type: string}}
              responses: {'204': {description: No content.}}
          /api/v1/users/{userId}/sessions:
            delete:
              tags: [User]
              operationId: revokeUserSessions
              parameters:
                - {name: userId, in: path, required: true, schema: {type: string}}
              responses: {'204': {description: No content.}}
          /api/v1/users/{id}/links:
            get:
              tags: [User]
              operationId: listLinks
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
                - {name: userId, in: query, schema: {type: string}}
              responses: {'204': {description: No content.}}
          /api/v1/policies/{id}:
            get:
              tags: [Policy]
              operationId: getPolicy
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses: {'204': {description: No content.}}
          /api/v1/apps/{appName}:
            get:
              tags: [App]
              operationId: getAppByName
              parameters:
                - {name: appName, in: path, required: true, schema: {type: string}}
              responses: {'204': {description: No content.}}
        """

    static func operations(
        _ selection: TagSelection = .all, labels: IRPathLabels = .resource
    ) throws -> [String: IROperation] {
        let loaded = FixtureSupport.load(bytes: Array(spec.utf8), as: "labels.yaml")
        let resolver = try #require(loaded.resolver, "\(loaded.diagnostics)")
        let model = IRBuilder(resolver: resolver, selection: selection, pathLabels: labels).build()
        #expect(!resolver.diagnostics.hasErrors)
        return Dictionary(uniqueKeysWithValues: model.operations.map { ($0.operationId, $0) })
    }

    static func labels(_ operation: IROperation?) -> [String] { operation?.parameters.map(\.swiftName) ?? [] }

    @Test func theUserIsUserIdWhetherThePathSaysIdOrUserId() throws {
        let operations = try Self.operations()
        #expect(Self.labels(operations["getUser"]) == ["userId"])
        #expect(Self.labels(operations["activateUser"]) == ["userId"])
        #expect(Self.labels(operations["getUserGrant"]) == ["userId", "grantId"])
        #expect(Self.labels(operations["revokeUserSessions"]) == ["userId"])
        // The wire keeps the spec's name and template.
        #expect(operations["getUser"]?.parameters.first?.name == "id")
        #expect(operations["getUser"]?.path == "/api/v1/users/{id}")
    }

    @Test func aUsersIdSaysThatOktaTakesALoginToo() throws {
        let operations = try Self.operations()
        #expect(
            operations["getUser"]?.parameters.first?.description
                == "An ID of an existing user. " + IRBuilder.userLoginNote)
        #expect(
            operations["activateUser"]?.parameters.first?.description == "The user's ID or login.",
            "a description that speaks of logins is left as it is")
        #expect(operations["listLinks"]?.parameters.first?.description == nil, "its label stays `id`")
    }

    @Test func aLabelAnotherParameterHasIsNotTaken() throws {
        let operations = try Self.operations()
        #expect(Self.labels(operations["listLinks"]) == ["id", "userId"])
    }

    @Test func aCollectionWrittenOnlyWithIdIsNamedAfterItsSegment() throws {
        let operations = try Self.operations()
        #expect(Self.labels(operations["getPolicy"]) == ["policyId"])
        #expect(Self.labels(operations["getAppByName"]) == ["appName"], "not an identifier: left alone")
    }

    @Test func onlySelectedOperationsCount() throws {
        // `{userId}` paths are not selected: `users` alone still gives `userId`.
        let operations = try Self.operations(.tags(["User"]))
        #expect(Self.labels(operations["getUser"]) == ["userId"])
    }

    @Test func theSpecsNamesWhenTheSettingsSaySo() throws {
        let operations = try Self.operations(labels: .spec)
        #expect(Self.labels(operations["getUser"]) == ["id"])
        #expect(Self.labels(operations["getPolicy"]) == ["id"])
        #expect(operations["getUser"]?.parameters.first?.description == "An ID of an existing user.")
    }

    @Test func theSettingIsAFileKey() throws {
        let file = try ConfigTests.parse("path-labels: spec\n").get()
        #expect(GeneratorSettings(file: file).pathLabels == .spec)
        #expect(GeneratorSettings().pathLabels == .resource)
        #expect(
            ConfigTests.errors("path-labels: ids\n") == [
                "oktagen.yaml:1:14: error: expected 'path-labels' to be one of resource, spec, found 'ids'"
                    + " (at #/path-labels)"
            ])
    }

    @Test func namesOfAlternativesAreNotIdentifiers() {
        #expect(IRBuilder.isIdentifierName("userId"))
        #expect(IRBuilder.isIdentifierName("auth_server_id"))
        #expect(!IRBuilder.isIdentifierName("roleIdOrEncodedRoleId"))
        #expect(!IRBuilder.isIdentifierName("userIdOrLogin"))
        #expect(!IRBuilder.isIdentifierName("id"))
    }

    @Test(arguments: [
        ("users", "user"), ("policies", "policy"), ("addresses", "address"), ("hook-keys", "hook-key"),
        ("status", "status"), ("resources", "resource"), ("boxes", "box"),
    ])
    func singularOfASegment(plural: String, singular: String) {
        #expect(IRBuilder.singular(plural) == singular)
    }
}
