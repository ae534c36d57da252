import OktaGenIR

/// Media types: how a body goes on the wire, the request body a caller chooses among several media types, and the
/// enum of successes that differ in type (docs/SDK.md, "Media types").
extension OperationContextBuilder {
    /// How a body is encoded and decoded.
    enum BodyCoding: Sendable, Equatable {
        /// JSON (`application/json`, `+json`).
        case json
        /// Bytes as they are (`Data`).
        case bytes
        /// An `OktaRawBody` other than `Data`: text (`String`), a multipart form, form fields.
        case raw
    }

    /// The media type of a spec's media type key, as compared on the wire: lowercased, without parameters.
    static func wireMediaType(_ mediaType: String) -> String {
        let end = mediaType.utf8.firstIndex(of: UInt8(ascii: ";")) ?? mediaType.endIndex
        // Spaces and tabs trimmed (what Foundation's `.whitespaces` holds: tab and the space separators), by hand:
        // `trimmingCharacters(in:)` went through `NSString` and cost more than the rest of the media-type code.
        let isBlank = { (scalar: Unicode.Scalar) in
            scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
        }
        let scalars = mediaType[..<end].unicodeScalars
        var lower = scalars.startIndex
        var upper = scalars.endIndex
        while lower < upper, isBlank(scalars[lower]) { lower = scalars.index(after: lower) }
        while upper > lower, isBlank(scalars[scalars.index(before: upper)]) { upper = scalars.index(before: upper) }
        return String(mediaType[lower..<upper]).lowercased()
    }

    /// Text media types: `text/*`, XML and JWTs (a JWT is text, and `application/secevent+jwt` is sent raw).
    static func isText(_ wire: String) -> Bool {
        wire.hasPrefix("text/") || wire == "application/xml" || wire.hasSuffix("+xml") || wire == "application/jwt"
            || wire.hasSuffix("+jwt")
    }

    /// The Swift type of a body and its coding. JSON media types (and wildcards with a schema) decode the schema's
    /// type; a binary schema or an unknown media type is `Data`; text is `String`; `multipart/form-data` is
    /// `OktaMultipartForm`; `application/x-www-form-urlencoded` is `OktaFormFields`.
    static func bodyType(_ content: IRContent) -> (type: SwiftCode, coding: BodyCoding, arrayElement: SwiftCode?) {
        let wire = wireMediaType(content.mediaType)
        if case .scalar(.binary)? = content.type { return ("Data", .bytes, nil) }
        if !isJSON(content.mediaType) {
            if wire == "multipart/form-data" { return ("OktaMultipartForm", .raw, nil) }
            if wire == "application/x-www-form-urlencoded" { return ("OktaFormFields", .raw, nil) }
            if isText(wire) { return ("String", .raw, nil) }
            // A wildcard with a schema (`*/*`) keeps the JSON it had.
            if content.type == nil || !wire.contains("*") { return ("Data", .bytes, nil) }
        }
        guard let type = content.type else { return ("JSONValue", .json, nil) }
        if case .array(let element) = type { return (SwiftTypes.spell(type), .json, SwiftTypes.spell(element)) }
        return (SwiftTypes.spell(type), .json, nil)
    }

    /// The contents of a request body the caller chooses among: one per media type on the wire, JSON first.
    static func requestChoices(_ body: IRRequestBody) -> [IRContent] {
        var seen: Set<String> = []
        var ordered = body.contents.filter { isJSON($0.mediaType) }
        ordered += body.contents.filter { !isJSON($0.mediaType) }
        return ordered.filter { seen.insert(wireMediaType($0.mediaType)).inserted }
    }

    /// Whether an operation's request body is a choice of media types (an enum the caller picks a case of).
    static func hasRequestChoice(_ operation: IROperation) -> Bool {
        guard let body = operation.requestBody else { return false }
        return requestChoices(body).count > 1
    }

    /// Whether an operation's successes differ in type, or a success comes in several media types: then the client
    /// returns an enum with a case per status and media type.
    static func hasResponseChoice(_ operation: IROperation) -> Bool {
        var types: Set<String> = []
        for response in operation.responses {
            guard let code = response.statusCode, (200..<300).contains(code) else { continue }
            let contents = successContents(response)
            if contents.count > 1 { return true }
            for content in contents { types.insert(bodyType(content).type.description) }
        }
        return types.count > 1
    }

