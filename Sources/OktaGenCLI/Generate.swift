import ArgumentParser
import OktaGenConfig
import OktaGenDiagnostics
import OktaGenIR
import OktaGenPipeline
import OktaGenRender

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `oktagen generate`: the main job — spec → IR → templates → Swift files.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate Swift models, an async client and server stubs from the spec.")

    @OptionGroup var specOptions: SpecOptions

    @OptionGroup var tagOptions: TagOptions

    @Option(name: .long, help: "Output folder. Default: Generated.")
    var output: String?

    @Option(
        name: .long,
        help:
            "What to generate: a comma-separated list of models, client, server, docs (a DocC catalog). Default: all.")
    var mode: String?

    @Option(name: .long, help: "A folder of .mustache files that replace bundled templates of the same name.")
    var templates: String?

    @Option(name: .long, help: "Access level of generated declarations: public or internal. Default: public.")
    var access: String?

    @Option(name: .long, help: "Put before every generated type name (Acme: User → AcmeUser). Default: none.")
    var typePrefix: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "files: one file per declaration; combined: always OktaGenModels.swift, OktaGenClient.swift and"
                + " OktaGenServer.swift (for build plugins). Default: files."))
    var layout: String?

    @Flag(name: .long, inversion: .prefixedNo, help: "Print nothing but diagnostics. Default: no.")
    var quiet: Bool?

    @Flag(
        name: .long,
        help: ArgumentHelp(
            "Regenerate even when nothing the last run read has changed (by default such a run only checks the"
                + " output folder and repeats the last run's diagnostics)."))
    var force = false

    @OptionGroup var configOptions: ConfigOptions

    @OptionGroup var loading: LoadingOptions

    func validate() throws {
        if let mode {
            try Choices.check(
                mode, noun: "mode", option: "--mode", among: ["models", "client", "server", "docs", "all"], list: true)
        }
        if let access {
            try Choices.check(access, noun: "access level", option: "--access", among: ["public", "internal"])
        }
        if let typePrefix, !IRModel.isValidTypeNamePrefix(typePrefix) {
            throw ValidationError("--type-prefix takes ASCII letters, digits and _, not starting with a digit")
        }
        if let layout {
            try Choices.check(layout, noun: "layout", option: "--layout", among: OutputLayout.allCases.map(\.rawValue))
        }
    }

    func run() throws {
        var flags = GeneratorConfig()
        flags.spec = specOptions.spec
        flags.tags = tagOptions.tags.map { [$0] }
        flags.output = output
        flags.mode = mode.map { [$0] }
        flags.templates = templates
        flags.access = access
        flags.typePrefix = typePrefix
        flags.layout = layout
        flags.quiet = quiet
        loading.apply(to: &flags)
        let settings = try configOptions.settings(flags: flags)
        let tags = try TagOptions.request(settings)
        var pipeline = GeneratorPipeline.printing
        pipeline.recordsRuns = true
        // The run ends the process: what it builds is left for the exit to reclaim (see `FastExit`).
        pipeline.renderer = FileRenderer(keepsContexts: FastExit.skipsTeardown)
        let checkStart = ContinuousClock.now
        if !force, let upToDate = pipeline.upToDate(settings, tags: tags) {
            if getenv("OKTAGEN_TIMINGS") != nil {
                let elapsed = (ContinuousClock.now - checkStart).components
                let ms = Double(elapsed.seconds) * 1000 + Double(elapsed.attoseconds) / 1e15
                Output.standardError("timing: up-to-date check: \((ms * 10).rounded() / 10) ms")
            }
            if !settings.quiet {
                Output.standardError(
                    "\(upToDate.output): 0 file(s) written, \(upToDate.files) already up to date, 0 removed"
                        + " (\(upToDate.operations) operations, \(upToDate.types) types; nothing it reads has changed"
                        + " since the last run, which wrote it: not regenerated, see --force)")
            }
            FastExit.succeed()
            return
        }
        LargePages.reserve(96 << 20)
        let generated: GeneratorPipeline.Generated
        do {
            generated = try pipeline.generate(settings, tags: tags)
        } catch {
            throw ExitCode(1)
        }
        if let timings = generated.timings { Output.standardError(timings) }
        let report = generated.written
        // Kept and ignored files are reported even with --quiet: someone has to decide about them.
        Output.printDiagnostics(Self.notes(report, output: generated.output))
        if !settings.quiet {
            var line =
                "\(generated.output): \(report.written.count) file(s) written,"
                + " \(report.unchanged.count) already up to date, \(report.removed.count) removed"
            if !report.kept.isEmpty {
                line += ", \(report.kept.count) no longer generated but kept (edited since)"
            }
            Output.standardError(
                line + " (\(generated.model.operations.count) operations, \(generated.model.types.count) types)")
        }
        // Swift frees a value after its last use, so without this the tree, the IR and the rendered files would
        // still be torn down before the exit that is meant to skip it.
        withExtendedLifetime(generated) { FastExit.succeed() }
    }
}

extension Generate {
    /// A note for each file no longer generated but kept, and for each manifest line that was ignored.
    static func notes(_ report: OutputWriter.Report, output: String) -> [Diagnostic] {
        let folder = output.hasSuffix("/") ? output : output + "/"
        let kept = report.kept.map { path in
            Diagnostic(
                .note,
                "no longer generated, but kept: it is not byte for byte the file oktagen wrote (edited since, or"
                    + " without the '\(OutputWriter.generatedMarker)' header); delete it if it is not needed",
                at: SourceLocation(file: folder + Diagnostic.excerpt(path, limit: 300), line: 1, column: 1))
        }
        let ignored = report.ignored.map { path in
            Diagnostic(
                .note,
                "the manifest lists '\(Diagnostic.excerpt(path))', which is not a file inside the output folder;"
                    + " ignored", at: SourceLocation(file: folder + OutputWriter.manifestName, line: 1, column: 1))
        }
        return kept + ignored
    }
}

/// `oktagen templates list|cat NAME`: start a template override from the bundled one.
struct Templates: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "List the bundled templates, or print one to start an override.",
        subcommands: [List.self, Cat.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the bundled templates.")

        func run() {
            Output.standardOutput(
                TemplateSet.bundled.texts.keys.sorted().map { "\($0).mustache" }.joined(separator: "\n"))
        }
    }

    struct Cat: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "cat", abstract: "Print a bundled template.")

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
