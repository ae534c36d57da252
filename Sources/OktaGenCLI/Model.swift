import ArgumentParser
import OktaGenConfig
import OktaGenDiagnostics
import OktaGenIR

/// `oktagen model`: print the intermediate model of the selected operations as JSON.
struct Model: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Print the intermediate model (operations and the types they reach) as JSON on stdout.")

    @OptionGroup var specOptions: SpecOptions

    @Option(name: .long, help: "Comma-separated tags, or 'all'. Default: Okta's seven user tags.")
    var tags: String?

    @Flag(
        name: .long, inversion: .prefixedNo,
        help: "Print only the operations (operationId, tag, method, path), one per line. Default: no.")
    var summary: Bool?

    @OptionGroup var configOptions: ConfigOptions

    @OptionGroup var loading: LoadingOptions

    func validate() throws {
        try TagOption.validate(tags)
    }

    func run() throws {
        let config = try configOptions.load()
        let tagOption = try TagOption.parse(tags, config: config)
        let resolver = try specOptions.load(config: config, loading: loading)
        try tagOption.check([resolver])
        let model = IRBuilder(resolver: resolver, selection: tagOption.selection).build()
        Output.printDiagnostics(resolver.diagnostics.diagnostics)
        if resolver.diagnostics.hasErrors { throw ExitCode(1) }
        if summary ?? config.summary ?? false {
            Output.standardOutput(
                model.operations.map { "\($0.operationId) \($0.tag) \($0.method) \($0.path)" }.joined(separator: "\n"))
            return
        }
        Output.standardOutput(bytes: try JSONStreamEncoder.encodeBytes(model))
    }
}
