/// The one list of names that generated declarations must not take (docs/Naming.md has the rules).
///
/// Generated code names these unqualified, so a generated declaration of the same name would shadow them:
/// a schema named `HTTPRequest` would turn every `HTTPRequest` of the server stubs into the schema's type. Model
/// types that would take one get `Model` appended (`HTTPRequest` → `HTTPRequestModel`); see ``NameScope/type(_:)``.
/// Keep the lists in step with the templates (`templates/*.mustache`) and the context builders
/// (`Sources/OktaGenRender/OperationContext.swift`, `ModelContext.swift`), which write the code that uses them.
public enum ReservedNames {
    /// The Swift standard library's names (and its keywords-like type names) that generated code uses or that a
    /// reader expects to mean the standard type.
    static let standardLibrary: Set<String> = [
        "Error", "String", "Int", "Int32", "Int64", "Double", "Float", "Bool", "Array", "Dictionary", "Set",
        "Optional", "Result", "Any", "AnyObject", "Self", "Type", "Protocol", "Decoder", "Encoder", "Codable",
        "Decodable", "Encodable", "Sendable", "Hashable", "Equatable", "Never", "Void", "Character", "Task", "Actor",
        "Sequence", "Collection", "Identifiable", "Comparable", "Substring", "Swift",
    ]

    /// Foundation's names that generated code uses.
    static let foundation: Set<String> = ["Data", "Date", "URL", "UUID", "ProcessInfo", "Foundation"]

    /// Names of OpenAPIRuntime and HTTPTypes (re-exported by OktaRuntime) that generated code uses, and the
    /// modules' own names.
    static let transport: Set<String> = [
        "HTTPBody", "HTTPRequest", "HTTPResponse", "HTTPFields", "HTTPField", "ClientTransport", "ClientMiddleware",
        "ServerTransport", "ServerMiddleware", "Base64EncodedData", "OpenAPIRuntime", "HTTPTypes",
    ]

    /// Top-level names of OktaRuntime (`Sources/OktaRuntime`), and the module's name.
    public static let runtime: Set<String> = [
        "BearerAuthMiddleware", "JSONObject", "JSONValue", "LinkHeader", "OktaAPIClient", "OktaAPIError", "OktaBox",
        "OktaClientConfiguration", "OktaCodingKey", "OktaConfigurationError", "OktaDateCoding", "OktaDateTranscoder",
        "OktaError", "OktaErrorResponse", "OktaFullDate", "OktaNullable", "OktaOpenEnum", "OktaPage",
        "OktaPageSequence", "OktaPagingError", "OktaParameterValue", "OktaRateLimit", "OktaRequestBuilder",
        "OktaResponse", "OktaResponseMetadata", "OktaServerRequest", "OktaServerResponse", "OktaValidationErrors",
        "RetryMiddleware", "SSWSAuthMiddleware", "OktaRuntime", "OktaLenient", "OktaElementFailure",
        "OktaVariantChoice", "OktaValidatable", "OktaValidationPath", "OktaServerValidation", "JSONSchemaPattern",
        "PatternError",
        "OktaPattern",
    ]

    /// Names the renderer declares whatever the spec (with the default options), and names kept from earlier
    /// versions of this list, so that the types of existing specs keep their names.
    static let generated: Set<String> = [
        "OktaClient", "OktaAPIHandler", "CodingKeys", "Client", "Configuration", "Operations", "Components",
        "Servers", "Object", "Unknown", "OktaValidationPatterns",
    ]

    /// Every type name a model type must not take.
    public static let typeNames: Set<String> = standardLibrary.union(foundation).union(transport).union(runtime)
        .union(generated)

    /// Member names an operation's parameters must not take: the server's input struct has `body` and `request`
    /// members beside the parameters, and the client's paging builds `headers`.
    public static let parameterNames: Set<String> = ["body", "headers", "request"]

    /// Locals of a generated client method and of its paging closure (`templates/client-api.mustache`,
    /// `client` is the API group's stored property). A parameter named like one is renamed inside the method
    /// (its argument label stays): see `OperationContextBuilder.localNames`.
    public static let clientLocals: Set<String> = [
        "builder", "request", "response", "responseBody", "client", "nextURL", "first", "next", "headers", "items",
    ]

    /// Locals of a generated route closure (`templates/server-handler.mustache`): the closure's parameters, the
    /// parsed request and the input.
    public static let serverLocals: Set<String> = [
        "request", "body", "metadata", "server", "errors", "input", "violations",
    ]

    /// Names an operation's method must not take: the API group's stored property and initializer.
    public static let operationNames: Set<String> = ["client"]

    /// Names a tag's client property must not take: the client's other members.
    public static let tagPropertyNames: Set<String> = ["core"]

    /// Case names of a generated enum besides its values: `unknown(_)` and the static `allCases`.
    public static let enumCaseNames: Set<String> = ["unknown", "allCases"]
}
