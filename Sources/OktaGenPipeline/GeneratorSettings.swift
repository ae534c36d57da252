import OktaGenConfig
import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI
import OktaGenRender
import OktaGenYAML

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every setting of a run, merged in this one place: the command line's flag, else the settings file's key, else
/// the default.
///
/// Flags and keys have the same names (`--max-depth` ↔ `max-depth:`), so the command line hands its flags over as a
/// ``GeneratorConfig`` too (``flags``), each one set only when given. A setting is read when a command needs it, not
/// before: a settings file's `output:` that leads outside its folder is an error of `generate`, which writes there,
/// not of `validate`.
public struct GeneratorSettings: Sendable {
    /// The flags given on the command line (or by a caller of the library), as keys.
    public var flags: GeneratorConfig
    /// The settings file (empty when there is none).
    public var file: GeneratorConfig
    /// The process's environment (`OKTAGEN_ALLOW_*` variables; see ``GeneratorConfig/trust(allowExternalFilesFlag:allowNetworkRefsFlag:environment:)``).
    public var environment: [String: String]

    /// The settings of a run.
    /// - Parameters:
    ///   - flags: The flags, as keys.
    ///   - file: The settings file's values.
    ///   - environment: The environment variables that count (``GeneratorConfig/allowExternalFilesVariable``,
    ///     ``GeneratorConfig/allowNetworkRefsVariable``).
    public init(
        flags: GeneratorConfig = GeneratorConfig(), file: GeneratorConfig = GeneratorConfig(),
        environment: [String: String] = [:]
    ) {
        self.flags = flags
        self.file = file
        self.environment = environment
    }

    /// The default output folder.
    public static let defaultOutput = "Generated"

    /// What the run may read (flags, else environment, else nothing more: a file's `allow-*: true` alone is ignored
    /// with a warning in ``GeneratorConfig/Trust/warnings``).
    public var trust: GeneratorConfig.Trust {
        file.trust(
            allowExternalFilesFlag: flags.allowExternalFiles, allowNetworkRefsFlag: flags.allowNetworkRefs,
            environment: environment)
    }

    /// The options of a load: each limit from its flag, else its key, else its default; references as ``trust``
    /// allows (network references fetched with ``NetworkFetch``).
    public var loadOptions: LoadOptions {
        let defaults = LoadOptions()
        let limits = YAMLLimits.default
        let trust = self.trust
        var options = LoadOptions(
            yamlLimits: YAMLLimits(
                maxInputBytes: flags.maxInputBytes ?? file.maxInputBytes ?? limits.maxInputBytes,
                maxNodes: flags.maxNodes ?? file.maxNodes ?? limits.maxNodes,
                maxAliasExpansion: flags.maxAliasExpansion ?? file.maxAliasExpansion ?? limits.maxAliasExpansion,
                maxDepth: flags.maxDepth ?? file.maxDepth ?? limits.maxDepth),
            allowExternalFilesOutsideRoot: trust.allowExternalFiles,
            allowNetworkReferences: trust.allowNetworkRefs,
            maxReferenceChain: flags.maxRefChain ?? file.maxRefChain ?? defaults.maxReferenceChain,
            maxExternalFiles: flags.maxExternalFiles ?? file.maxExternalFiles ?? defaults.maxExternalFiles)
        if trust.allowNetworkRefs { options.networkFetcher = NetworkFetch.fetch }
        return options
    }

    /// A path setting (`spec`, `output`, `templates`): the flag's as given, else the file's resolved against the
    /// file's folder (a flag replaces its key: the key's path is then not checked, nor used).
    /// - Throws: ``Diagnostic`` at the key's value when it leads outside the file's folder and external files are
    ///   not allowed.
    public func path(_ key: String) throws(Diagnostic) -> String? {
        let flag: String?
        switch key {
        case "spec": flag = flags.spec
        case "output": flag = flags.output
        case "templates": flag = flags.templates
        default: flag = nil
        }
        if let flag { return flag }
        return try file.path(forKey: key, allowExternalFiles: trust.allowExternalFiles)
    }

