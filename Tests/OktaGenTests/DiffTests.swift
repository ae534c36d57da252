import Foundation
import OktaGenConfig
import OktaGenDiff
import OktaGenIR
import OktaGenOpenAPI
import Testing

/// `oktagen diff`: exact reports on small fixture pairs (`Fixtures/diff`), every format, the exit codes, and the
/// operations added and removed across Okta's real releases (when `OKTA_SPECS_DIR` is set).
@Suite struct DiffTests {
    static let diffDirectory = FixtureSupport.testsDirectory.appendingPathComponent("Fixtures/diff")

    /// The IR of a fixture. Labels are the spec's own (`path-labels: spec`) unless asked: the fixtures and the release
    /// lists below pin how the differ reports a path variable's rename in Swift terms, which the resource rule (the
    /// default, docs/Naming.md) mostly makes a same-label change; `DiffSwiftTermsTests` checks that default too.
    static func model(
        _ name: String, selection: TagSelection = .all, pathLabels: IRPathLabels = .spec
    ) throws -> IRModel {
        let resolver = try SpecResolver.load(
            path: diffDirectory.appendingPathComponent(name).path, displayPath: name)
        let model = IRBuilder(resolver: resolver, selection: selection, pathLabels: pathLabels).build()
        #expect(!resolver.diagnostics.hasErrors, "\(resolver.diagnostics.errors)")
        return model
    }

    static func diff(_ old: String, _ new: String, selection: TagSelection = .all) throws -> APIDiff {
        ModelDiffer(old: try model(old, selection: selection), new: try model(new, selection: selection)).diff()
    }

    // MARK: Fixture pairs

