/// One difference between two versions of an API, classified by its effect on the generated Swift code
/// (``impact``) and, as before, as breaking or not for a client (``breaking``).
///
/// "Breaking" means that a client written against the old version may stop compiling against the regenerated SDK, or
/// may fail against a server of the new version: something it used is gone or changed type, or a request it sends
/// may now be rejected, or a response it reads may now surprise it. See ``ModelDiffer`` for the rules.
public struct APIChange: Sendable, Equatable, Codable {
    /// What changed.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case operationAdded = "operation-added"
        case operationRemoved = "operation-removed"
        /// The same call under another `operationId` (same method and path, path variables' names aside).
        case operationRenamed = "operation-renamed"
        case operationEndpointChanged = "operation-endpoint-changed"
        case operationGroupChanged = "operation-group-changed"
        case operationDeprecated = "operation-deprecated"
        case parameterAdded = "parameter-added"
        case parameterRemoved = "parameter-removed"
        case parameterRequiredChanged = "parameter-required-changed"
        case parameterTypeChanged = "parameter-type-changed"
        case parameterLocationChanged = "parameter-location-changed"
        case parameterRenamed = "parameter-renamed"
        case parameterDeprecated = "parameter-deprecated"
        /// Parameters present in both versions, in another order (Swift arguments are passed in declaration order).
        case parameterOrderChanged = "parameter-order-changed"
        case requestBodyAdded = "request-body-added"
        case requestBodyRemoved = "request-body-removed"
        case requestBodyRequiredChanged = "request-body-required-changed"
        case requestMediaTypeAdded = "request-media-type-added"
        case requestMediaTypeRemoved = "request-media-type-removed"
        case requestBodyTypeChanged = "request-body-type-changed"
        case responseAdded = "response-added"
        case responseRemoved = "response-removed"
        case responseMediaTypeAdded = "response-media-type-added"
        case responseMediaTypeRemoved = "response-media-type-removed"
        case responseBodyTypeChanged = "response-body-type-changed"
        case schemaAdded = "schema-added"
        case schemaRemoved = "schema-removed"
        case schemaKindChanged = "schema-kind-changed"
        case propertyAdded = "property-added"
        case propertyRemoved = "property-removed"
        case propertyTypeChanged = "property-type-changed"
        case propertyRequiredChanged = "property-required-changed"
        case propertyNullableChanged = "property-nullable-changed"
        case additionalPropertiesChanged = "additional-properties-changed"
        case enumValueAdded = "enum-value-added"
        case enumValueRemoved = "enum-value-removed"
        case enumRawTypeChanged = "enum-raw-type-changed"
        case unionVariantAdded = "union-variant-added"
        case unionVariantRemoved = "union-variant-removed"
        case unionDiscriminatorChanged = "union-discriminator-changed"
        case aliasTypeChanged = "alias-type-changed"
    }

    /// What changed.
    public var kind: Kind
    /// Whether a client of the old version may break.
    public var breaking: Bool
    /// The `operationId`, for a change of an operation.
    public var operation: String?
    /// The Swift type name, for a change of a schema.
    public var schema: String?
    /// The part that changed: a parameter, property or variant name, a media type, a status, an enum value.
    public var element: String?
    /// Where the element is: a parameter's location (`query`), or the status of a response's media type (`200`).
    public var location: String?
    /// The old value, when something changed (a type, a location, `required`…).
    public var old: String?
    /// The new value.
    public var new: String?
    /// The effect on the generated Swift API and on the wire (see ``Impact``); set by ``ModelDiffer``.
    public var impact: Impact = .additive
    /// How the change is reported and whether `--fail-on` counts it: by default ``Impact/severity``, or what the
    /// override file says.
    public var severity: ChangeSeverity = .info
    /// The Swift symbol as the generated code names it, in the new release (the old one for something removed):
    /// `UsersAPI.resetPassword(userId:sendEmail:revokeSessions:)`, `User.profile`, `UserStatus.active`.
    public var symbol: String?
    /// The symbol in the old release, when it had another name (a renamed method or label).
    public var oldSymbol: String?
    /// Where the element is written in the old release (`file:line:column`), when it is there.
    public var oldSource: String?
    /// Where the element is written in the new release.
    public var newSource: String?
    /// What a caller does about it, in one line.
    public var hint: String?
    /// The changes this one stands for, when a call kept its meaning under another Swift name: a rename, or an
    /// endpoint moved, carries the operation's move to another tag and its path variables renamed (`{userId}` →
    /// `{id}`), so that one change, with one shim, says what happened to the call.
    public var includes: [APIChange]?

    /// Creates a change.
    public init(
        _ kind: Kind, breaking: Bool, operation: String? = nil, schema: String? = nil, element: String? = nil,
        location: String? = nil, old: String? = nil, new: String? = nil
    ) {
        self.kind = kind
        self.breaking = breaking
        self.operation = operation
        self.schema = schema
        self.element = element
        self.location = location
        self.old = old
        self.new = new
    }

    /// Whether the change is about an operation (else about a schema).
    public var isOperationChange: Bool { operation != nil }

    /// The change in words, within its operation or schema: `parameter 'limit' (query) added: optional int32`.
    /// - Parameter code: How names and types are quoted (`'x'` in text, `` `x` `` in Markdown).
    public func detail(_ code: (String) -> String) -> String {
        let own = ownDetail(code)
        guard let includes, !includes.isEmpty else { return own }
        return own + "; " + includes.map { $0.ownDetail(code) }.joined(separator: "; ")
    }

    private func ownDetail(_ code: (String) -> String) -> String {
        let element = element.map(code) ?? ""
        let old = old ?? ""
        let new = new ?? ""
        let location = location ?? ""
        switch kind {
        case .operationAdded: return "added (\(code(new)))"
        case .operationRemoved: return "removed (\(code(old)))"
        case .operationRenamed: return "renamed from \(code(old)) (same method and path)"
        case .operationEndpointChanged: return "endpoint changed from \(code(old)) to \(code(new))"
        case .operationGroupChanged: return "moved from the tag \(code(old)) to \(code(new))"
        case .operationDeprecated: return "deprecated"
        case .parameterAdded: return "parameter \(element) (\(location)) added: \(new)"
        case .parameterRemoved: return "parameter \(element) (\(location)) removed"
        case .parameterRequiredChanged: return "parameter \(element) (\(location)) is now \(new)"
        case .parameterTypeChanged:
            return "parameter \(element) (\(location)) type changed from \(code(old)) to \(code(new))"
        case .parameterLocationChanged: return "parameter \(element) moved from \(old) to \(new)"
        case .parameterRenamed: return "parameter \(code(old)) (\(location)) renamed to \(code(new))"
        case .parameterDeprecated: return "parameter \(element) (\(location)) deprecated"
        case .parameterOrderChanged: return "parameters reordered from \(code(old)) to \(code(new))"
        case .requestBodyAdded: return "request body added: \(new)"
        case .requestBodyRemoved: return "request body removed"
        case .requestBodyRequiredChanged: return "request body is now \(new)"
        case .requestMediaTypeAdded: return "request media type \(element) added"
        case .requestMediaTypeRemoved: return "request media type \(element) removed"
        case .requestBodyTypeChanged:
            return "request body (\(self.element ?? "")) type changed from \(code(old)) to \(code(new))"
        case .responseAdded: return "response \(location) added"
        case .responseRemoved: return "response \(location) removed"
        case .responseMediaTypeAdded: return "response \(location) media type \(element) added"
        case .responseMediaTypeRemoved: return "response \(location) media type \(element) removed"
        case .responseBodyTypeChanged:
            return "response \(location) (\(self.element ?? "")) type changed from \(code(old)) to \(code(new))"
        case .schemaAdded: return "added (\(new))"
        case .schemaRemoved: return "removed (\(old))"
        case .schemaKindChanged: return "changed from \(old) to \(new)"
        case .propertyAdded: return "property \(element) added: \(new)"
        case .propertyRemoved: return "property \(element) removed"
        case .propertyTypeChanged: return "property \(element) type changed from \(code(old)) to \(code(new))"
        case .propertyRequiredChanged: return "property \(element) is now \(new)"
        case .propertyNullableChanged:
            return "property \(element) " + (new == "nullable" ? "is now nullable" : "is no longer nullable")
        case .additionalPropertiesChanged:
            return "additional properties changed from \(old == "none" ? old : code(old))"
                + " to \(new == "none" ? new : code(new))"
        case .enumValueAdded: return "enum value \(element) added"
        case .enumValueRemoved: return "enum value \(element) removed"
        case .enumRawTypeChanged: return "enum raw type changed from \(code(old)) to \(code(new))"
        case .unionVariantAdded: return "variant \(element) added"
        case .unionVariantRemoved: return "variant \(element) removed"
        case .unionDiscriminatorChanged: return "discriminator changed from \(old) to \(new)"
        case .aliasTypeChanged: return "type changed from \(code(old)) to \(code(new))"
        }
    }

    /// The change in one line, naming its operation or schema: `operation 'listUsers': parameter 'limit' (query)
    /// removed`.
    public var message: String {
        let subject = operation.map { "operation '\($0)'" } ?? schema.map { "schema '\($0)'" } ?? "API"
        return subject + ": " + detail { "'\($0)'" }
    }
}

