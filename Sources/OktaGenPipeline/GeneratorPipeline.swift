import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI
import OktaGenRender

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The generator as a library: load → resolve → IR → render → write, each stage behind a small protocol with a
/// default implementation that a caller (a test, a fuzzer, another tool) may replace.
///
/// `oktagen generate|model|validate|diff` run through it (the command line only parses options into
/// ``GeneratorSettings``), and so do the build plugins (they run `oktagen`), the fuzzers and the tests. The pipeline
/// owns what the stages share: the order of their diagnostics, which it hands to ``report`` as each stage ends (a
/// spec's warnings before the templates' errors, as a user reads them); the work it overlaps (the templates are
/// prepared on the core the IR leaves idle); and the phase timings.
///
/// A stage that cannot go on reports its diagnostics and throws ``GeneratorFailure``, which names the stage: the
/// caller decides what that means (the command line exits 1, `diff` exits 2 for a spec it cannot read).
public struct GeneratorPipeline: Sendable {
    /// Stage 1: spec bytes → decoded document.
    public var loader: any SpecLoading
    /// Stage 2: the selection checked against the specs; everything resolved for `validate`.
    public var resolver: any SelectionResolving
    /// Stage 3: the IR of the selected operations.
    public var builder: any ModelBuilding
    /// Stage 4: templates and IR → Swift files.
    public var renderer: any FileRendering
    /// Stage 5: the files into the output folder.
    public var writer: any OutputWriting
    /// Receives the diagnostics of each stage, in order (the command line prints them to stderr).
    public var report: @Sendable ([Diagnostic]) -> Void
    /// Whether ``generate(_:tags:)`` records its run, so that ``upToDate(_:tags:)`` can skip the next one when
    /// nothing it reads has changed (`GeneratorPipeline+Reuse.swift`): the manifest then also carries the run's
    /// notes. Off by default; `oktagen generate` sets it.
    public var recordsRuns = false

    /// A pipeline of the given stages (by default, the generator's own).
    public init(
        loader: any SpecLoading = SpecLoader(), resolver: any SelectionResolving = SelectionResolver(),
        builder: any ModelBuilding = ModelBuilder(), renderer: any FileRendering = FileRenderer(),
        writer: any OutputWriting = FolderWriter(), report: @escaping @Sendable ([Diagnostic]) -> Void = { _ in }
    ) {
        self.loader = loader
        self.resolver = resolver
        self.builder = builder
        self.renderer = renderer
        self.writer = writer
        self.report = report
    }

    /// The stage a run stopped in.
    public enum Stage: String, Sendable {
        /// The settings (a path key that leads outside the settings file's folder).
        case settings
        /// Loading the spec.
        case load
        /// Checking the selection against the spec.
        case resolve
        /// Building the model: the spec has errors.
        case model
        /// Preparing the templates or rendering.
        case render
        /// Writing the output folder.
        case write
    }

    /// Thrown when a stage cannot go on; its diagnostics have been reported.
    public struct GeneratorFailure: Error, Sendable {
        /// Where the run stopped.
        public var stage: Stage
        /// What was reported for it (errors, and warnings gathered with them).
        public var diagnostics: [Diagnostic]
    }

    // MARK: Stages

    /// Stage 1: loads a spec with the settings' limits and reference policy; reports the settings file's ignored
    /// `allow-*` keys first.
    public func load(_ source: SpecSource, options: LoadOptions) throws(GeneratorFailure) -> SpecResolver {
        do {
            return try loader.load(source, options: options)
        } catch {
            throw fail(.load, error.diagnostics)
        }
    }

    /// Stage 1 for a run's own spec: `spec` from the flag, else the settings file, else ``SpecSource/bundled``.
    public func loadSpec(_ settings: GeneratorSettings) throws(GeneratorFailure) -> SpecResolver {
        let trust = settings.trust
        report(trust.warnings)
        let options = settings.loadOptions
        let path: String?
        do throws(Diagnostic) {
            path = try settings.path("spec")
        } catch {
            throw fail(.load, [error])
        }
        return try load(path.map { .file($0) } ?? .bundled, options: options)
    }

    /// Stage 2: refuses tags that none of the specs knows.
    public func check(_ tags: TagRequest, in specs: [SpecResolver]) throws(GeneratorFailure) {
        let errors = resolver.check(tags, in: specs)
        if !errors.isEmpty { throw fail(.resolve, errors) }
    }

    /// Stages 2 and 3: checks the selection and builds the model; reports the spec's diagnostics.
    public func model(
        _ spec: SpecResolver, tags: TagRequest, nameOverrides: [IRNameOverride] = [],
        pathLabels: IRPathLabels = .resource
    ) throws(GeneratorFailure) -> IRModel {
        try check(tags, in: [spec])
        return try build(spec, selection: tags.selection, nameOverrides: nameOverrides, pathLabels: pathLabels)
    }

