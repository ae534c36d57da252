import Foundation
import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI
import OktaGenRender
import Testing

/// Generation from Okta's current spec: the seven user tags render and type-check in Swift 6 mode with warnings
/// as errors; every tag renders without errors. Skipped, with the reason shown, when `OKTA_SPEC` is not set.
@Suite struct RealSpecGenerationTests {
    static let spec = ProcessInfo.processInfo.environment["OKTA_SPEC"].flatMap { $0.isEmpty ? nil : $0 }

    /// The build's products folder (where `Modules/OktaRuntime.swiftmodule` is), found from the test resources.
    static var modulesDirectory: URL? {
        var directory = Bundle.module.bundleURL.deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("Modules")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("OktaRuntime.swiftmodule").path) {
                return candidate
            }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    static func render(selection: TagSelection) throws -> (files: [String: String], model: IRModel) {
        let resolver = try SpecResolver.load(path: try #require(spec))
        let model = IRBuilder(resolver: resolver, selection: selection).build()
        #expect(!resolver.diagnostics.hasErrors, "\(resolver.diagnostics.errors)")
        let files = try Renderer(model: model, options: RenderOptions(specFile: "okta-management.yaml")).render()
        return (files, model)
    }

    @Test(.enabled(if: spec != nil, "OKTA_SPEC is not set: skipping generation from Okta's current spec"))
    func sevenUserTagsTypeCheckInSwift6WithoutWarnings() throws {
        let (files, model) = try Self.render(selection: .default)
        #expect(model.operations.count == 36)
        let modules = try #require(Self.modulesDirectory, "the build's Modules folder was not found")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oktagen-real-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths: [String] = []
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            paths.append(url.path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "swiftc", "-typecheck", "-wmo", "-swift-version", "6", "-warnings-as-errors", "-I", modules.path,
            "-module-name", "OktaRealSpecCheck",
        ] + paths.sorted()
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, Comment(rawValue: String(text.prefix(4000))))
        #expect(!text.contains("warning:"), Comment(rawValue: String(text.prefix(4000))))
    }

    @Test(.enabled(if: spec != nil, "OKTA_SPEC is not set: skipping generation from Okta's current spec"))
    func everyTagGeneratesWithoutErrors() throws {
        let (files, model) = try Self.render(selection: .all)
        #expect(model.operations.count == 732)
        #expect(files.count == model.types.count + 2 * model.tags.count + 2)
        #expect(files.keys.allSatisfy { $0.hasSuffix(".swift") && !$0.contains("..") })
    }
}
