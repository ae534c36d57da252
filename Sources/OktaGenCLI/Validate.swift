import ArgumentParser
import OktaGenConfig
import OktaGenOpenAPI
import OktaGenPipeline

/// `oktagen validate`: decode the whole document, resolve every reference, build the model of every operation, print
/// every diagnostic.
///
/// The model is built as `generate --tags all` builds it, so that `validate` reports every warning `generate` can
/// report (the model's checks: examples against their schema, enum values a description names, …), plus those in
/// parts of the document no operation reaches. `generate` with fewer tags reports those of what it generates.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a spec: print every error and warning; exit 1 when there are errors.")

    @Argument(help: ArgumentHelp("The spec, as with --spec (like `oktagen diff OLD NEW`).", valueName: "spec"))
    var file: String?

    @OptionGroup var specOptions: SpecOptions

    @Flag(name: .long, inversion: .prefixedNo, help: "Print only errors. Default: no.")
    var quiet: Bool?

    @OptionGroup var configOptions: ConfigOptions

    @OptionGroup var loading: LoadingOptions

    func validate() throws {
        if file != nil, specOptions.spec != nil {
            throw ValidationError("name the spec once: as an argument or with --spec, not both")
        }
    }

    func run() throws {
        var flags = GeneratorConfig()
        flags.spec = file ?? specOptions.spec
        flags.quiet = quiet
        loading.apply(to: &flags)
        let settings = try configOptions.settings(flags: flags)
        let quiet = settings.quiet
        let spec: SpecResolver
        do {
            spec = try GeneratorPipeline.printing.validate(settings)
        } catch {
            throw ExitCode(1)
        }
        Output.printDiagnostics(spec.diagnostics.diagnostics.filter { !quiet || $0.severity == .error })
        let errors = spec.diagnostics.errors.count
        let warnings = spec.diagnostics.warnings.count
        Output.standardError(
            "\(spec.document.source.path): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        )
        if errors > 0 { throw ExitCode(1) }
    }
}
