import OktaGenDiagnostics
import OktaGenOpenAPI

extension IRBuilder {
    // MARK: Type references

    /// The type of a schema use. Named schemas and inline objects, enums and unions become named types (queued for
    /// building); scalars, arrays and dictionaries stay inline.
    /// - Parameter lookThrough: Whether a component that adds no type of its own is typed as what it stands for
    ///   (``lookThrough(_:node:)``); not for the members of a discriminated union, which are subtypes.
    func typeRef(_ ref: SchemaRef, suggestedName: String, lookThrough: Bool = true) -> IRTypeRef {
        switch ref {
        case .reference(let reference):
            guard let node = resolver.resolve(reference), let schema = resolver.schema(at: node) else { return .any }
            if lookThrough, let through = self.lookThrough(schema, node: node) {
                switch through {
                case .scalar(let scalar): return scalar
                case .same(let target): return nested(in: schema) { typeRef(target, suggestedName: suggestedName) }
                }
            }
            if let name = componentName(of: node) {
                return namedTypeRef(schema, node: node, name: name.typeName, schemaName: name.schemaName)
            }
            return inlineTypeRef(schema, suggestedName: suggestedName)
        case .value(let schema):
            return inlineTypeRef(schema, suggestedName: suggestedName)
        }
    }

    /// The component schema a node is, if it is one (`#/components/schemas/Name` of any loaded document).
    func componentName(of node: SpecNode) -> (typeName: String, schemaName: String)? {
        if ObjectIdentifier(node.document) == rootSource {
            // The root document's components, found once (see `init`): no pointer to build per lookup.
            guard let names = rootComponentName(at: node.index) else { return nil }
            return (names.typeName, names.schemaName)
        }
        guard let schemaName = resolver.componentSchemaName(of: node) else { return nil }
        if node.document === resolver.document.source, let name = componentTypeNames[ScalarKey(schemaName)] {
            return (name, schemaName)
        }
        // A component of an external file: named on first use.
        let key = NodeKey(node)
        if let existing = namedTypes[key] { return (existing, schemaName) }
        return (typeScope.type(schemaName), schemaName)
    }

    func namedTypeRef(_ schema: Schema, node: SpecNode, name: String, schemaName: String?) -> IRTypeRef {
        let key = NodeKey(node)
        if let existing = namedTypes[key] { return .named(existing) }
        namedTypes[key] = name
        queue.append((name, schema, schemaName))
        return .named(name)
    }

    /// An inline schema: transparent wrappers are looked through, scalars and containers stay inline, the rest
    /// becomes a named type called `suggestedName` (made unique).
    func inlineTypeRef(_ schema: Schema, suggestedName: String) -> IRTypeRef {
        if let inner = transparentTarget(schema) {
            return nested(in: schema) { typeRef(inner, suggestedName: suggestedName) }
        }
        switch shape(of: schema) {
        case .named:
            let key = NodeKey(schema.node)
            if let existing = namedTypes[key] { return .named(existing) }
            let name = typeScope.type(locationName(of: schema.node) ?? suggestedName)
            return namedTypeRef(schema, node: schema.node, name: name, schemaName: nil)
        case .inline(let ref):
            return ref
        case .array(let items):
            let element = items.map { item in
                nested(in: schema) { typeRef(item, suggestedName: suggestedName + "Item") }
            }
            return .array(element ?? .any)
        case .dictionary(let values):
            let value = values.map { value in
                nested(in: schema) { typeRef(value, suggestedName: suggestedName + "Value") }
            }
            return .dictionary(value ?? .any)
        }
    }

    /// The deepest nesting of arrays, dictionaries and transparent wrappers in one type use (`[[[String]]]` is 3).
    /// Written inline, nesting is bounded by the YAML depth limit; through `$ref`s to schemas outside
    /// `components/schemas` (which get no name) it is not, and every later stage (the model's JSON, the Swift
    /// type's spelling, comparing and freeing the nested enum) recurses once per level, some on threads with
    /// 512 KiB stacks.
    static let maxTypeNesting = 128

    /// Works out the type of what `schema` wraps (its items, values, or only `allOf`/`oneOf`/`anyOf` member) inside
    /// the nesting guard: a schema that wraps itself through such `$ref`s, or a nesting deeper than
    /// ``maxTypeNesting``, is an error at the schema and becomes `any` (the recursion stops there).
    func nested(in schema: Schema, _ body: () -> IRTypeRef) -> IRTypeRef {
        let key = NodeKey(schema.node)
        if inlineNesting.contains(key) {
            error(
                "\(describe(schema.node)) contains itself through items, additionalProperties or a single allOf/oneOf/"
                    + "anyOf member, with no named type in between; a Swift type cannot contain itself: move the"
                    + " schema to components/schemas", at: schema.node)
            return .any
        }
        if inlineNesting.count >= Self.maxTypeNesting {
            error(
                "the type of \(describe(schema.node)) nests arrays, dictionaries and single allOf/oneOf/anyOf members"
                    + " more than \(Self.maxTypeNesting) levels deep through $refs; give a level a name in"
                    + " components/schemas", at: schema.node)
            return .any
        }
        inlineNesting.append(key)
        defer { inlineNesting.removeLast() }
        return body()
    }

