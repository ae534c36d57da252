import OktaGenConfig
import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI
import Testing

/// API groups are named after the tag's `x-displayName`, or its `group-names` entry (docs/Naming.md, "API groups").
@Suite struct GroupNamesTests {
    /// Four tags shaped like Okta's: a title, a title with a version number, an acronym plural, no title; and a
    /// title of symbols only.
    static let spec = """
        openapi: 3.0.3
        info: {title: Groups, version: '1'}
        tags:
          - {name: UserCred, x-displayName: User Credentials}
          - {name: UserOAuth, x-displayName: User OAuth 2.0 Token Management}
          - {name: CAPTCHA, x-displayName: CAPTCHAs}
          - {name: RoleBTargetBGroup, x-displayName: Group Role Targets}
          - {name: UserLifecycle}
          - {name: Odd, x-displayName: '+++'}
          - {name: Listed, x-displayName: [not, a, string]}
        paths:
          /a:
            get: {tags: [UserCred], operationId: a, responses: {'204': {description: No content.}}}
          /b:
            get: {tags: [UserOAuth], operationId: b, responses: {'204': {description: No content.}}}
          /c:
            get: {tags: [CAPTCHA], operationId: c, responses: {'204': {description: No content.}}}
          /d:
            get: {tags: [RoleBTargetBGroup], operationId: d, responses: {'204': {description: No content.}}}
          /e:
            get: {tags: [UserLifecycle], operationId: e, responses: {'204': {description: No content.}}}
          /f:
            get: {tags: [Odd], operationId: f, responses: {'204': {description: No content.}}}
          /g:
            get: {tags: [Listed], operationId: g, responses: {'204': {description: No content.}}}
        """

    static func model(overrides: [IRNameOverride] = []) throws -> (tags: [IRTag], diagnostics: [String]) {
        let loaded = FixtureSupport.load(bytes: Array(spec.utf8), as: "groups.yaml")
        let resolver = try #require(loaded.resolver, "\(loaded.diagnostics)")
        let model = IRBuilder(resolver: resolver, selection: .all, nameOverrides: overrides).build()
        return (model.tags, resolver.diagnostics.diagnostics.map(FixtureSupport.printed))
    }

    @Test func groupsAreNamedAfterTheTagsTitle() throws {
        let (tags, diagnostics) = try Self.model()
        #expect(diagnostics == [])
        #expect(
            tags.map(\.typeName) == [
                "UserCredentials", "UserOAuthTokenManagement", "CAPTCHAs", "GroupRoleTargets", "UserLifecycle", "Odd",
                "Listed",
            ])
        #expect(
            tags.map(\.propertyName) == [
                "userCredentials", "userOAuthTokenManagement", "captchas", "groupRoleTargets", "userLifecycle", "odd",
                "listed",
            ])
        #expect(tags.first?.name == "UserCred", "the tag stays what --tags selects")
    }

    @Test func titlesBecomeWordsThroughTheNamingLayer() {
        #expect(SwiftNames.groupName(title: "Application SSO")! == ("ApplicationSSO", "applicationSSO"))
        #expect(SwiftNames.groupName(title: "UI Schema")! == ("UISchema", "uiSchema"))
        #expect(SwiftNames.groupName(title: "API v1.1 Tokens")! == ("APITokens", "apiTokens"))
        #expect(SwiftNames.groupName(title: "2FA settings")! == ("2FASettings", "2FASettings"))
        #expect(SwiftNames.groupName(title: "Users; drop table\n/* x */")! == ("UsersDropTableX", "usersDropTableX"))
        #expect(SwiftNames.groupName(title: " . ") == nil)
    }

    @Test func groupNamesOverrideTheTitle() throws {
        let (tags, diagnostics) = try Self.model(overrides: [
            IRNameOverride(group: "UserOAuth", typeName: "UserOAuthTokens"),
            IRNameOverride(group: "UserOAth", typeName: "Tokens"),
            IRNameOverride(group: "UserCred", typeName: "user_credentials"),
            IRNameOverride(schemaName: "UserLifecycle", typeName: "Lifecycle"),
        ])
        #expect(tags.map(\.typeName).prefix(2) == ["UserCredentials", "UserOAuthTokens"])
        #expect(tags.map(\.propertyName)[1] == "userOAuthTokens")
        #expect(tags.map(\.typeName)[4] == "UserLifecycle", "a schema override does not name a group")
        #expect(
            diagnostics.filter { $0.contains("group-names") } == [
                "warning: group-names: no tag is called 'UserOAth'; did you mean 'UserOAuth'?",
                "error: group-names: 'user_credentials' is not an UpperCamel Swift name",
            ])
    }

    @Test func titlesThatGiveOneNameGetNumbers() throws {
        let loaded = FixtureSupport.load(
            bytes: Array(
                """
                openapi: 3.0.3
                info: {title: Groups, version: '1'}
                tags:
                  - {name: A, x-displayName: Users}
                  - {name: Users}
                paths:
                  /a:
                    get: {tags: [A], operationId: a, responses: {'204': {description: No content.}}}
                  /b:
                    get: {tags: [Users], operationId: b, responses: {'204': {description: No content.}}}
                """.utf8), as: "groups.yaml")
        let resolver = try #require(loaded.resolver, "\(loaded.diagnostics)")
        let tags = IRBuilder(resolver: resolver, selection: .all).build().tags
        #expect(tags.map(\.typeName) == ["Users", "Users2"])
        #expect(tags.map(\.propertyName) == ["users", "users2"])
    }

    @Test func theConfigFileReadsGroupNames() throws {
        let config = try GeneratorConfig.parse(
            bytes: Array("group-names:\n  UserOAuth: UserOAuthTokens\n".utf8), path: "oktagen.yaml", directory: ".")
        #expect(config.groupNames?.map(\.schemaName) == ["UserOAuth"])
        #expect(config.groupNames?.map(\.typeName) == ["UserOAuthTokens"])
        #expect(throws: DiagnosticsError.self) {
            try GeneratorConfig.parse(bytes: Array("group-names: [User]\n".utf8), path: "oktagen.yaml", directory: ".")
        }
    }
}
