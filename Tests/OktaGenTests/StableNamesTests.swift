import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI
import Testing

/// Type names do not depend on schemas the selected operations do not reach (docs/Naming.md, "Names do not depend on
/// what is not selected"), and `name-overrides` chooses the rest.
@Suite struct StableNamesTests {
    /// A spec shaped like Okta's: the users' `tempPassword` beside an unrelated `TempPassword`, an inline
    /// `User.type` beside an unrelated `UserType`, and a discriminated base whose subtypes only `allOf` names.
    static let spec = """
        openapi: 3.0.3
        info: {title: Names, version: '1'}
        paths:
          /users/{id}:
            get:
              tags: [User]
              operationId: getUser
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                '200':
                  description: The user.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/User'}
                      example: {$ref: '#/components/schemas/UserType'}
          /users/{id}/expire:
            post:
              tags: [User]
              operationId: expirePassword
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                '200':
                  description: The temporary password.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/tempPassword'}
          /factors:
            get:
              tags: [Factor]
              operationId: listFactors
              responses:
                '200':
                  description: Factors.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Factor'}
          /types:
            get:
              tags: [UserType]
              operationId: listUserTypes
              responses:
                '200':
                  description: Types and passwords.
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          type: {$ref: '#/components/schemas/UserType'}
                          password: {$ref: '#/components/schemas/TempPassword'}
        components:
          schemas:
            TempPassword:
              type: object
              properties:
                password: {type: string}
            User:
              type: object
              properties:
                id: {type: string}
                type:
                  type: object
                  properties:
                    id: {type: string}
            UserType:
              type: object
              properties:
                name: {type: string}
            Decoy:
              type: object
            Factor:
              type: object
              properties:
                kind: {type: string}
              discriminator:
                propertyName: kind
            SmsFactor:
              allOf:
                - {$ref: '#/components/schemas/Factor'}
                - type: object
                  properties:
                    phone: {type: string}
            tempPassword:
              type: object
              properties:
                tempPassword: {type: string}
        """

    static func model(
        _ selection: TagSelection, overrides: [IRNameOverride] = []
    ) throws -> (names: [String: String], diagnostics: [String]) {
        let loaded = FixtureSupport.load(bytes: Array(spec.utf8), as: "stable-names.yaml")
        let resolver = try #require(loaded.resolver, "\(loaded.diagnostics)")
        let model = IRBuilder(resolver: resolver, selection: selection, nameOverrides: overrides).build()
        var names: [String: String] = [:]
        for type in model.types { names[type.schemaName ?? type.name] = type.name }
        return (names, resolver.diagnostics.diagnostics.map(FixtureSupport.printed))
    }

    @Test func schemasThatAreNotSelectedTakeNoName() throws {
        let (names, _) = try Self.model(.tags(["User"]))
        #expect(names["tempPassword"] == "TempPassword")
        #expect(names["UserType"] == "UserType", "the inline `User.type`: a `$ref` in an example is data")
        #expect(names["TempPassword"] == nil)
        #expect(Set(names.values) == ["User", "UserType", "TempPassword"])
    }

    @Test func reachedSchemasClaimFirstInTheirIdiomaticForm() throws {
        let (names, _) = try Self.model(.all)
        #expect(names["TempPassword"] == "TempPassword")
        #expect(names["tempPassword"] == "TempPassword2")
        #expect(names["UserType"] == "UserType", "the component, before the inline `User.type`")
        #expect(Set(names.values).contains("UserType2"))
    }

    @Test func subtypesOfADiscriminatedBaseAreReached() throws {
        let (names, _) = try Self.model(.tags(["Factor"]))
        #expect(names["SmsFactor"] == "SmsFactor")
        #expect(names["Factor"] == "Factor")
    }

    @Test func overridesNameSchemasFirst() throws {
        let overrides = [
            IRNameOverride(schemaName: "tempPassword", typeName: "TemporaryPassword"),
            IRNameOverride(schemaName: "User", typeName: "UserType"),
        ]
        let (names, diagnostics) = try Self.model(.all, overrides: overrides)
        #expect(diagnostics.filter { $0.contains("name-overrides") }.isEmpty)
        #expect(names["tempPassword"] == "TemporaryPassword")
        #expect(names["TempPassword"] == "TempPassword")
        #expect(names["User"] == "UserType")
        #expect(names["UserType"] == "UserType2", "an override outranks the schema the name comes from")
    }

    @Test func aWrongOverrideIsLocatedInTheSettings() throws {
        let location = SourceLocation(file: "oktagen.yaml", line: 3, column: 17)
        let (_, diagnostics) = try Self.model(
            .all,
            overrides: [
                IRNameOverride(
                    schemaName: "Factr", typeName: "Temp", location: location, pointer: "#/name-overrides/a"),
                IRNameOverride(
                    schemaName: "User", typeName: "String", location: location, pointer: "#/name-overrides/b"),
                IRNameOverride(schemaName: "UserType", typeName: "Kind", location: location),
                IRNameOverride(schemaName: "Decoy", typeName: "Kind", location: location),
                IRNameOverride(schemaName: "Factor", typeName: "Two Words", location: location),
            ])
        let messages = diagnostics.filter { $0.contains("name-overrides") }
        #expect(
            messages == [
                "oktagen.yaml:3:17: warning: name-overrides: no component schema is called 'Factr'; did you mean"
                    + " 'Factor'? (at #/name-overrides/a)",
                "oktagen.yaml:3:17: error: name-overrides: 'String' cannot name 'User': generated code uses that name"
                    + " (at #/name-overrides/b)",
                "oktagen.yaml:3:17: error: name-overrides: 'Kind' cannot name 'Decoy': another override takes it",
                "oktagen.yaml:3:17: error: name-overrides: 'Two Words' is not a Swift type name",
            ])
    }
}

/// Okta's names that read badly in Swift get better ones (docs/Naming.md, "Better names than the spec's").
@Suite struct IdiomaticTypeNameTests {
    static func names(_ extra: String = "", overrides: [IRNameOverride] = []) throws -> Set<String> {
        let spec = """
            openapi: 3.0.3
            info: {title: Names, version: '1'}
            paths:
              /users/{id}:
                get:
                  operationId: getUser
                  parameters:
                    - {name: id, in: path, required: true, schema: {type: string}}
                  responses:
                    '200':
                      description: The user.
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/UserGetSingleton'}
            components:
              schemas:
                UserGetSingleton:
                  type: object
                  properties:
                    _embedded: {type: object, properties: {blocks: {type: array, items: {type: string}}}}
            \(extra)
            """
        let loaded = FixtureSupport.load(bytes: Array(spec.utf8), as: "idiomatic.yaml")
        let resolver = try #require(loaded.resolver, "\(loaded.diagnostics)")
        return Set(IRBuilder(resolver: resolver, selection: .all, nameOverrides: overrides).build().types.map(\.name))
    }

    @Test func userGetSingletonIsExpandedUser() throws {
        #expect(try Self.names() == ["ExpandedUser", "ExpandedUserEmbedded"])
    }

    @Test func aSchemaOfThatNameOrAnOverrideKeepsItsWay() throws {
        #expect(try Self.names("    ExpandedUser: {type: string}").contains("UserGetSingleton"))
        let overridden = try Self.names(overrides: [IRNameOverride(schemaName: "UserGetSingleton", typeName: "Person")])
        #expect(overridden.contains("Person"))
    }
}
