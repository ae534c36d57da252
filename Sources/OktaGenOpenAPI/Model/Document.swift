import OktaGenYAML

/// A decoded OpenAPI 3.0.x or 3.1.x document. Components are kept as located nodes and decoded on demand by
/// ``SpecResolver`` (so a 3.5 MB spec costs only what the selected operations reach); everything else is decoded.
public struct OpenAPIDocument: Sendable {
    /// The root file.
    public let source: YAMLDocument
    /// The `openapi` version string, e.g. `3.0.3`.
    public let openapi: String
    /// 3.0 or 3.1.
    public let majorMinor: (major: Int, minor: Int)
    public let info: Info
    public let servers: [Server]
    public let tags: [Tag]
    /// Path items in document order.
    public let paths: [PathEntry]
    public let components: Components
    /// Top-level `security`, if present.
    public let security: [SecurityRequirement]?
    public let extensions: Extensions

    /// Whether the document is OpenAPI 3.1 or later (type arrays, `examples`, `$ref` siblings).
    public var isV31: Bool { majorMinor.major > 3 || (majorMinor.major == 3 && majorMinor.minor >= 1) }
}

public struct Info: Sendable {
    public let title: String
    public let version: String
    public let description: String?
    public let node: YAMLNode
}

public struct Server: Sendable {
    public let url: String
    public let description: String?
    public let variables: [(name: String, variable: ServerVariable)]
    public let node: YAMLNode
}

public struct ServerVariable: Sendable {
    public let defaultValue: String
    public let enumValues: [String]?
    public let description: String?
}

public struct Tag: Sendable {
    public let name: String
    public let description: String?
    /// `x-displayName`: the tag's title for readers (`User Credentials` for `UserCred`), untrusted spec text.
    public let displayName: String?
    public let node: YAMLNode

    public init(name: String, description: String?, displayName: String? = nil, node: YAMLNode) {
        self.name = name
        self.description = description
        self.displayName = displayName
        self.node = node
    }
}

/// One entry of `paths`, decoded on demand by ``SpecResolver/pathItem(_:)``.
public struct PathEntry: Sendable {
    /// The path template, e.g. `/api/v1/users/{id}`.
    public let path: String
    /// The path item's mapping (possibly a `$ref`).
    public let node: YAMLNode
    public let keyNode: YAMLNode
}

/// HTTP methods a path item can hold.
public enum HTTPMethod: String, Sendable, Hashable, Codable, CaseIterable {
    case get, put, post, delete, options, head, patch, trace
}

public struct PathItem: Sendable {
    public let summary: String?
    public let description: String?
    /// Operations in document order.
    public let operations: [(method: HTTPMethod, operation: Operation)]
    public let parameters: [Referenceable<Parameter>]
    public let servers: [Server]?
    public let node: YAMLNode
}

public struct Operation: Sendable {
    public let tags: [String]
    public let summary: String?
    public let description: String?
    public let operationId: String?
    public let parameters: [Referenceable<Parameter>]
    public let requestBody: Referenceable<RequestBody>?
    /// Responses in document order; keys are status codes (`200`, `4XX`) or `default`.
    public let responses: [(status: String, response: Referenceable<Response>, keyNode: YAMLNode)]
    public let deprecated: Bool
    public let security: [SecurityRequirement]?
    public let servers: [Server]?
    public let extensions: Extensions
    public let node: YAMLNode
}

public enum ParameterLocation: String, Sendable, Hashable, Codable, CaseIterable {
    case path, query, header, cookie
}

public struct Parameter: Sendable {
    public let name: String
    public let location: ParameterLocation
    public let description: String?
    /// As written; path parameters are required whatever this says (with a warning when it is not `true`).
    public let required: Bool
    public let deprecated: Bool
    public let allowEmptyValue: Bool
    public let style: String?
    public let explode: Bool?
    public let allowReserved: Bool
    public let schema: SchemaRef?
    public let content: [MediaTypeEntry]
    public let extensions: Extensions
    public let node: YAMLNode
}

public struct RequestBody: Sendable {
    public let description: String?
    public let content: [MediaTypeEntry]
    public let required: Bool
    public let node: YAMLNode
}

/// One entry of a `content` map.
public struct MediaTypeEntry: Sendable {
    /// The media type, e.g. `application/json`.
    public let mediaType: String
    public let schema: SchemaRef?
    public let node: YAMLNode
}

public struct Response: Sendable {
    public let description: String?
    public let headers: [(name: String, header: Referenceable<Header>)]
    public let content: [MediaTypeEntry]
    public let node: YAMLNode
}

public struct Header: Sendable {
    public let description: String?
    public let required: Bool
    public let deprecated: Bool
    public let schema: SchemaRef?
    public let content: [MediaTypeEntry]
    public let node: YAMLNode
}

public struct SecurityScheme: Sendable {
    /// `apiKey`, `http`, `oauth2`, `openIdConnect`, `mutualTLS`.
    public let type: String
    public let description: String?
    public let name: String?
    public let location: String?
    public let scheme: String?
    public let bearerFormat: String?
    public let node: YAMLNode
}

/// One alternative of a `security` list: scheme name → scopes.
public struct SecurityRequirement: Sendable {
    public let schemes: [(name: String, scopes: [String])]
    public let node: YAMLNode
}

/// `components`: every entry kept as a named node, decoded on demand.
public struct Components: Sendable {
    public struct Entry: Sendable {
        public let name: String
        public let node: YAMLNode
    }

    public let schemas: [Entry]
    public let parameters: [Entry]
    public let responses: [Entry]
    public let requestBodies: [Entry]
    public let headers: [Entry]
    public let securitySchemes: [Entry]
    public let examples: [Entry]
    public let node: YAMLNode?

    static let empty = Components(
        schemas: [], parameters: [], responses: [], requestBodies: [], headers: [], securitySchemes: [],
        examples: [], node: nil)
}
