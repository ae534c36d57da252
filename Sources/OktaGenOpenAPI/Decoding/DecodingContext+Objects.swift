import OktaGenDiagnostics
import OktaGenYAML

extension DecodingContext {
    /// Reads a `$ref` mapping, or returns `nil` when the mapping has no `$ref`.
    func reference(_ node: YAMLNode, allowedSiblings: Set<String> = ["summary", "description"]) -> Reference? {
        guard let refNode = node["$ref"] else { return nil }
        guard refNode.isScalar, refNode.scalar != .null else {
            error("expected a string for '$ref' of \(Self.describe(node)), found \(Self.found(refNode))", at: refNode)
            return nil
        }
        var description: String?
        for (key, value) in node.entries where !key.hasText("$ref") {
            let name = key.text
            if name == "description", value.isScalar { description = value.text }
            if !allowedSiblings.contains(name), !name.hasPrefix("x-") {
                warning(
                    "'\(name)' beside '$ref' in \(Self.describe(node)) is ignored (OpenAPI 3.0 reads only the $ref)",
                    at: key)
            }
        }
        return Reference(ref: refNode.text, node: node, description: description)
    }

    func referenceable<T>(
        _ node: YAMLNode, key: String, in parent: YAMLNode, decode: (YAMLNode) -> T?
    ) -> Referenceable<T>? {
        guard let mapping = mapping(node, key: key, in: parent) else { return nil }
        if mapping["$ref"] != nil { return reference(mapping).map(Referenceable.reference) }
        return decode(mapping).map(Referenceable.value)
    }

    // MARK: Document

    func document(_ root: YAMLNode) -> OpenAPIDocument? {
        var openapi: String?
        var info: Info?
        var servers: [Server] = []
        var tags: [Tag] = []
        var paths: [PathEntry] = []
        var components = Components.empty
        var security: [SecurityRequirement]?
        var sawPaths = false
        for (key, value) in root.entries {
            guard let name = keyText(key, in: root) else { continue }
            switch name {
            case "openapi": openapi = string(value, key: name, in: root)
            case "info": if let node = mapping(value, key: name, in: root) { info = self.info(node) }
            case "servers": servers = serverList(value, key: name, in: root)
            case "tags":
                if let list = sequence(value, key: name, in: root) {
                    tags = list.elements.compactMap { element in
                        guard let element = mapping(element, key: name, in: root) else { return nil }
                        return tag(element)
                    }
                }
            case "paths":
                sawPaths = true
                if let node = mapping(value, key: name, in: root) { paths = pathEntries(node) }
            case "components": if let node = mapping(value, key: name, in: root) { components = self.components(node) }
            case "security": security = securityList(value, key: name, in: root)
            case "webhooks", "externalDocs", "jsonSchemaDialect": break
            default: unknownKey(key, in: root, object: "")
            }
        }
        guard let openapi else {
            error("expected an 'openapi' version string in the document, found none", at: root)
            return nil
        }
        let version = Self.parseVersion(openapi)
        // An 'info' of the wrong kind was reported where it was found.
        if root["info"] == nil { error("expected an 'info' mapping in the document, found none", at: root) }
        if !sawPaths, !isV31 { warning("the document has no 'paths'; there is nothing to generate", at: root) }
        guard let info, let version else { return nil }
        return OpenAPIDocument(
            source: root.document, openapi: openapi, majorMinor: version, info: info, servers: servers, tags: tags,
            paths: paths, components: components, security: security, extensions: extensions(of: root))
    }

    static func parseVersion(_ text: String) -> (major: Int, minor: Int)? {
        let parts = text.split(separator: ".")
        guard parts.count >= 2, let major = Int(parts[0]), let minor = Int(parts[1]) else { return nil }
        return (major, minor)
    }

    func info(_ node: YAMLNode) -> Info? {
        var title: String?
        var version: String?
        var description: String?
        for (key, value) in node.entries {
            guard let name = keyText(key, in: node) else { continue }
            switch name {
            case "title": title = string(value, key: name, in: node)
            case "version": version = string(value, key: name, in: node)
            case "description": description = string(value, key: name, in: node)
            case "summary", "termsOfService", "contact", "license": break
            default: unknownKey(key, in: node, object: "")
            }
        }
        if title == nil { warning("'info' has no 'title'", at: node) }
        if version == nil { warning("'info' has no 'version'", at: node) }
        return Info(title: title ?? "", version: version ?? "", description: description, node: node)
    }

