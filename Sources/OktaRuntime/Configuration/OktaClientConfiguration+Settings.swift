import Foundation

/// A proxy for the transport (`okta.client.proxy`). URLSession on Linux ignores proxies set in code: there, set the
/// `https_proxy` environment variable (libcurl reads it) instead.
public struct OktaProxySettings: Sendable, Hashable, CustomStringConvertible {
    /// The proxy's host.
    public var host: String
    /// The proxy's port.
    public var port: Int
    /// The user name, if the proxy needs one.
    public var username: String?
    /// The password, if the proxy needs one; never printed.
    public var password: String?

    /// Makes proxy settings.
    public init(host: String, port: Int, username: String? = nil, password: String? = nil) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
    }

    /// For example `proxy.example.com:3128 (user alice)`; never the password.
    public var description: String { "\(host):\(port)" + (username.map { " (user \($0))" } ?? "") }
}

extension OktaClientConfiguration {
    /// Reads the configuration as Okta's SDKs do: `~/.okta/okta.yaml`, then `./.okta.yaml`, then `OKTA_CLIENT_*`
    /// variables, then `configure`, later values winning (see ``OktaClientSettings``).
    ///
    /// - Parameters:
    ///   - environment: The variables; the process environment by default.
    ///   - homeDirectory: Where `.okta/okta.yaml` is looked for.
    ///   - workingDirectory: Where `.okta.yaml` is looked for.
    ///   - configure: Changes made in code, last.
    /// - Returns: The configuration.
    /// - Throws: ``OktaConfigurationError``, naming the file, line and column or the variable of a bad value.
    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        homeDirectory: String = NSHomeDirectory(),
        workingDirectory: String = FileManager.default.currentDirectoryPath,
        configure: (inout OktaClientSettings) -> Void = { _ in }
    ) throws -> OktaClientConfiguration {
        var settings = try OktaClientSettings.load(
            environment: environment, homeDirectory: homeDirectory, workingDirectory: workingDirectory)
        configure(&settings)
        let insecure = environment["OKTA_TESTING_DISABLEHTTPSCHECK"]?.lowercased() == "true"
        return try OktaClientConfiguration(settings: settings, allowInsecureHTTP: insecure)
    }

    /// Makes a configuration from merged settings.
    ///
    /// - Parameters:
    ///   - settings: The settings.
    ///   - allowInsecureHTTP: Whether an `http` org URL is accepted, for local test servers only.
    /// - Throws: ``OktaConfigurationError/missingSetting(key:variable:)`` or
    ///   ``OktaConfigurationError/invalidSetting(source:message:)`` naming where the bad value came from.
    public init(settings: OktaClientSettings, allowInsecureHTTP: Bool = false) throws {
        func required<Value>(_ setting: OktaClientSettings.Setting<Value>?, _ key: String, _ variable: String) throws
            -> OktaClientSettings.Setting<Value>
        {
            if let setting { return setting }
            // Keys are case-sensitive (as in Okta's SDKs): point at a near miss such as `orgURL` instead.
            if let nearMiss = settings.unknownKeys.first(where: {
                $0.value.lowercased() == "okta.client.\(key)".lowercased()
            }) {
                throw OktaConfigurationError.invalidSetting(
                    source: nearMiss.source,
                    message: "unknown key '\(nearMiss.value)'; did you mean 'okta.client.\(key)'?")
            }
            throw OktaConfigurationError.missingSetting(key: key, variable: variable)
        }
        func checked<Value, Result>(_ setting: OktaClientSettings.Setting<Value>, _ body: (Value) throws -> Result)
            throws -> Result
        {
            do {
                return try body(setting.value)
            } catch let error as OktaConfigurationError {
                throw OktaConfigurationError.invalidSetting(source: setting.source, message: error.description)
            } catch {
                throw OktaConfigurationError.invalidSetting(source: setting.source, message: "\(error)")
            }
        }
        func seconds(_ setting: OktaClientSettings.Setting<String>?) throws -> Int? {
            guard let setting else { return nil }
            return try checked(setting) { text in
                guard let value = Int(text), value >= 0 else {
                    throw InvalidValue(description: "'\(text)' is not a whole number of seconds (0 or more)")
                }
                return value
            }
        }

        let org = try required(settings.orgURL, "orgUrl", "OKTA_CLIENT_ORGURL")
        let orgURL = try checked(org) { try Self.validatedOrgURL($0, allowInsecureHTTP: allowInsecureHTTP) }
        let authorization: Authorization
        switch settings.authorizationMode?.value.lowercased() {
        case nil, "ssws":
            let token = try required(settings.token, "token", "OKTA_CLIENT_TOKEN")
            try checked(token) { try Self.validateToken($0) }
            authorization = .ssws(token: token.value)
        case "bearer":
            let token = try required(settings.token, "token", "OKTA_CLIENT_TOKEN")
            try checked(token) { try Self.validateToken($0) }
            authorization = .bearer(token: token.value)
        case "privatekey":
            let clientID = try required(settings.clientID, "clientId", "OKTA_CLIENT_CLIENTID")
            let scopes = try required(settings.scopes, "scopes", "OKTA_CLIENT_SCOPES")
            let keyText = try required(settings.privateKey, "privateKey", "OKTA_CLIENT_PRIVATEKEY")
            let key = try checked(keyText) { try OktaSigningKey.read($0, keyID: settings.privateKeyID?.value) }
            let credentials = OktaPrivateKeyCredentials(
                clientID: clientID.value, scopes: scopes.value, privateKey: key)
            try checked(scopes) { _ in try Self.validate(credentials) }
            authorization = .privateKey(credentials)
        case .some:
            let mode = settings.authorizationMode!
            throw OktaConfigurationError.invalidSetting(
                source: mode.source,
                message: OktaConfigurationError.unsupportedAuthorizationMode(mode.value).description)
        }
        var retryPolicy = RetryMiddleware.Policy()
        if let retries = try seconds(settings.rateLimitMaxRetries) {
            retryPolicy = RetryMiddleware.Policy(maxAttempts: retries + 1)
        }
        try self.init(
            orgURL: orgURL, authorization: authorization, retryPolicy: retryPolicy,
            allowInsecureHTTP: allowInsecureHTTP)
        connectionTimeout = try seconds(settings.connectionTimeout).flatMap { $0 > 0 ? .seconds($0) : nil }
        requestTimeout = try seconds(settings.requestTimeout).flatMap { $0 > 0 ? .seconds($0) : nil }
        if let host = settings.proxyHost {
            let port = try settings.proxyPort.map { setting in
                try checked(setting) { text in
                    guard let port = Int(text), (1...65535).contains(port) else {
                        throw InvalidValue(description: "'\(text)' is not a port number")
                    }
                    return port
                }
            }
            proxy = OktaProxySettings(
                host: host.value, port: port ?? 443, username: settings.proxyUsername?.value,
                password: settings.proxyPassword?.value)
        }
    }
}

/// A setting's value that is not of its kind; the message names the value, never a secret (only numbers are checked
/// this way).
private struct InvalidValue: Error, CustomStringConvertible {
    var description: String
}
