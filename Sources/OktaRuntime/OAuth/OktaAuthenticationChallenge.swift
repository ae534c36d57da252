import HTTPTypes

/// One challenge of a `WWW-Authenticate` header (RFC 9110 §11.6.1), where Okta says why a request was refused:
/// `DPoP error="invalid_token"`, or on a 403 `Bearer … error="insufficient_scope", scope="okta.users.manage"`.
public struct OktaAuthenticationChallenge: Sendable, Hashable, CustomStringConvertible {
    /// The scheme, for example `Bearer` or `DPoP`.
    public var scheme: String
    /// The parameters, names in lower case, quoted values unquoted.
    public var parameters: [String: String]

    /// The OAuth error code (`error`), for example `insufficient_scope`, `invalid_token` or `use_dpop_nonce`.
    public var error: String? { parameters["error"] }
    /// The human-readable explanation (`error_description`).
    public var errorDescription: String? { parameters["error_description"] }
    /// The scopes the request needed (`scope`, space-separated), for example `["okta.users.manage"]`.
    public var scopes: [String] { parameters["scope"]?.split(separator: " ").map(String.init) ?? [] }

    /// Makes a challenge.
    ///
    /// - Parameters:
    ///   - scheme: The authentication scheme.
    ///   - parameters: Its parameters.
    public init(scheme: String, parameters: [String: String] = [:]) {
        self.scheme = scheme
        self.parameters = parameters
    }

    /// For example `Bearer error="insufficient_scope", scope="okta.users.manage"`.
    public var description: String {
        let parameters = parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }
        return parameters.isEmpty ? scheme : scheme + " " + parameters.joined(separator: ", ")
    }

    /// Reads every challenge of the `WWW-Authenticate` fields.
    ///
    /// - Parameter fields: Response header fields.
    /// - Returns: The challenges, in order; text that does not parse ends the field's list.
    public static func challenges(in fields: HTTPFields) -> [OktaAuthenticationChallenge] {
        fields[values: .wwwAuthenticate].flatMap { parse($0) }
    }

    /// Parses one `WWW-Authenticate` value: `scheme [token68 | param *("," param)] *("," challenge)`.
    ///
    /// - Parameter value: The field value.
    /// - Returns: The challenges that parsed.
    static func parse(_ value: String) -> [OktaAuthenticationChallenge] {
        var scanner = Substring(value)
        var challenges: [OktaAuthenticationChallenge] = []
        while true {
            scanner = scanner.drop { $0 == " " || $0 == "\t" || $0 == "," }
            guard let name = token(&scanner) else { return challenges }
            // A token followed by '=' is a parameter of the current challenge; otherwise it starts a new one.
            let rest = scanner.drop { $0 == " " || $0 == "\t" }
            if rest.first == "=", !challenges.isEmpty, !rest.dropFirst().hasPrefix("=") {
                scanner = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
                guard let parameterValue = quotedOrToken(&scanner) else { return challenges }
                challenges[challenges.count - 1].parameters[name.lowercased()] = parameterValue
            } else {
                challenges.append(OktaAuthenticationChallenge(scheme: name))
                scanner = rest
            }
        }
    }

    /// Reads an RFC 9110 token.
    private static func token(_ scanner: inout Substring) -> String? {
        let token = scanner.prefix { character in
            character.isASCII && (character.isLetter || character.isNumber || "!#$%&'*+-.^_`|~".contains(character))
        }
        guard !token.isEmpty else { return nil }
        scanner = scanner.dropFirst(token.count)
        return String(token)
    }

    /// Reads a quoted string (backslash escapes resolved) or a token.
    private static func quotedOrToken(_ scanner: inout Substring) -> String? {
        guard scanner.first == "\"" else { return token(&scanner) }
        scanner = scanner.dropFirst()
        var value = ""
        while let character = scanner.first {
            scanner = scanner.dropFirst()
            switch character {
            case "\"": return value
            case "\\":
                guard let escaped = scanner.first else { return nil }
                value.append(escaped)
                scanner = scanner.dropFirst()
            default: value.append(character)
            }
        }
        return nil
    }
}
