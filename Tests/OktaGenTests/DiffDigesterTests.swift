import Foundation
import OktaGenDiff
import OktaGenIR
import OktaGenRender
import Testing

/// The Swift classification of `oktagen diff` against the compiler's own view: the SDKs generated from two versions of
/// a spec are compiled as modules, `swift-api-digester` compares their public API, and every API break it reports
/// must be one of the changes the diff calls source-breaking, and every source-breaking change must show in its
/// report. On a fixture pair (`rename-old.yaml`, `rename-new.yaml`, about 7 s), and on Okta's 2024.06.1 and
/// 2025.08.0 for the seven user tags when `OKTA_SPECS_DIR` is set (about 45 s of CPU: two ~100-file modules).
/// Runs when the toolchain has `swift-api-digester`.
@Suite(.serialized) struct DiffDigesterTests {
    static let digester: String? = {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = String(folder) + "/swift-api-digester"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()

    /// Runs a command off the cooperative pool; returns its status and output.
    static func run(_ arguments: [String], in folder: URL) async throws -> (Int32, String) {
        let log = folder.appendingPathComponent("log-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = handle
        process.standardError = handle
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return (status, String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self))
    }

    /// The API breaks `swift-api-digester -diagnose-sdk` reports between the SDKs (models and client) generated from two
    /// models: its lines other than section headers. The two modules are compiled at once (one per core).
    static func compilerBreaks(old: IRModel, new: IRModel) async throws -> [String] {
        let modules = try #require(RealSpecGenerationTests.modulesDirectory, "the build's Modules folder was not found")
        let digester = try #require(Self.digester)
        let folder = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        func dump(_ model: IRModel, _ version: String) async throws {
            let files = try Renderer(
                model: model, options: RenderOptions(mode: [.models, .client], specFile: "\(version).yaml")
            ).render()
            var paths: [String] = []
            for (path, text) in files {
                let url = folder.appendingPathComponent(version).appendingPathComponent("src").appendingPathComponent(
                    path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
                paths.append(url.path)
            }
            let (status, output) = try await Self.run(
                [
                    "swiftc", "-emit-module", "-parse-as-library", "-swift-version", "6", "-module-name", "Acc", "-I",
                    modules.path, "-emit-module-path", folder.appendingPathComponent("\(version)/Acc.swiftmodule").path,
                ]
                    + paths.sorted(), in: folder)
            try #require(status == 0, Comment(rawValue: String(output.prefix(4000))))
            let (dumped, dumpOutput) = try await Self.run(
                [
                    digester, "-dump-sdk", "-module", "Acc", "-I", folder.appendingPathComponent(version).path,
                    "-I", modules.path, "-o", folder.appendingPathComponent("\(version).json").path,
                ], in: folder)
            try #require(dumped == 0, "\(dumpOutput)")
        }
        async let oldDumped: Void = dump(old, "old")
        async let newDumped: Void = dump(new, "new")
        _ = try await (oldDumped, newDumped)
        let (_, report) = try await Self.run(
            [
                digester, "-diagnose-sdk", "-input-paths", folder.appendingPathComponent("old.json").path,
                "-input-paths", folder.appendingPathComponent("new.json").path,
            ], in: folder)
        return report.split(separator: "\n").map(String.init)
            .filter { !$0.hasPrefix("/*") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    /// The declaration a digester line is about, without its labels: `UsersAPI.listUsers` for `Func
    /// UsersAPI.listUsers(q:after:) has parameter 2 type change…`, `User.profile.Get` for an accessor, `AppLink` for
    /// `Struct AppLink has been removed`. The client's companions of a method (`listUsersLenient`,
    /// `listUsersSequence`, `listUsersLenientSequence`) are read as the method.
    static func declaration(_ line: String) -> String {
        let words = line.split(separator: " ")
        guard words.count > 1 else { return line }
        var name = String(words[1].prefix { $0 != "(" })
        for suffix in ["LenientSequence", "Lenient", "Sequence"] where name.hasSuffix(suffix) {
            name.removeLast(suffix.count)
            break
        }
        return name
    }

    /// Whether a source-breaking change and a digester line are about the same declaration: the method or type the
    /// change names (new or old, or one of the changes it includes), a member of it, or the initializer or derived
    /// `==` of a type whose stored properties or kind changed.
    static func matches(_ change: APIChange, _ line: String) -> Bool {
        let declaration = declaration(line)
        let symbols = ([change] + (change.includes ?? [])).flatMap { [$0.symbol, $0.oldSymbol].compactMap { $0 } }
        for symbol in symbols {
            let base = String(symbol.prefix { $0 != "(" })
            if declaration == base || declaration.hasPrefix(base + ".") { return true }
        }
        if let type = change.symbol?.split(separator: ".").first, change.schema != nil,
            declaration == "\(type).init" || declaration == "\(type).__derived_struct_equals"
        {
            return true
        }
        return false
    }

    /// Every break the compiler sees is a change the diff calls source-breaking, and every source-breaking change
    /// shows in the compiler's report.
    static func expectAgreement(_ diff: APIDiff, _ breaks: [String]) {
        let sourceBreaking = diff.changes.filter { $0.impact == .sourceBreaking }
        for line in breaks {
            #expect(
                sourceBreaking.contains { matches($0, line) },
                "the compiler reports '\(line)', which the diff does not call source-breaking")
        }
        for change in sourceBreaking {
            #expect(
                breaks.contains { matches(change, $0) },
                "the diff calls \(change.kind.rawValue) \(change.symbol ?? "") source-breaking; the compiler does not")
        }
        #expect(!breaks.isEmpty)
    }

    @Test(.enabled(if: digester != nil, "swift-api-digester is not in the toolchain: skipping the compiler's view"))
    func sourceBreakingChangesAreTheCompilersBreaks() async throws {
        let breaks = try await Self.compilerBreaks(
            old: try DiffTests.model("rename-old.yaml"), new: try DiffTests.model("rename-new.yaml"))
        Self.expectAgreement(try DiffTests.diff("rename-old.yaml", "rename-new.yaml"), breaks)
        // The new case of a received enum: the compiler sees it too.
        #expect(breaks.contains { $0.contains("AccountStatus.lockedOut") })
    }

    /// Okta's 2024.06.1 and 2025.08.0 for the seven user tags: two SDKs of about 100 files each, compiled at once
    /// (about 20 s of CPU each), 160 changes of which the compiler checks the source-breaking ones.
    @Test(
        .enabled(if: digester != nil, "swift-api-digester is not in the toolchain: skipping the compiler's view"),
        .enabled(
            if: DiffTests.specsDirectory != nil, "OKTA_SPECS_DIR is not set: skipping the diffs of Okta's releases"))
    func oktasReleasesAgreeWithTheCompiler() async throws {
        let old = try DiffTests.release("2024.06.1")
        let new = try DiffTests.release("2025.08.0")
        let breaks = try await Self.compilerBreaks(old: old, new: new)
        Self.expectAgreement(ModelDiffer(old: old, new: new).diff(), breaks)
    }
}
