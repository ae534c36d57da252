import ArgumentParser
import OktaGenConfig
import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI
import OktaGenPipeline
import OktaGenYAML

/// Limits and `$ref` policy, shared by every command that reads specs. Each can also be set in `oktagen.yaml`.
///
/// Commands declare it last, so that `--help` lists the everyday options (spec, tags, output, mode) first and these
/// after them. Not under a heading: ArgumentParser prints titled groups before the untitled `OPTIONS`.
struct LoadingOptions: ParsableArguments {
    @Flag(
        name: .long, inversion: .prefixedNo,
        help: "Allow $refs to files outside the spec's folder and absolute file: URLs. Default: no.")
    var allowExternalFiles: Bool?

    @Flag(name: .long, inversion: .prefixedNo, help: "Allow http(s) $refs (fetched at generation time). Default: no.")
    var allowNetworkRefs: Bool?

    @Option(name: .long, help: "Largest input file, in bytes. Default: \(YAMLLimits.default.maxInputBytes).")
    var maxInputBytes: Int?

    @Option(name: .long, help: "Most YAML nodes in one file. Default: \(YAMLLimits.default.maxNodes).")
    var maxNodes: Int?

    @Option(
        name: .long,
        help: "Most nodes that YAML aliases may add when expanded. Default: \(YAMLLimits.default.maxAliasExpansion).")
    var maxAliasExpansion: Int?

    @Option(name: .long, help: "Deepest nesting of YAML collections. Default: \(YAMLLimits.default.maxDepth).")
    var maxDepth: Int?

    @Option(name: .long, help: "Longest chain of $refs pointing at $refs. Default: \(LoadOptions().maxReferenceChain).")
    var maxRefChain: Int?

    @Option(
        name: .long, help: "Most external files one spec may reference. Default: \(LoadOptions().maxExternalFiles).")
    var maxExternalFiles: Int?

    /// Puts the flags given into the settings' ``GeneratorSettings/flags``.
    func apply(to flags: inout GeneratorConfig) {
        flags.allowExternalFiles = allowExternalFiles
        flags.allowNetworkRefs = allowNetworkRefs
        flags.maxInputBytes = maxInputBytes
        flags.maxNodes = maxNodes
        flags.maxAliasExpansion = maxAliasExpansion
        flags.maxDepth = maxDepth
        flags.maxRefChain = maxRefChain
        flags.maxExternalFiles = maxExternalFiles
    }

    func validate() throws {
        for (name, value) in [
            ("max-input-bytes", maxInputBytes), ("max-nodes", maxNodes), ("max-alias-expansion", maxAliasExpansion),
            ("max-depth", maxDepth), ("max-ref-chain", maxRefChain), ("max-external-files", maxExternalFiles),
        ] {
            if let value, value <= 0 { throw ValidationError("--\(name) takes a positive number") }
        }
    }
}

/// `--spec`, which every command that reads one spec shares.
struct SpecOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "The OpenAPI document (YAML or JSON). Default: specs/okta-users.yaml, else the embedded copy.")
    var spec: String?
}

/// `--tags`, which every command that selects operations shares.
struct TagOptions: ParsableArguments {
    @Option(name: .long, help: "Comma-separated tags, or 'all'. Default: Okta's seven user tags.")
    var tags: String?

    /// The longest tag name taken (Okta's are under 40 characters).
    static let maxTagLength = 256

    func validate() throws {
        guard let tags else { return }
        guard let selection = TagSelection.parse(tags) else { throw Self.emptyList }
        try Self.checkLengths(selection)
    }

    static let emptyList = ValidationError("--tags needs a comma-separated list of tags, or 'all'")

    /// The settings' tags (`--tags`, else the file's `tags`, else Okta's user tags), checked for length.
    static func request(_ settings: GeneratorSettings) throws -> TagRequest {
        guard let request = settings.tags else { throw emptyList }
        try checkLengths(request.selection)
        return request
    }

    /// Refuses tag names longer than ``maxTagLength``: a name of a megabyte would be quoted whole, and compared by
    /// edit distance, in the "unknown tag" error.
    static func checkLengths(_ selection: TagSelection) throws {
        for name in selection.names where name.utf8.count > maxTagLength {
            throw ValidationError(
                "a tag name of \(name.utf8.count) bytes ('\(Diagnostic.excerpt(name))') is longer than the limit of"
                    + " \(maxTagLength)")
        }
    }
}

/// `--config PATH` and `--no-config`: where the settings file is.
struct ConfigOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A settings file (YAML) with a key for every option; a flag overrides its key."
                + " Default: oktagen.yaml in the current folder, when there is one.", valueName: "path"))
    var config: String?

    @Flag(name: .long, help: "Do not read oktagen.yaml from the current folder.")
    var noConfig = false

    func validate() throws {
        if config != nil, noConfig { throw ValidationError("--config and --no-config exclude each other") }
    }

    /// The run's settings: the flags over the settings file (from `--config`, else `oktagen.yaml` in the current
    /// folder, else none). Prints the problems of a bad file with their line and column and exits 1.
    func settings(flags: GeneratorConfig) throws -> GeneratorSettings {
        do {
            let file = try GeneratorSettings.settingsFile(config, useDefaultFile: !noConfig)
            return GeneratorSettings(flags: flags, file: file, environment: GeneratorSettings.processEnvironment())
        } catch {
            Output.printDiagnostics(error.diagnostics)
            throw ExitCode(1)
        }
    }
}

extension GeneratorPipeline {
    /// The pipeline of a command: its diagnostics printed to stderr as each stage ends.
    static let printing = GeneratorPipeline(report: { Output.printDiagnostics($0) })
}
