/// Hard limits that keep a hostile document from exhausting time or memory.
///
/// The defaults fit real specs with room to spare: Okta's 3.5 MB management spec has about 170,000 nodes,
/// nests 30 levels deep and uses no aliases.
public struct YAMLLimits: Sendable, Hashable {
    /// Largest input accepted, in bytes.
    public var maxInputBytes: Int
    /// Most nodes (scalars, sequences, mappings) one document may hold.
    public var maxNodes: Int
    /// Most nodes that aliases may add when expanded (the billion-laughs guard).
    public var maxAliasExpansion: Int
    /// Deepest nesting of sequences and mappings.
    public var maxDepth: Int

    /// Creates limits.
    public init(
        maxInputBytes: Int = 64 << 20,
        maxNodes: Int = 4_000_000,
        maxAliasExpansion: Int = 100_000,
        maxDepth: Int = 256
    ) {
        self.maxInputBytes = maxInputBytes
        self.maxNodes = maxNodes
        self.maxAliasExpansion = maxAliasExpansion
        self.maxDepth = maxDepth
    }

    /// The defaults.
    public static let `default` = YAMLLimits()
}
