import Foundation
import OktaGenDiagnostics
import OktaGenDiff
import OktaGenIR
import OktaGenOpenAPI
import OktaGenRender
import Testing

/// `oktagen diff` in Swift terms: impact, symbol, locations and hint of each change, renames as one change with their
/// shims, severities and their override file, `--fail-on`, the HTML report, and specs read from git revisions.
@Suite struct DiffSwiftTermsTests {
    /// `impact kind symbol` of every change, in the report's order.
    static func classified(_ diff: APIDiff) -> [String] {
        diff.changes.map { "\($0.impact.rawValue) \($0.kind.rawValue) \($0.symbol ?? "-")" }
    }

    /// With the default labels (one per resource, docs/Naming.md) a path variable renamed on the wire keeps its Swift
    /// label: the change is behaviour-changing, not source-breaking, and the renamed call keeps the label too.
    @Test func withResourceLabelsAPathVariableRenameKeepsItsLabel() throws {
        let diff = ModelDiffer(
            old: try DiffTests.model("rename-old.yaml", pathLabels: .resource),
            new: try DiffTests.model("rename-new.yaml", pathLabels: .resource)
        ).diff()
        let label = try #require(
            diff.changes.first { $0.kind == .parameterRenamed && $0.symbol?.hasPrefix("AccountAPI.getAccount") == true }
        )
        #expect(label.symbol == "AccountAPI.getAccount(accountId:)")
        #expect(label.impact == .behaviourChanging && label.severity == .warning)
        #expect(label.hint == "same label `accountId:`, another name on the wire")
        #expect(
            Self.classified(diff).first
                == "source-breaking operation-renamed AccountAPI.resetPassword(accountId:sendEmail:revokeSessions:)")
    }

    @Test func aRenameIsOneChangeInSwiftTerms() throws {
        let diff = try DiffTests.diff("rename-old.yaml", "rename-new.yaml")
        #expect(
            Self.classified(diff) == [
                "source-breaking operation-renamed AccountAPI.resetPassword(id:sendEmail:revokeSessions:)",
                "additive parameter-added AccountAPI.resetPassword(id:sendEmail:revokeSessions:)",
                "source-breaking parameter-renamed AccountAPI.getAccount(id:)",
                "source-breaking property-added Account.created",
                "source-breaking property-removed Account.nickname",
                "source-breaking enum-value-added AccountStatus.lockedOut",
            ])
        let rename = try #require(diff.changes.first)
        #expect(rename.oldSymbol == "AccountAPI.generateResetToken(accountId:sendEmail:)")
        #expect(rename.oldSource == "rename-old.yaml:10:7")
        #expect(rename.newSource == "rename-new.yaml:10:7")
        #expect(rename.severity == .error)
        #expect(rename.hint?.hasPrefix("call `AccountAPI.resetPassword(id:sendEmail:revokeSessions:)` instead") == true)
        // The path variable renamed with it is part of the rename, not a change of its own; its own line in both
        // releases.
        let label = try #require(rename.includes?.first)
        #expect(rename.includes?.count == 1 && label.kind == .parameterRenamed)
        #expect(label.oldSource == "rename-old.yaml:13:11" && label.newSource == "rename-new.yaml:13:11")
        #expect(label.hint == "rename the argument label `accountId:` to `id:`")
        #expect(
            !diff.addedOperations.contains("resetPassword") && !diff.removedOperations.contains("generateResetToken"))
        // A received enum's new case: callers' exhaustive switches need it.
        #expect(diff.changes.last?.hint?.contains("exhaustive switches over `AccountStatus`") == true)
    }

    @Test func reorderedArgumentsAreSourceBreaking() throws {
        // Swift passes labelled arguments in declaration order: `f(a:b:)` called as `f(a: 1, b: 2)` stops compiling
        // once the method is `f(b:a:)` (2024.06.1 → 2025.08.0 reorders `listUsers`' `q` and `filter` so).
        let old = try DiffTests.model("rename-old.yaml")
        var new = old
        let index = try #require(new.operations.firstIndex { $0.operationId == "generateResetToken" })
        new.operations[index].parameters.reverse()
        let diff = ModelDiffer(old: old, new: new).diff()
        #expect(
            Self.classified(diff) == [
                "source-breaking parameter-order-changed AccountAPI.generateResetToken(sendEmail:accountId:)"
            ])
        #expect(
            diff.changes.first?.detail { "'\($0)'" }
                == "parameters reordered from 'accountId, sendEmail' to 'sendEmail, accountId'")
        // New arguments between kept ones are no reorder.
        #expect(
            !Self.classified(try DiffTests.diff("rename-old.yaml", "rename-new.yaml")).contains { $0.contains("order") }
        )
    }

    @Test func typeNamePrefixReachesTheSymbols() throws {
        let diff = ModelDiffer(
            old: try DiffTests.model("rename-old.yaml"), new: try DiffTests.model("rename-new.yaml"),
            typeNamePrefix: "Acme"
        ).diff()
        #expect(diff.changes.contains { $0.symbol == "AcmeAccountStatus.lockedOut" })
        #expect(diff.changes.contains { $0.symbol == "AcmeAccount.created" })
    }

    static let expectedShim = """
        // Generated by oktagen: deprecated shims for operations the new release renamed.
        // Do not edit: regenerate with `oktagen diff OLD NEW --emit-shims FILE`.

        import Foundation
        import OktaRuntime

        extension AccountAPI {
            /// generateResetToken was renamed resetPassword (same method and path).
            @available(*, deprecated, renamed: "resetPassword(id:sendEmail:revokeSessions:)")
            public func generateResetToken(
                accountId: String,
                sendEmail: Bool? = nil
            ) async throws -> OktaResponse<ResetToken> {
                try await resetPassword(id: accountId, sendEmail: sendEmail)
            }
        }

        """

    @Test func theShimKeepsOldCallsCompiling() async throws {
        let old = try DiffTests.model("rename-old.yaml")
        let new = try DiffTests.model("rename-new.yaml")
        let (source, skipped) = RenameShims.render(
            renames: [("generateResetToken", "resetPassword")], old: old, new: new,
            options: RenderOptions(specFile: "rename-new.yaml"))
        #expect(skipped == [])
        #expect(source == Self.expectedShim)
        // The generated SDK, the shims, and a call written against the old release compile together (Swift 6,
        // warnings as errors, so the call's deprecation warning is silenced the way users would see it pass).
        var files = try Renderer(model: new, options: RenderOptions(specFile: "rename-new.yaml")).render()
        files["Shims.swift"] = source
        files["OldCaller.swift"] = """
            @available(*, deprecated)
            func oldCaller(_ api: AccountAPI) async throws -> String? {
                try await api.generateResetToken(accountId: "00u1", sendEmail: false).body.url
            }

            """
        let (status, output) = try await RealSpecGenerationTests.compile(files, ["-typecheck", "-wmo"])
        #expect(status == 0, "\(output)")
    }

    /// `rename-new.yaml` with `getAccount` moved to `/v2/accounts/{id}`: the same operationId on another path.
    static func movedEndpoint() throws -> (old: IRModel, new: IRModel) {
        var new = try DiffTests.model("rename-new.yaml")
        let index = try #require(new.operations.firstIndex { $0.operationId == "getAccount" })
        new.operations[index].path = "/v2/accounts/{id}"
        return (try DiffTests.model("rename-old.yaml"), new)
    }

    @Test func anEndpointMovedWithItsPathVariableRenamedIsOneChange() async throws {
        let (old, new) = try Self.movedEndpoint()
        let diff = ModelDiffer(old: old, new: new).diff()
        // Matched by operationId; `{accountId}` → `{id}` is the same argument under another label, part of the move.
        let moved = diff.changes.filter { $0.operation == "getAccount" }
        #expect(moved.map(\.kind) == [.operationEndpointChanged])
        let change = try #require(moved.first)
        #expect(change.includes?.map(\.kind) == [.parameterRenamed])
        #expect(change.impact == .sourceBreaking && change.severity == .error)
        #expect(
            change.symbol == "AccountAPI.getAccount(id:)" && change.oldSymbol == "AccountAPI.getAccount(accountId:)")
        #expect(
            change.detail { "'\($0)'" }
                == "endpoint changed from 'GET /accounts/{accountId}' to 'GET /v2/accounts/{id}';"
                + " parameter 'accountId' (path) renamed to 'id'")
        #expect(change.hint?.hasPrefix("call `AccountAPI.getAccount(id:)` instead of") == true)
        #expect(
            diff.renamedCalls.map { "\($0.old) → \($0.new)" } == [
                "generateResetToken → resetPassword", "getAccount → getAccount",
            ])
        // Both shims, and calls written against the old release, compile with the new SDK.
        let (source, skipped) = RenameShims.render(
            renames: diff.renamedCalls, old: old, new: new, options: RenderOptions(specFile: "rename-new.yaml"))
        #expect(skipped == [])
        #expect(source.contains("/// getAccount moved to GET /v2/accounts/{id}.\n"))
        #expect(source.contains("@available(*, deprecated, renamed: \"getAccount(id:)\")"))
        var files = try Renderer(model: new, options: RenderOptions(specFile: "rename-new.yaml")).render()
        files["Shims.swift"] = source
        files["OldCaller.swift"] = """
            @available(*, deprecated)
            func oldCaller(_ api: AccountAPI) async throws -> (String?, String) {
                let url = try await api.generateResetToken(accountId: "00u1", sendEmail: false).body.url
                return (url, try await api.getAccount(accountId: "00u1").body.id)
            }

            """
        let (status, output) = try await RealSpecGenerationTests.compile(files, ["-typecheck", "-wmo"])
        #expect(status == 0, "\(output)")
    }

    @Test func noShimRedeclaresAMethodWhoseOldGroupIsGone() throws {
        var (old, new) = try Self.movedEndpoint()
        // Every operation moves to the tag Profile, and AccountAPI is gone; getAccount keeps its label.
        new.tags[0].name = "Profile"
        new.tags[0].typeName = "Profile"
        new.tags[0].propertyName = "profile"
        for index in new.operations.indices { new.operations[index].tag = "Profile" }
        let index = try #require(new.operations.firstIndex { $0.operationId == "getAccount" })
        new.operations[index].path = "/v2/accounts/{accountId}"
        new.operations[index].parameters[0].name = "accountId"
        new.operations[index].parameters[0].swiftName = "accountId"
        let diff = ModelDiffer(old: old, new: new).diff()
        let moved = try #require(diff.changes.first { $0.operation == "getAccount" })
        #expect(moved.kind == .operationEndpointChanged && moved.includes?.map(\.kind) == [.operationGroupChanged])
        let (source, skipped) = RenameShims.render(
            renames: diff.renamedCalls, old: old, new: new, options: RenderOptions(specFile: "rename-new.yaml"))
        #expect(
            skipped == [
                "getAccount → getAccount: the old API group AccountAPI is gone, and the method keeps its name on"
                    + " ProfileAPI"
            ])
        #expect(source.contains("func generateResetToken(") && !source.contains("func getAccount("))
    }

    @Test func aRenameThatNeedsANewArgumentGetsNoShim() throws {
        var new = try DiffTests.model("rename-new.yaml")
        let index = try #require(new.operations.firstIndex { $0.operationId == "resetPassword" })
        let revoke = try #require(new.operations[index].parameters.firstIndex { $0.name == "revokeSessions" })
        new.operations[index].parameters[revoke].required = true
        let (source, skipped) = RenameShims.render(
            renames: [("generateResetToken", "resetPassword")], old: try DiffTests.model("rename-old.yaml"), new: new,
            options: RenderOptions(specFile: "rename-new.yaml"))
        #expect(!source.contains("generateResetToken"))
        #expect(
            skipped == [
                "generateResetToken → resetPassword: the new method needs revokeSessions, which the old one did not take"
            ])
    }

    // MARK: Severities

    @Test func overridesChangeSeveritiesAndLeaveChangesOut() throws {
        let diff = try DiffTests.diff("rename-old.yaml", "rename-new.yaml")
        let overrides = try SeverityOverrides.parse(
            """
            # our code always switches with default:
            enum-value-added   INFO
            parameter-added    NONE
            """, file: "severities.txt")
        let applied = overrides.apply(to: diff)
        #expect(applied.changes.count == diff.changes.count - 1)
        #expect(applied.changes.first { $0.kind == .enumValueAdded }?.severity == .info)
        #expect(!applied.changes.contains { $0.kind == .parameterAdded })
    }

    @Test func overrideFileMistakesAreLocated() {
        #expect(throws: DiagnosticsError.self) {
            try SeverityOverrides.parse(
                "enum-value-added INFO\n  enum-value-gone WARN\nresponse-added FATAL\n", file: "s.txt")
        }
        do {
            _ = try SeverityOverrides.parse(
                "enum-value-added INFO\n  enum-value-gone WARN\nresponse-added FATAL\n", file: "s.txt")
        } catch {
            #expect(
                error.diagnostics.map(\.description) == [
                    "s.txt:2:3: error: unknown kind of change 'enum-value-gone'",
                    "s.txt:3:16: error: expected ERR, WARN, INFO or NONE, found 'FATAL'",
                ])
        }
    }

    @Test func failOnCountsSeveritiesAfterOverrides() throws {
        let folder = try DiffTests.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["rename-old.yaml", "rename-new.yaml"] {
            try FileManager.default.copyItem(
                at: DiffTests.diffDirectory.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let arguments = ["diff", "rename-old.yaml", "rename-new.yaml", "--no-config", "--tags", "all"]
        #expect(try FixtureSupport.run(arguments + ["--fail-on", "ERR"], in: folder).status == 1)
        #expect(try FixtureSupport.run(arguments, in: folder).status == 0)
        // Every kind that is ERR here made INFO: nothing fails on ERR, then.
        try Data(
            """
            operation-renamed INFO
            parameter-renamed INFO
            property-added INFO
            property-removed INFO
            enum-value-added INFO
            """.utf8
        ).write(to: folder.appendingPathComponent("severities.txt"))
        let relaxed = try FixtureSupport.run(
            arguments + ["--fail-on", "ERR", "--severity-overrides", "severities.txt"], in: folder)
        #expect(relaxed.status == 0, "\(relaxed)")
        #expect(try FixtureSupport.run(arguments + ["--fail-on", "FATAL"], in: folder).status == 64)
        let broken = try FixtureSupport.run(arguments + ["--severity-overrides", "rename-old.yaml"], in: folder)
        #expect(broken.status == 2 && broken.standardError.hasPrefix("rename-old.yaml:1:1: error:"), "\(broken)")
    }

    // MARK: HTML

    @Test func htmlEscapesSpecText() throws {
        var diff = try DiffTests.diff("rename-old.yaml", "rename-new.yaml")
        diff.old.file = "<script>alert(1)</script>.yaml"
        diff.changes[0].hint = "a \"quoted\" <b>hint</b> & more"
        diff.changes[1].element = "<img src=x onerror=alert(1)>"
        // Unquoted parts of a detail (a status, a type description) are spec text too.
        diff.changes.append(
            APIChange(.responseAdded, breaking: false, operation: "x", location: "<svg onload=alert(1)>"))
        diff.changes.append(
            APIChange(
                .parameterAdded, breaking: false, operation: "x", element: "p", location: "query", new: "<u>int</u>"))
        let html = diff.report(.html)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script>") && !html.contains("<img") && !html.contains("<b>"))
        #expect(!html.contains("<svg") && !html.contains("<u>"))
        #expect(html.contains("response &lt;svg onload=alert(1)&gt; added"))
        #expect(html.contains("parameter <code>p</code> (query) added: &lt;u&gt;int&lt;/u&gt;"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;.yaml"))
        #expect(html.contains("a &quot;quoted&quot; &lt;b&gt;hint&lt;/b&gt; &amp; more"))
        // Most severe first.
        #expect(html.components(separatedBy: "<tr class=\"").dropFirst().first?.hasPrefix("ERR") == true)
    }

    // MARK: Git revisions

    static func git(_ arguments: [String], in folder: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "git \(arguments)")
    }

    @Test func specsFromGitRevisions() throws {
        let folder = try DiffTests.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = folder.appendingPathComponent("openapi.yaml")
        try FileManager.default.copyItem(
            at: DiffTests.diffDirectory.appendingPathComponent("rename-old.yaml"), to: spec)
        try Self.git(["init", "-q"], in: folder)
        try Self.git(["add", "openapi.yaml"], in: folder)
        try Self.git(
            ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "old"], in: folder)
        try FileManager.default.removeItem(at: spec)
        try FileManager.default.copyItem(
            at: DiffTests.diffDirectory.appendingPathComponent("rename-new.yaml"), to: spec)
        let run = try FixtureSupport.run(
            ["diff", "HEAD:openapi.yaml", "openapi.yaml", "--no-config", "--tags", "all", "--format", "json"],
            in: folder)
        #expect(run.status == 0, "\(run)")
        #expect(
            run.standardOutput.contains("\"oldSource\" : \"HEAD:openapi.yaml:10:7\""),
            "\(run.standardOutput.prefix(3000))")
        #expect(run.standardOutput.contains("\"kind\" : \"operation-renamed\""))
        // An unknown revision is an error, an option-looking one is refused before git runs.
        let missing = try FixtureSupport.run(
            ["diff", "nope:openapi.yaml", "openapi.yaml", "--no-config", "--tags", "all"], in: folder)
        #expect(missing.status == 2 && missing.standardError.contains("neither a file nor a file in git"), "\(missing)")
        // An argument with a ':' that is not REVISION:PATH says which argument and how one is written; git never runs.
        for (argument, problem) in [("HEAD:", "no path after ':'"), (":openapi.yaml", "no revision before ':'")] {
            let malformed = try FixtureSupport.run(
                ["diff", "openapi.yaml", argument, "--no-config", "--tags", "all"], in: folder)
            #expect(
                malformed.status == 2
                    && malformed.standardError
                        == "error: NEW '\(argument)': \(problem); a spec in git is written REVISION:PATH"
                        + " (HEAD~1:openapi.yaml)\n",
                "\(malformed)")
        }
        let option = try FixtureSupport.run(
            ["diff", "--", "--output=/tmp/x:openapi.yaml", "openapi.yaml", "--no-config"], in: folder)
        #expect(option.status == 64 && option.standardError.contains("looks like an option"), "\(option)")
    }
}