    /// The name an inline schema gets from where it is written, when that is inside a component schema:
    /// `#/components/schemas/User/properties/type` → `UserType`. Names then do not depend on which schema happened
    /// to reach the inline schema first.
    func locationName(of node: SpecNode) -> String? {
        let tokens = node.pointerTokens
        guard tokens.count > 3, tokens[0] == "components", tokens[1] == "schemas",
            node.document === resolver.document.source, let base = componentBaseName(tokens[2])
        else { return nil }
        var name = base
        var index = 3
        while index < tokens.count {
            switch tokens[index] {
            case "properties" where index + 1 < tokens.count:
                name += SwiftNames.upperCamel(tokens[index + 1])
                index += 2
            case "items":
                name += "Item"
                index += 1
            case "additionalProperties":
                name += "Value"
                index += 1
            case "oneOf" where index + 1 < tokens.count, "anyOf" where index + 1 < tokens.count:
                // The member written here: `node` itself or one of its ancestors.
                var member: SpecNode? = node
                for _ in 0..<(tokens.count - index - 2) { member = member?.parent }
                if let title = member.flatMap(resolver.schemaTitle(of:)) {
                    name += SwiftNames.upperCamel(title)
                } else {
                    name += "Option" + String((Int(tokens[index + 1]) ?? 0) + 1)
                }
                index += 2
            default:
                index += 1
            }
        }
        return name
    }

    /// `allOf: [$ref]` (often used to add a description or `readOnly` beside a reference), or a one-element
    /// `oneOf`/`anyOf`, with nothing else that changes the shape.
    func transparentTarget(_ schema: Schema) -> SchemaRef? {
        guard schema.properties.isEmpty, schema.enumValues == nil, schema.discriminator == nil,
            schema.items == nil, schema.additionalProperties == nil
        else { return nil }
        let parts = [schema.allOf, schema.oneOf, schema.anyOf].filter { !$0.isEmpty }
        guard parts.count == 1, parts[0].count == 1 else { return nil }
        return parts[0][0]
    }

    /// What a component schema that adds no type of its own stands for (docs/Naming.md, "Schemas that add no
    /// type"): a plain scalar (`createdProperty`: `type: string, format: date-time` is `Date` where it is used), or
    /// the one schema its `allOf` references, the other members only annotating (`HrefObjectSelfLink`: `allOf:
    /// [$ref HrefObject, {description: …}]` is `HrefObject`).
    enum LookThrough {
        case scalar(IRTypeRef)
        case same(SchemaRef)
    }

    /// Whether uses of the component schema at `node` are typed as what it stands for rather than by a type of its
    /// own (see ``LookThrough``). A schema named in `name-overrides` keeps its type, and so does one whose target
    /// is a discriminated base (a subtype that only adds its discriminator value is still a subtype).
    func lookThrough(_ schema: Schema, node: SpecNode) -> LookThrough? {
        guard ObjectIdentifier(node.document) == rootSource, let name = rootComponentSchemas[node.index],
            !nameOverrides.contains(where: { !$0.isGroup && $0.schemaName.hasSameScalars(as: name) })
        else { return nil }
        if schema.enumValues == nil, schema.const == nil, schema.not == nil, case .inline(let ref) = shape(of: schema),
            case .scalar = ref
        {
            return .scalar(ref)
        }
        return sameTypeTarget(schema).map(LookThrough.same)
    }

    /// The reference of an `allOf` whose other members only annotate (``Schema/onlyAnnotates``), in a schema that
    /// adds nothing else to the wire shape; `nil` when the referenced schema is a discriminated base.
    func sameTypeTarget(_ schema: Schema) -> SchemaRef? {
        guard schema.properties.isEmpty, schema.required.isEmpty, schema.items == nil,
            schema.additionalProperties == nil, schema.oneOf.isEmpty, schema.anyOf.isEmpty, schema.not == nil,
            schema.discriminator == nil, schema.enumValues == nil, schema.const == nil, !schema.nullable,
            schema.types.isEmpty || schema.types == [.object], schema.format == nil, !schema.hasConstraints
        else { return nil }
        var target: SchemaRef?
        for member in schema.allOf {
            if case .reference = member {
                guard target == nil else { return nil }
                target = member
            } else if case .value(let annotation) = member, !annotation.onlyAnnotates {
                return nil
            }
        }
        guard let target, let resolved = resolver.schema(target), resolved.discriminator == nil else { return nil }
        return target
    }

