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

    /// A message that says what is wrong and how to fix it.
    public var description: String {
        switch self {
        case .missingEnvironmentVariable(let name):
            "The environment variable \(name) is not set. Set OKTA_CLIENT_ORGURL to your org URL "
                + "(https://{yourOktaDomain}) and OKTA_CLIENT_TOKEN to an API token."
        case .invalidOrgURL(let url, let reason):
            "The Okta org URL '\(url)' is invalid: \(reason)"
        case .invalidToken(let reason):
            "The Okta API token is invalid: \(reason)"
        case .unsupportedAuthorizationMode(let mode):
            "The authorization mode '\(mode)' is not supported; use SSWS (API token) or Bearer (access token)."
        }
    }

    /// Same as ``description``.
    public var errorDescription: String? { description }
}
