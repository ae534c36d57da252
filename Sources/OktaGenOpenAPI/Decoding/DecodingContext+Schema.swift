import OktaGenDiagnostics
import OktaGenYAML
import OktaPattern

extension DecodingContext {
    /// JSON Schema keywords accepted without a warning even though code generation does not use them.
    static let ignoredSchemaKeys: Set<String> = [
        "multipleOf", "minProperties", "maxProperties", "xml",
        "externalDocs", "$schema", "$id", "$comment", "$anchor", "$defs", "definitions", "patternProperties",
        "propertyNames", "contains", "minContains", "maxContains", "prefixItems", "dependentRequired",
        "dependentSchemas", "if", "then", "else", "unevaluatedProperties", "unevaluatedItems", "contentMediaType",
        "contentEncoding", "contentSchema", "$dynamicRef", "$dynamicAnchor", "$vocabulary",
    ]

    func schemaRef(_ value: YAMLNode, key: String, in parent: YAMLNode) -> SchemaRef? {
        if value.isScalar, case .bool(let flag) = value.scalar, isV31 {
            if !flag { warning("the schema 'false' (nothing is valid) is treated as an empty schema", at: value) }
            return .value(emptySchema(value))
        }
        guard let map = mapping(value, key: key, in: parent) else { return nil }
        if map["$ref"] != nil {
            // 3.1: a $ref with sibling keywords is the intersection of both.
            if hasRefSiblings(map) { return schema(map).map(SchemaRef.value) }
            return reference(map).map(SchemaRef.reference)
        }
        return schema(map).map(SchemaRef.value)
    }

    /// Whether a 3.1 mapping in a schema's place holds a `$ref` beside other keywords (a schema to decode, not a
    /// reference to follow); `description`, `summary` and extensions do not count.
    func hasRefSiblings(_ map: YAMLNode) -> Bool {
        guard isV31, map["$ref"] != nil else { return false }
        return map.entries.contains {
            !$0.key.hasText("$ref") && !$0.key.hasText("description")
                && !$0.key.hasText("summary") && !$0.key.text.hasPrefix("x-")
        }
    }

    /// Keywords that only a schema has: a 3.1 `$ref` mapping that holds one of them is a schema wherever it is.
    static let schemaOnlyKeywords: Set<String> = [
        "type", "properties", "items", "additionalProperties", "allOf", "oneOf", "anyOf", "not", "enum", "const",
        "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength",
        "pattern", "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties", "nullable", "default",
        "readOnly", "writeOnly", "title", "discriminator", "prefixItems", "patternProperties", "propertyNames",
    ]

    /// Whether a 3.1 `$ref` mapping reached without knowing what it is (the target of another `$ref`) is a schema
    /// with keywords beside its `$ref`, to be decoded as it is rather than followed. Keys that other objects share
    /// with schemas (`required: true`, `deprecated`, `example`) do not count.
    func isSchemaWithRefSiblings(_ map: YAMLNode) -> Bool {
        guard isV31, map["$ref"] != nil else { return false }
        return map.entries.contains { entry in
            guard entry.key.isScalar else { return false }
            if entry.key.hasText("required") { return entry.value.isSequence }
            return Self.schemaOnlyKeywords.contains(entry.key.text)
        }
    }

    func emptySchema(_ node: YAMLNode) -> Schema {
        Schema(
            node: node, types: [], nullable: false, format: nil, title: nil, description: nil, properties: [],
            required: [], items: nil, additionalProperties: nil, allOf: [], oneOf: [], anyOf: [], not: nil,
            discriminator: nil, enumValues: nil, const: nil, readOnly: false, writeOnly: false, deprecated: false,
            defaultValue: nil, examples: [], minimum: nil, maximum: nil, exclusiveMinimum: nil, exclusiveMaximum: nil,
            minLength: nil, maxLength: nil, pattern: nil, minItems: nil, maxItems: nil, uniqueItems: false,
            extensions: .none)
    }

