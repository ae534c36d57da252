/// What okta-mock does with each member of a request body (the table in `docs/okta-mock-requests.md`).
///
/// Okta does not document how it treats read-only or unknown members in a request body, but its SDKs send them
/// (okta-sdk-golang v2's `UpdateUser` PUTs the whole user it read, `_links` and all) and real traffic shows them
/// accepted. So a body is walked along its shape: a read-only member is ignored whatever it holds (`null` included),
/// a member the shape does not name is ignored (the generated decoders skip it too), and only the writable members
/// are checked (``RequestBodyRules``).
indirect enum RequestBodyShape: Sendable {
    /// An object whose named members have these shapes; other members are ignored.
    case object([String: RequestBodyShape])
    /// A writable value: `null` is refused (the spec marks none of them nullable).
    case value
    /// A user profile: `null` clears an attribute, except the base attributes the spec does not mark nullable.
    case profile
    /// A password hash: a writable object whose enumerations and work factor are checked.
    case hash
    /// A read-only member: ignored, whatever it holds.
    case readOnly

    /// The members of a user that Okta sets and a client cannot: what `GET /api/v1/users/{id}` returns besides
    /// `profile`, `credentials`, `type` and `realmId`.
    static let readOnlyUserMembers: [String] = [
        "id", "status", "created", "activated", "statusChanged", "lastLogin", "lastUpdated", "passwordChanged",
        "transitioningToStatus", "_links", "_embedded",
    ]

    /// `PasswordCredential`.
    static let password = RequestBodyShape.object([
        "value": .value, "hash": .hash, "hook": .object(["type": .value]),
    ])

    /// `RecoveryQuestionCredential`.
    static let recoveryQuestion = RequestBodyShape.object(["question": .value, "answer": .value])

    /// `UserCredentials` in a body that cannot change the provider (update, replace, recovery question, forgot
    /// password): `provider` and `emails` are what a read returns, and ignored.
    static let credentials = RequestBodyShape.object([
        "password": password, "recovery_question": recoveryQuestion, "provider": .readOnly, "emails": .readOnly,
    ])

    /// `UserCredentialsWritable` of `createUser`: the provider is chosen at creation.
    static let creationCredentials = RequestBodyShape.object([
        "password": password, "recovery_question": recoveryQuestion,
        "provider": .object(["type": .value, "name": .value]), "emails": .readOnly,
    ])

    /// `CreateUserRequest`.
    static let createUser = user([
        "profile": .profile, "credentials": creationCredentials, "groupIds": .value, "type": .object(["id": .value]),
        "realmId": .value,
    ])

    /// `UpdateUserRequest` of `updateUser` (POST) and `replaceUser` (PUT): a user as read, sent back.
    static let updateUser = user([
        "profile": .profile, "credentials": credentials, "type": .object(["id": .value, "_links": .readOnly]),
        "realmId": .value,
    ])

    /// `ChangePasswordRequest`.
    static let changePassword = RequestBodyShape.object([
        "oldPassword": password, "newPassword": password, "revokeSessions": .value,
    ])

    /// `UserCredentials` of `changeRecoveryQuestion` and `forgotPasswordSetNewPassword`.
    static let userCredentials = credentials

    /// A user body: the writable members given, and the read-only ones.
    private static func user(_ writable: [String: RequestBodyShape]) -> RequestBodyShape {
        var members = writable
        for name in readOnlyUserMembers { members[name] = .readOnly }
        return .object(members)
    }
}
