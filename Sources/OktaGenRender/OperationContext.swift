import OktaGenIR

/// The template contexts of operations, for the client and for the server stubs.
struct OperationContextBuilder {
    let model: IRModel
    let index: ModelIndex
    let access: SwiftCode
    let generatedNames: GeneratedTypeNames
    /// Doc comments, with links resolved against the spec's documentation site (found once: every operation asks).
    let docs: DocComments
    /// The checks of server stubs (set for server output).
    var validation: ValidationBuilder? = nil

    init(
        model: IRModel, index: ModelIndex, access: SwiftCode, generatedNames: GeneratedTypeNames,
        validation: ValidationBuilder? = nil
    ) {
        self.model = model
        self.index = index
        self.access = access
        self.generatedNames = generatedNames
        self.validation = validation
        docs = DocComments(model: model)
    }

    /// What a successful call returns, for one status and media type.
    struct Success {
        var type: SwiftCode
        /// The element type when the body is a JSON array (`[User]` → `User`), for paging.
        var arrayElement: SwiftCode?
        var mediaType: String?
        var coding: BodyCoding
        var isEmpty: Bool
        /// The case of the server's output and of the client's response enum: the status (`ok`), with the media type
        /// for a status's second and later media types (`okApplicationPkcs10`).
        var caseName: SwiftIdentifier

        static func empty(_ code: Int) -> Success {
            Success(
                type: "Void", arrayElement: nil, mediaType: nil, coding: .json, isEmpty: true,
                caseName: SwiftIdentifier(statusName(code).description))
        }
    }