    @Test func petsReport() throws {
        let diff = try Self.diff("pets-old.yaml", "pets-new.yaml")
        #expect(
            diff.text == """
                Pets 1.0 → 2.0
                old: pets-old.yaml
                new: pets-new.yaml
                tags: all

                operations: 1 added, 1 removed, 3 changed; schemas: 2 added, 1 removed, 6 changed; 17 breaking changes
                in Swift: 19 source-breaking, 3 behaviour-changing, 7 additive

                operations added:
                  - [INFO] adoptPet: POST /pets/{id}/adopt
                      PetsAPI.adoptPet(id:): additive; new method `PetsAPI.adoptPet(id:)` [- → pets-new.yaml:59:7]

                operations removed:
                  - [ERR] [breaking] deletePet: DELETE /pets/{petId}
                      PetsAPI.deletePet(petId:): source-breaking; `PetsAPI.deletePet(petId:)` is gone: find the endpoint that replaces it [pets-old.yaml:53:7 → -]

                schemas added:
                  - [INFO] Receipt (object)
                      Receipt: additive; new type `Receipt` [- → pets-new.yaml:110:7]
                  - [INFO] Triangle (object)
                      Triangle: additive; new type `Triangle` [- → pets-new.yaml:122:7]

                schemas removed:
                  - [ERR] [breaking] Square (object)
                      Square: source-breaking; `Square` is gone: use the type that replaces it [pets-old.yaml:107:7 → -]

                operation listPets (GET /pets):
                  - [ERR] [breaking] parameter 'limit' (query) type changed from 'int32' to 'int64'
                      PetsAPI.listPets(limit:owner:status:) (was PetsAPI.listPets(limit:sort:status:)): source-breaking; pass `limit:` as `int64` [pets-old.yaml:13:11 → pets-new.yaml:13:11]
                  - [ERR] [breaking] parameter 'owner' (query) added: required string
                      PetsAPI.listPets(limit:owner:status:) (was PetsAPI.listPets(limit:sort:status:)): source-breaking; pass the new required argument `owner:` [pets-old.yaml:10:7 → pets-new.yaml:14:11]
                  - [WARN] [breaking] parameter 'status' moved from query to header
                      PetsAPI.listPets(limit:owner:status:) (was PetsAPI.listPets(limit:sort:status:)): behaviour-changing; same label, now sent in the header [pets-old.yaml:15:11 → pets-new.yaml:15:11]
                  - [ERR] [breaking] parameter 'sort' (query) removed
                      PetsAPI.listPets(limit:owner:status:) (was PetsAPI.listPets(limit:sort:status:)): source-breaking; drop the argument `sort:` from calls [pets-old.yaml:14:11 → pets-new.yaml:10:7]
                  - [WARN] response 404 added
                      PetsAPI.listPets(limit:owner:status:) (was PetsAPI.listPets(limit:sort:status:)): behaviour-changing; the server may answer 404 [pets-old.yaml:10:7 → pets-new.yaml:10:7]
                  - [WARN] response 400 removed
                      PetsAPI.listPets(limit:owner:status:) (was PetsAPI.listPets(limit:sort:status:)): behaviour-changing; the server no longer answers 400 [pets-old.yaml:10:7 → pets-new.yaml:10:7]

                operation createPet (POST /pets):
                  - [ERR] [breaking] request body is now required
                      PetsAPI.createPet(body:): source-breaking; the argument `body:` is now required [pets-old.yaml:28:7 → pets-new.yaml:28:7]
                  - [INFO] request media type 'application/xml' added
                      PetsAPI.createPet(body:): additive; the server accepts another media type [pets-old.yaml:28:7 → pets-new.yaml:28:7]

                operation getPet (GET /pets/{id}):
                  - [INFO] deprecated
                      PetsAPI.getPet(id:expand:) (was PetsAPI.getPet(petId:)): additive; deprecated: plan to move off `PetsAPI.getPet(id:expand:)` [pets-old.yaml:42:7 → pets-new.yaml:45:7]
                  - [ERR] [breaking] parameter 'petId' (path) renamed to 'id'
                      PetsAPI.getPet(id:expand:) (was PetsAPI.getPet(petId:)): source-breaking; rename the argument label `petId:` to `id:` [pets-old.yaml:45:11 → pets-new.yaml:49:11]
                  - [INFO] parameter 'expand' (query) added: optional string
                      PetsAPI.getPet(id:expand:) (was PetsAPI.getPet(petId:)): additive; new optional argument `expand:` (defaults to nil) [pets-old.yaml:42:7 → pets-new.yaml:50:11]

                schema Category:
                  - [ERR] [breaking] changed from object to enum
                      Category: source-breaking; `Category` is now an enum: rewrite its uses [pets-old.yaml:88:7 → pets-new.yaml:98:7]

                schema ErrorModel:
                  - [ERR] property 'code' added: required string
                      ErrorModel.code: source-breaking; pass `code:` where you create `ErrorModel` [- → pets-new.yaml:107:9]

                schema Labels:
                  - [ERR] [breaking] type changed from '[string]' to '[integer]'
                      Labels: source-breaking; `Labels` is now `[integer]` [pets-old.yaml:92:7 → pets-new.yaml:101:7]

                schema Pet:
                  - [ERR] [breaking] property 'name' is now optional
                      Pet.name: source-breaking; `Pet.name` is now optional: unwrap it [pets-old.yaml:77:9 → pets-new.yaml:86:9]
                  - [ERR] [breaking] property 'species' added: required string
                      Pet.species: source-breaking; pass `species:` where you create `Pet` [- → pets-new.yaml:87:9]
                  - [ERR] [breaking] property 'age' type changed from 'int32' to 'int64'
                      Pet.age: source-breaking; `Pet.age` is now `int64` [pets-old.yaml:79:9 → pets-new.yaml:88:9]
                  - [ERR] [breaking] property 'nickname' is now nullable
                      Pet.nickname: source-breaking; `Pet.nickname` may now be null: handle it [pets-old.yaml:80:9 → pets-new.yaml:89:9]
                  - [INFO] property 'color' added: optional string
                      Pet.color: additive; new optional property `Pet.color` [- → pets-new.yaml:90:9]
                  - [ERR] [breaking] property 'tag' removed
                      Pet.tag: source-breaking; stop using `Pet.tag` [pets-old.yaml:78:9 → -]

                schema PetStatus:
                  - [ERR] enum value 'adopted' added
                      PetStatus.adopted: source-breaking; new case `PetStatus.adopted`: add it to exhaustive switches over `PetStatus` (or switch with `default:`) [pets-old.yaml:85:7 → pets-new.yaml:95:7]
                  - [ERR] [breaking] enum value 'pending' removed
                      PetStatus.pending: source-breaking; the case `PetStatus.pending` is gone: the value now decodes as `.unknown` [pets-old.yaml:85:7 → pets-new.yaml:95:7]

                schema Shape:
                  - [ERR] variant 'triangle' added
                      Shape.triangle: source-breaking; new variant `Shape.triangle`: add it to exhaustive switches over `Shape` [pets-old.yaml:99:7 → pets-new.yaml:114:7]
                  - [ERR] [breaking] variant 'square' removed
                      Shape.square: source-breaking; the variant `Shape.square` is gone [pets-old.yaml:99:7 → pets-new.yaml:114:7]

                """)
        #expect(diff.hasBreakingChanges)
        #expect(diff.addedOperations == ["adoptPet"])
        #expect(diff.removedOperations == ["deletePet"])
    }

    @Test func shopReport() throws {
        let diff = try Self.diff("shop-old.yaml", "shop-new.yaml")
        #expect(
            diff.text == """
                Shop 1 → 2
                old: shop-old.yaml
                new: shop-new.yaml
                tags: all

                operations: 0 added, 0 removed, 4 changed; schemas: 0 added, 0 removed, 7 changed; 15 breaking changes
                in Swift: 14 source-breaking, 4 behaviour-changing, 5 additive

                operation createOrder (POST /orders):
                  - [WARN] [breaking] response 200 media type 'text/csv' removed
                      OrdersAPI.createOrder(body:): behaviour-changing; the server no longer answers text/csv [shop-old.yaml:11:7 → shop-new.yaml:11:7]

                operation getOrder (GET /orders/by-id/{id}):
                  - [ERR] [breaking] endpoint changed from 'GET /orders/{id}' to 'GET /orders/by-id/{id}'; moved from the tag 'Orders' to 'Admin'
                      AdminAPI.getOrder(id:) (was OrdersAPI.getOrder(id:)): source-breaking; call `AdminAPI.getOrder(id:)` instead of `OrdersAPI.getOrder(id:)` (or generate the deprecated shim: `oktagen diff --emit-shims`) [shop-old.yaml:28:7 → shop-new.yaml:26:7]
                  - [WARN] response 202 added
                      AdminAPI.getOrder(id:) (was OrdersAPI.getOrder(id:)): behaviour-changing; the server may answer 202 [shop-old.yaml:28:7 → shop-new.yaml:26:7]
                  - [WARN] [breaking] response 200 removed
                      AdminAPI.getOrder(id:) (was OrdersAPI.getOrder(id:)): behaviour-changing; the server no longer answers 200 [shop-old.yaml:28:7 → shop-new.yaml:26:7]

                operation runReport (POST /reports):
                  - [INFO] request body added: optional, application/json
                      OrdersAPI.runReport(body:) (was OrdersAPI.runReport()): additive; new optional argument `body:` [shop-old.yaml:40:7 → shop-new.yaml:35:7]

                operation archiveOrders (PUT /archive):
                  - [ERR] [breaking] request body removed
                      OrdersAPI.archiveOrders() (was OrdersAPI.archiveOrders(body:)): source-breaking; drop the argument `body:` from calls [shop-old.yaml:50:7 → shop-new.yaml:49:7]

                schema Card:
                  - [INFO] property 'type' added: optional string
                      Card.type: additive; new optional property `Card.type` [- → shop-new.yaml:90:9]
                  - [ERR] [breaking] property 'kind' removed
                      Card.kind: source-breaking; stop using `Card.kind` [shop-old.yaml:95:9 → -]

                schema Cash:
                  - [INFO] property 'type' added: optional string
                      Cash.type: additive; new optional property `Cash.type` [- → shop-new.yaml:95:9]
                  - [ERR] [breaking] property 'kind' removed
                      Cash.kind: source-breaking; stop using `Cash.kind` [shop-old.yaml:100:9 → -]

                schema Invoice:
                  - [ERR] property 'total' is now required
                      Invoice.total: source-breaking; `Invoice.total` is no longer optional: drop `?`/`if let` on it, pass it when creating `Invoice` [shop-old.yaml:80:9 → shop-new.yaml:76:9]
                  - [ERR] property 'currency' is no longer nullable
                      Invoice.currency: source-breaking; `Invoice.currency` is no longer null [shop-old.yaml:81:9 → shop-new.yaml:77:9]
                  - [ERR] [breaking] additional properties changed from 'string' to none
                      Invoice: source-breaking; `Invoice.additionalProperties` changed: `none` [shop-old.yaml:78:7 → shop-new.yaml:73:7]

                schema NewOrder:
                  - [ERR] [breaking] property 'quantity' is now required
                      NewOrder.quantity: source-breaking; `NewOrder.quantity` is no longer optional: drop `?`/`if let` on it, pass it when creating `NewOrder` [shop-old.yaml:66:9 → shop-new.yaml:61:9]
                  - [ERR] [breaking] property 'note' is no longer nullable
                      NewOrder.note: source-breaking; `NewOrder.note` is no longer null [shop-old.yaml:67:9 → shop-new.yaml:62:9]

                schema Order:
                  - [ERR] [breaking] property 'metadata' type changed from '[string: string]' to '[string: integer]'
                      Order.metadata: source-breaking; `Order.metadata` is now `[string: integer]` [shop-old.yaml:74:9 → shop-new.yaml:69:9]

                schema Payment:
                  - [WARN] [breaking] discriminator changed from 'kind' to 'type'
                      Payment: behaviour-changing; `Payment` is told apart by another property on the wire [shop-old.yaml:87:7 → shop-new.yaml:82:7]

                schema Priority:
                  - [ERR] [breaking] enum raw type changed from 'integer' to 'string'
                      Priority: source-breaking; `Priority`'s raw values are now string [shop-old.yaml:84:7 → shop-new.yaml:79:7]
                  - [INFO] enum value 'low' added
                      Priority.low: additive; new case `Priority.low` [shop-old.yaml:84:7 → shop-new.yaml:79:7]
                  - [INFO] enum value 'high' added
                      Priority.high: additive; new case `Priority.high` [shop-old.yaml:84:7 → shop-new.yaml:79:7]
                  - [ERR] [breaking] enum value '1' removed
                      Priority.value1: source-breaking; the case `Priority.value1` is gone: the value now decodes as `.unknown` [shop-old.yaml:84:7 → shop-new.yaml:79:7]
                  - [ERR] [breaking] enum value '2' removed
                      Priority.value2: source-breaking; the case `Priority.value2` is gone: the value now decodes as `.unknown` [shop-old.yaml:84:7 → shop-new.yaml:79:7]
                  - [ERR] [breaking] enum value '3' removed
                      Priority.value3: source-breaking; the case `Priority.value3` is gone: the value now decodes as `.unknown` [shop-old.yaml:84:7 → shop-new.yaml:79:7]

                """)
    }

    @Test func anOperationThatLeavesTheSelectedTagsIsRemoved() throws {
        let diff = try Self.diff("shop-old.yaml", "shop-new.yaml", selection: .tags(["Orders"]))
        #expect(diff.removedOperations == ["getOrder"])
        #expect(
            diff.summaryLine
                == "operations: 0 added, 1 removed, 3 changed; schemas: 0 added, 0 removed, 7 changed; 14 breaking changes"
        )
    }

    @Test func aSpecComparedWithItselfHasNoChanges() throws {
        let diff = try Self.diff("pets-new.yaml", "pets-new.yaml")
        #expect(diff.changes.isEmpty)
        #expect(!diff.hasBreakingChanges)
        #expect(
            diff.text.hasSuffix(
                "operations: 0 added, 0 removed, 0 changed; schemas: 0 added, 0 removed, 0 changed; 0 breaking changes\n"
                    + "in Swift: 0 source-breaking, 0 behaviour-changing, 0 additive\n"))
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
        #expect(
            Array(lines.prefix(13)) == [
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
                "- operation `deletePet`: removed (`DELETE /pets/{petId}`) — ERR source-breaking `PetsAPI.deletePet(petId:)`:"
                    + " `PetsAPI.deletePet(petId:)` is gone: find the endpoint that replaces it",
                "- operation `listPets`: parameter `limit` (query) type changed from `int32` to `int64` — ERR source-breaking"
                    + " `PetsAPI.listPets(limit:owner:status:)` (was `PetsAPI.listPets(limit:sort:status:)`): pass `limit:` as"
                    + " `int64`",
            ])
        #expect(lines.contains("### Operations changed (3)"))
        #expect(lines.contains("#### `getPet` `GET /pets/{id}`"))
        #expect(
            lines.contains(
                "- **breaking:** parameter `petId` (path) renamed to `id` — ERR source-breaking `PetsAPI.getPet(id:expand:)`"
                    + " (was `PetsAPI.getPet(petId:)`): rename the argument label `petId:` to `id:`"))
        #expect(
            lines.contains(
                "- parameter `expand` (query) added: optional string — INFO additive `PetsAPI.getPet(id:expand:)` (was"
                    + " `PetsAPI.getPet(petId:)`): new optional argument `expand:` (defaults to nil)"))
        #expect(lines.contains("### Schemas changed (6)"))
        #expect(
            lines.contains(
                "- **breaking:** enum value `pending` removed — ERR source-breaking `PetStatus.pending`: the case"
                    + " `PetStatus.pending` is gone: the value now decodes as `.unknown`"))
    }

    @Test func jsonCarriesEveryField() throws {
        let diff = try Self.diff("shop-old.yaml", "shop-new.yaml")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(diff.json.utf8)) as? [String: Any])
        #expect(object["breaking"] as? Bool == true)
        #expect((object["tags"] as? [String]) == ["all"])
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary["breaking"] == 15 && summary["operationsChanged"] == 4 && summary["schemasChanged"] == 7)
        let changes = try #require(object["changes"] as? [[String: Any]])
        #expect(changes.count == diff.changes.count)
        let first = try #require(changes.first)
        #expect(first["kind"] as? String == "response-media-type-removed")
        #expect(first["operation"] as? String == "createOrder")
        #expect(first["element"] as? String == "text/csv")
        #expect(first["location"] as? String == "200")
        #expect(first["message"] as? String == "operation 'createOrder': response 200 media type 'text/csv' removed")
        // The endpoint moved with its tag: one change, the tag move under its `includes`, classified too.
        let moved = try #require(changes.first { $0["kind"] as? String == "operation-endpoint-changed" })
        let included = try #require(moved["includes"] as? [[String: Any]])
        #expect(included.map { $0["kind"] as? String } == ["operation-group-changed"])
        #expect(
            included.first?["impact"] as? String == "source-breaking" && moved["impact"] as? String == "source-breaking"
        )
        #expect(!changes.contains { $0["kind"] as? String == "operation-group-changed" })
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
        // The command's default labels are the resource rule's.
        let diff = ModelDiffer(
            old: try Self.model("shop-old.yaml", pathLabels: .resource),
            new: try Self.model("shop-new.yaml", pathLabels: .resource)
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
            ["diff", "pets-old.yaml", "pets-new.yaml", "--format", "yaml"], in: folder)
        #expect(badFormat.status == 64)
    }

    // MARK: Okta's releases

    static let specsDirectory = ProcessInfo.processInfo.environment["OKTA_SPECS_DIR"].flatMap { $0.isEmpty ? nil : $0 }

    static func release(_ version: String) throws -> IRModel {
        let directory = try #require(specsDirectory)
        let path = directory + "/okta-management-\(version).yaml"
        let resolver = try SpecResolver.load(path: path, displayPath: "okta-management-\(version).yaml")
        return IRBuilder(resolver: resolver, selection: .tags(GeneratorConfig.defaultTags), pathLabels: .spec).build()
    }

    static func releaseDiff(_ old: String, _ new: String) throws -> APIDiff {
        ModelDiffer(old: try release(old), new: try release(new)).diff()
    }

    @Test(.enabled(if: specsDirectory != nil, "OKTA_SPECS_DIR is not set: skipping the diffs of Okta's releases"))
    func from2024_06_1To2025_08_0() throws {
        let diff = try Self.releaseDiff("2024.06.1", "2025.08.0")
        #expect(diff.addedOperations.sorted() == ["endUserSessions", "listUserDevices"])
        #expect(
            diff.removedOperations.sorted() == [
                "deleteLinkedObjectForUser", "listLinkedObjectsForUser", "listUserIdentityProviders",
                "replaceLinkedObjectForUser",
            ])
        // Same method and path, `{userId}` → `{id}`, another operationId: one change each, a rename.
        let renames = diff.changes.filter { $0.kind == .operationRenamed }.map { "\($0.old ?? "") → \($0.new ?? "")" }
        #expect(
            renames == [
                "expirePasswordAndGetTemporaryPassword → expirePasswordWithTempPassword",
                "generateResetPasswordToken → resetPassword",
            ])
        let reset = try #require(diff.changes.first { $0.kind == .operationRenamed && $0.new == "resetPassword" })
        #expect(reset.symbol == "UserCredentialsAPI.resetPassword(id:sendEmail:revokeSessions:)")
        #expect(reset.oldSymbol == "UsersAPI.generateResetPasswordToken(userId:sendEmail:revokeSessions:)")
        #expect(reset.impact == .sourceBreaking)
        // One change: the move to UserCred and `{userId}` → `{id}` are part of it, not changes of their own.
        #expect(reset.includes?.map(\.kind) == [.operationGroupChanged, .parameterRenamed])
        #expect(diff.changes.filter { $0.operation == "resetPassword" }.map(\.kind) == [.operationRenamed])
        #expect(diff.hasBreakingChanges)
        // The path variable `userId` became `id`: the same URLs, another argument label.
        #expect(
            diff.changes.contains {
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
