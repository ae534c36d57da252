import OktaGenIR

/// The template contexts of operations, for the client and for the server stubs.
struct OperationContextBuilder {
    let model: IRModel
    let index: ModelIndex
    let access: String
    let generatedNames: GeneratedTypeNames

    /// What a successful call returns.
    struct Success {
        var type: String
        var mediaType: String?
        var isBinary: Bool
        var isEmpty: Bool
    }

    static func statusName(_ code: Int) -> String {
        switch code {
        case 200: "ok"
        case 201: "created"
        case 202: "accepted"
        case 203: "nonAuthoritativeInformation"
        case 204: "noContent"
        case 205: "resetContent"
        case 206: "partialContent"
        default: "status\(code)"
        }
    }

    static func statusExpression(_ code: Int) -> String {
        switch code {
        case 200: ".ok"
        case 201: ".created"
        case 202: ".accepted"
        case 204: ".noContent"
        default: ".init(code: \(code))"
        }
    }

    /// The preferred content: JSON first, then the first listed.
    static func preferred(_ contents: [IRContent]) -> IRContent? {
        contents.first { isJSON($0.mediaType) } ?? contents.first
    }

    static func isJSON(_ mediaType: String) -> Bool {
        let lower = mediaType.lowercased()
        return lower == "application/json" || lower.hasSuffix("+json") || lower.hasPrefix("application/json;")
    }

    func bodyType(_ content: IRContent) -> (type: String, isBinary: Bool) {
        if !Self.isJSON(content.mediaType) {
            if case .scalar(.binary)? = content.type { return ("Data", true) }
            if content.type == nil || content.mediaType.hasPrefix("application/octet-stream") { return ("Data", true) }
        }
        guard let type = content.type else { return ("JSONValue", false) }
        if case .scalar(.binary) = type { return ("Data", true) }
        return (SwiftTypes.spell(type), false)
    }

    /// The documented 2xx responses with their body types.
    func successes(_ operation: IROperation) -> [(code: Int, success: Success)] {
        operation.responses.compactMap { response in
            guard let code = response.statusCode, (200..<300).contains(code) else { return nil }
            guard let content = Self.preferred(response.contents) else {
                return (code, Success(type: "Void", mediaType: nil, isBinary: false, isEmpty: true))
            }
            let (type, binary) = bodyType(content)
            return (code, Success(type: type, mediaType: content.mediaType, isBinary: binary, isEmpty: false))
        }
    }

    /// The body type of the client's return value: the one type all successes share, optional when some success
    /// has no body; when they disagree, `JSONValue`, or `Data` (every body's bytes as received, optional when some
    /// success has no body) when one of them is binary, since bytes cannot be JSON.
    func returnBody(_ successes: [(code: Int, success: Success)]) -> String {
        let typed = Set(successes.filter { !$0.success.isEmpty }.map(\.success.type))
        if typed.isEmpty { return "Void" }
        let type: String
        if typed.count > 1 {
            guard successes.contains(where: { $0.success.isBinary }) else { return "JSONValue" }
            type = "Data"
        } else {
            type = typed.first!
        }
        return successes.contains { $0.success.isEmpty } ? type + "?" : type
    }

    struct ParameterInfo {
        var parameter: IRParameter
        var type: String
        var isArray: Bool
        var elementType: String
        /// Whether the parameter can go on the wire as it is (scalars, enums, arrays of them).
        var serializable: Bool
    }

    func info(_ parameter: IRParameter) -> ParameterInfo {
        let resolved = index.resolved(parameter.type)
        var isArray = false
        var element = resolved
        if case .array(let inner) = resolved {
            isArray = true
            element = index.resolved(inner)
        }
        let serializable = SwiftTypes.parameterValue(element, model: index)
        let elementType = serializable ? SwiftTypes.spell(element) : "String"
        let type = isArray ? "[\(elementType)]" : elementType
        return ParameterInfo(parameter: parameter, type: type, isArray: isArray, elementType: elementType, serializable: true)
    }

    // MARK: Client

