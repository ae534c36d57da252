import Foundation
import OktaRuntime

/// A service app registered with okta-mock's authorization server (`--oauth-client`): its client ID, the public
/// keys its client assertions are signed with (a JWKS, as an Okta app's "Public keys"), the Okta API scopes granted
/// to it, and whether its tokens must be DPoP-bound.
public struct OAuthClientRegistration: Sendable {
    /// One public key of the app.
    public struct Key: Sendable, Hashable {
        /// The key's `kid`, if the JWKS gave one: an assertion whose header names a `kid` is checked with that key.
        public var keyID: String?
        /// The key.
        public var jwk: OktaPublicJWK

        /// Makes a key.
        ///
        /// - Parameters:
        ///   - keyID: Its `kid`.
        ///   - jwk: The public key.
        public init(keyID: String?, jwk: OktaPublicJWK) {
            self.keyID = keyID
            self.jwk = jwk
        }
    }

    /// The scopes okta-mock knows, granted when a registration names none.
    public static let knownScopes = ["okta.users.read", "okta.users.manage"]

    /// The client ID (`iss` and `sub` of its assertions).
    public var clientID: String
    /// The app's public keys.
    public var keys: [Key]
    /// The scopes granted to the app; a token request may ask for any of them.
    public var scopes: [String]
    /// Whether its tokens must be DPoP-bound; `nil`: the server's `--require-dpop` (on by default, as for Okta's API
    /// Services apps).
    public var requiresDPoP: Bool?

    /// Makes a registration.
    ///
    /// - Parameters:
    ///   - clientID: The client ID.
    ///   - keys: The app's public keys.
    ///   - scopes: The granted scopes; ``knownScopes`` by default.
    ///   - requiresDPoP: Whether tokens must be DPoP-bound; `nil` follows the server.
    public init(clientID: String, keys: [Key], scopes: [String] = knownScopes, requiresDPoP: Bool? = nil) {
        self.clientID = clientID
        self.keys = keys
        self.scopes = scopes
        self.requiresDPoP = requiresDPoP
    }

