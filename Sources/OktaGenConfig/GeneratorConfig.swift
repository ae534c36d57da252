import OktaGenDiagnostics

/// The settings of an `oktagen.yaml` file: one optional value per command-line option.
///
/// A command uses, for each setting, the flag when one is given, else the file's key, else its default. Paths in the
/// file (`spec`, `output`, `templates`) are relative to the file's folder; ``resolve(_:)`` turns them into paths the
/// tool can open.
public struct GeneratorConfig: Sendable, Equatable {
    /// The file as named in messages (`nil` when no file was read).
    public var file: String?
    /// The folder paths in the file are relative to (`.` when no file was read).
    public var directory: String

    /// `spec`: the OpenAPI document.
    public var spec: String?
    /// `tags`: tag names, or `["all"]`.
    public var tags: [String]?
    /// `mode`: what to generate (`models`, `client`, `server`, `all`).
    public var mode: [String]?
    /// `output`: the output folder.
    public var output: String?
    /// `templates`: a folder of template overrides.
    public var templates: String?
    /// `access`: `public` or `internal`.
    public var access: String?
    /// `type-prefix`: put before every generated type name.
    public var typePrefix: String?
    /// `layout`: `files` or `combined`.
    public var layout: String?
    /// `quiet`: print nothing but diagnostics (generate) or only errors (validate).
    public var quiet: Bool?
    /// `summary`: print only the operations (model).
    public var summary: Bool?
    /// `allow-external-files`: allow `$ref`s to files outside the spec's folder.
    public var allowExternalFiles: Bool?
    /// `allow-network-refs`: allow http(s) `$ref`s.
    public var allowNetworkRefs: Bool?
    /// `max-input-bytes`.
    public var maxInputBytes: Int?
    /// `max-nodes`.
    public var maxNodes: Int?
    /// `max-alias-expansion`.
    public var maxAliasExpansion: Int?
    /// `max-depth`.
    public var maxDepth: Int?
    /// `max-ref-chain`.
    public var maxRefChain: Int?
    /// `max-external-files`.
    public var maxExternalFiles: Int?
    /// `format`: the report format of `oktagen diff` (`text`, `json`, `markdown`).
    public var format: String?
    /// `fail-on-breaking`: `oktagen diff` exits 1 when a change is breaking.
    public var failOnBreaking: Bool?
    /// `name-overrides`: Swift type names for component schemas, in the file's order (file only: no flag).
    public var nameOverrides: [NameOverride]?
    /// `group-names`: Swift names (UpperCamel, before `API`/`Handler`) for the API groups of tags, keyed by the tag
    /// as the spec writes it (file only: no flag). Read like `name-overrides`.
    public var groupNames: [NameOverride]?
    /// `path-labels`: `resource` (one label per resource) or `spec` (the spec's names) (file only: no flag).
    public var pathLabels: String?
    /// Where each key's value is in the file (for messages about a value that was read correctly).
    public var locations = KeyLocations()

    /// Locations by key name. Not part of the settings: two configurations with the same values are equal, wherever
    /// the values were written.
    public struct KeyLocations: Sendable, Equatable {
        var byKey: [String: SourceLocation] = [:]

        public init() {}

        /// Where the key's value is, when it came from a file.
        public subscript(key: String) -> SourceLocation? {
            get { byKey[key] }
            set { byKey[key] = newValue }
        }

        public static func == (lhs: KeyLocations, rhs: KeyLocations) -> Bool { true }
    }

    /// An empty configuration (every setting at its default), paths relative to `directory`.
    /// - Parameters:
    ///   - file: The file as named in messages, if any.
    ///   - directory: The folder relative paths resolve against.
    public init(file: String? = nil, directory: String = ".") {
        self.file = file
        self.directory = directory
    }

    /// A path from the file, made usable from the current folder: absolute paths stay, relative ones are joined to
    /// ``directory``.
    /// - Parameter path: The path as written in the file.
    /// - Returns: The path to open.
    public func resolve(_ path: String) -> String {
        if path.hasPrefix("/") || directory == "." || directory.isEmpty { return path }
        return directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }

    /// The tags taken when neither `--tags` nor the file's `tags` names any: Okta's seven user tags (36 operations in
    /// release 2026.06.3). The tool's default, not the IR's: any OpenAPI document may be read with it (its tags that
    /// match are taken).
    public static let defaultTags = [
        "User", "UserLifecycle", "UserCred", "UserSessions", "UserGrant", "UserOAuth", "UserResources",
    ]

    /// One entry of `name-overrides`: the type name a component schema gets instead of the one the naming rules give
    /// it (docs/Naming.md).
    public struct NameOverride: Sendable, Equatable {
        /// The component schema's name, as the spec writes it.
        public var schemaName: String
        /// The Swift type name (before any `type-prefix`).
        public var typeName: String
        /// Where the entry is written.
        public var location: SourceLocation?
        /// The entry's JSON pointer in the file.
        public var pointer: String?

        public init(schemaName: String, typeName: String, location: SourceLocation? = nil, pointer: String? = nil) {
            self.schemaName = schemaName
            self.typeName = typeName
            self.location = location
            self.pointer = pointer
        }

        public static func == (lhs: NameOverride, rhs: NameOverride) -> Bool {
            lhs.schemaName == rhs.schemaName && lhs.typeName == rhs.typeName
        }
    }

    /// The default file name, looked for in the current folder.
    public static let defaultFileName = "oktagen.yaml"
}
