import OktaGenDiagnostics
import OktaGenOpenAPI

extension IRBuilder {
    /// Walks `paths` in document order and builds every selected operation.
    func collectOperations() -> [IROperation] {
        let document = resolver.document
        var chosen:
            [(operation: Operation, method: HTTPMethod, path: String, item: PathItem, tag: String, id: String)] = []
        var firstById: [ScalarKey: SpecNode] = [:]
        let wanted: Set<String>? = {
            if case .tags(let names) = selection { return Set(names) }
            return nil
        }()
        var seenTags: Set<String> = []
        // The reachability walk (`nameComponents`) needs only the chosen operations' nodes, which the loop below
        // finds from decoded path items; predicted from the nodes alone, it runs on the other core meanwhile.
        let pendingWalk =
            walkMode == .sequential
            ? nil : predictedRoots(wanted: wanted).map { resolver.startReachabilityWalk(from: $0) }
        for entry in document.paths {
            // Decide from the nodes whether anything here is selected; decode only then.
            guard let index = resolver.operationIndex(entry) else { continue }
            var selected = false
            for operation in index {
                let operationId =
                    operation.operationId ?? Self.derivedOperationId(method: operation.method, path: entry.path)
                let idNode = operation.idNode
                if let first = firstById[ScalarKey(operationId)] {
                    if NodeKey(first) != NodeKey(idNode) {
                        error(
                            "duplicate operationId '\(operationId)'; it was first used at \(first.line):\(first.column)",
                            at: idNode)
                    }
                } else {
                    firstById[ScalarKey(operationId)] = idNode
                }
                seenTags.formUnion(operation.tags)
                if wanted == nil || operation.tags.contains(where: { wanted!.contains($0) }) { selected = true }
            }
            guard selected else { continue }
            if entry.path.utf8.count > Self.maxPathBytes {
                error(
                    "the path template is \(entry.path.utf8.count) bytes long; oktagen takes paths of at most"
                        + " \(Self.maxPathBytes) bytes (HTTP servers refuse longer request lines)", at: entry.keyNode)
                continue
            }
            guard let item = resolver.pathItem(entry) else { continue }
            for (method, operation) in item.operations {
                let operationId = operation.operationId ?? Self.derivedOperationId(method: method, path: entry.path)
                guard let first = firstById[ScalarKey(operationId)],
                    NodeKey(first) == NodeKey(resolver.identityNode(of: operation))
                else { continue }
                let tag: String
                if let wanted {
                    guard let match = operation.tags.first(where: wanted.contains) else { continue }
                    tag = match
                } else {
                    tag = operation.tags.first ?? "Default"
                }
                chosen.append((operation, method, entry.path, item, tag, operationId))
            }
        }
        let roots = chosen.flatMap { entry in
            [entry.operation.node] + (entry.item.node["parameters"].map { [$0] } ?? [])
        }
        var reached: Set<Int32>?
        // The prediction is the loop's choice unless a decoded operation differs from its nodes (an `operationId` or
        // `tags` that are not plain text); then the walk runs again from the loop's roots.
        if let pendingWalk, Self.rootSet(pendingWalk.roots) == Self.rootSet(roots) {
            // While the walk runs, decode component schemas, in the order `nameComponents` asks for the ones it uses
            // (with every tag, nearly all of them).
            for node in rootComponentOrder where walkMode == .decodingAllAhead || !pendingWalk.isDone {
                resolver.decodeAhead(node)
            }
            reached = pendingWalk.wait(adoptingInto: resolver)
        } else {
            pendingWalk?.wait()
        }
        nameComponents(reachableFrom: roots, reached: reached)
        resolver.discardDecodedAhead()
        var operationScope = NameScope(reserved: ReservedNames.operationNames)
        let swiftNames = operationScope.members(chosen.map(\.id))
        let labels = pathLabels == .resource ? Self.resourceLabels(paths: chosen.map(\.path)) : [:]
        let result = zip(chosen, swiftNames).map { entry, swiftName in
            buildOperation(
                entry.operation, method: entry.method, path: entry.path, item: entry.item, tag: entry.tag,
                operationId: entry.id, swiftName: swiftName, labels: labels[entry.path] ?? [:])
        }
        if let wanted {
            let declared = Set(document.tags.map(\.name)).union(seenTags)
            let candidates = Array(declared)
            // Edit-distance cells allowed for suggestions (as in SpecResolver): many unknown tags against many
            // declared ones would otherwise take minutes; past it, warnings come without a suggestion.
            var budget = 20_000_000
            for tag in wanted.sorted() where !declared.contains(tag) {
                let length = tag.unicodeScalars.count + 3
                let cost = candidates.count * length * length
                var suggestion: String?
                if cost <= budget {
                    budget -= cost
                    suggestion = EditDistance.closest(to: tag, among: candidates)
                }
                diagnostics.warning(
                    "no operation has the tag '\(tag)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""),
                    at: nil, pointer: nil)
            }
        }
        return result
    }