/// What a change does to code written against the SDK generated from the old release.
public enum Impact: String, Sendable, Codable, CaseIterable, Comparable {
    /// Code that compiled may stop compiling: a method, type, property, case or argument label removed or renamed; an
    /// argument that became required; a type that changed (an optional that became non-optional included); a new
    /// case in an enum or union the SDK receives (an exhaustive `switch` over it without `default:` stops
    /// compiling).
    case sourceBreaking = "source-breaking"
    /// Code still compiles, but what goes on the wire or comes back may differ: an endpoint's method or path, a
    /// parameter's location, a default, a status code, a media type, a discriminator.
    case behaviourChanging = "behaviour-changing"
    /// Nothing that compiled stops compiling or behaves otherwise: something added that callers need not use, a
    /// deprecation.
    case additive

    public static func < (lhs: Impact, rhs: Impact) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int {
        switch self {
        case .sourceBreaking: 0
        case .behaviourChanging: 1
        case .additive: 2
        }
    }

    /// The default severity: ERR, WARN, INFO.
    public var severity: ChangeSeverity {
        switch self {
        case .sourceBreaking: .error
        case .behaviourChanging: .warning
        case .additive: .info
        }
    }
}

/// How much a change matters, as oasdiff users know it; the override file changes it per kind of change.
public enum ChangeSeverity: String, Sendable, Codable, CaseIterable, Comparable {
    case error = "ERR"
    case warning = "WARN"
    case info = "INFO"

    public static func < (lhs: ChangeSeverity, rhs: ChangeSeverity) -> Bool { lhs.rank > rhs.rank }

    /// ERR 2, WARN 1, INFO 0.
    var rank: Int {
        switch self {
        case .error: 2
        case .warning: 1
        case .info: 0
        }
    }
}
