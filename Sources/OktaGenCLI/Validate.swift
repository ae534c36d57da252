import ArgumentParser
import OktaGenDiagnostics
import OktaGenIR

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
        let config = try configOptions.load()
        let quiet = self.quiet ?? config.quiet ?? false
        var specOptions = self.specOptions
        if let file { specOptions.spec = file }
        let resolver = try specOptions.load(config: config, loading: loading)
        resolver.validateAll()
        _ = IRBuilder(resolver: resolver, selection: .all).build()
        let diagnostics = resolver.diagnostics.diagnostics.filter { !quiet || $0.severity == .error }
        Output.printDiagnostics(diagnostics)
        let errors = resolver.diagnostics.errors.count
        let warnings = resolver.diagnostics.warnings.count
        Output.standardError(
            "\(resolver.document.source.path): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        )
        if errors > 0 { throw ExitCode(1) }
    }
}
