import ArgumentParser
import Foundation
import OktaGenConfig
import OktaGenDiagnostics
import OktaGenDiff
import OktaGenIR
import OktaGenOpenAPI
import OktaGenPipeline
import OktaGenRender

/// `oktagen diff OLD NEW`: what changed between two versions of a spec, and whether it breaks clients.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two versions of a spec: operations, parameters, bodies, responses and schemas.",
        discussion: """
            Every change is classified breaking or not for a client. Exit status: 0, or 1 with --fail-on-breaking \
            when a change is breaking; 2 when a spec cannot be read or a tag is in neither spec.
            """)

    @Argument(help: "The old version of the spec: a file, or REVISION:PATH for a file in git (HEAD~1:openapi.yaml).")
    var old: String

    @Argument(help: "The new version of the spec: a file, or REVISION:PATH.")
    var new: String

    @OptionGroup var tagOptions: TagOptions

    @Option(name: .long, help: "text, json, markdown (for a pull request) or html. Default: text.")
    var format: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Exit 1 when a change has this severity or a higher one: ERR or WARN.", valueName: "SEVERITY"))
    var failOn: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A file of 'kind SEVERITY' lines (ERR, WARN, INFO, NONE) overriding the severity of kinds of change.",
            valueName: "FILE"))
    var severityOverrides: String?

    @Flag(name: .long, inversion: .prefixedNo, help: "Exit 1 when a change is breaking. Default: no.")
    var failOnBreaking: Bool?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write deprecated forwarding methods for renamed operations to FILE (add it to the SDK's target).",
            valueName: "FILE"))
    var emitShims: String?

    @Option(name: .long, help: "The type-name prefix the SDK is generated with, for the Swift names in the report.")
    var typePrefix: String?

    @OptionGroup var configOptions: ConfigOptions

    @OptionGroup var loading: LoadingOptions

    func validate() throws {
        if let typePrefix, !IRModel.isValidTypeNamePrefix(typePrefix) {
            throw ValidationError("--type-prefix takes ASCII letters, digits and _, not starting with a digit")
        }
        if let format {
            try Choices.check(format, noun: "format", option: "--format", among: DiffFormat.allCases.map(\.rawValue))
        }
        if let failOn {
            try Choices.check(failOn, noun: "severity", option: "--fail-on", among: ["ERR", "WARN"])
        }
        for input in [old, new] where input.hasPrefix("-") {
            throw ValidationError("'\(input)' looks like an option, not a spec file or REVISION:PATH")
        }
    }

    func run() throws {
        var flags = GeneratorConfig()
        flags.tags = tagOptions.tags.map { [$0] }
        flags.format = format
        flags.typePrefix = typePrefix
        flags.failOnBreaking = failOnBreaking
        loading.apply(to: &flags)
        let settings = try configOptions.settings(flags: flags)
        let tags = try TagOptions.request(settings)
        let format = settings.format.flatMap(DiffFormat.init(rawValue:)) ?? .text
        Output.printDiagnostics(settings.trust.warnings)
        let options = settings.loadOptions
        let overrides = try severityOverrides.map(Self.readOverrides)
        // Errors only: a diff is not the place for either spec's warnings.
        let pipeline = GeneratorPipeline(report: { Output.printDiagnostics($0.filter { $0.severity == .error }) })
        let oldSpec = try Self.load(old, options: options, pipeline: pipeline)
        let newSpec = try Self.load(new, options: options, pipeline: pipeline)
        let oldModel: IRModel
        let newModel: IRModel
        do {
            // A tag that only one version has is not a mistake: it was added or removed.
            try pipeline.check(tags, in: [oldSpec, newSpec])
            oldModel = try pipeline.build(
                oldSpec, selection: tags.selection, nameOverrides: settings.nameOverrides,
                pathLabels: settings.pathLabels)
            newModel = try pipeline.build(
                newSpec, selection: tags.selection, nameOverrides: settings.nameOverrides,
                pathLabels: settings.pathLabels)
        } catch {
            throw ExitCode(2)
        }
        let typePrefix = settings.typePrefix
        var diff = ModelDiffer(
            old: oldModel, new: newModel, oldFile: old, newFile: new, typeNamePrefix: typePrefix
        ).diff()
        if let overrides { diff = overrides.apply(to: diff) }
        if let emitShims {
            try Self.writeShims(
                diff, old: oldModel, new: newModel, typePrefix: typePrefix, access: settings.access,
                to: emitShims)
        }
        Output.standardOutput(diff.report(format))
        if settings.failOnBreaking, diff.hasBreakingChanges { throw ExitCode(1) }
        if let failOn, let threshold = ChangeSeverity(rawValue: failOn),
            diff.changes.contains(where: { $0.severity <= threshold })
        {
            throw ExitCode(1)
        }
    }

    /// Writes the deprecated shims of the renamed operations (``RenameShims``); a rename that cannot be shimmed is
    /// reported on standard error.
    static func writeShims(
        _ diff: APIDiff, old: IRModel, new: IRModel, typePrefix: String, access: String?, to path: String
    ) throws {
        let renames = diff.changes.filter { $0.kind == .operationRenamed }.compactMap { change in
            change.old.flatMap { old in change.new.map { (old: old, new: $0) } }
        }
        let options = RenderOptions(access: access ?? "public", specFile: "", typeNamePrefix: typePrefix)
        let (source, skipped) = RenameShims.render(renames: renames, old: old, new: new, options: options)
        for reason in skipped { Output.standardError("note: no shim for \(reason)\n") }
        do {
            try Data(source.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            Output.standardError("error: cannot write '\(path)': \(error.localizedDescription)\n")
            throw ExitCode(2)
        }
    }

    /// Reads a severity override file; prints its errors and exits 2 on one.
    static func readOverrides(_ path: String) throws -> SeverityOverrides {
        guard FileSystem.isFile(path), let data = FileManager.default.contents(atPath: path) else {
            Output.standardError("error: cannot read the severity override file '\(path)'\n")
            throw ExitCode(2)
        }
        do {
            return try SeverityOverrides.parse(String(decoding: data, as: UTF8.self), file: path)
        } catch {
            Output.printDiagnostics(error.diagnostics)
            throw ExitCode(2)
        }
    }

    /// Loads a spec — a file, or `REVISION:PATH` read with `git show` when no such file exists; prints errors (not
    /// warnings) and exits 2 on an error.
    static func load(_ path: String, options: LoadOptions, pipeline: GeneratorPipeline) throws -> SpecResolver {
        let source: SpecSource
        if !FileManager.default.fileExists(atPath: path), let revision = GitRevision(path) {
            let bytes = try revision.read(limit: options.yamlLimits.maxInputBytes)
            source = .bytes(bytes, path: revision.path, displayPath: path)
        } else {
            source = .file(path)
        }
        do {
            return try pipeline.load(source, options: options)
        } catch {
            throw ExitCode(2)
        }
    }
}

