import ArgumentParser
import OktaGenConfig
import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI
import OktaGenResources
import OktaGenYAML

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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

    /// What the run may read: the flags, else the environment variables, else nothing more (a settings file's
    /// `allow-*: true` alone is ignored with a warning; see GeneratorConfig+Trust.swift).
    func trust(_ config: GeneratorConfig) -> GeneratorConfig.Trust {
        var environment: [String: String] = [:]
        for name in [GeneratorConfig.allowExternalFilesVariable, GeneratorConfig.allowNetworkRefsVariable] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        return config.trust(
            allowExternalFilesFlag: allowExternalFiles, allowNetworkRefsFlag: allowNetworkRefs, environment: environment
        )
    }

    /// The options of a load: each flag, else the configuration's key, else the default; prints the warnings of
    /// ``trust(_:)`` (call it once per run).
    func loadOptions(_ config: GeneratorConfig) -> LoadOptions {
        let defaults = LoadOptions()
        let limits = YAMLLimits.default
        let trust = self.trust(config)
        Output.printDiagnostics(trust.warnings)
        let allowNetwork = trust.allowNetworkRefs
        var options = LoadOptions(
            yamlLimits: YAMLLimits(
                maxInputBytes: maxInputBytes ?? config.maxInputBytes ?? limits.maxInputBytes,
                maxNodes: maxNodes ?? config.maxNodes ?? limits.maxNodes,
                maxAliasExpansion: maxAliasExpansion ?? config.maxAliasExpansion ?? limits.maxAliasExpansion,
                maxDepth: maxDepth ?? config.maxDepth ?? limits.maxDepth),
            allowExternalFilesOutsideRoot: trust.allowExternalFiles,
            allowNetworkReferences: allowNetwork,
            maxReferenceChain: maxRefChain ?? config.maxRefChain ?? defaults.maxReferenceChain,
            maxExternalFiles: maxExternalFiles ?? config.maxExternalFiles ?? defaults.maxExternalFiles)
        if allowNetwork { options.networkFetcher = NetworkFetch.fetch }
        return options
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

    /// Loads the spec named by `--spec`, else by the configuration, else the default one; prints diagnostics to
    /// stderr and exits 1 when it cannot be loaded.
    func load(config: GeneratorConfig, loading: LoadingOptions) throws -> SpecResolver {
        let options = loading.loadOptions(config)
        do throws(DiagnosticsError) {
            let configured: String?
            do throws(Diagnostic) {
                configured =
                    spec == nil
                    ? try config.path(forKey: "spec", allowExternalFiles: options.allowExternalFilesOutsideRoot) : nil
            } catch {
                throw DiagnosticsError([error])
            }
            if let path = spec ?? configured {
                return try SpecResolver.load(path: path, options: options)
            }
            if FileSystem.isFile(EmbeddedSpec.defaultPath) {
                return try SpecResolver.load(path: EmbeddedSpec.defaultPath, options: options)
            }
            return try SpecResolver.load(
                bytes: Array(EmbeddedSpec.oktaUsers.utf8), path: "<embedded>/" + EmbeddedSpec.defaultPath,
                options: options)
        } catch {
            Output.printDiagnostics(error.diagnostics)
            throw ExitCode(1)
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

    /// The settings: from `--config`, else from `oktagen.yaml` in the current folder, else empty. Prints the problems
    /// of a bad file with their line and column and exits 1.
    func load() throws -> GeneratorConfig {
        let path: String
        if let config {
            path = config
        } else if !noConfig, FileSystem.isFile(GeneratorConfig.defaultFileName) {
            path = GeneratorConfig.defaultFileName
        } else {
            return GeneratorConfig()
        }
        do {
            return try GeneratorConfig.load(path: path)
        } catch {
            Output.printDiagnostics(error.diagnostics)
            throw ExitCode(1)
        }
    }
}
