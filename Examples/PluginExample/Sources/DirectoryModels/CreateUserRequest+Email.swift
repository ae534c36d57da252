import OktaRuntime

// Hand-written code beside the committed generated models in Generated/.
extension CreateUserRequest {
    /// A request for a person who signs in with their email address.
    /// - Parameters:
    ///   - email: The address, also the login.
    ///   - firstName: The given name, when known.
    /// - Returns: The request.
    public static func signingInWith(email: String, firstName: String? = nil) -> CreateUserRequest {
        CreateUserRequest(
            profile: UserProfile(login: email, email: email, firstName: firstName.map { .value($0) } ?? .absent))
    }
}
