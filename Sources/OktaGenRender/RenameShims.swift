import OktaGenIR

/// Deprecated forwarding methods for operations a new release renamed, so code written against the old names keeps
/// compiling for one release (`oktagen diff OLD NEW --emit-shims FILE`):
///
/// ```swift
/// extension UserCredentialsAPI {
///     @available(*, deprecated, renamed: "resetPassword(id:sendEmail:revokeSessions:)")
///     public func generateResetPasswordToken(userId: String, sendEmail: Bool, revokeSessions: Bool? = nil)
///         async throws -> OktaResponse<ResetPasswordToken> {
///         try await resetPassword(id: userId, sendEmail: sendEmail, revokeSessions: revokeSessions)
///     }
/// }
/// ```
///
/// A shim is declared on the old method's API group (where old calls are), forwarding to the new group when the
/// method also moved (`UserCredentialsAPI(client: client).resetPassword(…)`). It takes the new method's arguments under the
/// old method's labels (a renamed path variable keeps its old
/// label) and forwards them. It is left out, with the reason, when the old call cannot be forwarded: the new method
/// needs an argument the old one did not have. Everything spec-derived goes through the escaping layer
/// (``SwiftIdentifier``, ``SwiftStringLiteral``, ``SwiftCommentText``), like the rest of the generated code.
public enum RenameShims {
    /// The shims' Swift source, and the renames left out with the reason.
    /// - Parameters:
    ///   - renames: Old and new `operationId` of each renamed operation.
    ///   - old: The old release's model (for the old method names and labels).
    ///   - new: The new release's model, as the SDK is generated from it.
    ///   - options: The generation options (access, type-name prefix).
    public static func render(
        renames: [(old: String, new: String)], old: IRModel, new: IRModel, options: RenderOptions
    ) -> (source: String, skipped: [String]) {
        let ownNames: Set<String> = [options.clientName, options.serverProtocolName]
        let model = new.prefixingTypeNames(options.typeNamePrefix, reserved: ownNames).avoidingTypeNames(ownNames)
        let generatedNames = GeneratedTypeNames(model: model, options: options)
        let access: SwiftCode =
            options.access == "public" ? "public" : options.access == "package" ? "package" : "internal"
        let builder = OperationContextBuilder(
            model: model, index: ModelIndex(model), access: access, generatedNames: generatedNames)
        let names = GeneratedSwiftNames(model: new, options: options)
        var blocks: [SwiftCode] = []
        var skipped: [String] = []
        for rename in renames {
            guard let before = old.operations.first(where: { $0.operationId == rename.old }),
                let after = model.operations.first(where: { $0.operationId == rename.new }),
                let tag = model.tags.first(where: { $0.operationIds.contains(after.operationId) })
            else { continue }
            let labels = oldLabels(before, after)
            var signature: [SwiftCode] = []
            var signatureLabels: [String] = []
            var call: [SwiftCode] = []
            var missing: [String] = []
            for parameter in after.parameters {
                let info = builder.info(parameter)
                guard let label = labels[parameter.location.rawValue + " " + parameter.name] else {
                    if parameter.required { missing.append(parameter.name) }
                    continue
                }
                let name = SwiftIdentifier(label)
                signature.append("\(name): \(info.type)\(parameter.required ? "" : "? = nil")")
                signatureLabels.append(name.bareText)
                call.append("\(SwiftIdentifier(parameter.swiftName)): \(name)")
            }
            if let body = after.requestBody, let (type, _) = builder.requestBodyType(after) {
                if before.requestBody == nil, body.required {
                    missing.append("body")
                } else {
                    signature.append("body: \(type)\(body.required ? "" : "? = nil")")
                    signatureLabels.append("body")
                    call.append("body: body")
                }
            }
            guard missing.isEmpty else {
                skipped.append(
                    "\(rename.old) → \(rename.new): the new method needs \(missing.joined(separator: ", ")), which the"
                        + " old one did not take")
                continue
            }
            let returnType = builder.returnBody(after, builder.successes(after)).type
            // The shim goes where old calls are: the old method's API group, when the new release still has one of
            // that name (a method that also moved to another group forwards to a value of the new group).
            let newAPI = generatedNames.apiName(tag)
            let oldAPI = GeneratedSwiftNames(model: old, options: options).apiName(before)
            let host = model.tags.contains { generatedNames.apiName($0) == oldAPI } ? oldAPI : newAPI
            let apiName = SwiftIdentifier(host)
            let receiver: SwiftCode = host == newAPI ? "" : "\(SwiftIdentifier(newAPI))(client: client)."
            // A method whose group is gone would be declared a second time on the new group.
            func selector(_ name: String, _ labels: [String]) -> String {
                SwiftIdentifier(name).bareText + "(" + labels.map { $0 + ":" }.joined() + ")"
            }
            guard host != newAPI || selector(before.swiftName, signatureLabels) != names.methodName(after) else {
                skipped.append(
                    "\(rename.old) → \(rename.new): the old API group \(oldAPI) is gone, and the method keeps its name"
                        + " on \(newAPI)")
                continue
            }
            let renamed = SwiftStringLiteral((host == newAPI ? "" : newAPI + ".") + names.methodName(after))
            let comment = SwiftCode.docComment(
                SwiftCommentText(
                    rename.old == rename.new
                        ? "\(rename.new) moved to \(after.method.uppercased()) \(after.path)."
                        : "\(rename.old) was renamed \(rename.new) (same method and path)."))
            blocks.append(
                """
                extension \(apiName) {
                    \(comment)
                    @available(*, deprecated, renamed: \(renamed))
                    \(access) func \(SwiftIdentifier(before.swiftName))(
                        \(SwiftCode.joined(signature, separator: ",\n        "))
                    ) async throws -> OktaResponse<\(returnType)> {
                        try await \(receiver)\(SwiftIdentifier(after.swiftName))(\(SwiftCode.joined(call, separator: ", ")))
                    }
                }
                """)
        }
        let header: SwiftCode = """
            // Generated by oktagen: deprecated shims for operations the new release renamed.
            // Do not edit: regenerate with `oktagen diff OLD NEW --emit-shims FILE`.

            import Foundation
            import OktaRuntime
            """
        let source = SwiftCode.joined([header] + blocks, separator: "\n\n").text + "\n"
        return (source, skipped)
    }

    /// The old method's label of each new parameter, by `location name`: the same parameter, or a path variable
    /// renamed in place (the same position in the path).
    static func oldLabels(_ before: IROperation, _ after: IROperation) -> [String: String] {
        var labels: [String: String] = [:]
        for parameter in after.parameters {
            if let same = before.parameters.first(where: {
                $0.location == parameter.location && $0.name == parameter.name
            }) {
                labels[parameter.location.rawValue + " " + parameter.name] = same.swiftName
            }
        }
        let oldVariables = pathVariables(before.path)
        let newVariables = pathVariables(after.path)
        if oldVariables.count == newVariables.count {
            for (oldName, newName) in zip(oldVariables, newVariables) where labels["path " + newName] == nil {
                if let parameter = before.parameters.first(where: { $0.location == .path && $0.name == oldName }) {
                    labels["path " + newName] = parameter.swiftName
                }
            }
        }
        return labels
    }

    /// The variables of a path template, in order: `/users/{id}/roles/{roleId}` → `id`, `roleId`.
    public static func pathVariables(_ path: String) -> [String] {
        var names: [String] = []
        var current: String?
        for character in path {
            if character == "{" {
                current = ""
            } else if character == "}", let name = current {
                names.append(name)
                current = nil
            } else if current != nil {
                current?.append(character)
            }
        }
        return names
    }
}
