import ArgumentParser
import OktaGenDiagnostics
import OktaGenIR
import OktaGenRender

/// `oktagen generate`: the main job — spec → IR → templates → Swift files.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate Swift models, an async client and server stubs from the spec.")

    @OptionGroup var specOptions: SpecOptions

    @Option(name: .long, help: "Comma-separated tags, or 'all'. Default: Okta's seven user tags.")
    var tags: String?

    @Option(name: .long, help: "Output folder.")
    var output: String = "Generated"

    @Option(name: .long, help: "A folder of .mustache files that replace bundled templates of the same name.")
    var templates: String?

    @Option(name: .long, help: "What to generate: a comma-separated list of models, client, server.")
    var mode: String = "models,client,server"

    @Option(name: .long, help: "Access level of generated declarations: public or internal.")
    var access: String = "public"

    @Flag(name: .long, help: "Print nothing but diagnostics.")
    var quiet = false

    func validate() throws {
        guard RenderMode.parse(mode) != nil else {
            throw ValidationError("--mode takes a comma-separated list of models, client and server")
        }
        guard access == "public" || access == "internal" else {
            throw ValidationError("--access takes public or internal")
        }
    }

    func run() throws {
        let selection = try TagOption.parse(tags)
        let resolver = try specOptions.load()
        let model = IRBuilder(resolver: resolver, selection: selection).build()
        Output.printDiagnostics(resolver.diagnostics.diagnostics)
        if resolver.diagnostics.hasErrors { throw ExitCode(1) }
        do {
            let templateSet = try templates.map { path throws(Diagnostic) in try TemplateSet.overriding(with: path) }
                ?? .bundled
            let files = try Renderer(
                model: model,
                options: RenderOptions(
                    mode: RenderMode.parse(mode) ?? .all, access: access, specFile: resolver.document.source.path),
                templates: templateSet
            ).render()
            let report = try OutputWriter(directory: output).write(files)
            if !quiet {
                Output.standardError(
                    "\(output): \(report.written.count) file(s) written, \(report.unchanged.count) already up to date, "
                        + "\(report.removed.count) removed"
                        + " (\(model.operations.count) operations, \(model.types.count) types)")
            }
        } catch let error as DiagnosticsError {
            Output.printDiagnostics(error.diagnostics)
            throw ExitCode(1)
        } catch let error as Diagnostic {
            Output.printDiagnostics([error])
            throw ExitCode(1)
        }
    }
}

/// `oktagen templates list|cat NAME`: start a template override from the bundled one.
struct Templates: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the bundled templates, or print one to start an override.",
        subcommands: [List.self, Cat.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the bundled templates.")

        func run() {
            Output.standardOutput(TemplateSet.bundled.texts.keys.sorted().map { "\($0).mustache" }.joined(separator: "\n"))
        }
    }

    struct Cat: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a bundled template.")

        @Argument(help: "The template's name (with or without .mustache).")
        var name: String

        func run() throws {
            let key = name.hasSuffix(".mustache") ? String(name.dropLast(".mustache".count)) : name
            guard let text = TemplateSet.bundled.texts[key] else {
                Output.standardError("error: no bundled template '\(name)' (see `oktagen templates list`)")
                throw ExitCode(1)
            }
            Output.standardOutput(text)
        }
    }
}
