import ArgumentParser
import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI
import OktaGenResources
import OktaGenYAML

/// Options every command that reads a spec shares.
struct SpecOptions: ParsableArguments {
    @Option(name: .long, help: "The OpenAPI document (YAML or JSON). Default: specs/okta-users.yaml, else the embedded copy.")
    var spec: String?

    @Flag(name: .long, help: "Allow $refs to files outside the spec's folder and absolute file: URLs.")
    var allowExternalFiles = false

    @Flag(name: .long, help: "Allow http(s) $refs (fetched at generation time).")
    var allowNetworkRefs = false

    @Option(name: .long, help: "Largest input file, in bytes.")
    var maxInputBytes: Int = YAMLLimits.default.maxInputBytes

    @Option(name: .long, help: "Most YAML nodes in one file.")
    var maxNodes: Int = YAMLLimits.default.maxNodes

    @Option(name: .long, help: "Most nodes that YAML aliases may add when expanded.")
    var maxAliasExpansion: Int = YAMLLimits.default.maxAliasExpansion

    @Option(name: .long, help: "Deepest nesting of YAML collections.")
    var maxDepth: Int = YAMLLimits.default.maxDepth

    @Option(name: .long, help: "Longest chain of $refs pointing at $refs.")
    var maxRefChain: Int = LoadOptions().maxReferenceChain

    @Option(name: .long, help: "Most external files one spec may reference.")
    var maxExternalFiles: Int = LoadOptions().maxExternalFiles

    var loadOptions: LoadOptions {
        var options = LoadOptions(
            yamlLimits: YAMLLimits(
                maxInputBytes: maxInputBytes, maxNodes: maxNodes, maxAliasExpansion: maxAliasExpansion,
                maxDepth: maxDepth),
            allowExternalFilesOutsideRoot: allowExternalFiles, allowNetworkReferences: allowNetworkRefs,
            maxReferenceChain: maxRefChain, maxExternalFiles: maxExternalFiles)
        if allowNetworkRefs { options.networkFetcher = NetworkFetch.fetch }
        return options
    }

    /// Loads the spec, printing diagnostics to stderr; exits 1 when it has errors.
    func load() throws -> SpecResolver {
        do {
            if let spec {
                return try SpecResolver.load(path: spec, options: loadOptions)
            }
            if FileSystem.isFile(EmbeddedSpec.defaultPath) {
                return try SpecResolver.load(path: EmbeddedSpec.defaultPath, options: loadOptions)
            }
            return try SpecResolver.load(
                bytes: Array(EmbeddedSpec.oktaUsers.utf8), path: "<embedded>/" + EmbeddedSpec.defaultPath,
                options: loadOptions)
        } catch {
            Output.printDiagnostics(error.diagnostics)
            throw ExitCode(1)
        }
    }
}