    /// The roots `collectOperations` will give the reachability walk, read from the nodes before any path item is
    /// decoded: the selected operations (the first of each operationId) and their path items' `parameters`. `nil`
    /// when a path item is written as a `$ref` (following it could report a problem before the messages that come
    /// first), so the walk waits for the decoded path items.
    private func predictedRoots(wanted: Set<String>?) -> [SpecNode]? {
        var firstById: [ScalarKey: SpecNode] = [:]
        var perPath: [(entry: PathEntry, operations: [(index: OperationIndexEntry, id: String)])] = []
        for entry in resolver.document.paths {
            // A path item that is not a `$ref` is read from its own node: `operationIndex` reports nothing for it.
            guard entry.node.isMapping, entry.node["$ref"] == nil, let index = resolver.operationIndex(entry) else {
                return nil
            }
            var selected = false
            var operations: [(index: OperationIndexEntry, id: String)] = []
            for operation in index {
                let id = operation.operationId ?? Self.derivedOperationId(method: operation.method, path: entry.path)
                if firstById[ScalarKey(id)] == nil { firstById[ScalarKey(id)] = operation.idNode }
                if wanted == nil || operation.tags.contains(where: { wanted!.contains($0) }) { selected = true }
                operations.append((operation, id))
            }
            guard selected, entry.path.utf8.count <= Self.maxPathBytes else { continue }
            perPath.append((entry, operations))
        }
        var roots: [SpecNode] = []
        for (entry, operations) in perPath {
            var any = false
            for (operation, id) in operations {
                guard let first = firstById[ScalarKey(id)], NodeKey(first) == NodeKey(operation.idNode),
                    wanted == nil || operation.tags.contains(where: { wanted!.contains($0) })
                else { continue }
                roots.append(operation.node)
                any = true
            }
            if any, let parameters = entry.node["parameters"] { roots.append(parameters) }
        }
        return roots
    }

    /// The nodes the walk starts from, as a set (it visits each node once, in any order).
    static func rootSet(_ roots: [SpecNode]) -> Set<NodeKey> {
        Set(roots.lazy.filter { !$0.isScalar }.map(NodeKey.init))
    }

    /// The longest path template an operation may have: 8 KiB, the request-line limit of common HTTP servers (nginx,
    /// Apache). It also bounds what a path costs: every parameter's source pointer names its path, so a path of
    /// 100,000 parameters (900 KB) made `oktagen model` print about 90 GB.
    static let maxPathBytes = 8192

    /// `getApiV1UsersId` for `GET /api/v1/users/{id}`: used when an operation has no operationId.
    static func derivedOperationId(method: HTTPMethod, path: String) -> String {
        method.rawValue + "_" + path
    }

