import Foundation
import OktaGenDiff
import OktaGenRender
import Testing

/// The Swift classification of `oktagen diff` against the compiler's own view: the SDKs generated from two versions of
/// a fixture spec (`rename-old.yaml`, `rename-new.yaml`) are compiled as modules, `swift-api-digester` compares
/// their public API, and every API break it reports must be one of the changes the diff calls source-breaking, and
/// every source-breaking change must show in its report. Runs when the toolchain has `swift-api-digester` (about
/// 15 s: two module compiles and two API dumps).
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

    @Test(.enabled(if: digester != nil, "swift-api-digester is not in the toolchain: skipping the compiler's view"))
    func sourceBreakingChangesAreTheCompilersBreaks() async throws {
        let modules = try #require(RealSpecGenerationTests.modulesDirectory, "the build's Modules folder was not found")
        let folder = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for version in ["old", "new"] {
            let model = try DiffTests.model("rename-\(version).yaml")
            let files = try Renderer(
                model: model, options: RenderOptions(mode: [.models, .client], specFile: "rename-\(version).yaml")
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
            try #require(status == 0, "\(output)")
            let (dumped, dumpOutput) = try await Self.run(
                [
                    try #require(Self.digester), "-dump-sdk", "-module", "Acc", "-I",
                    folder.appendingPathComponent(version).path,
                    "-I", modules.path, "-o", folder.appendingPathComponent("\(version).json").path,
                ], in: folder)
            try #require(dumped == 0, "\(dumpOutput)")
        }
        let (_, report) = try await Self.run(
            [
                try #require(Self.digester), "-diagnose-sdk", "-input-paths",
                folder.appendingPathComponent("old.json").path,
                "-input-paths", folder.appendingPathComponent("new.json").path,
            ], in: folder)
        let breaks = report.split(separator: "\n").map(String.init)
            .filter { !$0.hasPrefix("/*") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let diff = try DiffTests.diff("rename-old.yaml", "rename-new.yaml")
        let sourceBreaking = diff.changes.filter { $0.impact == .sourceBreaking }
        /// The symbols a change names, and the type it is in (`Account` for `Account.created`).
        func names(_ change: APIChange) -> [String] {
            [change.symbol, change.oldSymbol].compactMap { $0 }
        }
        // Every break the compiler sees is a source-breaking change of ours: it names our symbol (or the old one),
        // or it is the memberwise initializer of a type whose stored properties we report changed.
        for line in breaks {
            let explained = sourceBreaking.contains { change in
                names(change).contains {
                    line.contains(" \($0) ") || line.contains(" \($0)\n") || line.hasSuffix(" \($0)")
                        || line.contains(" " + $0 + " has")
                }
                    || (line.hasPrefix("Constructor ") && change.schema != nil
                        && line.contains(" \(change.symbol?.split(separator: ".").first ?? "").init("))
            }
            #expect(explained, "the compiler reports '\(line)', which the diff does not call source-breaking")
        }
        // Every source-breaking change shows in the compiler's report (by its old symbol, its symbol, or its type's
        // initializer), except the label changes inside a renamed method, which the method's removal covers.
        let renamedMethods = Set(diff.changes.filter { $0.kind == .operationRenamed }.compactMap(\.symbol))
        for change in sourceBreaking
        where !(change.kind != .operationRenamed && renamedMethods.contains(change.symbol ?? "")) {
            let type = change.symbol?.split(separator: ".").first.map(String.init) ?? ""
            let seen = breaks.contains { line in
                names(change).contains { line.contains($0) }
                    || (change.schema != nil && line.contains(" \(type).init("))
            }
            #expect(
                seen,
                "the diff calls \(change.kind.rawValue) \(change.symbol ?? "") source-breaking; the compiler: \(breaks)"
            )
        }
        #expect(!breaks.isEmpty)
    }
}
