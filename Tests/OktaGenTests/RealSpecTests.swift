import Foundation
import OktaGenConfig
import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI
import OktaGenTestSupport
import Testing

/// Tests over Okta's published specs, read by path from `OKTA_SPEC` and `OKTA_SPECS_DIR` (never copied into the
/// repository). Skipped, with that reason shown, when the variables are not set.
@Suite struct RealSpecTests {
    static let environment = ProcessInfo.processInfo.environment
    static let currentSpec = environment["OKTA_SPEC"].flatMap { $0.isEmpty ? nil : $0 }
    static let specsDirectory = environment["OKTA_SPECS_DIR"].flatMap { $0.isEmpty ? nil : $0 }

    static let defaultSpecPath = GoldenSupport.testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("specs/okta-users.yaml").path

    @Test(.enabled(if: currentSpec != nil, "OKTA_SPEC is not set: skipping the test over Okta's current spec"))
    func currentSpecHas36UserOperationsIn7Tags() throws {
        let resolver = try SpecResolver.load(path: try #require(Self.currentSpec))
        let model = IRBuilder(resolver: resolver, selection: .tags(GeneratorConfig.defaultTags)).build()
        #expect(!resolver.diagnostics.hasErrors)
        #expect(model.operations.count == 36)
        let counts = Dictionary(grouping: model.operations, by: \.tag).mapValues(\.count)
        #expect(
            counts == [
                "User": 7, "UserLifecycle": 7, "UserCred": 7, "UserGrant": 6, "UserOAuth": 4, "UserResources": 4,
                "UserSessions": 1,
            ])
        #expect(model.types.contains { $0.name == "User" })
        #expect(model.types.contains { $0.name == "UserStatus" })
    }

    @Test(.enabled(if: currentSpec != nil, "OKTA_SPEC is not set: skipping the test over Okta's current spec"))
    func currentSpecWithAllTagsHas732Operations() throws {
        let resolver = try SpecResolver.load(path: try #require(Self.currentSpec))
        let model = IRBuilder(resolver: resolver, selection: .all).build()
        #expect(!resolver.diagnostics.hasErrors, "\(resolver.diagnostics.errors)")
        #expect(model.operations.count == 732)
        #expect(Set(model.operations.map(\.swiftName)).count == 732)
        #expect(Set(model.types.map(\.name)).count == model.types.count)
    }

    @Test(.enabled(if: currentSpec != nil, "OKTA_SPEC is not set: skipping the test over Okta's current spec"))
    func currentSpecDefectsAreWarningsNotErrors() throws {
        let resolver = try SpecResolver.load(path: try #require(Self.currentSpec))
        resolver.validateAll()
        #expect(resolver.diagnostics.errors.isEmpty, "\(resolver.diagnostics.errors)")
        let warnings = resolver.diagnostics.warnings.map(\.message)
        #expect(warnings.contains { $0.hasPrefix("path parameter 'id' is not marked 'required: true'") })
        _ = IRBuilder(resolver: resolver, selection: .tags(GeneratorConfig.defaultTags)).build()
        #expect(resolver.diagnostics.warnings.contains { $0.message.contains("mentions `ACTIVATING`") })
    }

    @Test(
        .enabled(if: specsDirectory != nil, "OKTA_SPECS_DIR is not set: skipping the tests over every Okta release"),
        arguments: [
            ("okta-management-2024.06.1.yaml", 39), ("okta-management-2025.08.0.yaml", 37),
            ("okta-management-2026.06.2.yaml", 36), ("okta-management-2026.06.3.yaml", 36),
        ])
    func everyReleaseParses(file: String, userOperations: Int) throws {
        let path = try #require(Self.specsDirectory) + "/" + file
        let resolver = try SpecResolver.load(path: path)
        let model = IRBuilder(resolver: resolver, selection: .tags(GeneratorConfig.defaultTags)).build()
        #expect(!resolver.diagnostics.hasErrors, "\(resolver.diagnostics.errors)")
        #expect(model.operations.count == userOperations)
    }

    @Test(.enabled(if: currentSpec != nil, "OKTA_SPEC is not set: skipping the comparison with Okta's current spec"))
    func defaultSpecListsTheSameOperationsAsTheRealOne() throws {
        let real = IRBuilder(
            resolver: try SpecResolver.load(path: try #require(Self.currentSpec)),
            selection: .tags(GeneratorConfig.defaultTags)
        ).build()
        let ours = IRBuilder(
            resolver: try SpecResolver.load(path: Self.defaultSpecPath), selection: .tags(GeneratorConfig.defaultTags)
        ).build()
        func signature(_ model: IRModel) -> [String] {
            model.operations.map { "\($0.operationId) \($0.tag) \($0.method) \($0.path)" }.sorted()
        }
        #expect(signature(ours) == signature(real))
        #expect(ours.operations.count == 36)
    }

    @Test func defaultSpecIsCleanAndComplete() throws {
        let resolver = try SpecResolver.load(path: Self.defaultSpecPath)
        resolver.validateAll()
        #expect(resolver.diagnostics.errors.isEmpty)
        let model = IRBuilder(resolver: resolver, selection: .tags(GeneratorConfig.defaultTags)).build()
        #expect(model.operations.count == 36)
        #expect(model.tags.map(\.name).sorted() == GeneratorConfig.defaultTags.sorted())
    }
}
