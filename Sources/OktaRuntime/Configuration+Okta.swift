import OpenAPIRuntime

extension Configuration {
    /// The runtime configuration for Okta clients and servers: ``OktaDateTranscoder`` and compact JSON with sorted
    /// keys (deterministic bodies, smaller than the runtime's pretty-printed default).
    public static var okta: Configuration {
        Configuration(dateTranscoder: .okta, jsonEncodingOptions: [.sortedKeys])
    }
}
