import OktaRuntime

// Hand-written code beside the generated models (OktaGenModels.swift, in the plugin's work folder).
extension DirectoryUser {
    /// `First Last`, or the login when the profile has no name.
    public var displayName: String {
        let parts = [profile.firstName.value, profile.lastName.value].compactMap { $0 }
        return parts.isEmpty ? profile.login : parts.joined(separator: " ")
    }
}