    func tag(_ node: YAMLNode) -> Tag? {
        var tagName: String?
        var description: String?
        var displayName: String?
        for (key, value) in node.entries {
            guard let name = keyText(key, in: node) else { continue }
            switch name {
            case "name": tagName = string(value, key: name, in: node)
            case "description": description = string(value, key: name, in: node)
            // A vendor extension (Redoc's, which Okta's spec uses): a title that is not a string is ignored.
            case "x-displayName": if value.isScalar, value.scalar != .null { displayName = value.text }
            case "externalDocs": break
            default: unknownKey(key, in: node, object: "tag")
            }
        }
        guard let tagName else {
            error("expected a 'name' for the tag, found none", at: node)
            return nil
        }
        return Tag(name: tagName, description: description, displayName: displayName, node: node)
    }

    func serverList(_ value: YAMLNode, key: String, in parent: YAMLNode) -> [Server] {
        guard let list = sequence(value, key: key, in: parent) else { return [] }
        return list.elements.compactMap { element in
            guard let element = mapping(element, key: key, in: parent) else { return nil }
            return server(element)
        }
    }

    func server(_ node: YAMLNode) -> Server? {
        var url: String?
        var description: String?
        var variables: [(name: String, variable: ServerVariable)] = []
        for (key, value) in node.entries {
            guard let name = keyText(key, in: node) else { continue }
            switch name {
            case "url": url = string(value, key: name, in: node)
            case "description": description = string(value, key: name, in: node)
            case "variables":
                guard let map = mapping(value, key: name, in: node) else { continue }
                for (variableKey, variableNode) in map.entries {
                    guard let variableName = keyText(variableKey, in: map),
                        let variableMap = mapping(variableNode, key: variableName, in: map)
                    else { continue }
                    var defaultValue: String?
                    var enumValues: [String]?
                    var variableDescription: String?
                    for (innerKey, innerValue) in variableMap.entries {
                        switch innerKey.text {
                        case "default": defaultValue = string(innerValue, key: "default", in: variableMap)
                        case "enum": enumValues = stringList(innerValue, key: "enum", in: variableMap)
                        case "description":
                            variableDescription = string(innerValue, key: "description", in: variableMap)
                        default: unknownKey(innerKey, in: variableMap, object: "server variable")
                        }
                    }
                    guard let defaultValue else {
                        error("expected a 'default' for server variable '\(variableName)', found none", at: variableMap)
                        continue
                    }
                    variables.append(
                        (
                            variableName,
                            ServerVariable(
                                defaultValue: defaultValue, enumValues: enumValues, description: variableDescription)
                        ))
                }
            default: unknownKey(key, in: node, object: "server")
            }
        }
        guard let url else {
            error("expected a 'url' for the server, found none", at: node)
            return nil
        }
        return Server(url: url, description: description, variables: variables, node: node)
    }

    func securityList(_ value: YAMLNode, key: String, in parent: YAMLNode) -> [SecurityRequirement]? {
        guard let list = sequence(value, key: key, in: parent) else { return nil }
        return list.elements.compactMap { element in
            guard let map = mapping(element, key: key, in: parent) else { return nil }
            var schemes: [(name: String, scopes: [String])] = []
            for (schemeKey, scopes) in map.entries {
                guard let name = keyText(schemeKey, in: map) else { continue }
                schemes.append((name, stringList(scopes, key: name, in: map)))
            }
            return SecurityRequirement(schemes: schemes, node: map)
        }
    }

    // MARK: Paths

    func pathEntries(_ node: YAMLNode) -> [PathEntry] {
        var result: [PathEntry] = []
        result.reserveCapacity(node.count)
        for (key, value) in node.entries {
            guard let path = keyText(key, in: node) else { continue }
            if path.hasPrefix("x-") { continue }
            if !path.hasPrefix("/") {
                error("expected a path starting with '/' in 'paths', found '\(path)'", at: key)
                continue
            }
            guard let item = mapping(value, key: path, in: node) else { continue }
            result.append(PathEntry(path: path, node: item, keyNode: key))
        }
        return result
    }

