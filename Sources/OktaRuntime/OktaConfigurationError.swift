import Foundation

/// Why an ``OktaClientConfiguration`` could not be made. Messages never include the token.
public enum OktaConfigurationError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// A required environment variable is unset or empty.
    case missingEnvironmentVariable(String)
    /// The org URL is not usable; `reason` says why.
    case invalidOrgURL(String, reason: String)
    /// The token is not usable (empty, a placeholder, or containing whitespace); `reason` says why.
    case invalidToken(reason: String)
    /// `OKTA_CLIENT_AUTHORIZATIONMODE` names a mode this library does not support.
    case unsupportedAuthorizationMode(String)
    /// An environment variable is set but unusable; `reason` says why (never with the value if it is secret).
    case invalidEnvironmentVariable(String, reason: String)
    /// Private key credentials are incomplete; `reason` says what is missing.
    case invalidCredentials(reason: String)
    /// A setting is missing: its `okta.yaml` key under `okta.client` and its environment variable.
    case missingSetting(key: String, variable: String)
    /// A setting's value is unusable, or an `okta.yaml` file cannot be read; `source` says where.
    case invalidSetting(source: OktaClientSettings.Source, message: String)

    /// A message that says what is wrong and how to fix it.
    public var description: String {
        switch self {
        case .missingEnvironmentVariable(let name)
        where name.hasPrefix("OKTA_CLIENT_") && name != "OKTA_CLIENT_ORGURL"
            && name != "OKTA_CLIENT_TOKEN":
            "The environment variable \(name) is not set; PrivateKey mode needs OKTA_CLIENT_CLIENTID, "
                + "OKTA_CLIENT_SCOPES and OKTA_CLIENT_PRIVATEKEY."
        case .missingEnvironmentVariable(let name):
            "The environment variable \(name) is not set. Set OKTA_CLIENT_ORGURL to your org URL "
                + "(https://{yourOktaDomain}) and OKTA_CLIENT_TOKEN to an API token."
        case .invalidOrgURL(let url, let reason):
            "The Okta org URL '\(url)' is invalid: \(reason)"
        case .invalidToken(let reason):
            "The Okta API token is invalid: \(reason)"
        case .unsupportedAuthorizationMode(let mode):
            "The authorization mode '\(mode)' is not supported; use SSWS (API token), Bearer (access token) or "
                + "PrivateKey (service app)."
        case .invalidEnvironmentVariable(let name, let reason):
            "The environment variable \(name) is invalid: \(reason)"
        case .missingSetting(let key, let variable):
            "No \(key) is set: set okta.client.\(key) in ~/.okta/okta.yaml or ./.okta.yaml, or \(variable)."
        case .invalidSetting(.file(let path, let line, let column), let message):
            "\(path):\(line):\(column): error: \(message)"
        case .invalidSetting(let source, let message):
            "\(source): \(message)"
        case .invalidCredentials(let reason):
            "The Okta private key credentials are incomplete: \(reason)"
        }
    }

    /// Same as ``description``.
    public var errorDescription: String? { description }
}
