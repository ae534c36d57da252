/// The default spec, built into the binary so `oktagen` works from any directory.
///
/// The bytes come from SwiftPM: `Resources/okta-users.yaml` is a symbolic link to `specs/okta-users.yaml`, embedded
/// with `.embedInCode` (Package.swift), so the binary carries no bundle and is never stale.
public enum EmbeddedSpec {
    /// Where the default spec lives in the repository (used when it exists in the working directory).
    public static let defaultPath = "specs/okta-users.yaml"

    /// The text of specs/okta-users.yaml.
    public static let oktaUsers = String(decoding: PackageResources.okta_users_yaml, as: UTF8.self)
}