    /// Decodes a schema mapping (not a plain `$ref`).
    func schema(_ node: YAMLNode) -> Schema? {
        var types: [JSONType] = []
        var nullable = false
        var format: String?
        var title: String?
        var description: String?
        var properties: [Schema.Property] = []
        var required: [(name: String, node: YAMLNode)] = []
        var items: SchemaRef?
        var additionalProperties: Schema.AdditionalProperties?
        var allOf: [SchemaRef] = []
        var oneOf: [SchemaRef] = []
        var anyOf: [SchemaRef] = []
        var not: SchemaRef?
        var discriminator: Discriminator?
        var enumValues: [(value: SpecValue, node: YAMLNode)]?
        var const: SpecValue?
        var readOnly = false
        var writeOnly = false
        var deprecated = false
        var defaultValue: SpecValue?
        var examples: [YAMLNode] = []
        var minimum: Double?
        var maximum: Double?
        // 3.1: the bound itself; 3.0: `true`, which makes `minimum`/`maximum` exclusive.
        var exclusiveMinimum: Double?
        var exclusiveMaximum: Double?
        var minimumIsExclusive = false
        var maximumIsExclusive = false
        var minLength: Int?
        var maxLength: Int?
        var pattern: String?
        var minItems: Int?
        var maxItems: Int?
        var uniqueItems = false
        var hasExtensions = false

        for (key, value) in node.entries {
            guard let name = keyText(key, in: node) else { continue }
            switch name {
            case "type":
                types = schemaTypes(value, in: node, nullable: &nullable)
            case "nullable": nullable = (bool(value, key: name, in: node) ?? false) || nullable
            case "format": format = string(value, key: name, in: node)
            case "title": title = string(value, key: name, in: node)
            case "description": description = string(value, key: name, in: node)
            case "properties":
                guard let map = mapping(value, key: name, in: node) else { continue }
                properties.reserveCapacity(map.count)
                for (propertyKey, propertyValue) in map.entries {
                    guard let propertyName = keyText(propertyKey, in: map),
                        let propertySchema = schemaRef(propertyValue, key: propertyName, in: map)
                    else { continue }
                    properties.append(
                        Schema.Property(name: propertyName, nameNode: propertyKey, schema: propertySchema))
                }
            case "required":
                // `required: true` on a property schema is a common mistake: say what it means.
                if value.isScalar, case .bool = value.scalar {
                    warning(
                        "'required' of \(Self.describe(node)) is a boolean; in a schema it must list property names"
                            + " (put the name in the parent's 'required' list); it is ignored", at: value)
                    continue
                }
                guard let list = sequence(value, key: name, in: node) else { continue }
                for element in list.elements {
                    guard element.isScalar else {
                        error(
                            "expected a property name in 'required' of \(Self.describe(node)), found \(Self.found(element))",
                            at: element)
                        continue
                    }
                    required.append((element.text, element))
                }
            case "items":
                if value.isSequence {
                    error(
                        "expected a schema for 'items' of \(Self.describe(node)), found a sequence"
                            + " (tuple validation is not supported; use prefixItems in 3.1)", at: value)
                    continue
                }
                items = schemaRef(value, key: name, in: node)
            case "additionalProperties":
                if value.isScalar, case .bool(let flag) = value.scalar {
                    additionalProperties = .bool(flag)
                } else if let schema = schemaRef(value, key: name, in: node) {
                    additionalProperties = .schema(schema)
                }
            case "allOf": allOf = schemaList(value, key: name, in: node)
            case "oneOf": oneOf = schemaList(value, key: name, in: node)
            case "anyOf": anyOf = schemaList(value, key: name, in: node)
            case "not": not = schemaRef(value, key: name, in: node)
            case "discriminator":
                guard let map = mapping(value, key: name, in: node) else { continue }
                discriminator = self.discriminator(map)
            case "enum":
                guard let list = sequence(value, key: name, in: node) else { continue }
                var values: [(value: SpecValue, node: YAMLNode)] = []
                var seen: [SpecValue: YAMLNode] = [:]
                for element in list.elements {
                    let specValue = SpecValue(element)
                    if let first = seen[specValue] {
                        warning(
                            "duplicate enum value \(specValue) in \(Self.describe(node)) (first at"
                                + " \(first.line):\(first.column)); the repeat is ignored", at: element)
                        continue
                    }
                    seen[specValue] = element
                    values.append((specValue, element))
                }
                enumValues = values
            case "const": const = SpecValue(value)
            case "readOnly": readOnly = bool(value, key: name, in: node) ?? false
            case "writeOnly": writeOnly = bool(value, key: name, in: node) ?? false
            case "deprecated": deprecated = bool(value, key: name, in: node) ?? false
            case "default": defaultValue = SpecValue(value)
            case "example": examples.append(value)
            case "examples":
                if value.isSequence { examples.append(contentsOf: value.elements) } else { examples.append(value) }
            case "minimum": minimum = number(value, key: name, in: node)
            case "maximum": maximum = number(value, key: name, in: node)
            case "exclusiveMinimum":
                if value.isScalar, case .bool(let flag) = value.scalar {
                    minimumIsExclusive = flag
                } else {
                    exclusiveMinimum = number(value, key: name, in: node)
                }
            case "exclusiveMaximum":
                if value.isScalar, case .bool(let flag) = value.scalar {
                    maximumIsExclusive = flag
                } else {
                    exclusiveMaximum = number(value, key: name, in: node)
                }
            case "minLength": minLength = integer(value, key: name, in: node)
            case "maxLength": maxLength = integer(value, key: name, in: node)
            case "pattern":
                pattern = string(value, key: name, in: node)
                if let pattern { checkPattern(pattern, at: value, in: node) }
            case "minItems": minItems = integer(value, key: name, in: node)
            case "maxItems": maxItems = integer(value, key: name, in: node)
            case "uniqueItems": uniqueItems = bool(value, key: name, in: node) ?? false
            case "$ref":
                // Only reached for 3.1 `$ref` with siblings: the reference joins allOf.
                if let reference = reference(
                    node, allowedSiblings: Set(node.entries.map { $0.key.text }))
                {
                    allOf.insert(.reference(reference), at: 0)
                }
            default:
                if name.hasPrefix("x-") {
                    hasExtensions = true
                } else if !Self.ignoredSchemaKeys.contains(name) {
                    unknownKey(key, in: node, object: "")
                }
            }
        }
        if let discriminator, properties.isEmpty, allOf.isEmpty, oneOf.isEmpty, anyOf.isEmpty {
            warning(
                "the discriminator '\(discriminator.propertyName)' of \(Self.describe(node)) names a property, but the"
                    + " schema has no properties, allOf, oneOf or anyOf", at: discriminator.node)
        }
        if minimumIsExclusive, let minimum { exclusiveMinimum = minimum }
        if maximumIsExclusive, let maximum { exclusiveMaximum = maximum }
        return Schema(
            node: node, types: types, nullable: nullable, format: format, title: title, description: description,
            properties: properties, required: required, items: items, additionalProperties: additionalProperties,
            allOf: allOf, oneOf: oneOf, anyOf: anyOf, not: not, discriminator: discriminator, enumValues: enumValues,
            const: const, readOnly: readOnly, writeOnly: writeOnly, deprecated: deprecated, defaultValue: defaultValue,
            examples: examples, minimum: minimum, maximum: maximum, exclusiveMinimum: exclusiveMinimum,
            exclusiveMaximum: exclusiveMaximum, minLength: minLength, maxLength: maxLength,
            pattern: pattern, minItems: minItems, maxItems: maxItems, uniqueItems: uniqueItems,
            extensions: hasExtensions ? extensions(of: node) : .none)
    }

