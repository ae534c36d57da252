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

    func run() throws {
        let config = try configOptions.load()
        let selection = try TagOption.parse(tags, config: config)
        let resolver = try specOptions.load(config: config)
        let model = IRBuilder(resolver: resolver, selection: selection).build()
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

enum TagOption {
    /// The selection: `--tags`, else the configuration's `tags`, else Okta's user tags.
    static func parse(_ text: String?, config: GeneratorConfig = GeneratorConfig()) throws -> TagSelection {
        if let text {
            guard let selection = TagSelection.parse(text) else {
                throw ValidationError("--tags needs a comma-separated list of tags, or 'all'")
            }
            try checkLengths(selection)
            return selection
        }
        if let names = config.tags, let selection = TagSelection.parse(names.joined(separator: ",")) {
            try checkLengths(selection)
            return selection
        }
        return .default
    }

    /// The longest tag name taken (Okta's are under 40 characters).
    static let maxTagLength = 256

    /// Refuses tag names longer than ``maxTagLength``: a name of a megabyte would be quoted whole, and compared by
    /// edit distance, in the "no operation has the tag" warning.
    static func checkLengths(_ selection: TagSelection) throws {
        for name in selection.names where name.utf8.count > maxTagLength {
            throw ValidationError(
                "a tag name of \(name.utf8.count) bytes ('\(Diagnostic.excerpt(name))') is longer than the limit of"
                    + " \(maxTagLength)")
        }
    }
}
