import Foundation
import PackagePlugin

/// Generates Swift code at build time for a target that holds `openapi.yaml` (or `.yml`, `.json`) and, optionally,
/// `oktagen.yaml`.
///
/// Runs `oktagen generate --layout combined` into the plugin's work folder, which always yields the same three files
/// (`OktaGenModels.swift`, `OktaGenClient.swift`, `OktaGenServer.swift`), so the outputs are known before the tool
/// runs. The command runs again only when an input changes: the spec, the settings file, any YAML, JSON or Mustache
/// file of the target, or the tool itself; and it rewrites only files whose bytes change.
@main
struct OktaGenPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let inputs = try OktaGenInputs(targetName: target.name, files: target.sourceFiles.map(\.url))
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("GeneratedSources")
        return [
            .buildCommand(
                displayName: "OktaGen: generating \(target.name) from \(inputs.spec.lastPathComponent)",
                executable: try context.tool(named: "OktaGenCLI").url,
                arguments: inputs.generateArguments() + ["--output", output.path, "--layout", "combined", "--quiet"],
                inputFiles: inputs.dependencies,
                outputFiles: OktaGenInputs.combinedFileNames.map { output.appendingPathComponent($0) })
        ]
    }
}
