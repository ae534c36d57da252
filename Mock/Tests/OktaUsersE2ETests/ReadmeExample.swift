import OktaRuntime
import OktaUsers
import OpenAPIURLSession

/// The README's "Using the generated SDK" example, kept here so that it keeps compiling (it is not run: it needs an
/// Okta org).
func readmeExample() async throws {
    // Reads OKTA_CLIENT_ORGURL and OKTA_CLIENT_TOKEN.
    let client = try OktaClient.fromEnvironment(transport: URLSessionTransport())
    let created = try await client.users.createUser(
        activate: false,
        body: CreateUserRequest(
            profile: UserProfile(
                email: "ada@example.com", firstName: .value("Ada"),
                lastName: .value("Lovelace"), login: "ada@example.com")))
    print(created.body.status ?? .unknown("?"), created.metadata.rateLimit as Any)
    for try await user in client.users.listUsersSequence(limit: 200) {  // follows Link: rel="next"
        print(user.profile?.login ?? "")
    }
}
