import OktaGenDiagnostics
import OktaGenOpenAPI

extension IRBuilder {
    // MARK: Type references

    /// The type of a schema use. Named schemas and inline objects, enums and unions become named types (queued for
    /// building); scalars, arrays and dictionaries stay inline.
    func typeRef(_ ref: SchemaRef, suggestedName: String) -> IRTypeRef {
        switch ref {
        case .reference(let reference):
            guard let node = resolver.resolve(reference), let schema = resolver.schema(at: node) else { return .any }
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
            guard let names = rootComponents[node.index] else { return nil }
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
            node.document === resolver.document.source, let base = componentTypeNames[ScalarKey(tokens[2])]
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

    // MARK: Objects

    struct FlatProperty {
        var name: String
        var schema: SchemaRef
        var nameNode: SpecNode
    }

    /// A schema's properties with its `allOf` parts flattened in (see ``flatten(_:)``).
    struct Flat {
        var properties: [FlatProperty] = []
        var required: [(name: String, node: SpecNode)] = []
        var additional: Schema.AdditionalProperties?
    }

    /// A ``Flat`` being assembled: properties by name, so that a later definition replaces an earlier one in place.
    /// Past a few properties the positions are kept in a hash table (a scan per property made a schema with 50,000
    /// properties take seconds).
    struct FlatAccumulator {
        var flat = Flat()
        private var positions: [ScalarKey: Int]?

        mutating func add(_ property: FlatProperty) {
            if positions == nil {
                if let index = flat.properties.firstIndex(where: { $0.name.hasSameScalars(as: property.name) }) {
                    flat.properties[index] = Self.redeclared(flat.properties[index], by: property)
                    return
                }
                flat.properties.append(property)
                if flat.properties.count > 16 {
                    var table: [ScalarKey: Int] = [:]
                    table.reserveCapacity(flat.properties.count * 2)
                    for (index, existing) in flat.properties.enumerated() { table[ScalarKey(existing.name)] = index }
                    positions = table
                }
                return
            }
            if let index = positions![ScalarKey(property.name)] {
                flat.properties[index] = Self.redeclared(flat.properties[index], by: property)
            } else {
                positions![ScalarKey(property.name)] = flat.properties.count
                flat.properties.append(property)
            }
        }

        /// What a later definition of a property makes of an earlier one: it replaces it, unless it only annotates
        /// (an inline schema with no keyword that gives a type: Okta's `UserFactor*` subtypes redeclare
        /// `factorType` with an `example` alone). Such a redeclaration keeps the earlier definition whole, so the
        /// property keeps its type instead of becoming any JSON.
        static func redeclared(_ earlier: FlatProperty, by later: FlatProperty) -> FlatProperty {
            guard case .value(let schema) = later.schema, schema.givesNoType else { return later }
            return earlier
        }

        mutating func merge(_ part: Flat) {
            for property in part.properties { add(property) }
            flat.required += part.required
            if let additional = part.additional { flat.additional = additional }
        }
    }

    /// Properties of a schema with its `allOf` parts flattened in (parts first, own properties last; a later
    /// definition of the same name replaces an earlier one in place), `required` unioned.
    ///
    /// Each schema is flattened once (``flatCache``): in an allOf chain every link is a type whose flattening
    /// includes the whole rest of the chain, which redone per type made a chain of 4,000 links take a minute. The
    /// walk down the parts keeps its own stack, so a chain of 100,000 links does not overflow the thread's stack. A
    /// part that is being flattened further up the same walk is an `allOf` that includes itself: an error, reported
    /// once where the loop closes, and the part adds nothing there.
    func flatten(_ schema: Schema) -> Flat {
        if let known = flatCache[NodeKey(schema.node)] { return known }
        struct Frame {
            let schema: Schema
            var nextPart = 0
            var accumulator = FlatAccumulator()
        }
        var onStack: Set<NodeKey> = [NodeKey(schema.node)]
        var stack = [Frame(schema: schema)]
        var finished = Flat()
        while !stack.isEmpty {
            let top = stack.count - 1
            let current = stack[top].schema
            if stack[top].nextPart < current.allOf.count {
                let part = current.allOf[stack[top].nextPart]
                stack[top].nextPart += 1
                guard let partSchema = resolver.schema(part) else { continue }
                let key = NodeKey(partSchema.node)
                if let known = flatCache[key] {
                    stack[top].accumulator.merge(known)
                } else if onStack.contains(key) {
                    error("allOf of \(describe(partSchema.node)) includes itself", at: partSchema.node)
                } else {
                    onStack.insert(key)
                    stack.append(Frame(schema: partSchema))
                }
                continue
            }
            var frame = stack.removeLast()
            for property in current.properties {
                frame.accumulator.add(
                    FlatProperty(name: property.name, schema: property.schema, nameNode: property.nameNode))
            }
            frame.accumulator.flat.required += current.required
            if let own = current.additionalProperties { frame.accumulator.flat.additional = own }
            let key = NodeKey(current.node)
            onStack.remove(key)
            flatCache[key] = frame.accumulator.flat
            if stack.isEmpty {
                finished = frame.accumulator.flat
            } else {
                stack[stack.count - 1].accumulator.merge(frame.accumulator.flat)
            }
        }
        return finished
    }

    func object(_ schema: Schema, owner: String) -> IRObject {
        let flat = flatten(schema)
        let requiredNames = Set(flat.required.map { ScalarKey($0.name) })
        if !flat.required.isEmpty {
            let defined = Set(flat.properties.map { ScalarKey($0.name) })
            var reported: Set<ScalarKey> = []
            for entry in flat.required where !defined.contains(ScalarKey(entry.name)) {
                guard reported.insert(ScalarKey(entry.name)).inserted else { continue }
                warning(
                    "'required' lists '\(entry.name)', but \(describe(schema.node)) defines no such property; it is"
                        + " ignored", at: entry.node)
            }
        }
        if flat.properties.contains(where: { !$0.name.isASCIIText }) {
            reportEquivalentNames(
                flat.properties.map { ($0.name, $0.nameNode) }, what: "properties",
                owner: "of " + describe(schema.node), reason: "JSON decoding")
        }
        var scope = NameScope(reserved: ["additionalProperties"], lowercaseMembers: true)
        let swiftNames = scope.members(flat.properties.map(\.name))
        let properties = zip(flat.properties, swiftNames).map { property, swiftName in
            let required = requiredNames.contains(ScalarKey(property.name))
            return self.property(property, owner: owner, required: required, swiftName: swiftName)
        }
        var additional: IRTypeRef?
        switch flat.additional {
        case .bool(true): additional = .any
        case .schema(let ref): additional = typeRef(ref, suggestedName: owner + "Value")
        case .bool(false):
            additional = nil
            closedObjects.insert(owner)
        case nil: additional = nil
        }
        return IRObject(properties: properties, additionalProperties: additional)
    }

    func property(_ property: FlatProperty, owner: String, required: Bool, swiftName: String) -> IRProperty {
        let traits = traits(of: property.schema)
        let type = typeRef(property.schema, suggestedName: owner + SwiftNames.upperCamel(property.name))
        return IRProperty(
            name: property.name, swiftName: swiftName, type: type, required: required,
            nullable: traits.nullable, readOnly: traits.readOnly, writeOnly: traits.writeOnly,
            deprecated: traits.deprecated, recursive: false, description: traits.description,
            defaultValue: traits.defaultValue, source: source(property.nameNode))
    }

    struct Traits {
        var nullable = false
        var readOnly = false
        var writeOnly = false
        var deprecated = false
        var description: String?
        var defaultValue: SpecValue?
    }

    /// Nullability, access and documentation of a use: the inline schema's own, then what transparent wrappers
    /// and the referenced schema add.
    func traits(of ref: SchemaRef) -> Traits {
        var traits = Traits()
        var current: SchemaRef? = ref
        var depth = 0
        var isFirst = true
        while let step = current, depth < 8 {
            depth += 1
            if case .reference(let reference) = step, isFirst, let text = reference.description {
                traits.description = text
            }
            guard let schema = resolver.schema(step) else { break }
            traits.nullable = traits.nullable || schema.nullable
            traits.readOnly = traits.readOnly || schema.readOnly
            traits.writeOnly = traits.writeOnly || schema.writeOnly
            if isFirst || step.reference == nil {
                traits.deprecated = traits.deprecated || schema.deprecated
            }
            if traits.description == nil, step.reference == nil { traits.description = schema.description }
            if traits.defaultValue == nil { traits.defaultValue = schema.defaultValue }
            if schema.enumValues?.contains(where: { $0.value == .null }) == true { traits.nullable = true }
            isFirst = false
            current = transparentTarget(schema)
        }
        return traits
    }

    // MARK: Enums

    /// An enum's raw type and cases. `type: integer` (or no type and only integers) gives `Int` raw values and
    /// `type: number` (or no type, only numbers, some not integers) `Double` ones: their values are written into the
    /// generated code as number literals, so a value that is not a number of that type (`"1; evil()"`, `2.5` for an
    /// integer, `true`, `.inf`) is an error at its location, never text pasted as code.
    func enumeration(_ schema: Schema, values: [(value: SpecValue, node: SpecNode)]) -> IREnum {
        var scope = NameScope(reserved: ReservedNames.enumCaseNames)
        let isInteger =
            schema.type == .integer
            || (schema.type == nil && values.allSatisfy { if case .int = $0.value { true } else { $0.value == .null } })
        let isNumber =
            !isInteger
            && (schema.type == .number
                || (schema.type == nil
                    && values.allSatisfy {
                        switch $0.value {
                        case .int, .double, .null: true
                        default: false
                        }
                    }))
        var raws: [(raw: String, name: String)] = []
        for (value, node) in values {
            switch value {
            case .null: continue
            case .array, .object:
                warning("enum value \(value) of \(describe(schema.node)) is not a scalar; it is ignored", at: node)
                continue
            default: break
            }
            if isInteger {
                switch value {
                case .int(let number):
                    raws.append(
                        (String(number), number < 0 ? "valueMinus" + String(number).dropFirst() : "value\(number)"))
                case .double(let number) where number.rounded() == number && abs(number) < 0x1p62:
                    let integer = Int(number)
                    raws.append(
                        (String(integer), integer < 0 ? "valueMinus" + String(integer).dropFirst() : "value\(integer)"))
                default:
                    error(
                        "enum value \(value) of \(describe(schema.node)) is not an integer, but the enum's type is integer",
                        at: node)
                }
                continue
            }
            if isNumber {
                switch value {
                case .int(let number): raws.append((String(number), String(number)))
                case .double(let number) where number.isFinite: raws.append((String(number), String(number)))
                default:
                    error(
                        "enum value \(value) of \(describe(schema.node)) is not a finite number, but the enum's type is number",
                        at: node)
                }
                continue
            }
            switch value {
            case .string(let text): raws.append((text, text))
            case .int(let number): raws.append((String(number), String(number)))
            case .double(let number): raws.append((String(number), String(number)))
            case .bool(let flag): raws.append((flag ? "true" : "false", flag ? "true" : "false"))
            case .null, .array, .object: break
            }
        }
        let names = scope.members(raws.map(\.name))
        return IREnum(
            rawType: isInteger ? .integer : (isNumber ? .number : .string),
            cases: zip(raws, names).map { IREnumCase(rawValue: $0.raw, swiftName: $1) })
    }

    // MARK: Unions

    func union(_ schema: Schema, owner: String) -> IRUnion {
        let style = schema.oneOf.isEmpty ? "anyOf" : "oneOf"
        let members = schema.oneOf.isEmpty ? schema.anyOf : schema.oneOf
        var scope = NameScope(reserved: ["unknown"])
        var variants: [IRVariant] = []
        for (position, member) in members.enumerated() {
            // An inline member's `title` names its type and its case (`UserFactorVerifyRequestSms`, `.sms`);
            // without one, the position does (`…Option1`). The naming layer keeps both unique.
            var title: String?
            if case .value(let schema) = member { title = resolver.schemaTitle(of: schema.node) }
            let type = typeRef(
                member, suggestedName: owner + (title.map(SwiftNames.upperCamel) ?? "Option\(position + 1)"))
            var values: [String] = []
            if let discriminator = schema.discriminator, let target = targetNode(member) {
                values = discriminator.mapping.compactMap { entry in
                    guard let mapped = resolver.discriminatorTarget(entry.ref, node: entry.node, in: schema),
                        NodeKey(mapped.node) == NodeKey(target)
                    else { return nil }
                    return entry.value
                }
                if values.isEmpty, let name = componentName(of: target)?.schemaName { values = [name] }
            }
            variants.append(
                IRVariant(
                    swiftName: scope.member(title ?? variantName(type, position: position)), type: type,
                    discriminatorValues: values))
        }
        var common: [IRProperty] = []
        if !schema.properties.isEmpty {
            common = object(schema, owner: owner).properties
        }
        return IRUnion(
            style: style, discriminator: schema.discriminator?.propertyName, variants: variants,
            commonProperties: common)
    }

    /// Okta's inheritance style: a base schema whose discriminator mapping (or whose `allOf` subtypes) name the
    /// concrete types. Returns `nil` when no subtype is found (the schema is then a plain object).
    func inheritanceUnion(_ schema: Schema, _ discriminator: Discriminator, owner: String) -> IRUnion? {
        var targets: [(value: String, ref: SchemaRef)] = []
        for entry in discriminator.mapping {
            let refText =
                entry.ref.contains("#") || entry.ref.contains("/") ? entry.ref : "#/components/schemas/\(entry.ref)"
            targets.append((entry.value, .reference(Reference(ref: refText, node: entry.node, description: nil))))
        }
        if targets.isEmpty {
            // No mapping: the subtypes are the component schemas whose allOf references this one.
            guard let name = componentName(of: schema.node)?.schemaName else { return nil }
            let refText = "#/components/schemas/\(name)"
            for entry in resolver.componentsExtending(refText) {
                targets.append(
                    (
                        entry.name,
                        .reference(
                            Reference(ref: "#/components/schemas/\(entry.name)", node: entry.node, description: nil))
                    ))
            }
        }
        var scope = NameScope(reserved: ["unknown"])
        var variants: [IRVariant] = []
        for (position, target) in targets.enumerated() {
            guard let node = targetNode(target.ref), NodeKey(node) != NodeKey(schema.node) else { continue }
            let type = typeRef(target.ref, suggestedName: owner + SwiftNames.upperCamel(target.value))
            if let index = variants.firstIndex(where: { $0.type == type }) {
                variants[index].discriminatorValues.append(target.value)
                continue
            }
            variants.append(
                IRVariant(
                    swiftName: scope.member(variantName(type, position: position)), type: type,
                    discriminatorValues: [target.value]))
        }
        guard !variants.isEmpty else { return nil }
        return IRUnion(
            style: "discriminator", discriminator: discriminator.propertyName, variants: variants,
            commonProperties: object(schema, owner: owner).properties)
    }

    /// The object variants of unions without a discriminator keep the members they do not declare (as
    /// `additionalProperties`, any JSON), unless their schema says `additionalProperties: false`.
    ///
    /// Such a union is decoded by trying its variants, so a value usually carries members of another variant (or
    /// members no variant names); kept by the variant that decoded it, they are sent back unchanged: decode then
    /// encode loses nothing. OpenAPI allows undeclared members unless `additionalProperties` is `false`.
    func openUnionVariants() {
        var open: Set<String> = []
        for type in types.values {
            guard case .union(let union) = type.kind, union.discriminator == nil else { continue }
            for variant in union.variants {
                guard let name = variant.type.namedType, !closedObjects.contains(name) else { continue }
                open.insert(name)
            }
        }
        for name in open {
            guard var type = types[name], case .object(var object) = type.kind, object.additionalProperties == nil
            else { continue }
            object.additionalProperties = .any
            type.kind = .object(object)
            types[name] = type
        }
    }

    func targetNode(_ ref: SchemaRef) -> SpecNode? {
        switch ref {
        case .value(let schema): return schema.node
        case .reference(let reference): return resolver.resolve(reference)
        }
    }

    func variantName(_ type: IRTypeRef, position: Int) -> String {
        switch type {
        case .named(let name): return name
        case .scalar(let scalar): return scalar.rawValue
        case .array(let element): return variantName(element, position: position) + "List"
        case .dictionary(let element): return variantName(element, position: position) + "Map"
        case .any: return "value\(position + 1)"
        }
    }

    func describe(_ node: SpecNode) -> String {
        let tokens = node.pointerTokens
        if tokens.count == 3, tokens[0] == "components", tokens[1] == "schemas" { return "schema '\(tokens[2])'" }
        return "the schema at \(node.pointer)"
    }

    // MARK: Recursion

    /// Marks properties whose type contains the owner by value (through required or optional struct properties,
    /// not through arrays or dictionaries, which already store indirectly).
    func markRecursiveProperties() {
        // Types are numbered in name order; edges go from an object or union to the named types of its properties
        // (and a union's variants).
        let names = types.keys.sorted()
        var number: [String: Int] = [:]
        number.reserveCapacity(names.count)
        for (index, name) in names.enumerated() { number[name] = index }
        var edges = [[Int]](repeating: [], count: names.count)
        for (index, name) in names.enumerated() {
            switch types[name]?.kind {
            case .object(let object)?:
                edges[index] = object.properties.compactMap { $0.type.namedType.flatMap { number[$0] } }
            case .union(let union)?:
                edges[index] =
                    union.variants.compactMap { $0.type.namedType.flatMap { number[$0] } }
                    + union.commonProperties.compactMap { $0.type.namedType.flatMap { number[$0] } }
            default:
                continue
            }
        }
        let component = stronglyConnected(edges)
        var size = [Int](repeating: 0, count: names.count)
        for member in component { size[member] += 1 }
        func closesCycle(_ owner: Int, _ target: String) -> Bool {
            guard let target = number[target], component[owner] == component[target] else { return false }
            return size[component[owner]] > 1 || owner == target
        }
        func marked(_ properties: [IRProperty], owner: Int) -> [IRProperty]? {
            guard properties.contains(where: { $0.type.namedType.map { closesCycle(owner, $0) } ?? false }) else {
                return nil
            }
            var properties = properties
            for index in properties.indices {
                if let target = properties[index].type.namedType, closesCycle(owner, target) {
                    properties[index].recursive = true
                }
            }
            return properties
        }
        for (index, name) in names.enumerated() {
            guard var type = types[name] else { continue }
            switch type.kind {
            case .object(var object):
                guard let properties = marked(object.properties, owner: index) else { continue }
                object.properties = properties
                type.kind = .object(object)
            case .union(var union):
                guard let properties = marked(union.commonProperties, owner: index) else { continue }
                union.commonProperties = properties
                type.kind = .union(union)
            default: continue
            }
            types[name] = type
        }
    }

    /// Tarjan's algorithm, iterative, over numbered nodes: the strongly connected component of each node (an
    /// arbitrary but fixed number per component).
    func stronglyConnected(_ edges: [[Int]]) -> [Int] {
        let count = edges.count
        var next = 0
        var indices = [Int](repeating: -1, count: count)
        var lowlink = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var stack: [Int] = []
        var component = [Int](repeating: -1, count: count)
        var components = 0
        for root in 0..<count where indices[root] < 0 {
            var work: [(node: Int, next: Int)] = [(root, 0)]
            indices[root] = next
            lowlink[root] = next
            next += 1
            stack.append(root)
            onStack[root] = true
            while let (node, position) = work.last {
                let targets = edges[node]
                if position < targets.count {
                    work[work.count - 1].next += 1
                    let target = targets[position]
                    if indices[target] < 0 {
                        indices[target] = next
                        lowlink[target] = next
                        next += 1
                        stack.append(target)
                        onStack[target] = true
                        work.append((target, 0))
                    } else if onStack[target] {
                        lowlink[node] = min(lowlink[node], indices[target])
                    }
                } else {
                    work.removeLast()
                    if let parent = work.last {
                        lowlink[parent.node] = min(lowlink[parent.node], lowlink[node])
                    }
                    if lowlink[node] == indices[node] {
                        while let member = stack.popLast() {
                            onStack[member] = false
                            component[member] = components
                            if member == node { break }
                        }
                        components += 1
                    }
                }
            }
        }
        return component
    }
}

extension Schema {
    /// No keyword of the schema constrains the type of a value: it only annotates (`description`, `example`,
    /// `readOnly`…).
    var givesNoType: Bool {
        types.isEmpty && !nullable && format == nil && enumValues == nil && const == nil && properties.isEmpty
            && items == nil && additionalProperties == nil && allOf.isEmpty && oneOf.isEmpty && anyOf.isEmpty
            && not == nil && discriminator == nil
    }
}
