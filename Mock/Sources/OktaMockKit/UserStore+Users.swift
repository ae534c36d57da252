import Foundation
import OktaRuntime
import OktaUsers

extension UserStore {
    /// Creates a user, in the status Okta gives it:
    ///
    /// | credentials                                | `activate=false` | `activate=true` (default) |
    /// |--------------------------------------------|------------------|---------------------------|
    /// | none, or a recovery question only          | `STAGED`         | `PROVISIONED`             |
    /// | a password (value, hash or hook)           | `STAGED`         | `ACTIVE`                  |
    /// | a `FEDERATION` or `SOCIAL` provider        | `STAGED`         | `ACTIVE`                  |
    /// | a password and `nextLogin=changePassword`  | 400 `E0000125`   | `PASSWORD_EXPIRED`        |
    ///
    /// The provider is the one the body names (whatever `provider=true|false` says), else `IMPORT` for a hashed or
    /// hooked password, else `OKTA`.
    ///
    /// - Parameters:
    ///   - body: The request body.
    ///   - activate: `activate` (default `true`).
    ///   - nextLogin: `nextLogin`.
    /// - Returns: The user.
    /// - Throws: 400 `E0000001` for a missing or taken login, a weak password, a bad recovery question, unknown
    ///   groups; 400 `E0000124`/`E0000125` for `nextLogin=changePassword` without a password or activation.
    func createUser(
        _ body: CreateUserRequest, activate: Bool, nextLogin: UserNextLogin?
    ) throws -> StoredUser {
        try commit { state, now in
            let login = try Self.checkedLogin(body.profile.login, in: state, for: nil)
            let credentials = body.credentials
            let password = credentials?.password
            let hasPassword = password?.value != nil || password?.hash != nil || password?.hook != nil
            var causes = ProfileRules.problems(body.profile)
            if let value = password?.value,
                let problem = CredentialRules.passwordProblem(
                    value, field: "password", login: login)
            {
                causes.append(problem)
            }
            let recoveryQuestion = CredentialRules.meaningful(credentials?.recoveryQuestion)
            if let question = recoveryQuestion, let problem = CredentialRules.recoveryQuestionProblem(question) {
                causes.append(problem)
            }
            var userProvider = AuthenticationProvider(
                name: password?.hash != nil || password?.hook != nil ? "IMPORT" : "OKTA",
                type: password?.hash != nil || password?.hook != nil ? .import : .okta)
            if let requested = credentials?.provider, let type = requested.type {
                userProvider = AuthenticationProvider(
                    name: requested.name ?? type.rawValue, type: AuthenticationProviderType(rawValue: type.rawValue))
            }
            let federated = userProvider.type == .federation || userProvider.type == .social
            if federated, hasPassword || recoveryQuestion != nil {
                causes.append(
                    "credentials: a \(userProvider.type?.rawValue ?? "") user can't have a password or "
                        + "recovery question"
                )
            }
            for groupID in body.groupIds ?? [] where state.groups[groupID] == nil {
                causes.append("groupIds: the group \(groupID) doesn't exist")
            }
            guard causes.isEmpty else {
                throw OktaErrorResponse.validationFailed(causes: causes)
            }
            let expire = nextLogin == .changePassword
            if expire {
                guard activate else { throw OktaErrorResponse.expireOnCreateRequiresActivation() }
                guard hasPassword else { throw OktaErrorResponse.expireOnCreateRequiresPassword() }
            }
            let id = state.makeID(prefix: "00u")
            var user = StoredUser(
                id: id, status: .staged, created: now, activated: nil, statusChanged: nil, lastLogin: nil,
                lastUpdated: now, passwordChanged: hasPassword ? now : nil, profile: body.profile,
                typeID: body.type?.id ?? state.defaultTypeID, realmID: body.realmId, provider: userProvider,
                hasPassword: hasPassword, password: password?.value,
                recoveryQuestion: recoveryQuestion?.question, recoveryAnswer: recoveryQuestion?.answer,
                enrolledFactors: 0,
                groupIDs: (body.groupIds ?? []).filter { $0 != state.everyoneGroupID }, appLinks: [], devices: [],
                blocks: [], sessionIDs: [], activationToken: nil, recoveryToken: nil)
            if activate {
                let active = hasPassword || federated
                user.transition(to: active ? (expire ? .passwordExpired : .active) : .provisioned, at: now)
                user.activated = now
            }
            state.users[id] = user
            return user
        }
    }

    /// Changes a user partially (`POST`): the profile members in `profilePatch` replace the stored ones (`null`
    /// clears one), the others stay; a password in the body is set without checking the old one; a recovery question
    /// replaces the old one.
    ///
    /// - Parameters:
    ///   - key: The user.
    ///   - profilePatch: The body's `profile` object as sent (explicit `null`s included).
    ///   - body: The typed body.
    /// - Returns: The user.
    /// - Throws: 404; 403 `E0000038` for a `DEPROVISIONED` user; 400 `E0000001` for a blank or taken login, a weak
    ///   password, a type change.
    func updateUser(_ key: String, profilePatch: JSONObject?, body: UpdateUserRequest) throws -> StoredUser {
        try update(key) { user, state, now in
            try Self.checkNotDeprovisioned(user)
            if let typeID = body.type?.id, typeID != user.typeID {
                throw OktaErrorResponse.validationFailed(
                    "type", causes: ["type: the user type can only be changed by replacing the user (PUT)"])
            }
            if let profilePatch {
                guard case .object(var merged) = try JSONValue(encoding: user.profile) else {
                    throw OktaErrorResponse.internalServerError()
                }
                for (name, value) in profilePatch { merged[name] = value }
                let profile: UserProfile
                do {
                    profile = try JSONValue.object(merged).decode(as: UserProfile.self)
                } catch let error as DecodingError {
                    throw OktaErrorResponse.validationFailed(
                        "profile", causes: ["profile." + DecodingErrorText.describe(error)])
                }
                try Self.checkProfile(profile, in: state, for: user.id)
                user.profile = profile
            }
            try Self.applyCredentials(body.credentials, to: &user, now: now)
            if let realmID = body.realmId { user.realmID = realmID }
            user.lastUpdated = now
        }.user
    }

