import OktaGenYAML

/// How a spec and the files it references are loaded.
public struct LoadOptions: Sendable {
    /// Limits for each YAML file.
    public var yamlLimits: YAMLLimits
    /// Allow relative `$ref`s that leave the root spec's folder, and absolute `file:` URLs.
    public var allowExternalFilesOutsideRoot: Bool
    /// Allow `http:`/`https:` references (off by default: a spec should not make the generator fetch).
    public var allowNetworkReferences: Bool
    /// Longest chain of `$ref`s that point at other `$ref`s.
    public var maxReferenceChain: Int
    /// Most external files one spec may pull in.
    public var maxExternalFiles: Int
    /// Fetches a network reference's bytes; used only when ``allowNetworkReferences`` is set.
    public var networkFetcher: (@Sendable (String) throws -> [UInt8])?

    /// Creates options.
    public init(
        yamlLimits: YAMLLimits = .default, allowExternalFilesOutsideRoot: Bool = false,
        allowNetworkReferences: Bool = false, maxReferenceChain: Int = 32, maxExternalFiles: Int = 64
    ) {
        self.yamlLimits = yamlLimits
        self.allowExternalFilesOutsideRoot = allowExternalFilesOutsideRoot
        self.allowNetworkReferences = allowNetworkReferences
        self.maxReferenceChain = maxReferenceChain
        self.maxExternalFiles = maxExternalFiles
    }
}
