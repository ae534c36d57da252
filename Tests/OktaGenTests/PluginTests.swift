import Foundation
import OktaGenRender
import Testing

/// The plugins and the example package agree with the generator: the build plugin declares exactly the files the
/// combined layout writes, and the example uses the plugin with this package's runtime. (The example itself is built
/// through the plugin by `scripts/check-plugin-example.sh`, which CI runs.)
@Suite struct PluginTests {
    static let root = FixtureSupport.testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func theBuildPluginDeclaresTheCombinedLayoutsFiles() throws {
        let shared = try Self.text("Plugins/PluginsShared/OktaGenInputs.swift")
        let declared = OutputLayout.combinedFileNames.map { "\"\($0.file)\"" }.joined(separator: ", ")
        #expect(shared.contains("static let combinedFileNames = [\(declared)]"))
        let plugin = try Self.text("Plugins/OktaGenPlugin/OktaGenPlugin.swift")
        #expect(plugin.contains("\"--layout\", \"combined\""))
    }

    @Test func bothPluginsShareOneInputFinder() throws {
        let manager = FileManager.default
        for plugin in ["OktaGenPlugin", "OktaGenCommand"] {
            let link = Self.root.appendingPathComponent("Plugins/\(plugin)/OktaGenInputs.swift").path
            #expect(try manager.destinationOfSymbolicLink(atPath: link) == "../PluginsShared/OktaGenInputs.swift")
        }
    }

    @Test func theExampleUsesThePluginAndTheRuntimeOfThisPackage() throws {
        let manifest = try Self.text("Examples/PluginExample/Package.swift")
        #expect(manifest.contains(".package(name: \"OktaGen\", path: \"../..\")"))
        #expect(manifest.contains(".plugin(name: \"OktaGenPlugin\", package: \"OktaGen\")"))
        #expect(manifest.contains(".product(name: \"OktaRuntime\", package: \"OktaGen\")"))
        let sources = Self.root.appendingPathComponent("Examples/PluginExample/Sources/DirectorySDK")
        let names = try FileManager.default.contentsOfDirectory(atPath: sources.path)
        #expect(names.contains("openapi.yaml") && names.contains("oktagen.yaml"))
    }
}
