/// The keys an `oktagen.yaml` file may hold: each is the name of a command-line flag without `--`, except
/// `name-overrides`, `group-names` and `path-labels`, which only the file can hold.
extension GeneratorConfig {
    /// What a key's value must be.
    public enum ValueKind: Sendable, Equatable {
        /// A string (a path or a name).
        case string
        /// One of a few words.
        case choice([String])
        /// A list of words from a set (or the same, comma-separated, in one string).
        case list([String]?)
        /// `true` or `false`.
        case bool
        /// A positive integer.
        case positiveInteger
        /// The start of a Swift type name: ASCII letters, digits and `_`, not starting with a digit.
        case identifier
        /// A mapping of spec names to Swift type names (ASCII identifiers).
        case nameMap
    }

    /// One key of the file.
    public struct Key: Sendable {
        /// The key, which is also the flag's name (`max-depth` ↔ `--max-depth`).
        public var name: String
        /// What its value must be.
        public var kind: ValueKind
        /// The commands that use it.
        public var commands: [String]
        /// What it sets.
        public var help: String
        let apply: @Sendable (inout GeneratorConfig, Value) -> Void
    }

    /// A checked value.
    public enum Value: Sendable, Equatable {
        case string(String)
        case list([String])
        case bool(Bool)
        case integer(Int)
        case names([NameOverride])

        var string: String? { if case .string(let value) = self { value } else { nil } }
        var list: [String]? { if case .list(let value) = self { value } else { nil } }
        var bool: Bool? { if case .bool(let value) = self { value } else { nil } }
        var integer: Int? { if case .integer(let value) = self { value } else { nil } }
        var names: [NameOverride]? { if case .names(let value) = self { value } else { nil } }
    }

    static let specCommands = ["generate", "validate", "model"]
    static let limitCommands = ["generate", "validate", "model", "diff"]

    /// Every key, in the order the documentation lists them.
    public static let keys: [Key] = [
        Key(name: "spec", kind: .string, commands: specCommands, help: "the OpenAPI document (YAML or JSON)") {
            $0.spec = $1.string
        },
        Key(
            name: "tags", kind: .list(nil), commands: ["generate", "model", "diff"],
            help: "the tags whose operations to take, or `all`"
        ) { $0.tags = $1.list },
        Key(
            name: "mode", kind: .list(["models", "client", "server", "docs", "all"]), commands: ["generate"],
            help: "what to generate: `models`, `client`, `server`"
        ) { $0.mode = $1.list },
        Key(name: "output", kind: .string, commands: ["generate"], help: "the output folder") { $0.output = $1.string },
        Key(
            name: "templates", kind: .string, commands: ["generate"],
            help: "a folder of `.mustache` files replacing bundled templates"
        ) { $0.templates = $1.string },
        Key(
            name: "access", kind: .choice(["public", "internal"]), commands: ["generate"],
            help: "access level of generated declarations"
        ) { $0.access = $1.string },
        Key(
            name: "type-prefix", kind: .identifier, commands: ["generate"],
            help: "put before every generated type name (`Acme` → `AcmeUser`)"
        ) { $0.typePrefix = $1.string },
        Key(
            name: "layout", kind: .choice(["files", "combined"]), commands: ["generate"],
            help: "one file per declaration, or three files (models, client, server)"
        ) { $0.layout = $1.string },
        Key(
            name: "quiet", kind: .bool, commands: ["generate", "validate"],
            help: "print nothing but diagnostics (validate: only errors)"
        ) { $0.quiet = $1.bool },
        Key(name: "summary", kind: .bool, commands: ["model"], help: "print only the operations") {
            $0.summary = $1.bool
        },
        Key(
            name: "allow-external-files", kind: .bool, commands: limitCommands,
            help: "allow `$ref`s to files outside the spec's folder"
        ) { $0.allowExternalFiles = $1.bool },
        Key(name: "allow-network-refs", kind: .bool, commands: limitCommands, help: "allow http(s) `$ref`s") {
            $0.allowNetworkRefs = $1.bool
        },
        Key(name: "max-input-bytes", kind: .positiveInteger, commands: limitCommands, help: "largest input file") {
            $0.maxInputBytes = $1.integer
        },
        Key(name: "max-nodes", kind: .positiveInteger, commands: limitCommands, help: "most YAML nodes in one file") {
            $0.maxNodes = $1.integer
        },
        Key(
            name: "max-alias-expansion", kind: .positiveInteger, commands: limitCommands,
            help: "most nodes YAML aliases may add"
        ) { $0.maxAliasExpansion = $1.integer },
        Key(name: "max-depth", kind: .positiveInteger, commands: limitCommands, help: "deepest YAML nesting") {
            $0.maxDepth = $1.integer
        },
        Key(
            name: "max-ref-chain", kind: .positiveInteger, commands: limitCommands,
            help: "longest chain of `$ref`s to `$ref`s"
        ) { $0.maxRefChain = $1.integer },
        Key(
            name: "max-external-files", kind: .positiveInteger, commands: limitCommands,
            help: "most external files one spec may reference"
        ) { $0.maxExternalFiles = $1.integer },
        Key(
            name: "format", kind: .choice(["text", "json", "markdown"]), commands: ["diff"],
            help: "the report format"
        ) { $0.format = $1.string },
        Key(name: "fail-on-breaking", kind: .bool, commands: ["diff"], help: "exit 1 when a change is breaking") {
            $0.failOnBreaking = $1.bool
        },
        Key(
            name: "name-overrides", kind: .nameMap, commands: ["generate", "validate", "model", "diff"],
            help: "Swift type names for component schemas (`tempPassword: TemporaryPassword`)"
        ) { $0.nameOverrides = $1.names },
        Key(
            name: "group-names", kind: .nameMap, commands: ["generate", "validate", "model", "diff"],
            help: "Swift names for the API groups of tags (`UserOAuth: UserOAuthTokens`)"
        ) { $0.groupNames = $1.names },
        Key(
            name: "path-labels", kind: .choice(["resource", "spec"]),
            commands: ["generate", "validate", "model", "diff"],
            help: "labels of path parameters: one per resource (`userId` for `{id}` and `{userId}`), or the spec's"
        ) { $0.pathLabels = $1.string },
    ]

    /// The key called `name`, if there is one.
    public static func key(named name: String) -> Key? { keys.first { $0.name == name } }
}
