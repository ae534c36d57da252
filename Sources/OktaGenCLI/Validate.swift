import ArgumentParser
import OktaGenDiagnostics

/// `oktagen validate`: decode the whole document, resolve every reference, print every diagnostic.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a spec: print every error and warning; exit 1 when there are errors.")

    @OptionGroup var specOptions: SpecOptions

    @Flag(name: .long, inversion: .prefixedNo, help: "Print only errors. Default: no.")
    var quiet: Bool?

    @OptionGroup var configOptions: ConfigOptions

    func run() throws {
        let config = try configOptions.load()
        let quiet = self.quiet ?? config.quiet ?? false
        let resolver = try specOptions.load(config: config)
        resolver.validateAll()
        let diagnostics = resolver.diagnostics.diagnostics.filter { !quiet || $0.severity == .error }
        Output.printDiagnostics(diagnostics)
        let errors = resolver.diagnostics.errors.count
        let warnings = resolver.diagnostics.warnings.count
        Output.standardError(
            "\(resolver.document.source.path): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        if errors > 0 { throw ExitCode(1) }
    }
}