    /// The description a looked-through component gives its uses: its own, else its first annotating `allOf`
    /// member's.
    func lookedThroughDescription(_ schema: Schema) -> String? {
        if let text = schema.description { return text }
        for case .value(let member) in schema.allOf { if let text = member.description { return text } }
        return nil
    }

    enum Shape {
        case named
        case inline(IRTypeRef)
        case array(SchemaRef?)
        case dictionary(SchemaRef?)
    }

    /// How a schema is typed.
    func shape(of schema: Schema) -> Shape {
        if let values = schema.enumValues {
            let nonNull = values.filter { $0.value != .null }
            if schema.type == .boolean || nonNull.allSatisfy({ if case .bool = $0.value { true } else { false } }) {
                return nonNull.isEmpty && schema.type == nil ? .inline(.any) : .inline(.scalar(.boolean))
            }
            return .named
        }
        if !schema.oneOf.isEmpty || !schema.anyOf.isEmpty || !schema.allOf.isEmpty { return .named }
        if schema.discriminator != nil { return .named }
        if !schema.properties.isEmpty { return .named }
        if schema.types.count > 1 { return .inline(.any) }
        switch schema.type {
        case .array: return .array(schema.items)
        case .object, nil:
            if schema.type == nil, schema.items != nil { return .array(schema.items) }
            switch schema.additionalProperties {
            case .schema(let values): return .dictionary(values)
            case .bool(false): return schema.type == .object ? .dictionary(nil) : .inline(.any)
            case .bool(true), nil: return schema.type == .object ? .dictionary(nil) : .inline(.any)
            }
        case .string, .integer, .number, .boolean:
            return .inline(.scalar(Self.scalar(schema)))
        case .null:
            return .inline(.any)
        }
    }

    static func scalar(_ schema: Schema) -> IRScalar {
        let format = schema.format?.lowercased()
        switch schema.type {
        case .integer:
            switch format {
            case "int32": return .int32
            case "int64": return .int64
            default: return .integer
            }
        case .number:
            switch format {
            case "float": return .float
            case "double": return .double
            case "int32": return .int32
            case "int64": return .int64
            default: return .number
            }
        case .boolean: return .boolean
        default:
            switch format {
            case "date": return .date
            case "date-time": return .dateTime
            case "uuid": return .uuid
            case "uri", "url": return .uri
            case "email": return .email
            case "byte": return .byte
            case "binary": return .binary
            default: return .string
            }
        }
    }

    // MARK: Named types

    func buildType(name: String, schema: Schema, schemaName: String?) -> IRType {
        checkSchema(schema)
        let kind: IRTypeKind
        if let values = schema.enumValues {
            kind = .enumeration(enumeration(schema, values: values))
        } else if !schema.oneOf.isEmpty || !schema.anyOf.isEmpty {
            kind = .union(union(schema, owner: name))
        } else if let discriminator = schema.discriminator,
            let union = inheritanceUnion(schema, discriminator, owner: name)
        {
            kind = .union(union)
        } else if !schema.properties.isEmpty || !schema.allOf.isEmpty || schema.type == .object
            || schema.discriminator != nil
        {
            kind = .object(object(schema, owner: name))
        } else {
            switch shape(of: schema) {
            case .inline(let ref): kind = .alias(ref)
            case .array(let items):
                kind = .alias(.array(items.map { typeRef($0, suggestedName: name + "Item") } ?? .any))
            case .dictionary(let values):
                kind = .alias(.dictionary(values.map { typeRef($0, suggestedName: name + "Value") } ?? .any))
            case .named: kind = .object(object(schema, owner: name))
            }
        }
        return IRType(
            name: name, schemaName: schemaName, description: schema.description ?? schema.title,
            deprecated: schema.deprecated, kind: kind, source: source(schema.node))
    }
}

extension Schema {
    /// A keyword that bounds values (`minimum`, `maxLength`, `pattern`, `minItems`, `uniqueItems`…).
    var hasConstraints: Bool {
        minimum != nil || maximum != nil || exclusiveMinimum != nil || exclusiveMaximum != nil || minLength != nil
            || maxLength != nil || pattern != nil || minItems != nil || maxItems != nil || uniqueItems
    }

    /// Only annotations: no type, no constraint, nothing required (`description`, `title`, `example`, `readOnly`,
    /// `deprecated`, `x-` extensions).
    var onlyAnnotates: Bool { givesNoType && required.isEmpty && !hasConstraints && defaultValue == nil }

    /// No keyword of the schema constrains the type of a value: it only annotates (`description`, `example`,
    /// `readOnly`…).
    var givesNoType: Bool {
        types.isEmpty && !nullable && format == nil && enumValues == nil && const == nil && properties.isEmpty
            && items == nil && additionalProperties == nil && allOf.isEmpty && oneOf.isEmpty && anyOf.isEmpty
            && not == nil && discriminator == nil
    }
}
