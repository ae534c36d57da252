import Foundation

/// The client settings Okta's SDKs read, each with where it came from, merged in Okta's order (later wins):
/// `~/.okta/okta.yaml`, `./.okta.yaml`, `OKTA_CLIENT_*` environment variables, then code.
///
/// ```yaml
/// okta:
///   client:
///     orgUrl: https://dev-123456.okta.com
///     authorizationMode: PrivateKey       # SSWS (default), Bearer or PrivateKey
///     clientId: 0oa1b2c3d4e5f6g7h8i9
///     scopes:
///       - okta.users.read
///       - okta.users.manage
///     privateKey: ~/.okta/service-app.pem # or the PEM itself after `privateKey: |`
///     privateKeyId: my-key-id
///     connectionTimeout: 30               # seconds
///     requestTimeout: 0                   # seconds, 0 = none
///     rateLimit:
///       maxRetries: 4
///     proxy: { host, port, username, password }   # as nested keys
/// ```
///
/// ``OktaClientConfiguration/init(settings:allowInsecureHTTP:)`` turns settings into a configuration; its errors name the source of the
/// offending value: `file:line:column` for YAML, the variable's name for the environment.
public struct OktaClientSettings: Sendable {
    /// Where a value came from.
    public enum Source: Sendable, Hashable, CustomStringConvertible {
        /// A YAML file, at a line and column (1-based).
        case file(path: String, line: Int, column: Int)
        /// An environment variable.
        case environment(String)
        /// Code (``OktaClientSettings`` set directly).
        case code

        /// `path:line:column`, the variable's name, or `code`.
        public var description: String {
            switch self {
            case .file(let path, let line, let column): "\(path):\(line):\(column)"
            case .environment(let name): name
            case .code: "code"
            }
        }
    }

    /// A value and its source.
    public struct Setting<Value: Sendable>: Sendable {
        /// The value.
        public var value: Value
        /// Where it came from.
        public var source: Source

        /// Makes a setting.
        public init(_ value: Value, source: Source = .code) {
            self.value = value
            self.source = source
        }
    }

    /// `okta.client.orgUrl`, `OKTA_CLIENT_ORGURL`.
    public var orgURL: Setting<String>?
    /// `okta.client.token`, `OKTA_CLIENT_TOKEN`.
    public var token: Setting<String>?
    /// `okta.client.authorizationMode`, `OKTA_CLIENT_AUTHORIZATIONMODE`: `SSWS`, `Bearer` or `PrivateKey`.
    public var authorizationMode: Setting<String>?
    /// `okta.client.clientId`, `OKTA_CLIENT_CLIENTID`.
    public var clientID: Setting<String>?
    /// `okta.client.scopes` (a list), `OKTA_CLIENT_SCOPES` (separated by commas or spaces).
    public var scopes: Setting<[String]>?
    /// `okta.client.privateKey`, `OKTA_CLIENT_PRIVATEKEY`: PEM or JWK text, or a file path.
    public var privateKey: Setting<String>?
    /// `okta.client.privateKeyId`, `OKTA_CLIENT_PRIVATEKEYID`.
    public var privateKeyID: Setting<String>?
    /// `okta.client.connectionTimeout` in seconds; `OKTA_CLIENT_CONNECTIONTIMEOUT` or `OKTA_CLIENT_CONNECTION_TIMEOUT`.
    public var connectionTimeout: Setting<String>?
    /// `okta.client.requestTimeout` in seconds (0: none); `OKTA_CLIENT_REQUESTTIMEOUT` or `OKTA_CLIENT_REQUEST_TIMEOUT`.
    public var requestTimeout: Setting<String>?
    /// `okta.client.rateLimit.maxRetries`; `OKTA_CLIENT_RATELIMIT_MAXRETRIES` or `OKTA_CLIENT_RATE_LIMIT_MAX_RETRIES`.
    public var rateLimitMaxRetries: Setting<String>?
    /// `okta.client.proxy.host`, `OKTA_CLIENT_PROXY_HOST`.
    public var proxyHost: Setting<String>?
    /// `okta.client.proxy.port`, `OKTA_CLIENT_PROXY_PORT`.
    public var proxyPort: Setting<String>?
    /// `okta.client.proxy.username`, `OKTA_CLIENT_PROXY_USERNAME`.
    public var proxyUsername: Setting<String>?
    /// `okta.client.proxy.password`, `OKTA_CLIENT_PROXY_PASSWORD`.
    public var proxyPassword: Setting<String>?
    /// `okta.client.*` keys this runtime does not know, with where they are (a misspelt key is otherwise silent).
    public var unknownKeys: [Setting<String>] = []
    /// The files that were read, in order.
    public var filesRead: [String] = []

    /// Makes empty settings.
    public init() {}

