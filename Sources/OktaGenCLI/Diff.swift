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
        let oldSpec = try Self.load(old, argument: "OLD", options: options, pipeline: pipeline)
        let newSpec = try Self.load(new, argument: "NEW", options: options, pipeline: pipeline)
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
        let renames = diff.renamedCalls
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
    /// warnings) and exits 2 on an error. An argument with a `:` that is neither a file nor `REVISION:PATH` is an
    /// error that says which argument it is and how a revision is written.
    static func load(
        _ path: String, argument: String, options: LoadOptions, pipeline: GeneratorPipeline
    ) throws -> SpecResolver {
        let source: SpecSource
        if FileManager.default.fileExists(atPath: path) {
            source = .file(path)
        } else {
            switch GitRevision.parse(path) {
            case .revision(let revision):
                let bytes = try revision.read(limit: options.yamlLimits.maxInputBytes)
                source = .bytes(bytes, path: revision.path, displayPath: path)
            case .malformed(let problem):
                Output.standardError(
                    "error: \(argument) '\(Diagnostic.excerpt(path, limit: 200))': \(problem); a spec in git is written REVISION:PATH"
                        + " (HEAD~1:openapi.yaml)\n")
                throw ExitCode(2)
            case .notARevision:
                source = .file(path)  // the loader says that it cannot be read, as for every command
            }
        }
        do {
            return try pipeline.load(source, options: options)
        } catch {
            throw ExitCode(2)
        }
    }
}

/// `REVISION:PATH`, a spec file as a git revision holds it (`HEAD~1:openapi.yaml`, `v2026.06.2:specs/okta.yaml`).
///
/// Nothing in the argument or the file can make `oktagen` run other code: git runs with an argument vector (no
/// shell), the argument is one object name after every option (one that starts with `-` is refused, so it cannot be
/// read as an option), and `show` runs without pager, text conversion or external diff, which are the ways a
/// repository's settings could run a program for it.
struct GitRevision {
    /// The whole argument, as given to `git show`.
    let object: String
    /// The path part.
    let path: String

    /// What an argument that is not a file is.
    enum Parsed {
        case revision(GitRevision)
        /// It has a `:` but is not `REVISION:PATH`: what is wrong.
        case malformed(String)
        /// No `:`: a file, which does not exist.
        case notARevision
    }

    /// Reads `REVISION:PATH`: both parts non-empty, the revision not starting with `-`.
    static func parse(_ text: String) -> Parsed {
        guard let colon = text.firstIndex(of: ":") else { return .notARevision }
        if colon == text.startIndex { return .malformed("no revision before ':'") }
        if text.hasPrefix("-") { return .malformed("a revision cannot start with '-'") }
        let path = text[text.index(after: colon)...]
        if path.isEmpty { return .malformed("no path after ':'") }
        return .revision(GitRevision(object: text, path: String(path)))
    }

    /// The file's bytes, from `git show REVISION:PATH`, run with an argument vector (no shell) in the current folder.
    func read(limit: Int) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "git", "--no-pager", "-c", "core.fsmonitor=false", "show", "--no-textconv", "--no-ext-diff", "--format=",
            object,
        ]
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
        // Both pipes read to their ends (stderr on another thread, so that neither can fill and block git); the
        // group orders the reader's write before the read below.
        let errorText = ErrorText()
        let reading = DispatchGroup()
        reading.enter()
        DispatchQueue.global().async {
            errorText.data = errors.fileHandleForReading.readDataToEndOfFile()
            reading.leave()
        }
        var bytes: [UInt8] = []
        while true {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            bytes += chunk
            if bytes.count > limit {
                process.terminate()
                process.waitUntilExit()
                reading.wait()
                Output.standardError("error: '\(object)' is larger than \(limit) bytes (--max-input-bytes)\n")
                throw ExitCode(2)
            }
        }
        process.waitUntilExit()
        reading.wait()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errorText.data, as: UTF8.self).trimmingCharacters(
                in: .whitespacesAndNewlines)
            Output.standardError(
                "error: '\(Diagnostic.excerpt(object, limit: 200))' is neither a file nor a file in git: \(Diagnostic.excerpt(message, limit: 400))\n"
            )
            throw ExitCode(2)
        }
        return bytes
    }

    /// git's standard error, written by the reader and read after `DispatchGroup.wait()`.
    private final class ErrorText: @unchecked Sendable {
        var data = Data()
    }
}
