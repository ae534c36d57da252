import OktaGenDiagnostics
import OktaGenOpenAPI

extension IRBuilder {
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
        let swiftNames = scope.members(flat.properties.map(\.name)) { index in
            // Asked only of names that need a suffix (`self`): whether the value is a link, an object with `href`.
            guard let target = resolver.schema(flat.properties[index].schema) else { return false }
            return flatten(target).properties.contains { $0.name == "href" }
        }
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
            defaultValue: traits.defaultValue, source: source(property.nameNode),
            constraints: constraints(of: property.schema))
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
            // A component that adds no type of its own (`lookThrough`) documents its uses, as an inline schema does.
            var lookedThrough: LookThrough?
            if step.reference != nil, let node = resolver.resolve(step.reference!) {
                lookedThrough = lookThrough(schema, node: node)
            }
            let annotations: [Schema] =
                lookedThrough == nil ? [] : schema.allOf.compactMap { if case .value(let v) = $0 { v } else { nil } }
            traits.nullable = traits.nullable || schema.nullable
            traits.readOnly = traits.readOnly || schema.readOnly || annotations.contains(where: \.readOnly)
            traits.writeOnly = traits.writeOnly || schema.writeOnly || annotations.contains(where: \.writeOnly)
            if isFirst || step.reference == nil || lookedThrough != nil {
                traits.deprecated = traits.deprecated || schema.deprecated || annotations.contains(where: \.deprecated)
            }
            if traits.description == nil, step.reference == nil {
                traits.description = schema.description
            } else if traits.description == nil, lookedThrough != nil {
                traits.description = lookedThroughDescription(schema)
            }
            if traits.defaultValue == nil { traits.defaultValue = schema.defaultValue }
            if schema.enumValues?.contains(where: { $0.value == .null }) == true { traits.nullable = true }
            isFirst = false
            if case .same(let target)? = lookedThrough {
                current = target
            } else {
                current = transparentTarget(schema)
            }
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
}
