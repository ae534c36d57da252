import Foundation
import OktaGenDiff
import Testing

/// The classification of every change between Okta's releases for the seven user tags, written out: `impact kind
/// symbol [element]` in the report's order (when `OKTA_SPECS_DIR` is set), with the changes a rename stands for
/// (``APIChange/includes``) under it, marked `+`. A rule change shows here as a diff of these lists, to be reviewed
/// change by change.
@Suite struct DiffReleaseClassificationTests {
    static func lines(_ diff: APIDiff) -> [String] {
        func line(_ change: APIChange) -> String {
            "\(change.impact.rawValue) \(change.kind.rawValue) \(change.symbol ?? "-")"
                + (change.element.map { " [\($0)]" } ?? "")
        }
        return diff.changes.flatMap { change in
            [line(change)] + (change.includes ?? []).map { "  + " + line($0) }
        }
    }

    @Test(
        .enabled(
            if: DiffTests.specsDirectory != nil, "OKTA_SPECS_DIR is not set: skipping the diffs of Okta's releases"))
    func from2024_06_1To2025_08_0() throws {
        let diff = try DiffTests.releaseDiff("2024.06.1", "2025.08.0")
        // Okta's `okta-response` option defaults to no options, not to nil.
        #expect(
            diff.changes.first { $0.symbol?.hasPrefix("UsersAPI.getUser(") == true && $0.element == "Content-Type" }?
                .hint == "new optional argument `responseOptions:` (defaults to [])")
        #expect(
            Self.lines(diff) == [
                "additive operation-added UserSessionsAPI.endUserSessions(body:)",
                "additive operation-added UserResourcesAPI.listUserDevices(userId:)",
                "source-breaking operation-removed UsersAPI.replaceLinkedObjectForUser(userIdOrLogin:primaryRelationshipName:primaryUserId:)",
                "source-breaking operation-removed UsersAPI.listLinkedObjectsForUser(userIdOrLogin:relationshipName:after:limit:)",
                "source-breaking operation-removed UsersAPI.deleteLinkedObjectForUser(userIdOrLogin:relationshipName:)",
                "source-breaking operation-removed UsersAPI.listUserIdentityProviders(userId:)",
                "additive parameter-added UsersAPI.listUsers(search:filter:q:after:limit:sortBy:sortOrder:expand:responseOptions:) [expand]",
                "additive parameter-added UsersAPI.listUsers(search:filter:q:after:limit:sortBy:sortOrder:expand:responseOptions:) [Content-Type]",
                "source-breaking parameter-order-changed UsersAPI.listUsers(search:filter:q:after:limit:sortBy:sortOrder:expand:responseOptions:)",
                "source-breaking parameter-renamed UsersAPI.getUser(id:expand:responseOptions:) [id]",
                "additive parameter-added UsersAPI.getUser(id:expand:responseOptions:) [Content-Type]",
                "source-breaking parameter-renamed UsersAPI.updateUser(id:strict:ifMatch:body:) [id]",
                "additive parameter-added UsersAPI.updateUser(id:strict:ifMatch:body:) [If-Match]",
                "source-breaking parameter-renamed UsersAPI.replaceUser(id:strict:ifMatch:body:) [id]",
                "additive parameter-added UsersAPI.replaceUser(id:strict:ifMatch:body:) [If-Match]",
                "source-breaking request-body-type-changed UsersAPI.replaceUser(id:strict:ifMatch:body:) [application/json]",
                "source-breaking parameter-renamed UsersAPI.deleteUser(id:sendEmail:respondAsync:) [id]",
                "additive parameter-added UsersAPI.deleteUser(id:sendEmail:respondAsync:) [Prefer]",
                "source-breaking operation-group-changed UserResourcesAPI.listAppLinks(id:)",
                "source-breaking parameter-renamed UserResourcesAPI.listAppLinks(id:) [id]",
                "source-breaking response-body-type-changed UserResourcesAPI.listAppLinks(id:) [application/json]",
                "source-breaking parameter-renamed UsersAPI.listUserBlocks(id:) [id]",
                "source-breaking operation-group-changed UserResourcesAPI.listUserGroups(id:)",
                "source-breaking parameter-renamed UserResourcesAPI.listUserGroups(id:) [id]",
                "source-breaking parameter-removed UserResourcesAPI.listUserGroups(id:) [after]",
                "source-breaking parameter-removed UserResourcesAPI.listUserGroups(id:) [limit]",
                "source-breaking operation-group-changed UserLifecycleAPI.activateUser(id:sendEmail:)",
                "source-breaking parameter-renamed UserLifecycleAPI.activateUser(id:sendEmail:) [id]",
                "additive parameter-required-changed UserLifecycleAPI.activateUser(id:sendEmail:) [sendEmail]",
                "source-breaking operation-group-changed UserLifecycleAPI.deactivateUser(id:sendEmail:respondAsync:)",
                "source-breaking parameter-renamed UserLifecycleAPI.deactivateUser(id:sendEmail:respondAsync:) [id]",
                "additive parameter-added UserLifecycleAPI.deactivateUser(id:sendEmail:respondAsync:) [Prefer]",
                "source-breaking operation-group-changed UserCredentialsAPI.expirePassword(id:)",
                "source-breaking parameter-renamed UserCredentialsAPI.expirePassword(id:) [id]",
                "source-breaking operation-renamed UserCredentialsAPI.expirePasswordWithTempPassword(id:revokeSessions:)",
                "  + source-breaking operation-group-changed UserCredentialsAPI.expirePasswordWithTempPassword(id:revokeSessions:)",
                "  + source-breaking parameter-renamed UserCredentialsAPI.expirePasswordWithTempPassword(id:revokeSessions:) [id]",
                "source-breaking response-body-type-changed UserCredentialsAPI.expirePasswordWithTempPassword(id:revokeSessions:) [application/json]",
                "source-breaking operation-group-changed UserLifecycleAPI.reactivateUser(id:sendEmail:)",
                "source-breaking parameter-renamed UserLifecycleAPI.reactivateUser(id:sendEmail:) [id]",
                "source-breaking operation-group-changed UserLifecycleAPI.resetFactors(id:)",
                "source-breaking parameter-renamed UserLifecycleAPI.resetFactors(id:) [id]",
                "source-breaking parameter-removed UserLifecycleAPI.resetFactors(id:) [removeRecoveryEnrollment]",
                "source-breaking operation-renamed UserCredentialsAPI.resetPassword(id:sendEmail:revokeSessions:)",
                "  + source-breaking operation-group-changed UserCredentialsAPI.resetPassword(id:sendEmail:revokeSessions:)",
                "  + source-breaking parameter-renamed UserCredentialsAPI.resetPassword(id:sendEmail:revokeSessions:) [id]",
                "source-breaking operation-group-changed UserLifecycleAPI.suspendUser(id:)",
                "source-breaking parameter-renamed UserLifecycleAPI.suspendUser(id:) [id]",
                "behaviour-changing response-added UserLifecycleAPI.suspendUser(id:)",
                "source-breaking operation-group-changed UserLifecycleAPI.unlockUser(id:)",
                "source-breaking parameter-renamed UserLifecycleAPI.unlockUser(id:) [id]",
                "source-breaking operation-group-changed UserLifecycleAPI.unsuspendUser(id:)",
                "source-breaking parameter-renamed UserLifecycleAPI.unsuspendUser(id:) [id]",
                "behaviour-changing response-added UserLifecycleAPI.unsuspendUser(id:)",
                "source-breaking operation-group-changed UserResourcesAPI.listUserClients(userId:)",
                "source-breaking operation-group-changed UserGrantsAPI.listGrantsForUserAndClient(userId:clientId:expand:after:limit:)",
                "source-breaking operation-group-changed UserGrantsAPI.revokeGrantsForUserAndClient(userId:clientId:)",
                "source-breaking operation-group-changed UserOAuthTokenManagementAPI.listRefreshTokensForUserAndClient(userId:clientId:expand:after:limit:)",
                "source-breaking operation-group-changed UserOAuthTokenManagementAPI.revokeTokensForUserAndClient(userId:clientId:)",
                "source-breaking operation-group-changed UserOAuthTokenManagementAPI.getRefreshTokenForUserAndClient(userId:clientId:tokenId:expand:)",
                "source-breaking parameter-removed UserOAuthTokenManagementAPI.getRefreshTokenForUserAndClient(userId:clientId:tokenId:expand:) [limit]",
                "source-breaking parameter-removed UserOAuthTokenManagementAPI.getRefreshTokenForUserAndClient(userId:clientId:tokenId:expand:) [after]",
                "source-breaking operation-group-changed UserOAuthTokenManagementAPI.revokeTokenForUserAndClient(userId:clientId:tokenId:)",
                "source-breaking operation-group-changed UserCredentialsAPI.changePassword(userId:strict:body:)",
                "source-breaking operation-group-changed UserCredentialsAPI.changeRecoveryQuestion(userId:body:)",
                "source-breaking operation-group-changed UserCredentialsAPI.forgotPassword(userId:sendEmail:)",
                "source-breaking operation-group-changed UserCredentialsAPI.forgotPasswordSetNewPassword(userId:sendEmail:body:)",
                "source-breaking operation-group-changed UserGrantsAPI.listUserGrants(userId:scopeId:expand:after:limit:)",
                "source-breaking operation-group-changed UserGrantsAPI.revokeUserGrants(userId:)",
                "source-breaking operation-group-changed UserGrantsAPI.getUserGrant(userId:grantId:expand:)",
                "source-breaking operation-group-changed UserGrantsAPI.revokeUserGrant(userId:grantId:)",
                "source-breaking operation-group-changed UserSessionsAPI.revokeUserSessions(userId:oauthTokens:forgetDevices:)",
                "additive parameter-added UserSessionsAPI.revokeUserSessions(userId:oauthTokens:forgetDevices:) [forgetDevices]",
                "source-breaking schema-removed AppCustomHrefObject",
                "source-breaking schema-removed AppCustomHrefObjectHints",
                "source-breaking schema-removed AppLink",
                "additive schema-added AppResourceHrefObject",
                "additive schema-added AssignedAppLink",
                "additive schema-added AuthenticationProviderTypeWritable",
                "additive schema-added AuthenticationProviderWritable",
                "additive schema-added AuthorizationServerResourceHrefObject",
                "source-breaking property-type-changed CreateUserRequest.credentials [credentials]",
                "additive schema-added Device",
                "additive schema-added DeviceDisplayName",
                "additive schema-added DevicePlatform",
                "additive schema-added DeviceProfile",
                "additive schema-added DeviceStatus",
                "additive schema-added DiskEncryptionTypeDef",
                "additive schema-added GrantResourcesHrefObject",
                "source-breaking schema-kind-changed GroupProfile",
                "source-breaking schema-removed IdentityProvider",
                "source-breaking schema-removed IdentityProviderCredentials",
                "source-breaking schema-removed IdentityProviderCredentialsClient",
                "source-breaking schema-removed IdentityProviderCredentialsSigning",
                "source-breaking schema-removed IdentityProviderCredentialsTrust",
                "source-breaking schema-removed IdentityProviderCredentialsTrustRevocation",
                "source-breaking schema-removed IdentityProviderLinks",
                "source-breaking schema-removed IdentityProviderPolicy",
                "source-breaking schema-removed IdentityProviderProperties",
                "source-breaking schema-removed IdentityProviderType",
                "source-breaking schema-removed IssuerMode",
                "additive schema-added KeepCurrent",
                "source-breaking schema-removed LifecycleStatus",
                "source-breaking schema-removed LinksSelf",
                "additive schema-added LinksSelfAndFullUsersLifecycle",
                "source-breaking property-type-changed OAuth2Client.links [_links]",
                "additive schema-added OAuth2ClientLinks",
                "source-breaking property-type-changed OAuth2RefreshTokenLinks.app [app]",
                "source-breaking property-type-changed OAuth2RefreshTokenLinks.client [client]",
                "source-breaking property-type-changed OAuth2RefreshTokenLinks.user [user]",
                "source-breaking property-type-changed OAuth2RefreshTokenLinks.authorizationServer [authorizationServer]",
                "source-breaking property-required-changed OAuth2RefreshTokenLinksRevoke.href [href]",
                "source-breaking property-removed OAuth2RefreshTokenLinksRevoke.title [title]",
                "source-breaking property-removed OAuth2RefreshTokenLinksRevoke.type [type]",
                "source-breaking property-type-changed OAuth2RefreshTokenScopeLinks.scope [scope]",
                "source-breaking property-type-changed OAuth2ScopeConsentGrantLinks.app [app]",
                "source-breaking property-type-changed OAuth2ScopeConsentGrantLinks.client [client]",
                "additive property-added OAuth2ScopeConsentGrantLinks.scope [scope]",
                "additive property-added OAuth2ScopeConsentGrantLinks.user [user]",
                "additive property-added OAuth2ScopeConsentGrantLinks.authorizationServer [authorizationServer]",
                "additive schema-added OfflineAccessScopeResourceHrefObject",
                "additive schema-added OktaActiveDirectoryGroupProfile",
                "additive schema-added OktaUserGroupProfile",
                "source-breaking schema-removed PolicyAccountLink",
                "source-breaking schema-removed PolicyAccountLinkAction",
                "source-breaking schema-removed PolicyAccountLinkFilter",
                "source-breaking schema-removed PolicyAccountLinkFilterGroups",
                "source-breaking schema-removed PolicySubject",
                "source-breaking schema-removed PolicySubjectMatchType",
                "source-breaking schema-removed PolicyUserNameTemplate",
                "source-breaking schema-removed ProtocolAlgorithmType",
                "source-breaking schema-removed ProtocolAlgorithmTypeSignature",
                "source-breaking schema-removed ProtocolAlgorithmTypeSignatureScope",
                "source-breaking schema-removed ProtocolAlgorithms",
                "source-breaking schema-removed ProtocolEndpoint",
                "source-breaking schema-removed ProtocolEndpointBinding",
                "source-breaking schema-removed ProtocolEndpointType",
                "source-breaking schema-removed ProtocolEndpoints",
                "source-breaking schema-removed ProtocolModel",
                "source-breaking schema-removed ProtocolRelayState",
                "source-breaking schema-removed ProtocolRelayStateFormat",
                "source-breaking schema-removed ProtocolSettings",
                "source-breaking schema-removed ProtocolType",
                "source-breaking schema-removed Provisioning",
                "source-breaking schema-removed ProvisioningAction",
                "source-breaking schema-removed ProvisioningConditions",
                "source-breaking schema-removed ProvisioningDeprovisionedAction",
                "source-breaking schema-removed ProvisioningDeprovisionedCondition",
                "source-breaking schema-removed ProvisioningGroups",
                "source-breaking schema-removed ProvisioningGroupsAction",
                "source-breaking schema-removed ProvisioningSuspendedAction",
                "source-breaking schema-removed ProvisioningSuspendedCondition",
                "source-breaking schema-removed ResponseLinks",
                "additive schema-added ScopeResourceHrefObject",
                "source-breaking schema-removed TempPassword",
                "additive schema-added TokenResourcesHrefObject",
                "additive schema-added UserCredentialsWritable",
                "additive schema-added UserDevice",
                "additive schema-added UserResourceHrefObject",
            ])
    }

    @Test(
        .enabled(
            if: DiffTests.specsDirectory != nil, "OKTA_SPECS_DIR is not set: skipping the diffs of Okta's releases"))
    func from2025_08_0To2026_06_2() throws {
        let diff = try DiffTests.releaseDiff("2025.08.0", "2026.06.2")
        #expect(
            Self.lines(diff) == [
                "source-breaking operation-removed UserSessionsAPI.endUserSessions(body:)",
                "additive parameter-added UsersAPI.listUsers(search:filter:q:after:limit:sortBy:sortOrder:fields:expand:responseOptions:) [fields]",
                "source-breaking response-body-type-changed UserCredentialsAPI.expirePasswordWithTempPassword(id:revokeSessions:) [application/json]",
                "source-breaking property-type-changed Group.embedded [_embedded]",
                "additive schema-added GroupEmbedded",
                "additive schema-added GroupEmbeddedApp",
                "additive schema-added GroupEmbeddedStats",
                "source-breaking schema-removed KeepCurrent",
                "additive schema-added TempPassword",
                "additive property-added UpdateUserRequest.type [type]",
                "additive schema-added UpdateUserRequestType",
            ])
    }

    @Test(
        .enabled(
            if: DiffTests.specsDirectory != nil, "OKTA_SPECS_DIR is not set: skipping the diffs of Okta's releases"))
    func from2026_06_2To2026_06_3() throws {
        let diff = try DiffTests.releaseDiff("2026.06.2", "2026.06.3")
        #expect(Self.lines(diff) == [])
    }

}