    /// Reads `--oauth-client CLIENT_ID=JWKS_FILE[:SCOPE,SCOPE…]`: the client ID, the file holding its public keys (a
    /// JWKS `{"keys": [...]}` or one JWK), and optionally, after the last `:`, the granted scopes (default
    /// ``knownScopes``).
    ///
    /// - Parameter option: The option's value.
    /// - Returns: The registration.
    /// - Throws: ``OktaMockError/invalidOption(_:)`` naming what is wrong.
    public static func parse(option: String) throws -> OAuthClientRegistration {
        func invalid(_ reason: String) -> OktaMockError {
            .invalidOption("--oauth-client \(option): \(reason) (expected CLIENT_ID=JWKS_FILE[:SCOPE,SCOPE…])")
        }
        guard let equals = option.firstIndex(of: "=") else { throw invalid("no '='") }
        guard equals != option.startIndex else { throw invalid("no client ID") }
        let clientID = String(option[..<equals])
        var path = String(option[option.index(after: equals)...])
        var scopes = knownScopes
        if let colon = path.lastIndex(of: ":") {
            scopes = path[path.index(after: colon)...].split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            path = String(path[..<colon])
            guard !scopes.isEmpty, scopes.allSatisfy({ !$0.isEmpty }) else { throw invalid("an empty scope list") }
        }
        guard !path.isEmpty else { throw invalid("no JWKS file") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: (path as NSString).expandingTildeInPath))
        } catch {
            throw invalid("cannot read '\(path)'")
        }
        do {
            return OAuthClientRegistration(clientID: clientID, keys: try keys(jwks: data), scopes: scopes)
        } catch let error as OktaMockError {
            throw invalid("'\(path)': \(error)")
        }
    }

    /// Reads the public keys of a JWKS (`{"keys": [...]}`) or of a single JWK.
    ///
    /// - Parameter jwks: The JSON.
    /// - Returns: The keys, at least one.
    /// - Throws: ``OktaMockError/invalidOption(_:)`` for anything but RSA and P-256 public keys (a private key is
    ///   refused: an app registers its public keys only).
    public static func keys(jwks: Data) throws -> [Key] {
        guard case .object(let root)? = try? JSONDecoder().decode(JSONValue.self, from: jwks) else {
            throw OktaMockError.invalidOption("not a JSON object")
        }
        var objects: [JSONObject] = [root]
        if let keys = root["keys"] {
            guard case .array(let array) = keys else { throw OktaMockError.invalidOption("'keys' is not an array") }
            objects = try array.map { key in
                guard case .object(let object) = key else {
                    throw OktaMockError.invalidOption("a member of 'keys' is not an object")
                }
                return object
            }
        }
        guard !objects.isEmpty else { throw OktaMockError.invalidOption("the JWKS has no keys") }
        return try objects.enumerated().map { index, object in
            if let member = object.keys.first(where: OktaPublicJWK.privateMembers.contains) {
                throw OktaMockError.invalidOption(
                    "key \(index) has the private member '\(member)': register the public key only")
            }
            do {
                return Key(keyID: object["kid"]?.stringValue, jwk: try OktaPublicJWK(jwk: object))
            } catch {
                throw OktaMockError.invalidOption("key \(index): \(error)")
            }
        }
    }

    /// Reads the `serviceApps` of a seed file: `[{"clientId": …, "jwks": {"keys": [...]}, "scopes": [...],
    /// "requireDPoP": …}]`.
    ///
    /// - Parameters:
    ///   - seed: The seed's JSON.
    ///   - path: Where it came from, for messages.
    /// - Returns: The registrations (none if the seed has no `serviceApps`).
    /// - Throws: ``OktaMockError/invalidSeed(path:reason:)`` naming the app and what is wrong.
    static func registrations(seed: Data, path: String) throws -> [OAuthClientRegistration] {
        guard case .object(let root)? = try? JSONDecoder().decode(JSONValue.self, from: seed),
            let apps = root["serviceApps"]
        else { return [] }
        guard case .array(let array) = apps else {
            throw OktaMockError.invalidSeed(path: path, reason: "serviceApps must be an array")
        }
        let members: Set<String> = ["clientId", "jwks", "scopes", "requireDPoP"]
        return try array.enumerated().map { index, app in
            func invalid(_ reason: String) -> OktaMockError {
                .invalidSeed(path: path, reason: "serviceApps[\(index)]: \(reason)")
            }
            guard case .object(let object) = app else { throw invalid("not an object") }
            if let unknown = object.keys.first(where: { !members.contains($0) }) {
                throw invalid("unknown member '\(unknown)' (expected \(members.sorted().joined(separator: ", ")))")
            }
            guard let clientID = object["clientId"]?.stringValue, !clientID.isEmpty else {
                throw invalid("clientId: the member is required")
            }
            guard let jwks = object["jwks"], let data = try? JSONEncoder().encode(jwks) else {
                throw invalid("jwks: the member is required")
            }
            let keys: [Key]
            do {
                keys = try Self.keys(jwks: data)
            } catch {
                throw invalid("jwks: \(error)")
            }
            var scopes = knownScopes
            if let listed = object["scopes"] {
                guard case .array(let values) = listed, !values.isEmpty, values.allSatisfy({ $0.stringValue != nil })
                else { throw invalid("scopes must be a non-empty array of strings") }
                scopes = values.compactMap(\.stringValue)
            }
            var requiresDPoP: Bool?
            if let flag = object["requireDPoP"] {
                guard case .bool(let value) = flag else { throw invalid("requireDPoP must be true or false") }
                requiresDPoP = value
            }
            return OAuthClientRegistration(clientID: clientID, keys: keys, scopes: scopes, requiresDPoP: requiresDPoP)
        }
    }
}
