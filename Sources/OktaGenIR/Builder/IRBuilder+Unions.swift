import OktaGenDiagnostics
import OktaGenOpenAPI

extension IRBuilder {
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
            let suggested = owner + (title.map(SwiftNames.upperCamel) ?? "Option\(position + 1)")
            // A discriminated member is a subtype even when it adds only its discriminator value.
            let type =
                schema.discriminator == nil
                ? typeRef(member, suggestedName: suggested)
                : typeRef(member, suggestedName: suggested, lookThrough: false)
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
            let type = typeRef(
                target.ref, suggestedName: owner + SwiftNames.upperCamel(target.value), lookThrough: false)
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
