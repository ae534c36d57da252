import Foundation
import OktaGenConfig
import OktaGenIR
import OktaGenOpenAPI
import OktaGenPipeline
import OktaGenRender
import OktaGenTestSupport
import Testing

/// Code written against `Generated/` (made from the bundled `specs/okta-users.yaml`) compiles against an SDK made
/// from Okta's own file: the seven user tags give the same public API from both (issue #16, "stable names").
///
/// Okta's seven tags are compiled as a module named like `Generated/`'s (`OktaUsers`, which the package builds), in
/// Swift 6 mode with warnings as errors (this is also the check that they compile), and `swift-api-digester`
/// compares the two modules' APIs both ways: the compiler's view, not the text, since descriptions differ between
/// the files. Skipped without `OKTA_SPEC`; without the digester, only the compile runs.
@Suite(.serialized) struct StablePublicAPITests {
    static let spec = ProcessInfo.processInfo.environment["OKTA_SPEC"].flatMap { $0.isEmpty ? nil : $0 }

    @Test(.enabled(if: spec != nil, "OKTA_SPEC is not set: skipping the comparison with Okta's spec"))
    func bundledSpecAndOktasSpecGiveTheSevenTagsOneAPI() async throws {
        let modules = try #require(RealSpecGenerationTests.modulesDirectory, "the build's Modules folder was not found")
        let folder = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (files, model) = try RealSpecGenerationTests.render(selection: .tags(GeneratorConfig.defaultTags))
        #expect(model.operations.count == 36)
        var paths: [String] = []
        for (path, text) in files {
            let url = folder.appendingPathComponent("src").appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            if path.hasSuffix(".swift") { paths.append(url.path) }  // not the DocC catalog's Markdown
        }
        // The same declarations in the same files as `Generated/`: a renamed type shows here first, by file name.
        let generated = try FileManager.default.subpathsOfDirectory(
            atPath: GoldenSupport.repositoryRoot.appendingPathComponent("Generated").path
        )
        .filter { $0.hasSuffix(".swift") || $0.hasSuffix(".md") }
        #expect(Set(files.keys) == Set(generated))
        let okta = folder.appendingPathComponent("okta")
        try FileManager.default.createDirectory(at: okta, withIntermediateDirectories: true)
        let (status, output) = try await DiffDigesterTests.run(
            [
                "swiftc", "-emit-module", "-parse-as-library", "-swift-version", "6", "-warnings-as-errors",
                "-module-name", "OktaUsers", "-I", modules.path,
                "-emit-module-path", okta.appendingPathComponent("OktaUsers.swiftmodule").path,
            ] + paths.sorted(), in: folder)
        try #require(status == 0, Comment(rawValue: String(output.prefix(4000))))
        #expect(!output.contains("warning:"), Comment(rawValue: String(output.prefix(4000))))
        guard let digester = DiffDigesterTests.digester else { return }
        // `-I okta` comes first, so that its `OktaUsers` is found before the package's.
        for (name, searchPaths) in [("bundled", [modules.path]), ("okta", [okta.path, modules.path])] {
            let (dumped, dumpOutput) = try await DiffDigesterTests.run(
                [digester, "-dump-sdk", "-module", "OktaUsers"] + searchPaths.flatMap { ["-I", $0] }
                    + ["-o", folder.appendingPathComponent("\(name).json").path], in: folder)
            try #require(dumped == 0, "\(dumpOutput)")
        }
        /// What the digester reports when `new` replaces `old`: its lines other than section headers.
        func breaks(from old: String, to new: String) async throws -> [String] {
            let (_, report) = try await DiffDigesterTests.run(
                [
                    digester, "-diagnose-sdk", "-input-paths", folder.appendingPathComponent("\(old).json").path,
                    "-input-paths", folder.appendingPathComponent("\(new).json").path,
                ], in: folder)
            return report.split(separator: "\n").map(String.init)
                .filter { !$0.hasPrefix("/*") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
        let fromBundled = try await breaks(from: "bundled", to: "okta")
        #expect(
            fromBundled.isEmpty, "code written against Generated/ would not compile against Okta's spec: \(fromBundled)"
        )
        let fromOkta = try await breaks(from: "okta", to: "bundled")
        #expect(fromOkta.isEmpty, "code written against Okta's spec would not compile against Generated/: \(fromOkta)")
    }
}
