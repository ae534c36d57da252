import Foundation
import OktaRuntime
import OktaUsers

/// Adds the `_links` (and, for `expand=scope`, the `_embedded` scopes) Okta puts on grants, refresh tokens and
/// clients, with hrefs on the host the client called.
struct ResourceRenderer: Sendable {
    /// `http://127.0.0.1:8080`.
    var origin: String

    init(request: HTTPRequest) { origin = UserRenderer.origin(of: request) }

    /// Whether `expand` asks for the scopes.
    static func expandsScope(_ expand: String?) -> Bool {
        (expand ?? "").split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == "scope" }
    }

    /// A grant with its links.
    func grant(_ stored: OAuth2ScopeConsentGrant, expand: String?) -> OAuth2ScopeConsentGrant {
        var grant = stored
        let userID = stored.userId ?? ""
        grant.links = OAuth2ScopeConsentGrantLinks(
            selfLink: HrefObject(href: "\(origin)/api/v1/users/\(userID)/grants/\(stored.id ?? "")"),
            client: AppResourceHrefObject(href: "\(origin)/oauth2/v1/clients/\(stored.clientId ?? "")"),
            user: UserResourceHrefObject(href: "\(origin)/api/v1/users/\(userID)")
        )
        if Self.expandsScope(expand) {
            grant.embedded = OAuth2ScopeConsentGrantEmbedded(
                scope: OAuth2ScopeConsentGrantEmbeddedScope(id: stored.scopeId))
        }
        return grant
    }

    /// A refresh token with its links.
    func refreshToken(_ stored: OAuth2RefreshToken, expand: String?) -> OAuth2RefreshToken {
        var token = stored
        let userID = stored.userId ?? ""
        let clientID = stored.clientId ?? ""
        let href = "\(origin)/api/v1/users/\(userID)/clients/\(clientID)/tokens/\(stored.id ?? "")"
        token.links = OAuth2RefreshTokenLinks(
            selfLink: HrefObject(href: href),
            // Okta's documented token carries the method hint on its revoke link.
            revoke: OAuth2RefreshTokenLinksRevoke(
                href: href, hints: OAuth2RefreshTokenLinksRevokeHints(allow: [.delete])),
            client: AppResourceHrefObject(href: "\(origin)/oauth2/v1/clients/\(clientID)"),
            user: UserResourceHrefObject(href: "\(origin)/api/v1/users/\(userID)")
        )
        if Self.expandsScope(expand) {
            token.embedded = OAuth2RefreshTokenEmbedded(
                scopes: (stored.scopes ?? []).map { OAuth2RefreshTokenScope(displayName: $0, id: $0, name: $0) })
        }
        return token
    }

    /// A client with the links to the user's grants and tokens of it.
    func client(_ stored: OAuth2Client, userID: String) -> OAuth2Client {
        var client = stored
        let clientID = stored.clientId ?? ""
        let base = "\(origin)/api/v1/users/\(userID)/clients/\(clientID)"
        client.links = OAuth2ClientLinks(
            selfLink: HrefObject(href: "\(origin)/oauth2/v1/clients/\(clientID)"),
            grants: GrantResourcesHrefObject(href: base + "/grants"),
            tokens: TokenResourcesHrefObject(href: base + "/tokens")
        )
        return client
    }
}
