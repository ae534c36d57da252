import OktaGenIR

/// The names the generated Swift code gives a model's operations and types, for tools that report on the generated
/// API (`oktagen diff`): the renderer's own naming, so a reported name is the one in the code.
public struct GeneratedSwiftNames: Sendable {
    private let model: IRModel
    private let generatedNames: GeneratedTypeNames
    /// The generated type name of each IR type name (they differ with a type-name prefix, or where a type would take
    /// the client's or the server protocol's name).
    private let typeNames: [String: String]

    /// Names for a model rendered with `options`.
    public init(model: IRModel, options: RenderOptions) {
        let ownNames: Set<String> = [options.clientName, options.serverProtocolName]
        let renamed = model.prefixingTypeNames(options.typeNamePrefix, reserved: ownNames).avoidingTypeNames(ownNames)
        self.model = renamed
        self.generatedNames = GeneratedTypeNames(model: renamed, options: options)
        var typeNames: [String: String] = [:]
        for (before, after) in zip(model.types, renamed.types) { typeNames[before.name] = after.name }
        self.typeNames = typeNames
    }

    /// A member's or label's name as a selector spells it, without keyword backticks (`in`, `default`).
    public static func bare(_ swiftName: String) -> String { SwiftIdentifier(swiftName).bareText }

    /// The generated name of a model type (`User`, or `OktaUser` with the prefix `Okta`).
    public func typeName(_ name: String) -> String { typeNames[name] ?? name }

    /// The API group type that holds an operation's client method (`UsersAPI`).
    public func apiName(_ operation: IROperation) -> String {
        guard let tag = model.tags.first(where: { $0.operationIds.contains(operation.operationId) }) else {
            return operation.tag + "API"
        }
        return generatedNames.apiName(tag)
    }

    /// The client's property for the operation's API group (`userResources` for `client.userResources`).
    public func clientProperty(_ operation: IROperation) -> String {
        let tag = model.tags.first { $0.operationIds.contains(operation.operationId) }
        return Self.bare(tag?.propertyName ?? operation.tag)
    }

    /// The argument labels of an operation's client method, in order (`userId`, `sendEmail`, `body`).
    public func labels(_ operation: IROperation) -> [String] {
        var labels = operation.parameters.map { SwiftIdentifier($0.swiftName).bareText }
        if let body = operation.requestBody, OperationContextBuilder.preferred(body.contents) != nil {
            labels.append("body")
        }
        return labels
    }

    /// The client method's full name: `UsersAPI.resetPassword(userId:sendEmail:revokeSessions:)`.
    public func method(_ operation: IROperation) -> String {
        apiName(operation) + "." + methodName(operation)
    }

    /// The method's name with its labels, without the type: `resetPassword(userId:sendEmail:revokeSessions:)`.
    public func methodName(_ operation: IROperation) -> String {
        SwiftIdentifier(operation.swiftName).bareText + "(" + labels(operation).map { $0 + ":" }.joined() + ")"
    }
}