    /// Stage 3 alone (the selection already checked); reports the spec's diagnostics.
    public func build(
        _ spec: SpecResolver, selection: TagSelection, nameOverrides: [IRNameOverride] = [],
        pathLabels: IRPathLabels = .resource
    ) throws(GeneratorFailure) -> IRModel {
        let model = builder.build(spec, selection: selection, nameOverrides: nameOverrides, pathLabels: pathLabels)
        let diagnostics = spec.diagnostics.diagnostics
        if spec.diagnostics.hasErrors { throw fail(.model, diagnostics) }
        report(diagnostics)
        return model
    }

    // MARK: Whole runs

    /// What `generate` produced.
    public struct Generated {
        /// The loaded spec.
        public var spec: SpecResolver
        /// Its model.
        public var model: IRModel
        /// The rendered files, as laid out in the folder.
        public var files: [String: String]
        /// What the write did.
        public var written: OutputWriter.Report
        /// The output folder.
        public var output: String
        /// `timing: PHASE: N ms` lines when `OKTAGEN_TIMINGS` is set.
        public var timings: String?
    }

    /// `generate`: all five stages, with the settings' spec, tags, templates, mode, access, prefix, layout and
    /// output folder.
    /// - Parameter tags: The selection (``GeneratorSettings/tags``, checked by the caller for its own limits).
    public func generate(_ settings: GeneratorSettings, tags: TagRequest) throws(GeneratorFailure) -> Generated {
        if recordsRuns, hasDefaultStages { return try generateRecording(settings, tags: tags) }
        return try run(settings, tags: tags, log: nil)
    }

    /// ``generate(_:tags:)``; with a `log`, the manifest carries the run's notes (the diagnostics logged so far).
    func run(_ settings: GeneratorSettings, tags: TagRequest, log: DiagnosticLog?) throws(GeneratorFailure)
        -> Generated
    {
        let output: String
        let templates: String?
        do throws(Diagnostic) {
            output = try settings.output()
            templates = try settings.path("templates")
        } catch {
            throw fail(.settings, [error])
        }
        var timings = PhaseTimings()
        let spec = try loadSpec(settings)
        timings.mark("parse")
        // The templates are read, checked and parsed on the core the IR leaves idle (the spec's parse uses both);
        // their problems are reported after the spec's.
        let renderer = self.renderer
        let preparing = Concurrently { () -> Result<PreparedTemplates, DiagnosticsError> in
            do throws(DiagnosticsError) {
                return .success(try renderer.prepare(templates: templates))
            } catch {
                return .failure(error)
            }
        }
        let model = try self.model(
            spec, tags: tags, nameOverrides: settings.nameOverrides, pathLabels: settings.pathLabels)
        timings.mark("resolve + IR")
        let files: [String: String]
        do throws(DiagnosticsError) {
            let prepared = try preparing.value.get()
            files = try renderer.render(
                model, options: settings.renderOptions(specFile: spec.document.source.path), templates: prepared)
        } catch {
            throw fail(.render, error.diagnostics)
        }
        timings.mark("render")
        let arranged = settings.layout.arrange(files)
        let written: OutputWriter.Report
        do throws(Diagnostic) {
            let notes =
                log.map {
                    RunNotes(operations: model.operations.count, types: model.types.count, diagnostics: $0.all).lines
                } ?? []
            written = try writer.write(arranged, to: output, manifestNotes: notes)
        } catch {
            throw fail(.write, [error])
        }
        timings.mark("write")
        return Generated(
            spec: spec, model: model, files: arranged, written: written, output: output, timings: timings.report())
    }

    /// `validate`: the whole document decoded, every reference resolved and the model of every operation built, as
    /// `generate --tags all` builds it; every diagnostic is in the returned spec's collector (none reported here).
    public func validate(_ settings: GeneratorSettings) throws(GeneratorFailure) -> SpecResolver {
        let spec = try loadSpec(settings)
        resolver.resolveAll(spec)
        _ = builder.build(
            spec, selection: .all, nameOverrides: settings.nameOverrides, pathLabels: settings.pathLabels)
        return spec
    }

    /// Reports the diagnostics and makes the failure of a stage.
    func fail(_ stage: Stage, _ diagnostics: [Diagnostic]) -> GeneratorFailure {
        report(diagnostics)
        return GeneratorFailure(stage: stage, diagnostics: diagnostics)
    }
}

/// File-system checks the stages share.
public enum FileSystem {
    /// Whether `path` is a regular file (following links).
    public static func isFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }
}