    func clientContext(_ operation: IROperation) -> TemplateObject {
        let parameters = operation.parameters.map(info)
        let locals = Self.localNames(operation.parameters, avoiding: ReservedNames.clientLocals)
        let body = operation.requestBody.flatMap { body in Self.preferred(body.contents).map { (body, $0) } }
        var signature: [String] = []
        var callArguments: [String] = []
        var docParameters: [(name: String, text: String?)] = []
        for (item, local) in zip(parameters, locals) {
            let name = item.parameter.swiftName
            let optional = !item.parameter.required
            let declared = local == name ? name : "\(name) \(local)"
            signature.append("\(declared): \(item.type)\(optional ? "? = nil" : "")")
            callArguments.append("\(name): \(local)")
            docParameters.append((local, item.parameter.description ?? " "))
        }
        var bodyExpression = "nil"
        var contentType = "nil"
        if let (requestBody, content) = body {
            let (type, binary) = bodyType(content)
            let optional = !requestBody.required
            signature.append("body: \(type)\(optional ? "? = nil" : "")")
            callArguments.append("body: body")
            docParameters.append(("body", requestBody.description ?? "The request body."))
            contentType = content.mediaType.swiftLiteral
            if binary {
                bodyExpression = optional ? "body.map { HTTPBody($0) }" : "HTTPBody(body)"
            } else {
                bodyExpression = optional ? "try body.map { try client.encodeJSON($0) }" : "try client.encodeJSON(body)"
            }
        }
        var requestLines: [String] = []
        for (item, name) in zip(parameters, locals) {
            let p = item.parameter
            switch p.location {
            case .path: requestLines.append("builder.path(\(p.name.swiftLiteral), \(name))")
            case .query:
                if item.isArray {
                    requestLines.append("builder.query(\(p.name.swiftLiteral), \(name), explode: \(p.explode))")
                } else {
                    requestLines.append("builder.query(\(p.name.swiftLiteral), \(name))")
                }
            case .header: requestLines.append("builder.header(\(p.name.swiftLiteral), \(name))")
            case .cookie: requestLines.append("builder.cookie(\(p.name.swiftLiteral), \(name))")
            }
        }
        let successes = successes(operation)
        let returnBody = returnBody(successes)
        let accept = Self.acceptLiteral(successes)
        let bytes = returnBody == "Data" || returnBody == "Data?"
        let successCases: [TemplateObject] = successes.map { code, success in
            let value: String
            if success.isEmpty {
                value = returnBody == "Void" ? "()" : "nil"
            } else if success.isBinary || bytes {
                value = "try await client.collectBytes(responseBody)"
            } else if returnBody == "JSONValue" {
                value = "try await client.decodeJSON(JSONValue.self, from: responseBody)"
            } else {
                value = "try await client.decodeJSON(\(success.type).self, from: responseBody)"
            }
            return ["code": .int(code), "valueExpression": .string(value)]
        }
        let opId = operation.operationId.swiftLiteral
        let doc = DocComments.operationLines(
            summary: operation.summary, description: operation.description, parameters: docParameters,
            returns: successes.contains(where: { bytes && !$0.success.isEmpty && !$0.success.isBinary })
                ? "The body's bytes as received, with its metadata: the successes differ in media type (binary and"
                    + " JSON), so `metadata.status` tells which one came."
                : "The response body with its metadata (rate limits, links, request id).",
            throwsText: "`OktaAPIError` for an error status; transport and decoding errors as they occur.")
        // Paging: a list with `after` (and usually `limit`) whose success body is an array.
        var paging: TemplateObject = ["isPaged": false]
        if returnBody.hasPrefix("["), !returnBody.hasSuffix("?"), !returnBody.hasPrefix("[String:"),
            operation.parameters.contains(where: { $0.name == "after" && $0.location == .query })
        {
            let element = String(returnBody.dropFirst().dropLast())
            let pagedSignature = signature.filter { !$0.hasPrefix("after:") }
            let pagedArguments = callArguments.map { $0.hasPrefix("after:") ? "after: nil" : $0 }
            let headerLines = requestLines.filter { $0.hasPrefix("builder.header(") || $0.hasPrefix("builder.cookie(") }
                .map { "headers." + $0.dropFirst("builder.".count) }
            paging = [
                "isPaged": true,
                "headerLines": .strings(headerLines),
                "hasHeaderLines": .bool(!headerLines.isEmpty),
                "name": .string(SwiftNamesBridge.stripTicks(operation.swiftName) + "Sequence"),
                "elementType": .string(element),
                "signatureLines": .strings(ModelContextBuilder.commaLines(pagedSignature)),
                "hasSignature": .bool(!pagedSignature.isEmpty),
                "callArguments": .string(pagedArguments.joined(separator: ", ")),
                "docLines": [
                    "/// Every item of `\(SwiftNamesBridge.stripTicks(operation.swiftName))`, page after page, following the",
                    "/// `Link` header's `next` relation until the last page.",
                ],
            ]
        }
        return [
            "swiftName": .string(operation.swiftName),
            "operationId": .string(operation.operationId),
            "operationIdLiteral": .string(opId),
            "docLines": .strings(doc),
            "deprecated": .bool(operation.deprecated),
            "signatureLines": .strings(ModelContextBuilder.commaLines(signature)),
            "hasSignature": .bool(!signature.isEmpty),
            "returnType": "OktaResponse<\(returnBody)>",
            "pathLiteral": .string(operation.path.swiftLiteral),
            "requestLines": .strings(requestLines),
            "hasRequestLines": .bool(!requestLines.isEmpty),
            "builderDeclaration": requestLines.isEmpty ? "let" : "var",
            "methodExpression": .string("." + operation.method.lowercased()),
            "acceptLiteral": .string(returnBody == "Void" ? "nil" : accept),
            "contentTypeLiteral": .string(contentType),
            "bodyExpression": .string(bodyExpression),
            "successCases": .objects(successCases),
            "paging": .object(paging),
        ]
    }

