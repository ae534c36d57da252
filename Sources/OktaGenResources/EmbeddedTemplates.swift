/// The bundled templates, built into the binary so `oktagen` works from any directory.
///
/// The bytes come from SwiftPM: `Resources/templates` is a symbolic link to the repository's `templates/` folder,
/// whose files are embedded with `.embedInCode` (Package.swift). SwiftPM names each `PackageResources` member after
/// its file and offers no list of them, so a template added to the folder is added here too (EmbeddedResourcesTests
/// fails until it is).
public enum EmbeddedTemplates {
    /// Template texts by name (file name without `.mustache`).
    public static let all: [String: String] = [
        "_header": PackageResources._header_mustache,
        "client-api": PackageResources.client_api_mustache,
        "client": PackageResources.client_mustache,
        "docc-client": PackageResources.docc_client_mustache,
        "docc-getting-started": PackageResources.docc_getting_started_mustache,
        "model-alias": PackageResources.model_alias_mustache,
        "model-enum": PackageResources.model_enum_mustache,
        "model-object": PackageResources.model_object_mustache,
        "model-union": PackageResources.model_union_mustache,
        "request-body": PackageResources.request_body_mustache,
        "server-handler": PackageResources.server_handler_mustache,
        "server": PackageResources.server_mustache,
        "server-validation": PackageResources.server_validation_mustache,
    ].mapValues { String(decoding: $0, as: UTF8.self) }
}
