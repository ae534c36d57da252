import Foundation
import PackagePlugin

/// `swift package generate-okta-sdk [--target NAME]… [oktagen generate options]`: generates Swift code into the
/// source folder of each target that holds an OpenAPI document and `oktagen.yaml` (or of the named targets), for teams
/// that commit generated code.
///
/// Runs `oktagen generate` in the target's folder, so the output goes where the settings file's `output` key says
/// (relative to the file), else into `Generated/` in the target. Other arguments are passed on to `oktagen generate`.
@main
struct OktaGenCommand: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let names = extractor.extractOption(named: "target")
        let passThrough = extractor.remainingArguments
        var targets: [SourceModuleTarget]
        if names.isEmpty {
            targets = context.package.targets.compactMap { $0 as? SourceModuleTarget }.filter { target in
                Self.files(in: target.directoryURL)
                    .contains { OktaGenInputs.configNames.contains($0.lastPathComponent) }
            }
            if targets.isEmpty {
                throw OktaGenPluginError(
                    "no target of the package has an oktagen.yaml; add one next to the target's openapi.yaml, or name"
                        + " targets with --target")
            }
        } else {
            targets = try context.package.targets(named: names).compactMap { $0 as? SourceModuleTarget }
        }
        let tool = try context.tool(named: "OktaGenCLI").url
        for target in targets {
            let inputs = try OktaGenInputs(targetName: target.name, files: Self.files(in: target.directoryURL))
            let process = Process()
            process.executableURL = tool
            process.arguments = inputs.generateArguments(relativeTo: target.directoryURL) + passThrough
            process.currentDirectoryURL = target.directoryURL
            try process.run()
            process.waitUntilExit()
            guard process.terminationReason == .exit, process.terminationStatus == 0 else {
                throw OktaGenPluginError(
                    "oktagen generate failed for target '\(target.name)' (exit status \(process.terminationStatus))")
            }
        }
    }

    /// Every file below a folder (symbolic links to files included), hidden files and folders left out.
    static func files(in directory: URL) -> [URL] {
        guard
            let enumerator = FileManager.default.enumerator(
                at: directory, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
        else { return [] }
        var files: [URL] = []
        for case let url as URL in enumerator {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(url)
            }
        }
        return files
    }
}
