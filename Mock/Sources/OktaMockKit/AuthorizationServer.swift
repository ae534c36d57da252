import Foundation
import OktaRuntime
import Synchronization

/// okta-mock's org authorization server for service apps: `POST /oauth2/v1/token` with the client credentials grant,
/// private key JWT client authentication (RFC 7523) and DPoP (RFC 9449), and the check of the access tokens it
/// issued on API requests (`Authorization: DPoP <token>` with a proof, or `Bearer` for an app that does not require
/// DPoP), scopes enforced per operation.
///
/// What it checks, as Okta and the RFCs require:
///
/// - the client assertion (`invalid_client`, 401): signed (RS256 or ES256) by one of the app's registered keys (the
///   one its `kid` names, if any); `iss` = `sub` = a registered client ID; `aud` the token URL; `exp` not past and at
///   most an hour ahead; a `jti` not seen before;
/// - the DPoP proof (`invalid_dpop_proof`, 400): present when the app requires DPoP; `typ` `dpop+jwt`, an asymmetric
///   `alg`, a public `jwk` (no private members) that verifies the signature; `htm` and `htu` those of the request
///   (`htu` without query or fragment); `iat` within a minute of now; a `jti` not seen before; and at the token
///   endpoint the current nonce: a proof without it is answered `400 use_dpop_nonce` with a `DPoP-Nonce` header;
/// - the scopes (`invalid_scope`, 400): each one granted to the app.
///
/// The org URL of the `aud` and `htu` checks is the request's: `http://` and its `Host`. Access tokens are opaque
/// random strings, kept with their client, scopes, expiry and key thumbprint (`cnf.jkt`, RFC 7638) until they expire.
/// Nonces rotate every ``nonceLifetime``, or when a test calls ``rotateNonce()``; the API does not require one (as
/// Okta's does not). Seen `jti`s are forgotten once they could no longer be accepted anyway.
final class AuthorizationServer: Sendable {
    /// The token endpoint's path.
    static let tokenPath = "/oauth2/v1/token"
    /// How far a proof's `iat` may be from now.
    static let proofWindow: TimeInterval = 60
    /// The longest an assertion may be valid for.
    static let maximumAssertionLifetime: TimeInterval = 3600

    /// An issued access token.
    struct IssuedToken: Sendable {
        var clientID: String
        var scopes: Set<String>
        /// The RFC 7638 thumbprint of the proof key the token is bound to (`cnf.jkt`); `nil`: a plain Bearer token.
        var thumbprint: String?
        var expires: Date
    }

    /// What an API request's credentials come to.
    enum Verdict: Sendable {
        /// Not an OAuth token: leave it to the SSWS check.
        case notOAuth
        /// A valid token with these scopes.
        case granted(scopes: Set<String>, scheme: String)
        /// Refused with this answer.
        case refused(OAuthAnswer)
    }

    /// The registered apps, by client ID.
    private let clients: [String: OAuthClientRegistration]
    /// Whether apps that do not say require DPoP.
    private let requiresDPoPByDefault: Bool
    /// The lifetime of access tokens (`expires_in`).
    let tokenLifetime: Duration
    /// How long a nonce is accepted before it rotates.
    let nonceLifetime: Duration
    /// The clock.
    private let now: @Sendable () -> Date

    private struct State {
        var tokens: [String: IssuedToken] = [:]
        var assertionIDs: [String: Date] = [:]
        var proofIDs: [String: Date] = [:]
        var nonce = AuthorizationServer.makeNonce()
        var nonceExpires = Date.distantPast
        var nextPrune = Date.distantPast
    }

    private let state = Mutex(State())

    /// Makes the server.
    ///
    /// - Parameters:
    ///   - clients: The registered apps.
    ///   - requiresDPoP: `--require-dpop`: whether apps that do not say require DPoP.
    ///   - tokenLifetime: `--oauth-token-lifetime`.
    ///   - nonceLifetime: `--dpop-nonce-lifetime`.
    ///   - now: The clock.
    init(
        clients: [OAuthClientRegistration], requiresDPoP: Bool, tokenLifetime: Duration, nonceLifetime: Duration,
        now: @escaping @Sendable () -> Date
    ) {
        self.clients = Dictionary(clients.map { ($0.clientID, $0) }, uniquingKeysWith: { _, last in last })
        self.requiresDPoPByDefault = requiresDPoP
        self.tokenLifetime = tokenLifetime
        self.nonceLifetime = nonceLifetime
        self.now = now
    }

