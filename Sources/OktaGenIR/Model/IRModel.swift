import OktaGenDiagnostics
import OktaGenOpenAPI

/// The intermediate model: what the templates are fed. Plain values that know nothing of YAML or templates.
///
/// It holds the operations of the selected tags, grouped by tag, and exactly the types they reach (named component
/// schemas and the inline objects, enums and unions within them), with Swift-safe, deterministic, collision-free
/// names. Every node keeps its source location.
public struct IRModel: Sendable, Equatable, Codable {
    /// Where the model came from.
    public var source: IRSpecInfo
    /// The tags that were asked for (`["all"]` for every operation), in the order given.
    public var selectedTags: [String]
    /// One group per tag with operations, in the order the spec lists its tags.
    public var tags: [IRTag]
    /// The selected operations, in document order.
    public var operations: [IROperation]
    /// The types the operations reach, sorted by Swift name.
    public var types: [IRType]
    /// The security schemes the operations use, sorted by name.
    public var securitySchemes: [IRSecurityScheme]

    public init(
        source: IRSpecInfo, selectedTags: [String], tags: [IRTag], operations: [IROperation], types: [IRType],
        securitySchemes: [IRSecurityScheme]
    ) {
        self.source = source
        self.selectedTags = selectedTags
        self.tags = tags
        self.operations = operations
        self.types = types
        self.securitySchemes = securitySchemes
    }
}

/// The spec's identity.
public struct IRSpecInfo: Sendable, Equatable, Codable {
    /// The spec file as the user named it.
    public var file: String
    /// `openapi` version.
    public var openapi: String
    public var title: String
    public var version: String
    public var description: String?
    /// Server URL templates with their variables' defaults.
    public var servers: [IRServer]
}

public struct IRServer: Sendable, Equatable, Codable {
    public var url: String
    public var description: String?
    public var variables: [IRServerVariable]
}

public struct IRServerVariable: Sendable, Equatable, Codable {
    public var name: String
    public var defaultValue: String
    public var enumValues: [String]?
}

/// A tag: one API group in the client (`client.userLifecycle`) and one handler protocol in the server.
public struct IRTag: Sendable, Equatable, Codable {
    /// The tag as written (`UserLifecycle`).
    public var name: String
    /// UpperCamel name for types (`UserLifecycle`).
    public var typeName: String
    /// lowerCamel name for properties (`userLifecycle`).
    public var propertyName: String
    public var description: String?
    /// The `operationId`s of the group, in document order.
    public var operationIds: [String]
}

/// Where an IR node came from.
public struct IRSource: Sendable, Equatable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    /// JSON pointer (`#/paths/~1api~1v1~1users/get`).
    ///
    /// Kept as the pointer of the collection the node sits in (one string shared by all its siblings) and the
    /// node's own escaped token, joined when read: stored whole, the sources under one long path key (a path with
    /// 100,000 parameters repeats it in each) took memory quadratic in the spec's size.
    public var pointer: String {
        get { token.map { base + "/" + $0 } ?? base }
        set {
            base = newValue
            token = nil
        }
    }

    private var base: String
    private var token: String?

    public init(file: String, line: Int, column: Int, pointer: String) {
        self.file = file
        self.line = line
        self.column = column
        self.base = pointer
        self.token = nil
    }

    /// A source whose pointer is `parentPointer` + `/` + `escapedToken` (escaped as JSON pointers escape tokens).
    init(file: String, line: Int, column: Int, parentPointer: String, escapedToken: String) {
        self.file = file
        self.line = line
        self.column = column
        self.base = parentPointer
        self.token = escapedToken
    }

    private enum CodingKeys: String, CodingKey { case file, line, column, pointer }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            file: try container.decode(String.self, forKey: .file), line: try container.decode(Int.self, forKey: .line),
            column: try container.decode(Int.self, forKey: .column),
            pointer: try container.decode(String.self, forKey: .pointer))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
        try container.encode(pointer, forKey: .pointer)
    }

    public static func == (lhs: IRSource, rhs: IRSource) -> Bool {
        lhs.file == rhs.file && lhs.line == rhs.line && lhs.column == rhs.column && lhs.pointer == rhs.pointer
    }

    public var description: String { "\(file):\(line):\(column)" }

    /// The location as a ``SourceLocation``.
    public var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }
}

public struct IRSecurityScheme: Sendable, Equatable, Codable {
    public var name: String
    /// `apiKey`, `http`, `oauth2`, `openIdConnect`, `mutualTLS`.
    public var type: String
    /// For apiKey: the header, query or cookie name.
    public var parameterName: String?
    /// For apiKey: `header`, `query` or `cookie`.
    public var location: String?
    /// For http: `bearer`, `basic`.
    public var scheme: String?
    public var description: String?
}

/// One alternative of a security requirement: every scheme listed must be satisfied.
public struct IRSecurityRequirement: Sendable, Equatable, Codable {
    public var schemes: [IRSecurityUse]
}

public struct IRSecurityUse: Sendable, Equatable, Codable {
    public var name: String
    public var scopes: [String]
}