    /// The output folder: ``path(_:)`` of `output`, else ``defaultOutput``.
    public func output() throws(Diagnostic) -> String { try path("output") ?? Self.defaultOutput }

    /// The tags to take: `--tags`, else the file's `tags`, else ``GeneratorConfig/defaultTags`` (not explicit: the
    /// default is not checked against the spec). `nil` when the names given are an empty list.
    public var tags: TagRequest? {
        if let names = flags.tags {
            return TagSelection.parse(names: names).map { TagRequest(selection: $0, isExplicit: true) }
        }
        if let names = file.tags {
            return TagSelection.parse(names: names).map {
                TagRequest(selection: $0, isExplicit: true, location: file.locations["tags"])
            }
        }
        return TagRequest(selection: .tags(GeneratorConfig.defaultTags), isExplicit: false)
    }

    /// What to generate (`mode`); default: all three.
    public var mode: RenderMode {
        (flags.mode ?? file.mode).flatMap(RenderMode.parse(names:)) ?? .all
    }
    /// `access`; default: `public`.
    public var access: String { flags.access ?? file.access ?? "public" }
    /// `type-prefix`; default: none.
    public var typePrefix: String { flags.typePrefix ?? file.typePrefix ?? "" }
    /// `layout`; default: one file per declaration.
    public var layout: OutputLayout {
        (flags.layout ?? file.layout).flatMap(OutputLayout.init(rawValue:)) ?? .files
    }
    /// `quiet`; default: no.
    public var quiet: Bool { flags.quiet ?? file.quiet ?? false }
    /// `summary` (model); default: no.
    public var summary: Bool { flags.summary ?? file.summary ?? false }
    /// `format` (diff), as written; default: `nil` (text).
    public var format: String? { flags.format ?? file.format }
    /// `name-overrides`, then `group-names` (file only); default: none.
    public var nameOverrides: [IRNameOverride] {
        (file.nameOverrides ?? []).map {
            IRNameOverride(schemaName: $0.schemaName, typeName: $0.typeName, location: $0.location, pointer: $0.pointer)
        }
            + (file.groupNames ?? []).map {
                IRNameOverride(
                    group: $0.schemaName, typeName: $0.typeName, location: $0.location, pointer: $0.pointer)
            }
    }
    /// `path-labels` (file only); default: one label per resource.
    public var pathLabels: IRPathLabels {
        file.pathLabels.flatMap(IRPathLabels.init(rawValue:)) ?? .resource
    }
    /// `fail-on-breaking` (diff); default: no.
    public var failOnBreaking: Bool { flags.failOnBreaking ?? file.failOnBreaking ?? false }

    /// The options of a rendering run.
    /// - Parameter specFile: The spec as the generated headers name it.
    public func renderOptions(specFile: String) -> RenderOptions {
        RenderOptions(mode: mode, access: access, specFile: specFile, typeNamePrefix: typePrefix)
    }
}

extension GeneratorSettings {
    /// The environment variables a run reads (``GeneratorConfig/allowExternalFilesVariable``,
    /// ``GeneratorConfig/allowNetworkRefsVariable``), from the process.
    public static func processEnvironment() -> [String: String] {
        var environment: [String: String] = [:]
        for name in [GeneratorConfig.allowExternalFilesVariable, GeneratorConfig.allowNetworkRefsVariable] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        return environment
    }

    /// The settings file of a run: `path`, else `oktagen.yaml` in the current folder unless `useDefaultFile` is
    /// false, else none (an empty configuration).
    /// - Throws: ``DiagnosticsError`` with the problems of a bad file, at their line and column.
    public static func settingsFile(_ path: String?, useDefaultFile: Bool) throws(DiagnosticsError) -> GeneratorConfig {
        if let path { return try GeneratorConfig.load(path: path) }
        if useDefaultFile, FileSystem.isFile(GeneratorConfig.defaultFileName) {
            return try GeneratorConfig.load(path: GeneratorConfig.defaultFileName)
        }
        return GeneratorConfig()
    }
}
