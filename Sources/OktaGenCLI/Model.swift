import ArgumentParser
import OktaGenConfig
import OktaGenIR
import OktaGenPipeline

/// `oktagen model`: print the intermediate model of the selected operations as JSON.
struct Model: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Print the intermediate model (operations and the types they reach) as JSON on stdout.")

    @OptionGroup var specOptions: SpecOptions

    @OptionGroup var tagOptions: TagOptions

    @Flag(
        name: .long, inversion: .prefixedNo,
        help: "Print only the operations (operationId, tag, method, path), one per line. Default: no.")
    var summary: Bool?

    @OptionGroup var configOptions: ConfigOptions

    @OptionGroup var loading: LoadingOptions

    func run() throws {
        var flags = GeneratorConfig()
        flags.spec = specOptions.spec
        flags.tags = tagOptions.tags.map { [$0] }
        flags.summary = summary
        loading.apply(to: &flags)
        let settings = try configOptions.settings(flags: flags)
        let tags = try TagOptions.request(settings)
        let pipeline = GeneratorPipeline.printing
        let model: IRModel
        do {
            let spec = try pipeline.loadSpec(settings)
            model = try pipeline.model(
                spec, tags: tags, nameOverrides: settings.nameOverrides, pathLabels: settings.pathLabels)
        } catch {
            throw ExitCode(1)
        }
        if settings.summary {
            Output.standardOutput(
                model.operations.map { "\($0.operationId) \($0.tag) \($0.method) \($0.path)" }.joined(separator: "\n"))
            return
        }
        Output.standardOutput(bytes: try JSONStreamEncoder.encodeBytes(model))
    }
}