    static func statusName(_ code: Int) -> SwiftCode {
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

    static func statusExpression(_ code: Int) -> SwiftCode {
        switch code {
        case 200: ".ok"
        case 201: ".created"
        case 202: ".accepted"
        case 204: ".noContent"
        default: ".init(code: \(code))"
        }
    }

    /// The HTTP method as an `HTTPRequest.Method` member (`.get`); the IR only holds the methods OpenAPI names.
    static func methodExpression(_ method: String) -> SwiftCode {
        switch method.lowercased() {
        case "get": ".get"
        case "put": ".put"
        case "post": ".post"
        case "delete": ".delete"
        case "options": ".options"
        case "head": ".head"
        case "patch": ".patch"
        case "trace": ".trace"
        // Not reached (RenderCheck refuses other methods); a method built from a literal, never other code.
        default: ".init(\(SwiftStringLiteral(method)))!"
        }
    }

    /// The preferred content: JSON first, then the first listed.
    static func preferred(_ contents: [IRContent]) -> IRContent? {
        contents.first { isJSON($0.mediaType) } ?? contents.first
    }

    static func isJSON(_ mediaType: String) -> Bool {
        // ASCII case-insensitive comparisons on the bytes (no lowercased copy: this is asked per body, many times).
        let bytes = Array(mediaType.utf8)
        func matches(_ pattern: StaticString, at offset: Int) -> Bool {
            guard offset >= 0, offset + pattern.utf8CodeUnitCount <= bytes.count else { return false }
            return pattern.withUTF8Buffer { pattern in
                pattern.indices.allSatisfy { i in
                    let byte = bytes[offset + i]
                    return (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) == pattern[i]
                }
            }
        }
        let json: StaticString = "application/json"
        return (bytes.count == json.utf8CodeUnitCount && matches(json, at: 0))
            || matches("+json", at: bytes.count - 5) || matches("application/json;", at: 0)
    }

    /// The contents of a success, one per media type on the wire, JSON first; a later media type whose body has
    /// the same Swift type as an earlier one is left out (the client decodes it alike).
    static func successContents(_ response: IRResponse) -> [IRContent] {
        var wire: Set<String> = []
        // Not `"\(coding) \(type)"`: interpolating an enum case goes through runtime reflection.
        var types: Set<[String]> = []
        var ordered = response.contents.filter { isJSON($0.mediaType) }
        ordered += response.contents.filter { !isJSON($0.mediaType) }
        return ordered.filter { content in
            guard wire.insert(wireMediaType(content.mediaType)).inserted else { return false }
            let (type, coding, _) = bodyType(content)
            let codingName =
                switch coding {
                case .json: "json"
                case .bytes: "bytes"
                case .raw: "raw"
                }
            return types.insert([codingName, type.description]).inserted
        }
    }

    /// The documented 2xx responses with their body types: one entry per status and media type, a status's
    /// preferred media type (JSON) first.
    func successes(_ operation: IROperation) -> [(code: Int, success: Success)] {
        var result: [(code: Int, success: Success)] = []
        for response in operation.responses {
            guard let code = response.statusCode, (200..<300).contains(code) else { continue }
            let contents = Self.successContents(response)
            guard !contents.isEmpty else {
                result.append((code, .empty(code)))
                continue
            }
            let status = Self.statusName(code).description
            var taken: Set<String> = [status]
            for (position, content) in contents.enumerated() {
                let (type, coding, element) = Self.bodyType(content)
                let caseName =
                    position == 0
                    ? SwiftIdentifier(status) : Self.mediaCaseName(content.mediaType, prefix: status, taken: &taken)
                result.append(
                    (
                        code,
                        Success(
                            type: type, arrayElement: element, mediaType: content.mediaType, coding: coding,
                            isEmpty: false, caseName: caseName)
                    ))
            }
        }
        return result
    }

    /// The body type of the client's return value: the one type all successes share, optional when some success
    /// has no body, with the element type when it is a non-optional array (paging); when they differ in type or
    /// media type, the operation's response enum (`<Operation>ResponseBody`, a case per status and media type).
    func returnBody(_ operation: IROperation, _ successes: [(code: Int, success: Success)]) -> (
        type: SwiftCode, pagedElement: SwiftCode?
    ) {
        if Self.hasResponseChoice(operation) {
            return ("\(SwiftIdentifier(generatedNames.responseBodyName(operation)))", nil)
        }
        let bodies = successes.filter { !$0.success.isEmpty }
        guard let type = bodies.first?.success.type else { return ("Void", nil) }
        if successes.contains(where: { $0.success.isEmpty }) { return ("\(type)?", nil) }
        return (type, bodies.first?.success.arrayElement)
    }

    /// The Swift type of an operation's request body: its enum when the caller chooses a media type.
    func requestBodyType(_ operation: IROperation) -> (type: SwiftCode, coding: BodyCoding?)? {
        guard let body = operation.requestBody, let content = Self.preferred(body.contents) else { return nil }
        if Self.hasRequestChoice(operation) {
            return ("\(SwiftIdentifier(generatedNames.requestBodyName(operation)))", nil)
        }
        let (type, coding, _) = Self.bodyType(content)
        return (type, coding)
    }

    struct ParameterInfo {
        var parameter: IRParameter
        /// The name inside generated bodies (the label unless that is one of the body's locals).
        var name: SwiftIdentifier
        /// The argument label and the server input's member: the parameter's Swift name.
        var label: SwiftIdentifier
        var type: SwiftCode
        var isArray: Bool
        var elementType: SwiftCode
        /// Whether the parameter can go on the wire as it is (scalars, enums, arrays of them).
        var serializable: Bool
    }

    func info(_ parameter: IRParameter, local: SwiftIdentifier? = nil) -> ParameterInfo {
        let resolved = index.resolved(parameter.type)
        var isArray = false
        var element = resolved
        if case .array(let inner) = resolved {
            isArray = true
            element = index.resolved(inner)
        }
        let serializable = SwiftTypes.parameterValue(element, model: index)
        var elementType = serializable ? SwiftTypes.spell(element) : "String"
        if parameter.role == .oktaResponseOptions { elementType = "OktaResponseOption" }
        let type: SwiftCode = isArray ? "[\(elementType)]" : elementType
        return ParameterInfo(
            parameter: parameter, name: local ?? SwiftIdentifier(parameter.swiftName),
            label: SwiftIdentifier(parameter.swiftName), type: type, isArray: isArray,
            elementType: elementType, serializable: true)
    }

    /// The statement that puts a parameter into a request builder named `builder` (`builder.query("limit", limit)`).
    static func builderStatement(_ item: ParameterInfo, builder: SwiftCode) -> SwiftCode {
        let p = item.parameter
        let name = item.name
        let key = SwiftStringLiteral(p.name)
        switch p.role {
        case .flag(let value)?: return "if \(name) { \(builder).header(\(key), \(SwiftStringLiteral(value))) }"
        case .oktaResponseOptions?: return "\(builder).oktaResponse(\(name))"
        case nil: break
        }
        switch p.location {
        case .path: return "\(builder).path(\(key), \(name))"
        case .query:
            if item.isArray { return "\(builder).query(\(key), \(name), explode: \(p.explode))" }
            return "\(builder).query(\(key), \(name))"
        case .header: return "\(builder).header(\(key), \(name))"
        case .cookie: return "\(builder).cookie(\(key), \(name))"
        }
    }

    // MARK: Client

    func clientContext(_ operation: IROperation) -> TemplateObject {
        let locals = Self.localNames(operation.parameters, avoiding: ReservedNames.clientLocals)
        let parameters = zip(operation.parameters, locals).map { info($0, local: $1) }
        let body = operation.requestBody.flatMap { body in Self.preferred(body.contents).map { (body, $0) } }
        let bodyName = SwiftIdentifier("body")
        // Signature lines and call arguments, with the Swift name they are for (paging leaves `after` out).
        var signature: [(name: SwiftIdentifier, code: SwiftCode)] = []
        var callArguments: [(name: SwiftIdentifier, code: SwiftCode)] = []
        var docParameters: [(name: SwiftIdentifier, text: String?)] = []
        for item in parameters {
            let name = item.name
            let label = item.label
            let optional: SwiftCode =
                switch item.parameter.role {
                case .flag?: " = false"
                case .oktaResponseOptions?: " = []"
                case nil: item.parameter.required ? "" : "? = nil"
                }
            let declared: SwiftCode = label == name ? "\(name)" : "\(label) \(name)"
            signature.append((label, "\(declared): \(item.type)\(optional)"))
            callArguments.append((label, "\(label): \(name)"))
            let text = item.parameter.description ?? " "
            // A parameter cannot carry `@available`: its deprecation is said in its documentation.
            docParameters.append((name, item.parameter.deprecated ? "Deprecated. " + text : text))
        }
        var bodyExpression: SwiftCode = "nil"
        var contentType: SwiftCode = "nil"
        if let (requestBody, content) = body, let (type, coding) = requestBodyType(operation) {
            let required = requestBody.required
            let optional: SwiftCode = required ? "" : "? = nil"
            signature.append((bodyName, "body: \(type)\(optional)"))
            callArguments.append((bodyName, "body: body"))
            docParameters.append((bodyName, requestBody.description ?? "The request body."))
            let literal = SwiftStringLiteral(content.mediaType)
            contentType = "\(literal)"
            switch coding {
            case nil:
                // A choice of media types: the case chosen says which.
                contentType = required ? "body.contentType" : "body?.contentType"
                bodyExpression =
                    required ? "HTTPBody(try body.encodedBody())" : "try body.map { HTTPBody(try $0.encodedBody()) }"
            case .bytes?:
                bodyExpression = required ? "HTTPBody(body)" : "body.map { HTTPBody($0) }"
            case .raw?:
                // A multipart form's boundary goes into its Content-Type.
                if type == "OktaMultipartForm" {
                    contentType =
                        required ? "body.contentType(for: \(literal))" : "body?.contentType(for: \(literal))"
                }
                bodyExpression =
                    required ? "try client.encodeBody(body)" : "try body.map { try client.encodeBody($0) }"
            case .json?:
                bodyExpression =
                    required ? "try client.encodeJSON(body)" : "try body.map { try client.encodeJSON($0) }"
            }
        }
        let requestLines = parameters.map { Self.builderStatement($0, builder: "builder") }
        let successes = successes(operation)
        let (returnBody, pagedElement) = returnBody(operation, successes)
        let accept = Self.acceptLiteral(successes)
        let isChoice = Self.hasResponseChoice(operation)
        // An operation without a success body takes `200` (with `{}` or nothing) and `204` alike, whichever the spec
        // documents: Okta answers deactivate with `200 {}` today and answered `204` before, for the same spec.
        var cases = successes
        if returnBody == "Void" {
            for code in [200, 204] where !cases.contains(where: { $0.code == code }) {
                cases.append((code, .empty(code)))
            }
        }
        var successCases: [TemplateObject] = []
        var seenCodes: Set<Int> = []
        for code in cases.map(\.code) where seenCodes.insert(code).inserted {
            let group = cases.filter { $0.code == code }.map(\.success)
            let value: SwiftCode
            if isChoice {
                value = Self.choiceExpression(group)
            } else if let success = group.first, !success.isEmpty {
                value = "try await \(Self.decodeExpression(success))"
            } else {
                value = returnBody == "Void" ? "()" : "nil"
            }
            successCases.append(["code": .int(code), "valueExpression": .code(value)])
        }
        let operationName = SwiftIdentifier(operation.swiftName)
        let retired = operation.lifecycle?.uppercased() == "TOMBSTONE"
        let doc = docs.operationLines(
            summary: operation.summary, description: operation.description, parameters: docParameters,
            lifecycle: operation.lifecycle,
            returns: isChoice
                ? SwiftCommentText(
                    "The response body, a case per documented status and media type, with its metadata (rate limits,"
                        + " links, request id).")
                : "The response body with its metadata (rate limits, links, request id).",
            throwsText: "`OktaAPIError` for an error status; transport and decoding errors as they occur.")
        // Paging: a list with `after` (and usually `limit`) whose success body is an array.
        var paging: TemplateObject = ["isPaged": false]
        if let element = pagedElement,
            operation.parameters.contains(where: { $0.name == "after" && $0.location == .query })
        {
            let after = SwiftIdentifier("after")
            let pagedSignature = signature.filter { $0.name != after }.map(\.code)
            let pagedArguments = callArguments.map { $0.name == after ? "after: nil" : $0.code }
            let headerLines = parameters.filter { $0.parameter.location == .header || $0.parameter.location == .cookie }
                .map { Self.builderStatement($0, builder: "headers") }
            paging = [
                "isPaged": true,
                "headerLines": .lines(headerLines),
                "hasHeaderLines": .bool(!headerLines.isEmpty),
                "name": .identifier(operationName.composed(suffix: "Sequence")),
                "elementType": .code(element),
                "signatureLines": .lines(ModelContextBuilder.commaLines(pagedSignature)),
                "hasSignature": .bool(!pagedSignature.isEmpty),
                "callArguments": .code(.joined(pagedArguments, separator: ", ")),
                "docLines": .lines([
                    .docComment("Every item of `\(operationName.bareText)`, page after page, following the"),
                    "/// `Link` header's `next` relation until the last page.",
                ]),
                "firstPageMethod": .identifier(operationName),
                // The same helper over the lenient method (the same template lines render both).
                "lenientPaging": .object([
                    "name": .identifier(operationName.composed(suffix: "LenientSequence")),
                    "elementType": "OktaLenient<\(element)>",
                    "firstPageMethod": .identifier(operationName.composed(suffix: "Lenient")),
                    "docLines": .lines([
                        .docComment(
                            "Every item of `\(operationName.bareText)`, page after page, each decoded on its own:"),
                        "/// an item that does not decode comes as `.failure` with its JSON, and the rest still arrive.",
                    ]),
                ]),
            ]
        }
        // A list: a lenient twin that decodes each element on its own (OktaLenient).
        var lenient: TemplateObject = ["isLenient": false]
        if let element = pagedElement {
            let lenientType: SwiftCode = "[OktaLenient<\(element)>]"
            lenient = [
                "isLenient": true,
                "methodName": .identifier(operationName.composed(suffix: "Lenient")),
                "returnType": "OktaResponse<\(lenientType)>",
                "docLines": .lines([
                    .docComment(
                        "`\(operationName.bareText)`, with each element of the list decoded on its own: one that"),
                    "/// does not decode comes as `.failure` with its JSON and the error, and the rest still arrive.",
                    "///",
                    "/// - Returns: The response body with its metadata (rate limits, links, request id).",
                    "/// - Throws: `OktaAPIError` for an error status; transport errors, and decoding errors of the list itself.",
                ]),
                "successCases": .objects(
                    successes.map { code, _ in
                        [
                            "code": .int(code),
                            "valueExpression": "try await client.decodeJSON(\(lenientType).self, from: responseBody)",
                        ]
                    }),
            ]
        }
        return [
            "swiftName": .identifier(operationName),
            "methodName": .identifier(operationName),
            "operationId": .comment(SwiftCommentText(operation.operationId)),
            "operationIdLiteral": .literal(SwiftStringLiteral(operation.operationId)),
            "docLines": .lines(doc),
            "deprecated": .bool(operation.deprecated || retired),
            "deprecationAttribute": .code(
                retired
                    ? "@available(*, deprecated, message: \"Retired by Okta (x-okta-lifecycle: TOMBSTONE).\")"
                    : operation.deprecated ? docs.deprecationAttribute(operation.summary ?? operation.description) : ""),
            "signatureLines": .lines(ModelContextBuilder.commaLines(signature.map(\.code))),
            "hasSignature": .bool(!signature.isEmpty),
            "returnType": "OktaResponse<\(returnBody)>",
            "pathLiteral": .literal(SwiftStringLiteral(operation.path)),
            "requestLines": .lines(requestLines),
            "hasRequestLines": .bool(!requestLines.isEmpty),
            "builderDeclaration": requestLines.isEmpty ? "let" : "var",
            "methodExpression": .code(Self.methodExpression(operation.method)),
            "acceptLiteral": .code(returnBody == "Void" ? "nil" : accept),
            "contentTypeLiteral": .code(contentType),
            "bodyExpression": .code(bodyExpression),
            "successCases": .objects(successCases),
            "paging": .object(paging),
            "lenient": .object(lenient),
            "responseBodyEnum": .objects(isChoice ? [responseChoiceContext(operation, successes)] : []),
        ]
    }

    /// A client's value for one status of a response enum: the case of the media type received (the status's
    /// preferred one when the `Content-Type` names none of the others).
    static func choiceExpression(_ group: [Success]) -> SwiftCode {
        guard let first = group.first else { return "()" }
        if first.isEmpty { return ".\(first.caseName.bare)" }
        func value(_ success: Success) -> SwiftCode { ".\(success.caseName.bare)(\(decodeExpression(success)))" }
        var expression = value(first)
        for success in group.dropFirst().reversed() {
            let wire = SwiftStringLiteral(wireMediaType(success.mediaType ?? ""))
            expression = "client.mediaType(response) == \(wire) ? \(value(success)) : \(expression)"
        }
        return "try await \(expression)"
    }

    /// The enum a client returns when the successes differ in type or media type.
    func responseChoiceContext(_ operation: IROperation, _ successes: [(code: Int, success: Success)])
        -> TemplateObject
    {
        var caseLines: [SwiftCode] = []
        for (code, success) in successes {
            let text = success.mediaType.map { "\(code), `\($0)`." } ?? "\(code), without a body."
            caseLines.append(.docComment(SwiftCommentText(text)))
            caseLines.append(
                success.isEmpty ? "case \(success.caseName)" : "case \(success.caseName)(\(success.type))")
        }
        return [
            "name": .identifier(SwiftIdentifier(generatedNames.responseBodyName(operation))),
            "docLines": .lines([
                .docComment(
                    SwiftCommentText(
                        "The successes of `\(SwiftIdentifier(operation.swiftName).bareText)`: a case per documented"
                            + " status and media type."))
            ]),
            "caseLines": .lines(caseLines),
        ]
    }

    // MARK: Server

    func serverContext(_ operation: IROperation) -> TemplateObject {
        let operationName = SwiftIdentifier(operation.swiftName)
        let inputName = SwiftIdentifier(generatedNames.inputName(operation))
        let outputName = SwiftIdentifier(generatedNames.outputName(operation))
        let locals = Self.localNames(operation.parameters, avoiding: ReservedNames.serverLocals)
        let parameters = zip(operation.parameters, locals).map { info($0, local: $1) }
        let operationIdLiteral = SwiftStringLiteral(operation.operationId)
        // The input's fields: name, type and documentation.
        var fields: [(name: SwiftIdentifier, type: SwiftCode, docLines: [SwiftCode])] = []
        var parseLines: [SwiftCode] = []
        var requiredNames: [SwiftIdentifier] = []
        var initArguments: [SwiftCode] = []
        for item in parameters {
            let p = item.parameter
            let name = item.name
            let optional: SwiftCode = p.required || p.role != nil ? "" : "?"
            fields.append((item.label, "\(item.type)\(optional)", docs.lines(p.description)))
            let literal = SwiftStringLiteral(p.name)
            switch p.role {
            case .flag(let value)?:
                parseLines.append(
                    "let \(name) = server.headerFlag(\(literal), value: \(SwiftStringLiteral(value)), errors: &errors)")
                initArguments.append("\(item.label.bare): \(name)")
                continue
            case .oktaResponseOptions?:
                parseLines.append("let \(name) = server.oktaResponseOptions()")
                initArguments.append("\(item.label.bare): \(name)")
                continue
            case nil: break
            }
            switch p.location {
            case .path:
                let registered = SwiftStringLiteral(Self.registrationName(p.name, in: operation.path))
                parseLines.append(
                    "let \(name) = server.path(\(registered), name: \(literal), as: \(item.type).self, errors: &errors)"
                )
            case .query:
                if item.isArray {
                    parseLines.append(
                        "let \(name) = server.queryArray(\(literal), of: \(item.elementType).self, explode: \(p.explode), required: \(p.required), errors: &errors)"
                    )
                } else {
                    parseLines.append(
                        "let \(name) = server.query(\(literal), as: \(item.type).self, required: \(p.required), errors: &errors)"
                    )
                }
            case .header:
                parseLines.append(
                    "let \(name) = server.header(\(literal), as: \(item.type).self, required: \(p.required), errors: &errors)"
                )
            case .cookie:
                parseLines.append(
                    "let \(name) = server.cookie(\(literal), as: \(item.type).self, required: \(p.required), errors: &errors)"
                )
            }
            if p.required { requiredNames.append(name) }
            initArguments.append("\(item.label.bare): \(name)")
        }
        var bodyLine: SwiftCode?
        if let requestBody = operation.requestBody, let (type, coding) = requestBodyType(operation) {
            let optional: SwiftCode = requestBody.required ? "" : "?"
            fields.append(
                (
                    SwiftIdentifier("body"), "\(type)\(optional)",
                    docs.lines(requestBody.description ?? "The request body.")
                ))
            switch coding {
            case nil:
                bodyLine =
                    requestBody.required
                    ? "let body = try await \(type)(receivedBy: server)"
                    : "let body = try await server.optionalBody { try await \(type)(receivedBy: $0) }"
            case .bytes?:
                bodyLine = "let body = try await server.bytesBody()"
            case .raw?:
                bodyLine =
                    requestBody.required
                    ? "let body = try await server.requiredBody(\(type).self)"
                    : "let body = try await server.body(\(type).self, required: false)"
            case .json?:
                bodyLine =
                    requestBody.required
                    ? "let body = try await server.requiredJSONBody(\(type).self)"
                    : "let body = try await server.jsonBody(\(type).self, required: false)"
            }
            initArguments.append("body: body")
        }
        fields.append(
            (
                SwiftIdentifier("request"), "HTTPRequest",
                ["/// The HTTP request as received (headers such as `Authorization` included)."]
            ))
        initArguments.append("request: request")
        var successes = successes(operation)
        if successes.isEmpty {
            // A stub must be able to answer something: no documented success means an empty 204.
            successes = [(204, .empty(204))]
        }
        let outputCases: [TemplateObject] = successes.map { code, success in
            let caseName = success.caseName
            let status = Self.statusExpression(code)
            if success.isEmpty {
                return [
                    "declaration": "case \(caseName)(headers: HTTPFields = [:])",
                    "responseCase":
                        "case .\(caseName)(let headers): return OktaServerResponse.empty(status: \(status), headers: headers)",
                ]
            }
            let respond = Self.respondExpression(success, status: status)
            return [
                "declaration": "case \(caseName)(_ body: \(success.type), headers: HTTPFields = [:])",
                "responseCase": "case .\(caseName)(let body, let headers): return \(respond)",
            ]
        }
        let validationLines =
            validation?.operationLines(
                operation, locals: locals, body: bodyValidationType(operation), subject: operationIdLiteral) ?? []
        let hasValidation = !parseLines.isEmpty
        let guardLine: SwiftCode =
            requiredNames.isEmpty
            ? ""
            : "guard \(SwiftCode.joined(requiredNames.map { "let \($0)" }, separator: ", ")) else { throw OktaErrorResponse.validationFailed(\(operationIdLiteral)) }"
        return [
            "swiftName": .identifier(operationName),
            "operationIdLiteral": .literal(operationIdLiteral),
            "docLines": .lines(
                docs.operationLines(
                    summary: operation.summary, description: operation.description, parameters: [],
                    lifecycle: operation.lifecycle, returns: nil, throwsText: nil)),
            "inputName": .identifier(inputName),
            "outputName": .identifier(outputName),
            "inputFields": .objects(
                fields.map { field in
                    [
                        "declaration": "\(access) var \(field.name): \(field.type)",
                        "docLines": .lines(field.docLines),
                    ]
                }),
            "inputInitLines": .lines(ModelContextBuilder.commaLines(fields.map { "\($0.name): \($0.type)" })),
            "inputAssignments": .lines(fields.map { "self.\($0.name.bare) = \($0.name)" }),
            "outputCases": .objects(outputCases),
            "hasOutputCases": .bool(!outputCases.isEmpty),
            "parseLines": .lines(parseLines),
            "hasValidation": .bool(hasValidation),
            "usesServer": .bool(hasValidation || bodyLine != nil),
            "validationSubject": .literal(operationIdLiteral),
            "bodyLine": .code(bodyLine ?? ""),
            "hasBodyLine": .bool(bodyLine != nil),
            "validationLines": .lines(validationLines),
            "guardLine": .code(guardLine),
            "hasGuard": .bool(!requiredNames.isEmpty),
            "inputExpression": "\(inputName)(\(SwiftCode.joined(initArguments, separator: ", ")))",
            "methodExpression": .code(Self.methodExpression(operation.method)),
            "registrationPathLiteral": .literal(SwiftStringLiteral(Self.registrationPath(operation.path))),
        ]
    }

    /// The type of the JSON body the route checks, if it reads one (other media types are not checked).
    func bodyValidationType(_ operation: IROperation) -> IRTypeRef? {
        // A body in several media types is an enum the caller picks a case of (`<Op>RequestBody`), not a model.
        guard let requestBody = operation.requestBody, !Self.hasRequestChoice(operation),
            let content = Self.preferred(requestBody.contents), Self.isJSON(content.mediaType)
        else { return nil }
        return content.type
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
