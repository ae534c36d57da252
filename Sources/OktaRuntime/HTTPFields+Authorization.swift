import HTTPTypes

extension HTTPFields {
    /// Replaces any `Authorization` field with one whose value is never added to HTTP/2 or HTTP/3 header
    /// compression tables, as RFC 7541 §7.1.3 recommends for credentials.
    ///
    /// - Parameter value: The full field value, for example `SSWS 00abc…`.
    mutating func setAuthorization(_ value: String) {
        var field = HTTPField(name: .authorization, value: value)
        field.indexingStrategy = .disallow
        self[fields: .authorization] = [field]
    }
}