    /// The enum case name of a media type (`application/x-pem-file` → `applicationXPemFile`), unique in `taken`.
    static func mediaCaseName(_ mediaType: String, prefix: String?, taken: inout Set<String>) -> SwiftIdentifier {
        let words = SwiftNames.upperCamel(wireMediaType(mediaType))
        var base = prefix.map { $0 + words } ?? SwiftNames.lowerCamel(words)
        if SwiftIdentifier(validating: base) == nil || base.isEmpty { base = (prefix ?? "media") + "Body" }
        var name = base
        var counter = 2
        while !taken.insert(name).inserted {
            name = base + String(counter)
            counter += 1
        }
        return SwiftIdentifier(SwiftIdentifier.escapingKeyword(name))
    }

    /// The expression that decodes a client's response body (without `try await`).
    static func decodeExpression(_ success: Success) -> SwiftCode {
        switch success.coding {
        case .json: "client.decodeJSON(\(success.type).self, from: responseBody)"
        case .bytes: "client.collectBytes(responseBody)"
        case .raw: "client.decodeBody(\(success.type).self, response: response, from: responseBody)"
        }
    }

    /// The server's response for a case whose payload is `body`.
    static func respondExpression(_ success: Success, status: SwiftCode) -> SwiftCode {
        let mediaType = SwiftStringLiteral(success.mediaType ?? "application/octet-stream")
        switch success.coding {
        case .json: return "try OktaServerResponse.json(body, status: \(status), headers: headers)"
        case .bytes:
            return "OktaServerResponse.bytes(body, status: \(status), contentType: \(mediaType), headers: headers)"
        case .raw:
            return "try OktaServerResponse.raw(body, mediaType: \(mediaType), status: \(status), headers: headers)"
        }
    }

    /// The enum of a request body that comes in several media types, for the client and the server stubs: a file of
    /// its own (`request-body.mustache`), in `Client/`, or in `Server/` when the client is not generated.
    func requestChoiceContext(_ operation: IROperation) -> TemplateObject? {
        guard let body = operation.requestBody, Self.hasRequestChoice(operation) else { return nil }
        let name = SwiftIdentifier(generatedNames.requestBodyName(operation))
        var taken: Set<String> = []
        var caseLines: [SwiftCode] = []
        var contentTypeLines: [SwiftCode] = []
        var encodeLines: [SwiftCode] = []
        var decodeLines: [SwiftCode] = []
        for content in Self.requestChoices(body) {
            let (type, coding, _) = Self.bodyType(content)
            let caseName = Self.mediaCaseName(content.mediaType, prefix: nil, taken: &taken)
            let literal = SwiftStringLiteral(content.mediaType)
            let wire = SwiftStringLiteral(Self.wireMediaType(content.mediaType))
            caseLines.append(.docComment(SwiftCommentText("`" + content.mediaType + "`")))
            caseLines.append("case \(caseName)(\(type))")
            switch coding {
            case .json:
                contentTypeLines.append("case .\(caseName.bare): \(literal)")
                encodeLines.append("case .\(caseName.bare)(let value): try OktaAPIClient.encodeJSONData(value)")
                decodeLines.append(
                    "case \(wire): self = .\(caseName.bare)(try await server.requiredJSONBody(\(type).self))")
            case .bytes, .raw:
                contentTypeLines.append("case .\(caseName.bare)(let value): value.contentType(for: \(literal))")
                encodeLines.append("case .\(caseName.bare)(let value): try OktaAPIClient.encodeBodyData(value)")
                decodeLines.append(
                    "case \(wire): self = .\(caseName.bare)(try await server.requiredBody(\(type).self))")
            }
        }
        return [
            "name": .identifier(name),
            "docLines": .lines([
                .docComment(
                    SwiftCommentText(
                        "The request body of `\(SwiftIdentifier(operation.swiftName).bareText)`, in one of the media"
                            + " types it takes.")),
                "/// The case the caller picks is the `Content-Type` sent.",
            ]),
            "caseLines": .lines(caseLines),
            "contentTypeLines": .lines(contentTypeLines),
            "encodeLines": .lines(encodeLines),
            "decodeLines": .lines(decodeLines),
        ]
    }
}
