/// One operation: method, path, merged parameters, body, responses and security.
public struct IROperation: Sendable, Equatable, Codable {
    public var operationId: String
    /// lowerCamel Swift name (`listUsers`), unique among the selected operations.
    public var swiftName: String
    /// The group it belongs to: its first tag among the selected ones.
    public var tag: String
    /// Every tag the spec gives it.
    public var tags: [String]
    /// Upper-case HTTP method (`GET`).
    public var method: String
    /// Path template (`/api/v1/users/{id}`).
    public var path: String
    public var summary: String?
    public var description: String?
    public var deprecated: Bool
    /// Path-item and operation parameters merged by name and location (the operation's win), in order: path
    /// parameters in template order, then the rest in declaration order.
    public var parameters: [IRParameter]
    public var requestBody: IRRequestBody?
    /// Responses in document order.
    public var responses: [IRResponse]
    /// Alternatives (any one suffices); empty means no authentication; `nil` in the spec means the document's.
    public var security: [IRSecurityRequirement]
    public var source: IRSource
    /// Okta's release stage of the operation (`x-okta-lifecycle.lifecycle`: `GA`, `LIMITED_GA`, `EA`, `TOMBSTONE`),
    /// when the spec says it.
    public var lifecycle: String? = nil
}

public enum IRParameterLocation: String, Sendable, Equatable, Codable {
    case path, query, header, cookie
}

public struct IRParameter: Sendable, Equatable, Codable {
    /// The name on the wire.
    public var name: String
    /// lowerCamel Swift name, unique within the operation, keyword-escaped with backticks when needed.
    public var swiftName: String
    public var location: IRParameterLocation
    public var required: Bool
    public var deprecated: Bool
    public var description: String?
    /// Serialization style with OpenAPI's defaults applied (`simple` for path and header, `form` otherwise).
    public var style: String
    /// `explode` with OpenAPI's default applied (true for `form`).
    public var explode: Bool
    public var type: IRTypeRef
    public var defaultValue: IRValue?
    public var source: IRSource
    /// What a value must satisfy beyond its type; `nil` when the spec states nothing.
    public var constraints: IRConstraints? = nil
    /// How the SDK takes a parameter that is not what its schema says (docs/Naming.md, "Parameters that are not
    /// what they say"); `nil` for the others.
    public var role: IRParameterRole? = nil
}

/// A parameter the SDK takes otherwise than its schema says.
public enum IRParameterRole: Sendable, Equatable, Codable {
    /// An optional header whose schema allows exactly one value (`Prefer: respond-async`): a flag, not a choice. The
    /// client takes `Bool` (named after the value) and sends the value when it is `true`; the server reads `Bool`.
    case flag(value: String)
    /// Okta's `okta-response` option: a `Content-Type` header parameter (which OpenAPI ignores) whose description
    /// speaks of `okta-response`. The client takes `[OktaResponseOption]` and sends
    /// `Content-Type: application/json; okta-response="…"` when there are some; the server reads them back.
    case oktaResponseOptions
}

public struct IRRequestBody: Sendable, Equatable, Codable {
    public var required: Bool
    public var description: String?
    public var contents: [IRContent]
    public var source: IRSource
}

/// A media type and the type of its body (`nil` when the spec gives no schema).
public struct IRContent: Sendable, Equatable, Codable {
    public var mediaType: String
    public var type: IRTypeRef?
}

public struct IRResponse: Sendable, Equatable, Codable {
    /// `200`, `4XX` or `default`.
    public var status: String
    /// The numeric code, when `status` is one.
    public var statusCode: Int?
    /// Whether the response is an error (4xx, 5xx, or `default` when a 2xx response exists).
    public var isError: Bool
    public var description: String?
    public var contents: [IRContent]
    public var headers: [IRHeader]
    public var source: IRSource
}

public struct IRHeader: Sendable, Equatable, Codable {
    public var name: String
    public var swiftName: String
    public var required: Bool
    public var description: String?
    public var type: IRTypeRef
}