    func pathItem(_ node: YAMLNode) -> PathItem? {
        var summary: String?
        var description: String?
        var operations: [(method: HTTPMethod, operation: Operation)] = []
        var parameters: [Referenceable<Parameter>] = []
        var servers: [Server]?
        for (key, value) in node.entries {
            guard let name = keyText(key, in: node) else { continue }
            if let method = HTTPMethod(rawValue: name) {
                guard let map = mapping(value, key: name, in: node), let operation = operation(map) else { continue }
                operations.append((method, operation))
                continue
            }
            switch name {
            case "summary": summary = string(value, key: name, in: node)
            case "description": description = string(value, key: name, in: node)
            case "parameters": parameters = parameterList(value, key: name, in: node)
            case "servers": servers = serverList(value, key: name, in: node)
            default: unknownKey(key, in: node, object: "path item")
            }
        }
        return PathItem(
            summary: summary, description: description, operations: operations, parameters: parameters,
            servers: servers, node: node)
    }

    func operation(_ node: YAMLNode) -> Operation? {
        var tags: [String] = []
        var summary: String?
        var description: String?
        var operationId: String?
        var parameters: [Referenceable<Parameter>] = []
        var requestBody: Referenceable<RequestBody>?
        var responses: [(status: String, response: Referenceable<Response>, keyNode: YAMLNode)] = []
        var sawResponses = false
        var deprecated = false
        var security: [SecurityRequirement]?
        var servers: [Server]?
        for (key, value) in node.entries {
            guard let name = keyText(key, in: node) else { continue }
            switch name {
            case "tags": tags = stringList(value, key: name, in: node)
            case "summary": summary = string(value, key: name, in: node)
            case "description": description = string(value, key: name, in: node)
            case "operationId": operationId = string(value, key: name, in: node)
            case "parameters": parameters = parameterList(value, key: name, in: node)
            case "requestBody": requestBody = referenceable(value, key: name, in: node, decode: self.requestBody)
            case "responses":
                sawResponses = true
                guard let map = mapping(value, key: name, in: node) else { continue }
                for (statusKey, responseNode) in map.entries {
                    guard let status = keyText(statusKey, in: map) else { continue }
                    if status.hasPrefix("x-") { continue }
                    if !Self.isStatus(status) {
                        error(
                            "expected a status code (like 200 or 4XX) or 'default' in 'responses' of"
                                + " \(Self.describe(node)), found '\(status)'", at: statusKey)
                        continue
                    }
                    if let response = referenceable(responseNode, key: status, in: map, decode: response) {
                        responses.append((status, response, statusKey))
                    }
                }
            case "deprecated": deprecated = bool(value, key: name, in: node) ?? false
            case "security": security = securityList(value, key: name, in: node)
            case "servers": servers = serverList(value, key: name, in: node)
            case "externalDocs", "callbacks": break
            default: unknownKey(key, in: node, object: "operation")
            }
        }
        if !sawResponses, !isV31 {
            warning("\(Self.describe(node)) has no 'responses'", at: node)
        }
        return Operation(
            tags: tags, summary: summary, description: description, operationId: operationId,
            parameters: parameters, requestBody: requestBody, responses: responses, deprecated: deprecated,
            security: security, servers: servers, extensions: extensions(of: node), node: node)
    }

    static func isStatus(_ text: String) -> Bool {
        if text == "default" { return true }
        let bytes = Array(text.utf8)
        guard bytes.count == 3, (UInt8(ascii: "1")...UInt8(ascii: "5")).contains(bytes[0]) else { return false }
        let digits = bytes[1...].allSatisfy { $0 >= 48 && $0 <= 57 }
        let wildcard = bytes[1...].allSatisfy { $0 == UInt8(ascii: "X") || $0 == UInt8(ascii: "x") }
        return digits || wildcard
    }

