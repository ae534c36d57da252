import Foundation
import OktaGenDiff
import OktaGenIR
import OktaGenOpenAPI
import Testing

/// `oktagen diff`: exact reports on small fixture pairs (`Fixtures/diff`), every format, the exit codes, and the
/// operations added and removed across Okta's real releases (when `OKTA_SPECS_DIR` is set).
@Suite struct DiffTests {
    static let diffDirectory = FixtureSupport.testsDirectory.appendingPathComponent("Fixtures/diff")

    static func model(_ name: String, selection: TagSelection = .all) throws -> IRModel {
        let resolver = try SpecResolver.load(
            path: diffDirectory.appendingPathComponent(name).path, displayPath: name)
        let model = IRBuilder(resolver: resolver, selection: selection).build()
        #expect(!resolver.diagnostics.hasErrors, "\(resolver.diagnostics.errors)")
        return model
    }

    static func diff(_ old: String, _ new: String, selection: TagSelection = .all) throws -> APIDiff {
        ModelDiffer(old: try model(old, selection: selection), new: try model(new, selection: selection)).diff()
    }

    // MARK: Fixture pairs

    @Test func petsReport() throws {
        let diff = try Self.diff("pets-old.yaml", "pets-new.yaml")
        #expect(diff.text == """
            Pets 1.0 → 2.0
            old: pets-old.yaml
            new: pets-new.yaml
            tags: all

            operations: 1 added, 1 removed, 3 changed; schemas: 2 added, 1 removed, 6 changed; 17 breaking changes

            operations added:
              - adoptPet: POST /pets/{id}/adopt

            operations removed:
              - [breaking] deletePet: DELETE /pets/{petId}

            schemas added:
              - Receipt (object)
              - Triangle (object)

            schemas removed:
              - [breaking] Square (object)

            operation listPets (GET /pets):
              - [breaking] parameter 'limit' (query) type changed from 'int32' to 'int64'
              - [breaking] parameter 'owner' (query) added: required string
              - [breaking] parameter 'status' moved from query to header
              - [breaking] parameter 'sort' (query) removed
              - response 404 added
              - response 400 removed

            operation createPet (POST /pets):
              - [breaking] request body is now required
              - request media type 'application/xml' added

            operation getPet (GET /pets/{id}):
              - deprecated
              - [breaking] parameter 'petId' (path) renamed to 'id'
              - parameter 'expand' (query) added: optional string

            schema Category:
              - [breaking] changed from object to enum

            schema ErrorModel:
              - property 'code' added: required string

            schema Labels:
              - [breaking] type changed from '[string]' to '[integer]'

            schema Pet:
              - [breaking] property 'name' is now optional
              - [breaking] property 'species' added: required string
              - [breaking] property 'age' type changed from 'int32' to 'int64'
              - [breaking] property 'nickname' is now nullable
              - property 'color' added: optional string
              - [breaking] property 'tag' removed

            schema PetStatus:
              - enum value 'adopted' added
              - [breaking] enum value 'pending' removed

            schema Shape:
              - variant 'triangle' added
              - [breaking] variant 'square' removed

            """)
        #expect(diff.hasBreakingChanges)
        #expect(diff.addedOperations == ["adoptPet"])
        #expect(diff.removedOperations == ["deletePet"])
    }

    @Test func shopReport() throws {
        let diff = try Self.diff("shop-old.yaml", "shop-new.yaml")
        #expect(diff.text == """
            Shop 1 → 2
            old: shop-old.yaml
            new: shop-new.yaml
            tags: all

            operations: 0 added, 0 removed, 4 changed; schemas: 0 added, 0 removed, 7 changed; 16 breaking changes

            operation createOrder (POST /orders):
              - [breaking] response 200 media type 'text/csv' removed

            operation getOrder (GET /orders/by-id/{id}):
              - [breaking] endpoint changed from 'GET /orders/{id}' to 'GET /orders/by-id/{id}'
              - [breaking] moved from the tag 'Orders' to 'Admin'
              - response 202 added
              - [breaking] response 200 removed

            operation runReport (POST /reports):
              - request body added: optional, application/json

            operation archiveOrders (PUT /archive):
              - [breaking] request body removed

            schema Card:
              - property 'type' added: optional string
              - [breaking] property 'kind' removed

            schema Cash:
              - property 'type' added: optional string
              - [breaking] property 'kind' removed

            schema Invoice:
              - property 'total' is now required
              - property 'currency' is no longer nullable
              - [breaking] additional properties changed from 'string' to none

            schema NewOrder:
              - [breaking] property 'quantity' is now required
              - [breaking] property 'note' is no longer nullable

            schema Order:
              - [breaking] property 'metadata' type changed from '[string: string]' to '[string: integer]'

            schema Payment:
              - [breaking] discriminator changed from 'kind' to 'type'

            schema Priority:
              - [breaking] enum raw type changed from 'integer' to 'string'
              - enum value 'low' added
              - enum value 'high' added
              - [breaking] enum value '1' removed
              - [breaking] enum value '2' removed
              - [breaking] enum value '3' removed

            """)
    }

    @Test func anOperationThatLeavesTheSelectedTagsIsRemoved() throws {
        let diff = try Self.diff("shop-old.yaml", "shop-new.yaml", selection: .tags(["Orders"]))
        #expect(diff.removedOperations == ["getOrder"])
        #expect(diff.summaryLine
            == "operations: 0 added, 1 removed, 3 changed; schemas: 0 added, 0 removed, 7 changed; 14 breaking changes")
    }

    @Test func aSpecComparedWithItselfHasNoChanges() throws {
        let diff = try Self.diff("pets-new.yaml", "pets-new.yaml")
        #expect(diff.changes.isEmpty)
        #expect(!diff.hasBreakingChanges)
        #expect(diff.text.hasSuffix(
            "operations: 0 added, 0 removed, 0 changed; schemas: 0 added, 0 removed, 0 changed; 0 breaking changes\n"))
        #expect(diff.markdown.hasSuffix("No changes.\n"))
    }

    @Test func classificationRules() throws {
        let changes = try Self.diff("pets-old.yaml", "pets-new.yaml").changes
        func breaking(_ kind: APIChange.Kind, _ element: String? = nil) -> [Bool] {
            changes.filter { $0.kind == kind && (element == nil || $0.element == element) }.map(\.breaking)
        }
        #expect(breaking(.operationRemoved) == [true])
        #expect(breaking(.operationAdded) == [false])
        #expect(breaking(.parameterAdded, "owner") == [true])  // required
        #expect(breaking(.parameterAdded, "expand") == [false])  // optional
        #expect(breaking(.propertyRemoved) == [true])
        #expect(breaking(.enumValueRemoved) == [true])
        #expect(breaking(.enumValueAdded) == [false])
        #expect(breaking(.propertyTypeChanged) == [true])
        #expect(breaking(.propertyAdded, "code") == [false])  // required, but only in responses
        #expect(breaking(.responseRemoved) == [false])  // an error response
    }

    @Test func markdownIsFitForAPullRequest() throws {
        let markdown = try Self.diff("pets-old.yaml", "pets-new.yaml").markdown
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(lines.prefix(13)) == [
            "## API changes: Pets 1.0 → 2.0",
            "",
            "Compared `pets-old.yaml` with `pets-new.yaml` for every operation.",
            "",
            "| | Added | Removed | Changed |",
            "|---|---:|---:|---:|",
            "| Operations | 1 | 1 | 3 |",
            "| Schemas | 2 | 1 | 6 |",
            "",
            "**17 breaking changes** for clients:",
            "",
            "- operation `deletePet`: removed (`DELETE /pets/{petId}`)",
            "- operation `listPets`: parameter `limit` (query) type changed from `int32` to `int64`",
        ])
        #expect(lines.contains("### Operations changed (3)"))
        #expect(lines.contains("#### `getPet` `GET /pets/{id}`"))
        #expect(lines.contains("- **breaking:** parameter `petId` (path) renamed to `id`"))
        #expect(lines.contains("- parameter `expand` (query) added: optional string"))
        #expect(lines.contains("### Schemas changed (6)"))
        #expect(lines.contains("- **breaking:** enum value `pending` removed"))
    }

    @Test func jsonCarriesEveryField() throws {
        let diff = try Self.diff("shop-old.yaml", "shop-new.yaml")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(diff.json.utf8)) as? [String: Any])
        #expect(object["breaking"] as? Bool == true)
        #expect((object["tags"] as? [String]) == ["all"])
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary["breaking"] == 16 && summary["operationsChanged"] == 4 && summary["schemasChanged"] == 7)
        let changes = try #require(object["changes"] as? [[String: Any]])
        #expect(changes.count == diff.changes.count)
        let first = try #require(changes.first)
        #expect(first["kind"] as? String == "response-media-type-removed")
        #expect(first["operation"] as? String == "createOrder")
        #expect(first["element"] as? String == "text/csv")
        #expect(first["location"] as? String == "200")
        #expect(first["message"] as? String == "operation 'createOrder': response 200 media type 'text/csv' removed")
    }

    // MARK: The command line

    static func workspace() throws -> URL {
        let folder = try FixtureSupport.makeTemporaryDirectory()
        for name in ["pets-old.yaml", "pets-new.yaml", "shop-old.yaml", "shop-new.yaml"] {
            try FileManager.default.copyItem(
                at: diffDirectory.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        return folder
    }

    @Test func failOnBreakingExitsOneOnlyWhenAChangeBreaks() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let breaking = try FixtureSupport.run(
            ["diff", "pets-old.yaml", "pets-new.yaml", "--tags", "all", "--fail-on-breaking"], in: folder)
        #expect(breaking.status == 1)
        #expect(breaking.standardOutput.hasPrefix("Pets 1.0 → 2.0\n"))
        #expect(breaking.standardError == "")
        let reported = try FixtureSupport.run(["diff", "pets-old.yaml", "pets-new.yaml", "--tags", "all"], in: folder)
        #expect(reported.status == 0)
        let same = try FixtureSupport.run(
            ["diff", "pets-new.yaml", "pets-new.yaml", "--tags", "all", "--fail-on-breaking"], in: folder)
        #expect(same.status == 0)
    }

    @Test(arguments: ["text", "json", "markdown"])
    func everyFormatPrintsTheLibrarysReport(_ format: String) throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try FixtureSupport.run(
            ["diff", "shop-old.yaml", "shop-new.yaml", "--tags", "all", "--format", format], in: folder)
        #expect(result.status == 0)
        let diff = ModelDiffer(
            old: try Self.model("shop-old.yaml"), new: try Self.model("shop-new.yaml")
        ).diff()
        #expect(result.standardOutput == diff.report(try #require(DiffFormat(rawValue: format))))
    }

    @Test func configKeysSetTheFormatAndFailOnBreaking() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("tags: all\nformat: markdown\nfail-on-breaking: true\n".utf8)
            .write(to: folder.appendingPathComponent("oktagen.yaml"))
        let result = try FixtureSupport.run(["diff", "pets-old.yaml", "pets-new.yaml"], in: folder)
        #expect(result.status == 1)
        #expect(result.standardOutput.hasPrefix("## API changes: Pets 1.0 → 2.0\n"))
        let overridden = try FixtureSupport.run(
            ["diff", "pets-old.yaml", "pets-new.yaml", "--no-fail-on-breaking", "--format", "text"], in: folder)
        #expect(overridden.status == 0)
        #expect(overridden.standardOutput.hasPrefix("Pets 1.0 → 2.0\n"))
    }

    @Test func anUnreadableSpecExitsTwo() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = try FixtureSupport.run(["diff", "pets-old.yaml", "nowhere.yaml"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.standardOutput == "")
        #expect(missing.standardError == "error: cannot read 'nowhere.yaml': No such file or directory\n")
        try Data("openapi: 3.0.3\ninfo: [\n".utf8).write(to: folder.appendingPathComponent("broken.yaml"))
        let broken = try FixtureSupport.run(["diff", "broken.yaml", "pets-new.yaml"], in: folder)
        #expect(broken.status == 2)
        #expect(broken.standardError.hasPrefix("broken.yaml:"))
        let badFormat = try FixtureSupport.run(
            ["diff", "pets-old.yaml", "pets-new.yaml", "--format", "html"], in: folder)
        #expect(badFormat.status == 64)
    }

    // MARK: Okta's releases

    static let specsDirectory = ProcessInfo.processInfo.environment["OKTA_SPECS_DIR"].flatMap { $0.isEmpty ? nil : $0 }

    static func release(_ version: String) throws -> IRModel {
        let directory = try #require(specsDirectory)
        let path = directory + "/okta-management-\(version).yaml"
        let resolver = try SpecResolver.load(path: path, displayPath: "okta-management-\(version).yaml")
        return IRBuilder(resolver: resolver, selection: .default).build()
    }

    static func releaseDiff(_ old: String, _ new: String) throws -> APIDiff {
        ModelDiffer(old: try release(old), new: try release(new)).diff()
    }

    @Test(.enabled(if: specsDirectory != nil, "OKTA_SPECS_DIR is not set: skipping the diffs of Okta's releases"))
    func from2024_06_1To2025_08_0() throws {
        let diff = try Self.releaseDiff("2024.06.1", "2025.08.0")
        #expect(diff.addedOperations.sorted()
            == ["endUserSessions", "expirePasswordWithTempPassword", "listUserDevices", "resetPassword"])
        #expect(diff.removedOperations.sorted() == [
            "deleteLinkedObjectForUser", "expirePasswordAndGetTemporaryPassword", "generateResetPasswordToken",
            "listLinkedObjectsForUser", "listUserIdentityProviders", "replaceLinkedObjectForUser",
        ])
        #expect(diff.hasBreakingChanges)
        // The path variable `userId` became `id`: the same URLs, another argument label.
        #expect(diff.changes.contains {
            $0.kind == .parameterRenamed && $0.operation == "getUser" && $0.old == "userId" && $0.new == "id"
        })
        #expect(!diff.changes.contains { $0.kind == .operationEndpointChanged && $0.operation == "getUser" })
    }

    @Test(.enabled(if: specsDirectory != nil, "OKTA_SPECS_DIR is not set: skipping the diffs of Okta's releases"))
    func from2025_08_0To2026_06_2() throws {
        let diff = try Self.releaseDiff("2025.08.0", "2026.06.2")
        #expect(diff.addedOperations == [])
        #expect(diff.removedOperations == ["endUserSessions"])
    }

    @Test(.enabled(if: specsDirectory != nil, "OKTA_SPECS_DIR is not set: skipping the diffs of Okta's releases"))
    func from2026_06_2To2026_06_3() throws {
        let diff = try Self.releaseDiff("2026.06.2", "2026.06.3")
        #expect(diff.addedOperations == [])
        #expect(diff.removedOperations == [])
    }

    @Test(.enabled(if: specsDirectory != nil, "OKTA_SPECS_DIR is not set: skipping the diffs of Okta's releases"))
    func theCommandLineReportsTheSameOperations() throws {
        let directory = try #require(Self.specsDirectory)
        let folder = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try FixtureSupport.run(
            [
                "diff", directory + "/okta-management-2025.08.0.yaml", directory + "/okta-management-2026.06.2.yaml",
                "--format", "json", "--fail-on-breaking",
            ], in: folder)
        #expect(result.status == 1)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let changes = try #require(object["changes"] as? [[String: Any]])
        let removed = changes.filter { $0["kind"] as? String == "operation-removed" }
            .compactMap { $0["operation"] as? String }
        #expect(removed == ["endUserSessions"])
    }
}
