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
            when a change is breaking; 2 when a spec cannot be read or a tag is in neither spec.
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

    @OptionGroup var configOptions: ConfigOptions

    @OptionGroup var loading: LoadingOptions

    func validate() throws {
        try TagOption.validate(tags)
        if let format {
            try Choices.check(format, noun: "format", option: "--format", among: DiffFormat.allCases.map(\.rawValue))
        }
    }

    func run() throws {
        let config = try configOptions.load()
        let tagOption = try TagOption.parse(tags, config: config)
        let format = (self.format ?? config.format).flatMap(DiffFormat.init(rawValue:)) ?? .text
        let options = loading.loadOptions(config)
        let oldResolver = try Self.load(old, options: options)
        let newResolver = try Self.load(new, options: options)
        // A tag that only one version has is not a mistake: it was added or removed.
        do {
            try tagOption.check([oldResolver, newResolver])
        } catch {
            throw ExitCode(2)
        }
        let oldModel = try Self.model(oldResolver, selection: tagOption.selection)
        let newModel = try Self.model(newResolver, selection: tagOption.selection)
        let diff = ModelDiffer(old: oldModel, new: newModel, oldFile: old, newFile: new).diff()
        Output.standardOutput(diff.report(format))
        if failOnBreaking ?? config.failOnBreaking ?? false, diff.hasBreakingChanges { throw ExitCode(1) }
    }

    /// Loads a spec; prints errors (not warnings) and exits 2 on an error.
    static func load(_ path: String, options: LoadOptions) throws -> SpecResolver {
        do {
            return try SpecResolver.load(path: path, options: options)
        } catch {
            Output.printDiagnostics(error.diagnostics.filter { $0.severity == .error })
            throw ExitCode(2)
        }
    }

    /// Builds the model of the selection; prints errors (not warnings) and exits 2 on an error.
    static func model(_ resolver: SpecResolver, selection: TagSelection) throws -> IRModel {
        let model = IRBuilder(resolver: resolver, selection: selection).build()
        if resolver.diagnostics.hasErrors {
            Output.printDiagnostics(resolver.diagnostics.errors)
            throw ExitCode(2)
        }
        return model
    }
}