    func parameterList(_ value: YAMLNode, key: String, in parent: YAMLNode) -> [Referenceable<Parameter>] {
        guard let list = sequence(value, key: key, in: parent) else { return [] }
        return list.elements.compactMap { element in
            referenceable(element, key: key, in: parent, decode: parameter)
        }
    }

    func parameter(_ node: YAMLNode) -> Parameter? {
        var parameterName: String?
        var location: ParameterLocation?
        var description: String?
        var required: Bool?
        var deprecated = false
        var allowEmptyValue = false
        var style: String?
        var explode: Bool?
        var allowReserved = false
        var schema: SchemaRef?
        var content: [MediaTypeEntry] = []
        for (key, value) in node.entries {
            guard let name = keyText(key, in: node) else { continue }
            switch name {
            case "name": parameterName = string(value, key: name, in: node)
            case "in":
                guard let text = string(value, key: name, in: node) else { continue }
                location = ParameterLocation(rawValue: text)
                if location == nil {
                    error(
                        "expected 'path', 'query', 'header' or 'cookie' for 'in' of \(Self.describe(node)),"
                            + " found '\(text)'", at: value)
                }
            case "description": description = string(value, key: name, in: node)
            case "required": required = bool(value, key: name, in: node)
            case "deprecated": deprecated = bool(value, key: name, in: node) ?? false
            case "allowEmptyValue": allowEmptyValue = bool(value, key: name, in: node) ?? false
            case "style": style = string(value, key: name, in: node)
            case "explode": explode = bool(value, key: name, in: node)
            case "allowReserved": allowReserved = bool(value, key: name, in: node) ?? false
            case "schema": schema = schemaRef(value, key: name, in: node)
            case "content": content = mediaTypes(value, key: name, in: node)
            case "example", "examples": break
            default: unknownKey(key, in: node, object: "parameter")
            }
        }
        guard let parameterName else {
            error("expected a 'name' for \(Self.describe(node)), found none", at: node)
            return nil
        }
        guard let location else {
            if node["in"] == nil {
                error(
                    "expected an 'in' (path, query, header or cookie) for parameter '\(parameterName)', found none",
                    at: node)
            }
            return nil
        }
        if schema == nil, content.isEmpty {
            warning(
                "parameter '\(parameterName)' has neither 'schema' nor 'content'; it is treated as a string", at: node)
        }
        if location == .path, required != true {
            warning(
                "path parameter '\(parameterName)' is not marked 'required: true'; path parameters are always"
                    + " required, so it is treated as required", at: node)
        }
        return Parameter(
            name: parameterName, location: location, description: description,
            required: location == .path ? true : (required ?? false), deprecated: deprecated,
            allowEmptyValue: allowEmptyValue, style: style, explode: explode, allowReserved: allowReserved,
            schema: schema, content: content, extensions: extensions(of: node), node: node)
    }

    func requestBody(_ node: YAMLNode) -> RequestBody? {
        var description: String?
        var content: [MediaTypeEntry] = []
        var required = false
        for (key, value) in node.entries {
            guard let name = keyText(key, in: node) else { continue }
            switch name {
            case "description": description = string(value, key: name, in: node)
            case "content": content = mediaTypes(value, key: name, in: node)
            case "required": required = bool(value, key: name, in: node) ?? false
            default: unknownKey(key, in: node, object: "request body")
            }
        }
        return RequestBody(description: description, content: content, required: required, node: node)
    }

    func mediaTypes(_ value: YAMLNode, key: String, in parent: YAMLNode) -> [MediaTypeEntry] {
        guard let map = mapping(value, key: key, in: parent) else { return [] }
        var result: [MediaTypeEntry] = []
        for (mediaKey, mediaNode) in map.entries {
            guard let mediaType = keyText(mediaKey, in: map),
                let mediaMap = mapping(mediaNode, key: mediaType, in: map)
            else { continue }
            var schema: SchemaRef?
            for (innerKey, innerValue) in mediaMap.entries {
                switch innerKey.text {
                case "schema": schema = schemaRef(innerValue, key: "schema", in: mediaMap)
                case "example", "examples", "encoding", "itemSchema": break
                default: unknownKey(innerKey, in: mediaMap, object: "media type")
                }
            }
            result.append(MediaTypeEntry(mediaType: mediaType, schema: schema, node: mediaMap))
        }
        return result
    }