    func buildOperation(
        _ operation: Operation, method: HTTPMethod, path: String, item: PathItem, tag: String, operationId: String,
        swiftName: String, labels: [String: String] = [:]
    ) -> IROperation {
        let ownerName = SwiftNames.upperCamel(operationId)
        // Merge parameters by (name, in): path-item ones first, the operation's replace them.
        // Lookups go through hash tables: a path with thousands of parameters made the scans quadratic.
        var merged: [(key: String, parameter: Parameter)] = []
        var mergedPositions: [ScalarKey: Int] = [:]
        for reference in item.parameters + operation.parameters {
            guard let parameter = resolver.parameter(reference) else { continue }
            let key = parameter.location.rawValue + ":" + parameter.name
            if let index = mergedPositions[ScalarKey(key)] {
                merged[index].parameter = parameter
            } else {
                mergedPositions[ScalarKey(key)] = merged.count
                merged.append((key, parameter))
            }
        }
        // OpenAPI: a header parameter named Accept, Content-Type or Authorization is ignored; Okta's `okta-response`
        // option, written as a `Content-Type` parameter, is taken as what it is.
        merged.removeAll { entry in
            let parameter = entry.parameter
            guard parameter.location == .header,
                let ignored = Self.ignoredHeaders.first(where: { $0.lowercased() == parameter.name.lowercased() })
            else { return false }
            if Self.isOktaResponseOption(parameter) { return false }
            warning(
                "header parameter '\(parameter.name)' is ignored: OpenAPI ignores header parameters named Accept,"
                    + " Content-Type and Authorization (the client sets \(ignored) itself)", at: parameter.node)
            return true
        }
        // Merged keys are unique, so there is one path parameter per name.
        var pathParameters: [ScalarKey: Parameter] = [:]
        for entry in merged where entry.parameter.location == .path {
            pathParameters[ScalarKey(entry.parameter.name)] = entry.parameter
        }
        let templateNames = Self.templateParameters(path)
        let templateSet = Set(templateNames.map(ScalarKey.init))
        for name in templateNames where pathParameters[ScalarKey(name)] == nil {
            warning(
                "the path template names {\(name)}, but \(method.rawValue.uppercased()) \(path) declares no path parameter"
                    + " '\(name)'; it is treated as a required string", at: operation.node)
        }
        merged.removeAll { entry in
            guard entry.parameter.location == .path, !templateSet.contains(ScalarKey(entry.parameter.name)) else {
                return false
            }
            warning(
                "path parameter '\(entry.parameter.name)' does not appear in the path template \(path); it is ignored",
                at: entry.parameter.node)
            return true
        }
        // Path parameters in template order, then the rest in declaration order.
        var ordered: [(name: String, parameter: Parameter?)] = templateNames.map { name in
            (name, pathParameters[ScalarKey(name)])
        }
        // Path parameters are found by their position in the path (see the server stubs), so only the others count.
        for location in [ParameterLocation.query, .header, .cookie]
        where merged.contains(where: { $0.parameter.location == location && !$0.parameter.name.isASCIIText }) {
            reportEquivalentNames(
                merged.filter { $0.parameter.location == location }.map {
                    ($0.parameter.name, resolver.memberNode("name", of: $0.parameter.node))
                }, what: "\(location.rawValue) parameters", owner: "", reason: "decoded requests")
        }
        ordered += merged.filter { $0.parameter.location != .path }.map { ($0.parameter.name, $0.parameter) }
        // Okta's `okta-response` option comes last: an option that reads after what the call is about.
        let options = ordered.filter { $0.parameter.map(Self.isOktaResponseOption) ?? false }
        ordered.removeAll { $0.parameter.map(Self.isOktaResponseOption) ?? false }
        ordered += options
        // A resource's label (`IRBuilder.resourceLabels`) unless another parameter of the operation already has it.
        let spelled = Set(ordered.map { SwiftNames.lowerCamel($0.name) })
        let labelled: [String?] = ordered.enumerated().map { index, entry in
            guard index < templateNames.count, let label = labels[entry.name],
                label != SwiftNames.lowerCamel(entry.name), !spelled.contains(label)
            else { return nil }
            return label
        }
        // A flag is named after its value (`Prefer: respond-async` → `respondAsync`), Okta's option after what it holds.
        let flags = ordered.map { entry in
            entry.parameter.flatMap { Self.isOktaResponseOption($0) ? "responseOptions" : flagValue($0) }
        }
        var memberScope = NameScope(reserved: ReservedNames.parameterNames, lowercaseMembers: true)
        let swiftNames = memberScope.members(
            zip(zip(ordered, labelled), flags).map { pair, flag in flag ?? pair.1 ?? pair.0.name })
        let parameters: [IRParameter] = zip(zip(ordered, swiftNames), labelled).map { pair, label in
            let (entry, swiftName) = pair
            guard let parameter = entry.parameter else {
                return IRParameter(
                    name: entry.name, swiftName: swiftName, location: .path, required: true, deprecated: false,
                    description: nil, style: "simple", explode: false, type: .scalar(.string), defaultValue: nil,
                    source: source(operation.node))
            }
            var built = self.parameter(parameter, owner: ownerName, swiftName: swiftName)
            if label != nil {
                built.description = Self.labelledDescription(built.description, name: entry.name, path: path)
            }
            return built
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
            let isError =
                entry.status.hasPrefix("4") || entry.status.hasPrefix("5")
                || (entry.status == "default" && hasSuccess)
            var suggested = ownerName + "Response"
            if entry.status.hasPrefix("2"), !namedSuccess {
                namedSuccess = true
            } else {
                suggested += SwiftNames.upperCamel(entry.status)
            }
            var headerScope = NameScope()
            let headerNames = headerScope.members(response.headers.map(\.name))
            let headers: [IRHeader] = zip(response.headers, headerNames).compactMap { entry, swiftName in
                let (name, reference) = entry
                guard let header = resolver.header(reference) else { return nil }
                let schema = header.schema ?? header.content.first?.schema
                return IRHeader(
                    name: name, swiftName: swiftName, required: header.required,
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
            IRSecurityRequirement(
                schemes: requirement.schemes.map { scheme in
                    if declaredSecuritySchemes.contains(scheme.name) {
                        usedSchemes.insert(scheme.name)
                    } else {
                        warning(
                            "security requirement names '\(scheme.name)', which is not in components/securitySchemes",
                            at: requirement.node)
                    }
                    return IRSecurityUse(name: scheme.name, scopes: scheme.scopes)
                })
        }
        return IROperation(
            operationId: operationId, swiftName: swiftName, tag: tag, tags: operation.tags,
            method: method.rawValue.uppercased(), path: path, summary: operation.summary,
            description: operation.description, deprecated: operation.deprecated, parameters: parameters,
            requestBody: requestBody, responses: responses, security: security, source: source(operation.node),
            lifecycle: Self.lifecycle(operation.extensions))
    }

    /// `x-okta-lifecycle: {lifecycle: EA}` → `EA`; anything else (absent, not a mapping, not a string) → `nil`.
    static func lifecycle(_ extensions: Extensions) -> String? {
        guard case .object(let members)? = extensions["x-okta-lifecycle"],
            case .string(let stage)? = members.first(where: { $0.key == "lifecycle" })?.value, !stage.isEmpty
        else { return nil }
        return stage
    }

    /// The names in `components/securitySchemes`, collected on first use.
    var declaredSecuritySchemes: Set<String> {
        if let known = securitySchemeNames { return known }
        let names = Set(resolver.document.components.securitySchemes.map(\.name))
        securitySchemeNames = names
        return names
    }

    /// The value of a flag: an optional header whose schema is a string enum of exactly one value. Such a header is
    /// sent or not (`Prefer: respond-async`), so the SDK takes `Bool` rather than a one-case enum.
    func flagValue(_ parameter: Parameter) -> String? {
        guard parameter.location == .header, !parameter.required, parameter.content.isEmpty,
            let schema = parameter.schema.flatMap({ resolver.schema($0) }), !schema.nullable,
            schema.types.isEmpty || schema.types == [.string],
            let values = schema.enumValues, values.count == 1, case .string(let value) = values[0].value,
            !value.isEmpty
        else { return nil }
        return value
    }

    /// Header parameters OpenAPI says to ignore: the client sets them itself.
    static let ignoredHeaders = ["Accept", "Content-Type", "Authorization"]

    /// Whether a parameter is Okta's `okta-response` option: a `Content-Type` header parameter whose description
    /// mentions `okta-response` (so in the bundled spec and in Okta's).
    static func isOktaResponseOption(_ parameter: Parameter) -> Bool {
        parameter.location == .header && parameter.name.lowercased() == "content-type"
            && (parameter.description?.lowercased().contains("okta-response") ?? false)
    }

    /// The documentation of Okta's option; the spec's speaks of a media type, which the caller no longer gives.
    static let oktaResponseDescription =
        "Parts of the response Okta leaves out (none by default): `.omitCredentials`, `.omitCredentialsLinks`,"
        + " `.omitTransitioningToStatus`. Sent as `okta-response` in `Content-Type`."

    func parameter(_ parameter: Parameter, owner: String, swiftName: String) -> IRParameter {
        if Self.isOktaResponseOption(parameter) {
            return IRParameter(
                name: parameter.name, swiftName: swiftName, location: .header, required: false,
                deprecated: parameter.deprecated, description: Self.oktaResponseDescription, style: "simple",
                explode: false, type: .array(.scalar(.string)), defaultValue: nil, source: source(parameter.node),
                role: .oktaResponseOptions)
        }
        if let value = flagValue(parameter) {
            // No type for the enum: the caller never names it.
            return IRParameter(
                name: parameter.name, swiftName: swiftName, location: .header, required: false,
                deprecated: parameter.deprecated,
                description: parameter.description ?? "When `true`, the request sends `\(parameter.name): \(value)`.",
                style: "simple", explode: false, type: .scalar(.boolean), defaultValue: nil,
                source: source(parameter.node), role: .flag(value: value))
        }
        let schemaRef = parameter.schema ?? parameter.content.first?.schema
        let type =
            schemaRef.map { typeRef($0, suggestedName: owner + SwiftNames.upperCamel(parameter.name)) }
            ?? .scalar(.string)
        let style =
            parameter.style ?? (parameter.location == .path || parameter.location == .header ? "simple" : "form")
        let defaultValue = schemaRef.flatMap { resolver.schema($0) }?.defaultValue
        return IRParameter(
            name: parameter.name, swiftName: swiftName,
            location: IRParameterLocation(rawValue: parameter.location.rawValue) ?? .query,
            required: parameter.required, deprecated: parameter.deprecated, description: parameter.description,
            style: style, explode: parameter.explode ?? (style == "form"), type: type, defaultValue: defaultValue,
            source: source(parameter.node), constraints: schemaRef.flatMap { constraints(of: $0) })
    }

    func contents(_ entries: [MediaTypeEntry], suggestedName: String) -> [IRContent] {
        entries.map { entry in
            IRContent(mediaType: entry.mediaType, type: entry.schema.map { typeRef($0, suggestedName: suggestedName) })
        }
    }

    /// The `{names}` of a path template, in order.
    static func templateParameters(_ path: String) -> [String] {
        // On UTF-8 bytes: the braces are ASCII, and a name is cut only at them.
        var names: [String] = []
        var start: String.Index?
        let utf8 = path.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "{") {
                start = utf8.index(after: index)
            } else if byte == UInt8(ascii: "}"), let open = start {
                if open != index { names.append(String(path[open..<index])) }
                start = nil
            }
            index = utf8.index(after: index)
        }
        return names
    }
}