    /// The string settings by their `okta.client` key, Java's and Go's environment variable names, for merging.
    /// (A computed list: key paths are not `Sendable`, so they cannot live in a static constant.)
    private static var keys:
        [(key: String, variables: [String], path: WritableKeyPath<OktaClientSettings, Setting<String>?>)]
    {
        [
            ("orgUrl", ["OKTA_CLIENT_ORGURL"], \.orgURL),
            ("token", ["OKTA_CLIENT_TOKEN"], \.token),
            ("authorizationMode", ["OKTA_CLIENT_AUTHORIZATIONMODE"], \.authorizationMode),
            ("clientId", ["OKTA_CLIENT_CLIENTID"], \.clientID),
            ("privateKey", ["OKTA_CLIENT_PRIVATEKEY"], \.privateKey),
            ("privateKeyId", ["OKTA_CLIENT_PRIVATEKEYID"], \.privateKeyID),
            (
                "connectionTimeout", ["OKTA_CLIENT_CONNECTIONTIMEOUT", "OKTA_CLIENT_CONNECTION_TIMEOUT"],
                \.connectionTimeout
            ),
            ("requestTimeout", ["OKTA_CLIENT_REQUESTTIMEOUT", "OKTA_CLIENT_REQUEST_TIMEOUT"], \.requestTimeout),
            (
                "rateLimit.maxRetries", ["OKTA_CLIENT_RATELIMIT_MAXRETRIES", "OKTA_CLIENT_RATE_LIMIT_MAX_RETRIES"],
                \.rateLimitMaxRetries
            ),
            ("proxy.host", ["OKTA_CLIENT_PROXY_HOST"], \.proxyHost),
            ("proxy.port", ["OKTA_CLIENT_PROXY_PORT"], \.proxyPort),
            ("proxy.username", ["OKTA_CLIENT_PROXY_USERNAME"], \.proxyUsername),
            ("proxy.password", ["OKTA_CLIENT_PROXY_PASSWORD"], \.proxyPassword),
        ]
    }

    /// Reads the files and variables Okta's SDKs read, in their order.
    ///
    /// - Parameters:
    ///   - environment: The variables; the process environment by default.
    ///   - homeDirectory: Where `.okta/okta.yaml` is looked for; the user's home by default.
    ///   - workingDirectory: Where `.okta.yaml` is looked for; the current directory by default.
    /// - Returns: The merged settings.
    /// - Throws: ``OktaConfigurationError/invalidSetting(source:message:)`` for a file that exists but is not
    ///   readable YAML, at the line and column of the problem.
    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        homeDirectory: String = NSHomeDirectory(),
        workingDirectory: String = FileManager.default.currentDirectoryPath
    ) throws -> OktaClientSettings {
        var settings = OktaClientSettings()
        for path in [homeDirectory + "/.okta/okta.yaml", workingDirectory + "/.okta.yaml"]
        where FileManager.default.fileExists(atPath: path) {
            try settings.merge(fileAt: path)
        }
        settings.merge(environment: environment)
        return settings
    }

    /// Merges an `okta.yaml` file: its values replace those already set.
    ///
    /// - Parameter path: The file.
    /// - Throws: ``OktaConfigurationError/invalidSetting(source:message:)`` if it cannot be read or parsed.
    public mutating func merge(fileAt path: String) throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw OktaConfigurationError.invalidSetting(
                source: .file(path: path, line: 1, column: 1), message: "the file cannot be read as UTF-8 text")
        }
        try merge(yaml: text, path: path)
    }

    /// Merges `okta.yaml` text.
    ///
    /// - Parameters:
    ///   - yaml: The text.
    ///   - path: The file it came from, for sources.
    /// - Throws: ``OktaConfigurationError/invalidSetting(source:message:)`` at the problem.
    public mutating func merge(yaml: String, path: String) throws {
        let entries: [String: OktaYAMLReader.Entry]
        do {
            entries = try OktaYAMLReader.read(yaml)
        } catch {
            throw OktaConfigurationError.invalidSetting(
                source: .file(path: path, line: error.line, column: error.column), message: error.message)
        }
        filesRead.append(path)
        let prefix = "okta.client."
        for (key, entry) in entries.sorted(by: { $0.value.line < $1.value.line }) {
            let source = Source.file(path: path, line: entry.line, column: entry.column)
            guard key.hasPrefix(prefix) else { continue }
            let name = String(key.dropFirst(prefix.count))
            if name == "scopes" {
                switch entry.value {
                case .list(let items): scopes = Setting(items, source: source)
                case .scalar(let text?): scopes = Setting(Self.splitScopes(text), source: source)
                case .scalar(nil): scopes = nil
                }
            } else if let known = Self.keys.first(where: { $0.key == name }) {
                switch entry.value {
                case .scalar(let text?): self[keyPath: known.path] = Setting(text, source: source)
                case .scalar(nil): self[keyPath: known.path] = nil
                case .list:
                    throw OktaConfigurationError.invalidSetting(
                        source: source, message: "\(key) must be a single value")
                }
            } else {
                unknownKeys.append(Setting(key, source: source))
            }
        }
    }

    /// Merges `OKTA_CLIENT_*` variables; empty ones are ignored.
    ///
    /// - Parameter environment: The variables.
    public mutating func merge(environment: [String: String]) {
        func value(_ name: String) -> String? {
            guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                return nil
            }
            return value
        }
        for known in Self.keys {
            for variable in known.variables {
                if let text = value(variable) {
                    self[keyPath: known.path] = Setting(text, source: .environment(variable))
                }
            }
        }
        if let text = value("OKTA_CLIENT_SCOPES") {
            scopes = Setting(Self.splitScopes(text), source: .environment("OKTA_CLIENT_SCOPES"))
        }
    }

    /// Splits `a,b c` into scopes.
    static func splitScopes(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
    }
}