    private func schemaTypes(_ value: YAMLNode, in node: YAMLNode, nullable: inout Bool) -> [JSONType] {
        let names: [YAMLNode]
        if value.isSequence {
            if !isV31 {
                warning("a list of types in \(Self.describe(node)) is OpenAPI 3.1; it is accepted here", at: value)
            }
            names = Array(value.elements)
        } else {
            names = [value]
        }
        var types: [JSONType] = []
        for element in names {
            guard element.isScalar, let type = JSONType(rawValue: element.text) else {
                error(
                    "expected a type (string, number, integer, boolean, array, object or null) for 'type' of"
                        + " \(Self.describe(node)), found \(Self.found(element))", at: element)
                continue
            }
            if type == .null {
                nullable = true
            } else if !types.contains(type) {
                types.append(type)
            }
        }
        return types
    }

    private func schemaList(_ value: YAMLNode, key: String, in node: YAMLNode) -> [SchemaRef] {
        guard let list = sequence(value, key: key, in: node) else { return [] }
        if list.count == 0 { warning("'\(key)' of \(Self.describe(node)) is empty", at: list) }
        return list.elements.compactMap { schemaRef($0, key: key, in: node) }
    }

    private func discriminator(_ node: YAMLNode) -> Discriminator? {
        var propertyName: String?
        var mapping: [(value: String, ref: String, node: YAMLNode)] = []
        for (key, value) in node.entries {
            guard let name = keyText(key, in: node) else { continue }
            switch name {
            case "propertyName": propertyName = string(value, key: name, in: node)
            case "mapping":
                guard let map = self.mapping(value, key: name, in: node) else { continue }
                for (mappingKey, target) in map.entries {
                    guard let discriminatorValue = keyText(mappingKey, in: map),
                        let ref = string(target, key: discriminatorValue, in: map)
                    else { continue }
                    mapping.append((discriminatorValue, ref, target))
                }
            case "defaultMapping": break
            default: unknownKey(key, in: node, object: "discriminator")
            }
        }
        guard let propertyName else {
            error("expected a 'propertyName' for the discriminator, found none", at: node)
            return nil
        }
        return Discriminator(propertyName: propertyName, mapping: mapping, node: node)
    }
}

extension DecodingContext {
    /// Warns about a `pattern` that the run-time engine (OktaPattern, docs/Patterns.md) cannot compile: a syntax
    /// error, a construct that needs backtracking, or a pattern past its limits. A warning, not an error: the spec
    /// is still valid OpenAPI, and generated code does not check that pattern.
    func checkPattern(_ source: String, at value: YAMLNode, in node: YAMLNode) {
        do {
            _ = try JSONSchemaPattern(source)
        } catch {
            let scalars = source.unicodeScalars
            let start = scalars.index(scalars.startIndex, offsetBy: min(error.offset, scalars.count))
            let near =
                error.kind == .tooLong ? "" : " (near '\(Diagnostic.excerpt(Substring(scalars[start...]), limit: 20))')"
            warning(
                "the pattern of \(Self.describe(node)) cannot be checked at run time: \(error)\(near); values are not"
                    + " matched against it", at: value)
        }
    }
}