    // MARK: Server

    func serverContext(_ operation: IROperation) -> TemplateObject {
        let inputName = generatedNames.inputName(operation)
        let outputName = generatedNames.outputName(operation)
        let parameters = operation.parameters.map(info)
        let locals = Self.localNames(operation.parameters, avoiding: ReservedNames.serverLocals)
        var fields: [TemplateObject] = []
        var parseLines: [String] = []
        var requiredNames: [String] = []
        var initArguments: [String] = []
        for (item, name) in zip(parameters, locals) {
            let p = item.parameter
            let bare = SwiftNamesBridge.stripTicks(p.swiftName)
            let optional = !p.required
            fields.append([
                "declaration": "\(access) var \(p.swiftName): \(item.type)\(optional ? "?" : "")",
                "docLines": .strings(DocComments.lines(p.description)),
            ])
            let literal = p.name.swiftLiteral
            switch p.location {
            case .path:
                parseLines.append(
                    "let \(name) = server.path(\(Self.registrationName(p.name, in: operation.path).swiftLiteral), name: \(literal),"
                        + " as: \(item.type).self, errors: &errors)")
            case .query:
                if item.isArray {
                    parseLines.append(
                        "let \(name) = server.queryArray(\(literal), of: \(item.elementType).self, explode: \(p.explode), required: \(p.required), errors: &errors)")
                } else {
                    parseLines.append(
                        "let \(name) = server.query(\(literal), as: \(item.type).self, required: \(p.required), errors: &errors)")
                }
            case .header:
                parseLines.append(
                    "let \(name) = server.header(\(literal), as: \(item.type).self, required: \(p.required), errors: &errors)")
            case .cookie:
                parseLines.append(
                    "let \(name) = server.cookie(\(literal), as: \(item.type).self, required: \(p.required), errors: &errors)")
            }
            if p.required { requiredNames.append(name) }
            initArguments.append("\(bare): \(name)")
        }
        var bodyLine: String?
        if let requestBody = operation.requestBody, let content = Self.preferred(requestBody.contents) {
            let (type, binary) = bodyType(content)
            let optional = !requestBody.required
            fields.append([
                "declaration": "\(access) var body: \(type)\(optional ? "?" : "")",
                "docLines": .strings(DocComments.lines(requestBody.description ?? "The request body.")),
            ])
            if binary {
                bodyLine = "let body = try await server.bytesBody()"
            } else {
                bodyLine = requestBody.required
                    ? "let body = try await server.requiredJSONBody(\(type).self)"
                    : "let body = try await server.jsonBody(\(type).self, required: false)"
            }
            initArguments.append("body: body")
        }
        fields.append([
            "declaration": "\(access) var request: HTTPRequest",
            "docLines": ["/// The HTTP request as received (headers such as `Authorization` included)."],
        ])
        initArguments.append("request: request")
        var successes = successes(operation)
        if successes.isEmpty {
            // A stub must be able to answer something: no documented success means an empty 204.
            successes = [(204, Success(type: "Void", mediaType: nil, isBinary: false, isEmpty: true))]
        }
        let outputCases: [TemplateObject] = successes.map { code, success in
            let caseName = Self.statusName(code)
            let status = Self.statusExpression(code)
            if success.isEmpty {
                return [
                    "declaration": "case \(caseName)(headers: HTTPFields = [:])",
                    "responseCase": "case .\(caseName)(let headers): return OktaServerResponse.empty(status: \(status), headers: headers)",
                ]
            }
            let respond = success.isBinary
                ? "OktaServerResponse.bytes(body, status: \(status), contentType: \((success.mediaType ?? "application/octet-stream").swiftLiteral), headers: headers)"
                : "try OktaServerResponse.json(body, status: \(status), headers: headers)"
            return [
                "declaration": "case \(caseName)(_ body: \(success.type), headers: HTTPFields = [:])",
                "responseCase": "case .\(caseName)(let body, let headers): return \(respond)",
            ]
        }
        let hasValidation = !parseLines.isEmpty
        return [
            "swiftName": .string(operation.swiftName),
            "operationIdLiteral": .string(operation.operationId.swiftLiteral),
            "docLines": .strings(DocComments.operationLines(
                summary: operation.summary, description: operation.description, parameters: [],
                returns: nil, throwsText: nil)),
            "inputName": .string(inputName),
            "outputName": .string(outputName),
            "inputFields": .objects(fields),
            "inputInitLines": .strings(ModelContextBuilder.commaLines(fields.map { field in
                String(Self.afterVar(field.string("declaration") ?? "", access: access))
            })),
            "inputAssignments": .strings(fields.map { field -> String in
                // `name: Type` → `name` (on UTF-8 bytes: the colon and everything before it are ASCII).
                let rest = Self.afterVar(field.string("declaration") ?? "", access: access)
                let name = String(rest[..<(rest.utf8.firstIndex(of: UInt8(ascii: ":")) ?? rest.endIndex)])
                let bare = SwiftNamesBridge.stripTicks(name)
                return "self.\(bare) = \(name)"
            }),
            "outputCases": .objects(outputCases),
            "hasOutputCases": .bool(!outputCases.isEmpty),
            "parseLines": .strings(parseLines),
            "hasValidation": .bool(hasValidation),
            "usesServer": .bool(hasValidation || bodyLine != nil),
            "validationSubject": .string(operation.operationId.swiftLiteral),
            "bodyLine": .string(bodyLine ?? ""),
            "hasBodyLine": .bool(bodyLine != nil),
            "guardLine": .string(requiredNames.isEmpty
                ? "" : "guard " + requiredNames.map { "let \($0)" }.joined(separator: ", ")
                    + " else { throw OktaErrorResponse.validationFailed(\(operation.operationId.swiftLiteral)) }"),
            "hasGuard": .bool(!requiredNames.isEmpty),
            "inputExpression": .string("\(inputName)(" + initArguments.joined(separator: ", ") + ")"),
            "methodExpression": .string("." + operation.method.lowercased()),
            "registrationPathLiteral": .string(Self.registrationPath(operation.path).swiftLiteral),
        ]
    }

