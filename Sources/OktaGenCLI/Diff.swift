import ArgumentParser
import OktaGenConfig
import OktaGenDiagnostics
import OktaGenDiff
import OktaGenIR
import OktaGenOpenAPI

/// `oktagen diff OLD NEW`: what changed between two versions of a spec, and whether it breaks clients.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two versions of a spec: operations, parameters, bodies, responses and schemas.",
        discussion: """
            Every change is classified breaking or not for a client. Exit status: 0, or 1 with --fail-on-breaking \
            when a change is breaking; 2 when a spec cannot be read.
            """)

    @Argument(help: "The old version of the spec.")
    var old: String

    @Argument(help: "The new version of the spec.")
    var new: String

    @Option(name: .long, help: "Comma-separated tags, or 'all'. Default: Okta's seven user tags.")
    var tags: String?

    @Option(name: .long, help: "text, json or markdown (for a pull request). Default: text.")
    var format: String?

    @Flag(name: .long, inversion: .prefixedNo, help: "Exit 1 when a change is breaking. Default: no.")
    var failOnBreaking: Bool?

    @OptionGroup var loading: LoadingOptions

    @OptionGroup var configOptions: ConfigOptions

    func validate() throws {
        if let format, DiffFormat(rawValue: format) == nil {
            throw ValidationError("--format takes text, json or markdown")
        }
    }

    func run() throws {
        let config = try configOptions.load()
        let selection = try TagOption.parse(tags, config: config)
        let format = (self.format ?? config.format).flatMap(DiffFormat.init(rawValue:)) ?? .text
        let options = loading.loadOptions(config)
        let oldModel = try Self.model(old, selection: selection, options: options)
        let newModel = try Self.model(new, selection: selection, options: options)
        let diff = ModelDiffer(old: oldModel, new: newModel, oldFile: old, newFile: new).diff()
        Output.standardOutput(diff.report(format))
        if failOnBreaking ?? config.failOnBreaking ?? false, diff.hasBreakingChanges { throw ExitCode(1) }
    }

    /// Loads a spec and builds the model of the selection; prints errors (not warnings) and exits 2 on an error.
    static func model(_ path: String, selection: TagSelection, options: LoadOptions) throws -> IRModel {
        let resolver: SpecResolver
        do {
            resolver = try SpecResolver.load(path: path, options: options)
        } catch {
            Output.printDiagnostics(error.diagnostics.filter { $0.severity == .error })
            throw ExitCode(2)
        }
        let model = IRBuilder(resolver: resolver, selection: selection).build()
        if resolver.diagnostics.hasErrors {
            Output.printDiagnostics(resolver.diagnostics.errors)
            throw ExitCode(2)
        }
        return model
    }
}