    /// Replaces a user (`PUT`): a `profile` in the body replaces the whole profile (members left out are gone),
    /// credentials are set as in ``updateUser(_:profilePatch:body:)``, and the user type may change.
    ///
    /// - Parameters:
    ///   - key: The user.
    ///   - body: The body.
    /// - Returns: The user.
    /// - Throws: As ``updateUser(_:profilePatch:body:)``.
    func replaceUser(_ key: String, body: UpdateUserRequest) throws -> StoredUser {
        try update(key) { user, state, now in
            try Self.checkNotDeprovisioned(user)
            if let profile = body.profile {
                try Self.checkProfile(profile, in: state, for: user.id)
                user.profile = profile
            }
            try Self.applyCredentials(body.credentials, to: &user, now: now)
            if let typeID = body.type?.id { user.typeID = typeID }
            user.realmID = body.realmId ?? user.realmID
            user.lastUpdated = now
        }.user
    }

    /// Deletes a user the Okta way: a user that is not `DEPROVISIONED` is deactivated; a `DEPROVISIONED` one is
    /// removed with its grants, refresh tokens and sessions.
    ///
    /// - Parameter key: The user.
    /// - Returns: `true` if the user was removed, `false` if it was deactivated.
    /// - Throws: 404.
    func deleteUser(_ key: String) throws -> Bool {
        try commit { state, now in
            guard let id = state.userID(for: key), var user = state.users[id] else {
                throw OktaErrorResponse.userNotFound(key)
            }
            guard user.status == .deprovisioned else {
                Self.deactivate(&user, state: &state, now: now)
                state.users[id] = user
                return false
            }
            state.removeUser(id)
            return true
        }
    }

    // MARK: Shared rules

    /// Checks a login for a new or changed profile.
    ///
    /// - Returns: The login.
    /// - Throws: 400 `E0000001` when blank or used by another user.
    static func checkedLogin(_ login: String?, in state: MockState, for userID: String?) throws -> String {
        guard let login, !login.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw OktaErrorResponse.validationFailed("login", causes: ["login: The field cannot be left blank"])
        }
        guard !state.loginIsTaken(login, except: userID) else {
            throw OktaErrorResponse.validationFailed(
                "login", causes: ["login: An object with this field already exists in the current organization"])
        }
        return login
    }

    /// Checks a changed profile: a login that is there and not taken, then the attribute constraints.
    ///
    /// - Throws: 400 `E0000001`.
    static func checkProfile(_ profile: UserProfile, in state: MockState, for userID: String) throws {
        _ = try checkedLogin(profile.login, in: state, for: userID)
        let problems = ProfileRules.problems(profile)
        guard problems.isEmpty else { throw OktaErrorResponse.validationFailed(causes: problems) }
    }

    /// Refuses changes to a `DEPROVISIONED` user's profile, as Okta does by default.
    static func checkNotDeprovisioned(_ user: StoredUser) throws {
        guard user.status != .deprovisioned else {
            throw OktaErrorResponse.notAllowedInStatus("status: the user is DEPROVISIONED; activate it first")
        }
    }

    /// Applies the credentials of an update: an admin-set password (a `PASSWORD_EXPIRED` or `RECOVERY` user becomes
    /// `ACTIVE`), a recovery question.
    static func applyCredentials(_ credentials: UserCredentials?, to user: inout StoredUser, now: Date) throws {
        guard let credentials else { return }
        var causes: [String] = []
        let password = credentials.password?.value
        if let password,
            let problem = CredentialRules.passwordProblem(
                password, field: "password", login: user.profile.login)
        {
            causes.append(problem)
        }
        var recoveryQuestion = CredentialRules.meaningful(credentials.recoveryQuestion)
        // A read returns the question without its answer; sent back unchanged (read-modify-write), it changes nothing.
        if let sent = recoveryQuestion, sent.answer == nil, sent.question == user.recoveryQuestion {
            recoveryQuestion = nil
        }
        if let question = recoveryQuestion, let problem = CredentialRules.recoveryQuestionProblem(question) {
            causes.append(problem)
        }
        if user.isFederated, password != nil {
            causes.append("password: a \(user.provider.type?.rawValue ?? "") user can't have a password")
        }
        guard causes.isEmpty else { throw OktaErrorResponse.validationFailed(causes: causes) }
        if let password {
            user.setPassword(password, at: now)
            if user.status == .passwordExpired || user.status == .recovery { user.transition(to: .active, at: now) }
        }
        if let question = recoveryQuestion {
            user.recoveryQuestion = question.question
            user.recoveryAnswer = question.answer
        }
    }

    /// Deactivates a user: `DEPROVISIONED`, sessions closed.
    static func deactivate(_ user: inout StoredUser, state: inout MockState, now: Date) {
        user.transition(to: .deprovisioned, at: now)
        user.sessionIDs = []
        user.activationToken = nil
        user.recoveryToken = nil
    }
}