    /// Whether any app is registered.
    var hasClients: Bool { !clients.isEmpty }

    /// Makes the current nonce stale: the next token request without the new one is answered `use_dpop_nonce`.
    func rotateNonce() {
        state.withLock {
            $0.nonce = Self.makeNonce()
            $0.nonceExpires = now().addingTimeInterval(Self.seconds(nonceLifetime))
        }
    }

    // MARK: - Token endpoint

    /// Answers a token request.
    ///
    /// - Parameters:
    ///   - headerFields: The request's header fields.
    ///   - authority: The request's `Host`, for the expected `aud` and `htu`.
    ///   - body: The form body.
    /// - Returns: The token response or the OAuth error.
    func token(headerFields: HTTPFields, authority: String?, body: Data) -> OAuthAnswer {
        let tokenURL = "http://\(authority ?? "localhost")\(Self.tokenPath)"
        let contentType = headerFields[.contentType]?.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces)
        guard contentType?.lowercased() == "application/x-www-form-urlencoded" else {
            return .tokenError(
                400, "invalid_request", "The request must be sent with Content-Type application/x-www-form-urlencoded.")
        }
        let form = Self.formFields(String(decoding: body, as: UTF8.self))
        guard let grantType = form["grant_type"] else {
            return .tokenError(400, "invalid_request", "The 'grant_type' parameter is required.")
        }
        guard grantType == "client_credentials" else {
            return .tokenError(
                400, "unsupported_grant_type",
                "The authorization grant type is not supported by the authorization server. Configured grant types: "
                    + "[client_credentials].")
        }
        let now = now()
        // Client authentication first: nothing else is said to a client that did not authenticate.
        let client: OAuthClientRegistration
        let assertion: (id: String, expiry: Date)
        switch authenticateClient(form: form, tokenURL: tokenURL, now: now) {
        case .success(let authenticated): (client, assertion) = (authenticated.client, authenticated.assertion)
        case .failure(let answer): return answer
        }
        var thumbprint: String?
        let proofs = headerFields[values: .dpop]
        if proofs.isEmpty {
            if client.requiresDPoP ?? requiresDPoPByDefault {
                return .tokenError(400, "invalid_dpop_proof", "The DPoP proof JWT header is missing.")
            }
        } else {
            switch verifyProof(proofs, method: "POST", url: tokenURL, accessToken: nil, atTokenEndpoint: true, now: now)
            {
            case .success(let key): thumbprint = key
            case .failure(let answer): return answer
            }
        }
        let requested = (form["scope"] ?? "").split(separator: " ").map(String.init)
        guard !requested.isEmpty else {
            return .tokenError(400, "invalid_scope", "The requested scope is invalid, unknown, or malformed.")
        }
        guard requested.allSatisfy(client.scopes.contains) else {
            return .tokenError(
                400, "invalid_scope", "One or more scopes are not configured for the authorization server resource.")
        }
        let value = "mock." + Base64URLText.random(byteCount: 32)
        let lifetime = Self.seconds(tokenLifetime)
        // The assertion's `jti` is spent when a token is issued, not before: a client may send the same assertion
        // again with the nonce a `use_dpop_nonce` answer gave it.
        let issued = state.withLock { state in
            guard state.assertionIDs.updateValue(assertion.expiry, forKey: assertion.id) == nil else { return false }
            state.tokens[value] = IssuedToken(
                clientID: client.clientID, scopes: Set(requested), thumbprint: thumbprint,
                expires: now.addingTimeInterval(lifetime))
            return true
        }
        guard issued else { return .tokenError(401, "invalid_client", Self.assertionReplayed) }
        var object = JSONObject()
        object.updateValue(.string(thumbprint == nil ? "Bearer" : "DPoP"), forKey: "token_type")
        object.updateValue(.int(Int64(lifetime)), forKey: "expires_in")
        object.updateValue(.string(value), forKey: "access_token")
        object.updateValue(.string(requested.joined(separator: " ")), forKey: "scope")
        return OAuthAnswer(status: 200, headerFields: Self.noStore, body: OAuthAnswer.json(object))
    }

    /// What a replayed client assertion is told.
    static let assertionReplayed = "The client_assertion token has already been used (its 'jti' is not new)."

    /// An authenticated client and its assertion's `jti` (with the client ID) and expiry.
    private typealias Authenticated = (client: OAuthClientRegistration, assertion: (id: String, expiry: Date))

    /// Checks the client assertion, without spending its `jti`.
    private func authenticateClient(form: [String: String], tokenURL: String, now: Date) -> Result<
        Authenticated, OAuthAnswer
    > {
        func failure(_ description: String) -> Result<Authenticated, OAuthAnswer> {
            .failure(.tokenError(401, "invalid_client", description))
        }
        guard form["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            let assertionText = form["client_assertion"]
        else {
            return failure(
                "Client authentication failed. Either the client or the client credentials are invalid. (The app "
                    + "authenticates with a private key JWT: client_assertion_type jwt-bearer and client_assertion.)")
        }
        guard let assertion = OktaJWS(compact: assertionText) else {
            return failure("The client_assertion is not a valid JWT.")
        }
        guard let issuer = assertion.claims["iss"]?.stringValue, let client = clients[issuer] else {
            return failure("Client authentication failed. Either the client or the client credentials are invalid.")
        }
        guard assertion.claims["sub"]?.stringValue == issuer, form["client_id"].map({ $0 == issuer }) ?? true else {
            return failure("The 'iss' and 'sub' claims of the client_assertion must both be the client_id.")
        }
        let keyID = assertion.header["kid"]?.stringValue
        let candidates = client.keys.filter { keyID == nil || $0.keyID == nil || $0.keyID == keyID }
        guard candidates.contains(where: { assertion.isSigned(by: $0.jwk) }) else {
            return failure("The client_assertion signature is invalid.")
        }
        let audiences: [String]
        switch assertion.claims["aud"] {
        case .string(let audience)?: audiences = [audience]
        case .array(let values)?: audiences = values.compactMap(\.stringValue)
        default: audiences = []
        }
        guard audiences.contains(tokenURL) else {
            return failure("The audience claim for client_assertion must be the endpoint invoked for the request.")
        }
        guard let expiry = assertion.claims["exp"]?.intValue.map({ Date(timeIntervalSince1970: Double($0)) }) else {
            return failure("The client_assertion token must have an 'exp' claim.")
        }
        guard expiry > now else { return failure("The client_assertion token is expired.") }
        guard expiry.timeIntervalSince(now) <= Self.maximumAssertionLifetime else {
            return failure("The client_assertion token has an expiration too far into the future.")
        }
        guard let jti = assertion.claims["jti"]?.stringValue, !jti.isEmpty else {
            return failure("The client_assertion token must have a 'jti' claim.")
        }
        let id = "\(issuer) \(jti)"
        let seen = state.withLock { state in
            prune(&state, now: now)
            return state.assertionIDs[id] != nil
        }
        guard !seen else { return failure(Self.assertionReplayed) }
        return .success((client, (id, expiry)))
    }

    // MARK: - API requests

    /// Checks the credentials of an API request that carry an access token okta-mock issued.
    ///
    /// - Parameters:
    ///   - headerFields: The request's header fields.
    ///   - method: Its method.
    ///   - authority: Its `Host`.
    ///   - path: Its path, for `htu`.
    /// - Returns: ``Verdict/notOAuth`` for other credentials (SSWS, unknown tokens), else whether the token is good.
    func verify(headerFields: HTTPFields, method: String, authority: String?, path: String) -> Verdict {
        let values = headerFields[values: .authorization]
        guard values.count == 1, let value = values.first else { return .notOAuth }
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2 else { return .notOAuth }
        let scheme = parts[0].lowercased()
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        guard scheme == "dpop" || scheme == "bearer" else { return .notOAuth }
        let now = now()
        let issued = state.withLock { $0.tokens[token] }
        guard let issued else {
            // An unknown Bearer token is left to the SSWS check (which accepts any token without --token); an unknown
            // DPoP token is refused.
            return scheme == "bearer"
                ? .notOAuth : .refused(.invalidToken(scheme: "DPoP", "The access token is invalid."))
        }
        guard issued.expires > now else {
            state.withLock { _ = $0.tokens.removeValue(forKey: token) }
            return .refused(
                .invalidToken(scheme: issued.thumbprint == nil ? "Bearer" : "DPoP", "The token has expired."))
        }
        guard let thumbprint = issued.thumbprint else {
            return scheme == "bearer"
                ? .granted(scopes: issued.scopes, scheme: "Bearer")
                : .refused(.invalidToken(scheme: "DPoP", "The access token is not DPoP-bound; send it as Bearer."))
        }
        guard scheme == "dpop" else {
            return .refused(
                .invalidToken(
                    scheme: "DPoP",
                    "The access token is DPoP-bound: send it with the DPoP scheme and a DPoP proof, not as Bearer."))
        }
        let url = "http://\(authority ?? "localhost")\(path)"
        switch verifyProof(
            headerFields[values: .dpop], method: method, url: url, accessToken: token, atTokenEndpoint: false, now: now)
        {
        case .failure(let answer): return .refused(answer)
        case .success(let key):
            guard key == thumbprint else {
                return .refused(
                    .resourceProofError("The DPoP proof's key is not the key the access token is bound to (cnf.jkt)."))
            }
            return .granted(scopes: issued.scopes, scheme: "DPoP")
        }
    }

    /// The scopes an API request needs: `okta.users.read` (or `okta.users.manage`, which includes it) to read,
    /// `okta.users.manage` to change anything.
    ///
    /// - Parameters:
    ///   - method: The method.
    ///   - granted: The token's scopes.
    /// - Returns: `nil` if the token may, else the scope it lacks.
    static func missingScope(method: String, granted: Set<String>) -> String? {
        let reads = method == "GET" || method == "HEAD"
        if reads {
            return granted.contains("okta.users.read") || granted.contains("okta.users.manage")
                ? nil : "okta.users.read"
        }
        return granted.contains("okta.users.manage") ? nil : "okta.users.manage"
    }

    /// Okta's 403 for a token without the scope an operation needs: an empty body, the details in
    /// `WWW-Authenticate`.
    static func insufficientScope(
        scheme: String, scope: String, authority: String?, path: String
    ) -> OAuthAnswer {
        let org = "http://\(authority ?? "localhost")"
        var fields = HTTPFields()
        fields[.wwwAuthenticate] =
            "\(scheme) authorization_uri=\"\(org)/oauth2/v1/authorize\", realm=\"\(org)\", scope=\"\(scope)\", "
            + "error=\"insufficient_scope\", error_description=\"The access token provided does not contain the "
            + "required scopes.\", resource=\"\(path)\""
        return OAuthAnswer(status: 403, headerFields: fields, body: Data())
    }

    // MARK: - DPoP proofs

    /// Verifies a DPoP proof; records its `jti`.
    ///
    /// - Returns: The RFC 7638 thumbprint of the proof's key, or the error answer.
    private func verifyProof(
        _ proofs: [String], method: String, url: String, accessToken: String?, atTokenEndpoint: Bool, now: Date
    ) -> Result<String, OAuthAnswer> {
        func failure(_ description: String) -> Result<String, OAuthAnswer> {
            .failure(
                atTokenEndpoint
                    ? .tokenError(400, "invalid_dpop_proof", description) : .resourceProofError(description))
        }
        guard proofs.count == 1, let text = proofs.first else {
            return failure(
                proofs.isEmpty ? "The DPoP proof JWT header is missing." : "Only one DPoP header is allowed.")
        }
        guard let proof = OktaJWS(compact: text) else { return failure("The DPoP proof is not a valid JWT.") }
        guard proof.header["typ"]?.stringValue == "dpop+jwt" else {
            return failure("The DPoP proof JWT 'typ' header must be 'dpop+jwt'.")
        }
        guard let algorithm = proof.algorithm, ["RS256", "ES256"].contains(algorithm) else {
            return failure("The DPoP proof JWT 'alg' must be an asymmetric algorithm (RS256 or ES256).")
        }
        guard case .object(let jwkObject)? = proof.header["jwk"] else {
            return failure("The DPoP proof JWT header must contain the public key in 'jwk'.")
        }
        guard !jwkObject.keys.contains(where: OktaPublicJWK.privateMembers.contains) else {
            return failure("The DPoP proof JWT 'jwk' header must not contain a private key.")
        }
        guard let jwk = try? OktaPublicJWK(jwk: jwkObject), proof.isSigned(by: jwk) else {
            return failure("The DPoP proof JWT signature is invalid.")
        }
        guard proof.claims["htm"]?.stringValue == method else {
            return failure("The DPoP proof 'htm' claim does not match the request method \(method).")
        }
        guard let htu = proof.claims["htu"]?.stringValue, !htu.contains("?"), !htu.contains("#"),
            OktaJWS.dpopTargetURI(htu) == OktaJWS.dpopTargetURI(url)
        else {
            return failure("The DPoP proof 'htu' claim does not match the request URL \(OktaJWS.dpopTargetURI(url)).")
        }
        guard let issuedAt = proof.claims["iat"]?.intValue.map({ Date(timeIntervalSince1970: Double($0)) }),
            abs(issuedAt.timeIntervalSince(now)) <= Self.proofWindow
        else {
            return failure("The DPoP proof 'iat' claim is missing or not within a minute of the server's time.")
        }
        if let accessToken {
            guard proof.claims["ath"]?.stringValue == OktaJWS.dpopAccessTokenHash(accessToken) else {
                return failure("The DPoP proof 'ath' claim does not match the access token.")
            }
        }
        guard let jti = proof.claims["jti"]?.stringValue, !jti.isEmpty else {
            return failure("The DPoP proof must have a 'jti' claim.")
        }
        if atTokenEndpoint {
            let (current, stale) = state.withLock { state in
                if state.nonceExpires <= now {
                    state.nonce = Self.makeNonce()
                    state.nonceExpires = now.addingTimeInterval(Self.seconds(nonceLifetime))
                }
                return (state.nonce, proof.claims["nonce"]?.stringValue != state.nonce)
            }
            if stale {
                var answer = OAuthAnswer.tokenError(
                    400, "use_dpop_nonce", "Authorization server requires nonce in DPoP proof.")
                answer.headerFields[.dpopNonce] = current
                return .failure(answer)
            }
        }
        let fresh = state.withLock { state in
            prune(&state, now: now)
            return state.proofIDs.updateValue(issuedAt.addingTimeInterval(Self.proofWindow), forKey: jti) == nil
        }
        guard fresh else { return failure("The DPoP proof has already been used (its 'jti' is not new).") }
        return .success(jwk.thumbprint)
    }

    // MARK: - Helpers

    /// Forgets `jti`s that could no longer be accepted and expired tokens, at most once a second.
    private func prune(_ state: inout State, now: Date) {
        guard state.nextPrune <= now else { return }
        state.nextPrune = now.addingTimeInterval(1)
        state.assertionIDs = state.assertionIDs.filter { $0.value > now }
        state.proofIDs = state.proofIDs.filter { $0.value >= now }
        state.tokens = state.tokens.filter { $0.value.expires > now }
    }

    /// A new nonce.
    static func makeNonce() -> String { Base64URLText.random(byteCount: 24) }

    /// A duration in seconds.
    static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// The fields of an `application/x-www-form-urlencoded` body; a repeated name keeps its first value.
    static func formFields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
            }
            let name = decode(parts[0])
            if fields[name] == nil { fields[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return fields
    }

    /// `Cache-Control: no-store` and `Pragma: no-cache`, as every token response carries them (RFC 6749 §5.1).
    static var noStore: HTTPFields {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        fields[.cacheControl] = "no-store"
        fields[.init("Pragma")!] = "no-cache"
        return fields
    }
}