    /// A field declaration after its `<access> var ` prefix.
    static func afterVar(_ declaration: String, access: String) -> Substring {
        let prefix = access + " var "
        guard declaration.hasPrefix(prefix) else { return Substring(declaration) }
        return declaration[declaration.utf8.index(declaration.startIndex, offsetBy: prefix.utf8.count)...]
    }

    /// The path a route is registered under: every `{name}` becomes `{p<segment>}`, so routes that name the same
    /// position differently (`/users/{id}` and `/users/{userId}/grants`) share one router node.
    static func registrationPath(_ path: String) -> String {
        // On UTF-8 bytes: `/`, `{` and `}` are ASCII.
        let segments = path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        return segments.enumerated().map { position, segment -> String in
            guard segment.first == UInt8(ascii: "{"), segment.last == UInt8(ascii: "}") else {
                return String(Substring(segment))
            }
            return "{p\(position)}"
        }.joined(separator: "/")
    }

    /// The registered name of a path parameter (see ``registrationPath(_:)``).
    static func registrationName(_ name: String, in path: String) -> String {
        let wanted = Array("{\(name)}".utf8)
        let segments = path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        for (position, segment) in segments.enumerated() where segment.elementsEqual(wanted) { return "p\(position)" }
        return name
    }
}

/// Small name helpers shared by the context builders.
enum SwiftNamesBridge {
    static func stripTicks(_ name: String) -> String {
        name.hasPrefix("`") && name.hasSuffix("`") ? String(name.dropFirst().dropLast()) : name
    }

    static func upperFirst(_ name: String) -> String {
        guard let first = name.first else { return name }
        return first.uppercased() + name.dropFirst()
    }
}
