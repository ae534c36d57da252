import ArgumentParser
import OktaGenDiagnostics
import OktaGenIR

/// `oktagen model`: print the intermediate model of the selected operations as JSON.
struct Model: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the intermediate model (operations and the types they reach) as JSON on stdout.")

    @OptionGroup var specOptions: SpecOptions

    @Option(name: .long, help: "Comma-separated tags, or 'all'. Default: Okta's seven user tags.")
    var tags: String?

    @Flag(name: .long, help: "Print only the operations (operationId, tag, method, path), one per line.")
    var summary = false

    func run() throws {
        let selection = try TagOption.parse(tags)
        let resolver = try specOptions.load()
        let model = IRBuilder(resolver: resolver, selection: selection).build()
        Output.printDiagnostics(resolver.diagnostics.diagnostics)
        if resolver.diagnostics.hasErrors { throw ExitCode(1) }
        if summary {
            Output.standardOutput(
                model.operations.map { "\($0.operationId) \($0.tag) \($0.method) \($0.path)" }.joined(separator: "\n"))
            return
        }
        Output.standardOutput(bytes: try JSONStreamEncoder.encodeBytes(model))
    }
}

enum TagOption {
    static func parse(_ text: String?) throws -> TagSelection {
        guard let text else { return .default }
        guard let selection = TagSelection.parse(text) else {
            throw ValidationError("--tags needs a comma-separated list of tags, or 'all'")
        }
        return selection
    }
}