/// An answer of the authorization server: status, header fields and body.
struct OAuthAnswer: Sendable, Error {
    var status: Int
    var headerFields: HTTPFields
    var body: Data

    /// A token endpoint error: JSON `error` and `error_description` (RFC 6749 §5.2).
    static func tokenError(_ status: Int, _ error: String, _ description: String) -> OAuthAnswer {
        var object = JSONObject()
        object.updateValue(.string(error), forKey: "error")
        object.updateValue(.string(description), forKey: "error_description")
        return OAuthAnswer(status: status, headerFields: AuthorizationServer.noStore, body: OAuthAnswer.json(object))
    }

    /// A 401 for an access token that is not (or no longer) good: Okta's `E0000011` body and the reason in
    /// `WWW-Authenticate` (`error="invalid_token"`), which tells a client to fetch a new token.
    static func invalidToken(scheme: String, _ description: String) -> OAuthAnswer {
        unauthorized(scheme: scheme, error: "invalid_token", description)
    }

    /// A 401 for a bad DPoP proof on an API request (RFC 9449 §7.1).
    static func resourceProofError(_ description: String) -> OAuthAnswer {
        unauthorized(scheme: "DPoP", error: "invalid_dpop_proof", description)
    }

    /// The compact JSON of an object, members in order.
    static func json(_ object: JSONObject) -> Data { (try? JSONEncoder().encode(JSONValue.object(object))) ?? Data() }

    private static func unauthorized(scheme: String, error: String, _ description: String) -> OAuthAnswer {
        let okta = OktaErrorResponse.invalidToken()
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        let algorithms = scheme == "DPoP" ? ", algs=\"ES256 RS256\"" : ""
        fields[.wwwAuthenticate] = "\(scheme) error=\"\(error)\", error_description=\"\(description)\"\(algorithms)"
        return OAuthAnswer(status: 401, headerFields: fields, body: okta.jsonData)
    }
}

/// Random base64url text.
enum Base64URLText {
    /// `byteCount` random bytes, base64url without padding.
    static func random(byteCount: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
