import OktaGenIR

/// The changes of the types two models reach, matched by Swift name.
struct SchemaDiffer {
    let old: IRModel
    let new: IRModel

    func changes() -> [APIChange] {
        let oldTypes = Dictionary(old.types.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let newTypes = Dictionary(new.types.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let oldUsage = TypeUsage.of(old)
        let newUsage = TypeUsage.of(new)
        var changes: [APIChange] = []
        for name in Set(oldTypes.keys).union(newTypes.keys).sorted() {
            switch (oldTypes[name], newTypes[name]) {
            case (nil, let type?):
                changes.append(APIChange(.schemaAdded, breaking: false, schema: name, new: Self.kindName(type.kind)))
            case (let type?, nil):
                changes.append(APIChange(.schemaRemoved, breaking: true, schema: name, old: Self.kindName(type.kind)))
            case (let before?, let after?):
                let usage = (oldUsage[name] ?? []).union(newUsage[name] ?? [])
                changes += TypeDiffer(name: name, usage: usage).changes(before.kind, after.kind)
            case (nil, nil):
                break
            }
        }
        return changes
    }

    static func kindName(_ kind: IRTypeKind) -> String {
        switch kind {
        case .object: "object"
        case .enumeration: "enum"
        case .union: "union"
        case .alias: "alias"
        }
    }
}

/// The changes of one type present in both models.
struct TypeDiffer {
    let name: String
    /// How the type travels, in either version.
    let usage: TypeUsage

    func changes(_ before: IRTypeKind, _ after: IRTypeKind) -> [APIChange] {
        var changes: [APIChange] = []
        func add(
            _ kind: APIChange.Kind, _ breaking: Bool, element: String? = nil, old: String? = nil, new: String? = nil
        ) {
            changes.append(APIChange(kind, breaking: breaking, schema: name, element: element, old: old, new: new))
        }
        switch (before, after) {
        case (.object(let oldObject), .object(let newObject)):
            properties(oldObject.properties, newObject.properties, add: add)
            let oldExtra = oldObject.additionalProperties?.description ?? "none"
            let newExtra = newObject.additionalProperties?.description ?? "none"
            if oldExtra != newExtra {
                add(.additionalPropertiesChanged, oldObject.additionalProperties != nil, old: oldExtra, new: newExtra)
            }
        case (.enumeration(let oldEnum), .enumeration(let newEnum)):
            if oldEnum.rawType != newEnum.rawType {
                add(.enumRawTypeChanged, true, old: oldEnum.rawType.rawValue, new: newEnum.rawType.rawValue)
            }
            let oldValues = Set(oldEnum.cases.map(\.rawValue))
            let newValues = Set(newEnum.cases.map(\.rawValue))
            for value in newEnum.cases.map(\.rawValue) where !oldValues.contains(value) {
                add(.enumValueAdded, false, element: value)
            }
            for value in oldEnum.cases.map(\.rawValue) where !newValues.contains(value) {
                add(.enumValueRemoved, true, element: value)
            }
        case (.union(let oldUnion), .union(let newUnion)):
            if oldUnion.discriminator != newUnion.discriminator {
                add(
                    .unionDiscriminatorChanged, true, old: oldUnion.discriminator.map { "'\($0)'" } ?? "none",
                    new: newUnion.discriminator.map { "'\($0)'" } ?? "none")
            }
            let oldVariants = Dictionary(
                oldUnion.variants.map { ($0.swiftName, $0) }, uniquingKeysWith: { first, _ in first })
            let newVariants = Set(newUnion.variants.map(\.swiftName))
            for variant in newUnion.variants {
                guard let previous = oldVariants[variant.swiftName] else {
                    add(.unionVariantAdded, false, element: variant.swiftName)
                    continue
                }
                if previous.type != variant.type {
                    add(.unionVariantRemoved, true, element: variant.swiftName)
                    add(.unionVariantAdded, false, element: variant.swiftName)
                }
            }
            for variant in oldUnion.variants where !newVariants.contains(variant.swiftName) {
                add(.unionVariantRemoved, true, element: variant.swiftName)
            }
            properties(oldUnion.commonProperties, newUnion.commonProperties, add: add)
        case (.alias(let oldTarget), .alias(let newTarget)):
            if oldTarget != newTarget {
                add(.aliasTypeChanged, true, old: oldTarget.description, new: newTarget.description)
            }
        default:
            add(
                .schemaKindChanged, true, old: SchemaDiffer.kindName(before), new: SchemaDiffer.kindName(after))
        }
        return changes
    }

    typealias Add = (APIChange.Kind, Bool, String?, String?, String?) -> Void

    /// Properties matched by JSON name.
    private func properties(_ before: [IRProperty], _ after: [IRProperty], add: Add) {
        let oldByName = Dictionary(before.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let newNames = Set(after.map(\.name))
        for property in after {
            let sent = isSent(property)
            let received = isReceived(property)
            guard let previous = oldByName[property.name] else {
                add(.propertyAdded, property.required && sent, property.name, nil, Self.describe(property))
                continue
            }
            if previous.type != property.type {
                add(.propertyTypeChanged, true, property.name, previous.type.description, property.type.description)
            }
            if previous.required != property.required {
                add(
                    .propertyRequiredChanged, property.required ? sent : received, property.name,
                    previous.required ? "required" : "optional", property.required ? "required" : "optional")
            }
            if previous.nullable != property.nullable {
                add(
                    .propertyNullableChanged, property.nullable ? received : sent, property.name,
                    previous.nullable ? "nullable" : "not nullable", property.nullable ? "nullable" : "not nullable")
            }
        }
        for property in before where !newNames.contains(property.name) {
            add(.propertyRemoved, true, property.name, nil, nil)
        }
    }

    private func isSent(_ property: IRProperty) -> Bool { usage.contains(.request) && !property.readOnly }
    private func isReceived(_ property: IRProperty) -> Bool { usage.contains(.response) && !property.writeOnly }

    /// `required string`, `optional [User], nullable`.
    static func describe(_ property: IRProperty) -> String {
        (property.required ? "required " : "optional ") + property.type.description
            + (property.nullable ? ", nullable" : "")
    }
}