    func response(_ node: YAMLNode) -> Response? {
        var description: String?
        var headers: [(name: String, header: Referenceable<Header>)] = []
        var content: [MediaTypeEntry] = []
        for (key, value) in node.entries {
            guard let name = keyText(key, in: node) else { continue }
            switch name {
            case "description": description = string(value, key: name, in: node)
            case "headers":
                guard let map = mapping(value, key: name, in: node) else { continue }
                for (headerKey, headerNode) in map.entries {
                    guard let headerName = keyText(headerKey, in: map),
                        let header = referenceable(headerNode, key: headerName, in: map, decode: header)
                    else { continue }
                    headers.append((headerName, header))
                }
            case "content": content = mediaTypes(value, key: name, in: node)
            case "links": break
            default: unknownKey(key, in: node, object: "response")
            }
        }
        return Response(description: description, headers: headers, content: content, node: node)
    }

    func header(_ node: YAMLNode) -> Header? {
        var description: String?
        var required = false
        var deprecated = false
        var schema: SchemaRef?
        var content: [MediaTypeEntry] = []
        for (key, value) in node.entries {
            guard let name = keyText(key, in: node) else { continue }
            switch name {
            case "description": description = string(value, key: name, in: node)
            case "required": required = bool(value, key: name, in: node) ?? false
            case "deprecated": deprecated = bool(value, key: name, in: node) ?? false
            case "schema": schema = schemaRef(value, key: name, in: node)
            case "content": content = mediaTypes(value, key: name, in: node)
            case "style", "explode", "example", "examples", "allowEmptyValue": break
            default: unknownKey(key, in: node, object: "header")
            }
        }
        return Header(
            description: description, required: required, deprecated: deprecated, schema: schema, content: content,
            node: node)
    }

    func securityScheme(_ node: YAMLNode) -> SecurityScheme? {
        var type: String?
        var description: String?
        var schemeName: String?
        var location: String?
        var scheme: String?
        var bearerFormat: String?
        for (key, value) in node.entries {
            guard let name = keyText(key, in: node) else { continue }
            switch name {
            case "type": type = string(value, key: name, in: node)
            case "description": description = string(value, key: name, in: node)
            case "name": schemeName = string(value, key: name, in: node)
            case "in": location = string(value, key: name, in: node)
            case "scheme": scheme = string(value, key: name, in: node)
            case "bearerFormat": bearerFormat = string(value, key: name, in: node)
            case "flows", "openIdConnectUrl": break
            default: unknownKey(key, in: node, object: "security scheme")
            }
        }
        guard let type else {
            error("expected a 'type' for \(Self.describe(node)), found none", at: node)
            return nil
        }
        return SecurityScheme(
            type: type, description: description, name: schemeName, location: location, scheme: scheme,
            bearerFormat: bearerFormat, node: node)
    }

    // MARK: Components

    func components(_ node: YAMLNode) -> Components {
        var sections: [String: [Components.Entry]] = [:]
        for (key, value) in node.entries {
            guard let name = keyText(key, in: node) else { continue }
            switch name {
            case "schemas", "parameters", "responses", "requestBodies", "headers", "securitySchemes", "examples":
                guard let map = mapping(value, key: name, in: node) else { continue }
                var entries: [Components.Entry] = []
                entries.reserveCapacity(map.count)
                for (entryKey, entryValue) in map.entries {
                    guard let entryName = keyText(entryKey, in: map) else { continue }
                    entries.append(Components.Entry(name: entryName, node: entryValue))
                }
                sections[name] = entries
            case "links", "callbacks", "pathItems": break
            default: unknownKey(key, in: node, object: "")
            }
        }
        return Components(
            schemas: sections["schemas"] ?? [], parameters: sections["parameters"] ?? [],
            responses: sections["responses"] ?? [], requestBodies: sections["requestBodies"] ?? [],
            headers: sections["headers"] ?? [], securitySchemes: sections["securitySchemes"] ?? [],
            examples: sections["examples"] ?? [], node: node)
    }
}