/// `REVISION:PATH`, a spec file as a git revision holds it (`HEAD~1:openapi.yaml`, `v2026.06.2:specs/okta.yaml`).
struct GitRevision {
    /// The whole argument, as given to `git show`.
    let object: String
    /// The path part.
    let path: String

    /// `nil` unless the text has a revision and a path around a `:`; a revision that starts with `-` (it would be
    /// an option of git's) is refused.
    init?(_ text: String) {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex, !text.hasPrefix("-") else { return nil }
        let path = text[text.index(after: colon)...]
        guard !path.isEmpty else { return nil }
        object = text
        self.path = String(path)
    }

    /// The file's bytes, from `git show REVISION:PATH`, run with an argument vector (no shell) in the current folder.
    func read(limit: Int) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "--no-pager", "show", "--no-textconv", object]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            Output.standardError("error: cannot run git to read '\(object)': \(error.localizedDescription)\n")
            throw ExitCode(2)
        }
        // Read both pipes to their ends (stderr on a thread of its own, so neither can fill and block git).
        let errorText = ErrorBox()
        let reader = Thread { errorText.data = errors.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        var bytes: [UInt8] = []
        while true {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            bytes += chunk
            if bytes.count > limit {
                process.terminate()
                Output.standardError("error: '\(object)' is larger than \(limit) bytes (--max-input-bytes)\n")
                throw ExitCode(2)
            }
        }
        process.waitUntilExit()
        while !errorText.done { usleep(1000) }
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errorText.data, as: UTF8.self).trimmingCharacters(
                in: .whitespacesAndNewlines)
            Output.standardError("error: '\(object)' is neither a file nor a file in git: \(message)\n")
            throw ExitCode(2)
        }
        return bytes
    }

    private final class ErrorBox: @unchecked Sendable {
        var data = Data() { didSet { done = true } }
        var done = false
    }
}
