import OktaGenDiagnostics
import OktaGenOpenAPI
import OktaGenYAML

extension IRBuilder {
    /// Walks `paths` in document order and builds every selected operation.
    func collectOperations() -> [IROperation] {
        let document = resolver.document
        var result: [IROperation] = []
        var operationScope = NameScope()
        var firstById: [String: YAMLNode] = [:]
        let wanted: Set<String>? = {
            if case .tags(let names) = selection { return Set(names) }
            return nil
        }()
        var seenTags: Set<String> = []
        for entry in document.paths {
            // Decide from the nodes whether anything here is selected; decode only then.
            guard let itemNode = resolver.pathItemNode(entry) else { continue }
            var selected = false
            for (key, value) in itemNode.entries where key.isScalar && value.isMapping {
                guard let method = HTTPMethod(rawValue: key.text) else { continue }
                let operationId = value["operationId"].map(\.text) ?? Self.derivedOperationId(method: method, path: entry.path)
                let idNode = value["operationId"] ?? value
                if let first = firstById[operationId] {
                    if !(first === idNode) {
                        error(
                            "duplicate operationId '\(operationId)'; it was first used at \(first.line):\(first.column)",
                            at: idNode)
                    }
                } else {
                    firstById[operationId] = idNode
                }
                let tags = value["tags"]?.elements.map(\.text) ?? []
                tags.forEach { seenTags.insert($0) }
                if wanted == nil || tags.contains(where: { wanted!.contains($0) }) { selected = true }
            }
            guard selected, let item = resolver.pathItem(entry) else { continue }
            for (method, operation) in item.operations {
                let operationId = operation.operationId ?? Self.derivedOperationId(method: method, path: entry.path)
                guard let first = firstById[operationId], first === (operation.node["operationId"] ?? operation.node)
                else { continue }
                let tag: String
                if let wanted {
                    guard let match = operation.tags.first(where: wanted.contains) else { continue }
                    tag = match
                } else {
                    tag = operation.tags.first ?? "Default"
                }
                result.append(
                    buildOperation(
                        operation, method: method, path: entry.path, item: item, tag: tag, operationId: operationId,
                        swiftName: operationScope.member(operationId)))
            }
        }
        if let wanted {
            let declared = Set(document.tags.map(\.name)).union(seenTags)
            for tag in wanted.sorted() where !declared.contains(tag) {
                let suggestion = SpecResolver.closest(to: tag, among: Array(declared))
                diagnostics.warning(
                    "no operation has the tag '\(tag)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                    at: nil, pointer: nil)
            }
        }
        return result
    }

    /// `getApiV1UsersId` for `GET /api/v1/users/{id}`: used when an operation has no operationId.
    static func derivedOperationId(method: HTTPMethod, path: String) -> String {
        method.rawValue + "_" + path
    }

    func buildOperation(
        _ operation: Operation, method: HTTPMethod, path: String, item: PathItem, tag: String, operationId: String,
        swiftName: String
    ) -> IROperation {
        let ownerName = SwiftNames.upperCamel(operationId)
        // Merge parameters by (name, in): path-item ones first, the operation's replace them.
        var merged: [(key: String, parameter: Parameter)] = []
        for reference in item.parameters + operation.parameters {
            guard let parameter = resolver.parameter(reference) else { continue }
            let key = parameter.location.rawValue + ":" + parameter.name
            if let index = merged.firstIndex(where: { $0.key == key }) {
                merged[index].parameter = parameter
            } else {
                merged.append((key, parameter))
            }
        }
        let templateNames = Self.templateParameters(path)
        for name in templateNames where !merged.contains(where: { $0.parameter.location == .path && $0.parameter.name == name }) {
            warning(
                "the path template names {\(name)}, but \(method.rawValue.uppercased()) \(path) declares no path parameter"
                    + " '\(name)'; it is treated as a required string", at: operation.node)
        }
        merged.removeAll { entry in
            guard entry.parameter.location == .path, !templateNames.contains(entry.parameter.name) else { return false }
            warning(
                "path parameter '\(entry.parameter.name)' does not appear in the path template \(path); it is ignored",
                at: entry.parameter.node)
            return true
        }
        var memberScope = NameScope(reserved: ["body", "headers"])
        var parameters: [IRParameter] = []
        // Path parameters in template order, then the rest in declaration order.
        for name in templateNames {
            if let entry = merged.first(where: { $0.parameter.location == .path && $0.parameter.name == name }) {
                parameters.append(parameter(entry.parameter, owner: ownerName, scope: &memberScope))
            } else {
                parameters.append(
                    IRParameter(
                        name: name, swiftName: memberScope.member(name), location: .path, required: true,
                        deprecated: false, description: nil, style: "simple", explode: false, type: .scalar(.string),
                        defaultValue: nil, source: source(operation.node)))
            }
        }
        for entry in merged where entry.parameter.location != .path {
            parameters.append(parameter(entry.parameter, owner: ownerName, scope: &memberScope))
        }

        var requestBody: IRRequestBody?
        if let reference = operation.requestBody, let body = resolver.requestBody(reference) {
            requestBody = IRRequestBody(
                required: body.required, description: body.description,
                contents: contents(body.content, suggestedName: ownerName + "Request"), source: source(body.node))
        }

        let hasSuccess = operation.responses.contains { $0.status.hasPrefix("2") }
        var responses: [IRResponse] = []
        var namedSuccess = false
        for entry in operation.responses {
            guard let response = resolver.response(entry.response) else { continue }
            let isError = entry.status.hasPrefix("4") || entry.status.hasPrefix("5")
                || (entry.status == "default" && hasSuccess)
            var suggested = ownerName + "Response"
            if entry.status.hasPrefix("2"), !namedSuccess {
                namedSuccess = true
            } else {
                suggested += SwiftNames.upperCamel(entry.status)
            }
            var headerScope = NameScope()
            let headers: [IRHeader] = response.headers.compactMap { name, reference in
                guard let header = resolver.header(reference) else { return nil }
                let schema = header.schema ?? header.content.first?.schema
                return IRHeader(
                    name: name, swiftName: headerScope.member(name), required: header.required,
                    description: header.description,
                    type: schema.map { typeRef($0, suggestedName: suggested + SwiftNames.upperCamel(name)) }
                        ?? .scalar(.string))
            }
            responses.append(
                IRResponse(
                    status: entry.status, statusCode: Int(entry.status), isError: isError,
                    description: response.description,
                    contents: contents(response.content, suggestedName: suggested), headers: headers,
                    source: source(entry.keyNode)))
        }

        let requirements = operation.security ?? resolver.document.security ?? []
        let security = requirements.map { requirement in
            IRSecurityRequirement(schemes: requirement.schemes.map { scheme in
                if resolver.document.components.securitySchemes.contains(where: { $0.name == scheme.name }) {
                    usedSchemes.insert(scheme.name)
                } else {
                    warning("security requirement names '\(scheme.name)', which is not in components/securitySchemes", at: requirement.node)
                }
                return IRSecurityUse(name: scheme.name, scopes: scheme.scopes)
            })
        }
        return IROperation(
            operationId: operationId, swiftName: swiftName, tag: tag, tags: operation.tags,
            method: method.rawValue.uppercased(), path: path, summary: operation.summary,
            description: operation.description, deprecated: operation.deprecated, parameters: parameters,
            requestBody: requestBody, responses: responses, security: security, source: source(operation.node))
    }

    func parameter(_ parameter: Parameter, owner: String, scope: inout NameScope) -> IRParameter {
        let schemaRef = parameter.schema ?? parameter.content.first?.schema
        let type = schemaRef.map { typeRef($0, suggestedName: owner + SwiftNames.upperCamel(parameter.name)) }
            ?? .scalar(.string)
        let style = parameter.style ?? (parameter.location == .path || parameter.location == .header ? "simple" : "form")
        let defaultValue = schemaRef.flatMap { resolver.schema($0) }?.defaultValue
        return IRParameter(
            name: parameter.name, swiftName: scope.member(parameter.name),
            location: IRParameterLocation(rawValue: parameter.location.rawValue) ?? .query,
            required: parameter.required, deprecated: parameter.deprecated, description: parameter.description,
            style: style, explode: parameter.explode ?? (style == "form"), type: type, defaultValue: defaultValue,
            source: source(parameter.node))
    }

    func contents(_ entries: [MediaTypeEntry], suggestedName: String) -> [IRContent] {
        entries.map { entry in
            IRContent(mediaType: entry.mediaType, type: entry.schema.map { typeRef($0, suggestedName: suggestedName) })
        }
    }

    /// The `{names}` of a path template, in order.
    static func templateParameters(_ path: String) -> [String] {
        var names: [String] = []
        var current: String?
        for character in path {
            if character == "{" {
                current = ""
            } else if character == "}" {
                if let name = current, !name.isEmpty { names.append(name) }
                current = nil
            } else if current != nil {
                current?.append(character)
            }
        }
        return names
    }
}
