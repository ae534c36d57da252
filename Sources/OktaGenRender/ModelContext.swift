import OktaGenDiagnostics
import OktaGenIR

/// The template context of one model type. Every key is documented in templates/README.md.
struct ModelContextBuilder {
    let model: IRModel
    let index: ModelIndex
    let access: String

    func context(for type: IRType) -> TemplateObject {
        var context: TemplateObject = [
            "name": .string(type.name),
            "schemaName": .string(type.schemaName ?? ""),
            "docLines": .strings(typeDoc(type)),
            "deprecated": .bool(type.deprecated),
            "access": .string(access),
            "isObject": false, "isEnum": false, "isUnion": false, "isAlias": false,
        ]
        switch type.kind {
        case .object(let object):
            context["isObject"] = true
            context["object"] = .object(objectContext(object, owner: type.name))
        case .enumeration(let enumeration):
            context["isEnum"] = true
            context["enum"] = .object(enumContext(enumeration))
        case .union(let union):
            context["isUnion"] = true
            context["union"] = .object(unionContext(union, owner: type.name))
        case .alias(let target):
            context["isAlias"] = true
            context["alias"] = .object(["target": .string(SwiftTypes.spell(target))])
        }
        return context
    }

    func typeDoc(_ type: IRType) -> [String] {
        var lines = DocComments.lines(type.description)
        if lines.isEmpty, let schema = type.schemaName { lines = ["/// The `\(schema)` schema."] }
        return lines
    }

    // MARK: Objects

    func objectContext(_ object: IRObject, owner: String) -> TemplateObject {
        let storageNames = Self.storageNames(object.properties)
        let properties = zip(object.properties, storageNames).map { propertyContext($0, storageName: $1) }
        var knownKeys = object.properties.map { $0.name.swiftLiteral }.joined(separator: ", ")
        if knownKeys.isEmpty { knownKeys = "" }
        let additional = object.additionalProperties.map(SwiftTypes.spell)
        var initParameters = properties.map { $0.string("initParameter") ?? "" }
        if let additional { initParameters.append("additionalProperties: [String: \(additional)] = [:]") }
        return [
            "properties": .objects(properties),
            "hasProperties": .bool(!properties.isEmpty),
            "hasAdditionalProperties": .bool(additional != nil),
            "additionalPropertiesType": .string(additional ?? ""),
            "knownKeysLiteral": .string("[" + knownKeys + "]"),
            "initParameters": .strings(Self.commaLines(initParameters)),
            "hasInitParameters": .bool(!initParameters.isEmpty),
        ]
    }

    /// Lines of a list, each but the last with a trailing comma.
    static func commaLines(_ items: [String]) -> [String] {
        items.enumerated().map { $0.offset == items.count - 1 ? $0.element : $0.element + "," }
    }

    /// The names of the indirect storage of recursive properties: `_` and the property's name (`_parent`), with
    /// more `_` in front while another property has that name (a property `_parent` beside a recursive `parent`).
    static func storageNames(_ properties: [IRProperty]) -> [String] {
        let bare = properties.map { SwiftNamesBridge.stripTicks($0.swiftName) }
        guard properties.contains(where: \.recursive) else { return bare.map { "_" + $0 } }
        let taken = Set(bare)
        return bare.map { name in
            var storage = "_" + name
            while taken.contains(storage) { storage = "_" + storage }
            return storage
        }
    }

    func propertyContext(_ property: IRProperty, storageName: String) -> TemplateObject {
        let base = SwiftTypes.spell(property.type)
        let name = property.swiftName
        let bare = name.hasPrefix("`") ? String(name.dropFirst().dropLast()) : name
        // readOnly and writeOnly properties are optional: a request need not send what the server fills in, and a
        // response does not carry what only requests send.
        let optional = !property.required || property.readOnly || property.writeOnly
        let triState = property.nullable && optional
        let declaredType: String
        let decode: String
        let encode: String
        let defaultValue: String?
        // The key is an `OktaCodingKey` written as a string literal; each kind of property has a container method of
        // its own (see KeyedContainers+Okta.swift in the runtime).
        let key = property.name.swiftLiteral
        if triState {
            declaredType = "OktaNullable<\(base)>"
            decode = "try container.oktaDecodeNullable(\(base).self, \(key))"
            encode = "try container.oktaEncodeNullable(self.\(name), \(key))"
            defaultValue = ".absent"
        } else if optional {
            declaredType = base + "?"
            decode = "try container.oktaDecodeIfPresent(\(base).self, \(key))"
            encode = "try container.oktaEncodeIfPresent(self.\(name), \(key))"
            defaultValue = "nil"
        } else if property.nullable {
            declaredType = base + "?"
            decode = "try container.oktaDecode(\(base)?.self, \(key))"
            encode = "try container.oktaEncode(self.\(name), \(key))"
            defaultValue = nil
        } else {
            declaredType = base
            decode = "try container.oktaDecode(\(base).self, \(key))"
            encode = "try container.oktaEncode(self.\(name), \(key))"
            defaultValue = nil
        }
        let storageType: String
        let assignFromValue: String
        let readStorage: String
        if property.recursive {
            // Indirect storage breaks the infinite size of a struct that contains itself.
            if triState {
                storageType = "OktaNullable<OktaBox<\(base)>>"
                assignFromValue = "\(storageName) = newValue.map { OktaBox($0) }"
                readStorage = "\(storageName).map(\\.value)"
            } else if optional || property.nullable {
                storageType = "OktaBox<\(base)>?"
                assignFromValue = "\(storageName) = newValue.map { OktaBox($0) }"
                readStorage = "\(storageName)?.value"
            } else {
                storageType = "OktaBox<\(base)>"
                assignFromValue = "\(storageName) = OktaBox(newValue)"
                readStorage = "\(storageName).value"
            }
        } else {
            storageType = declaredType
            assignFromValue = "self.\(name) = newValue"
            readStorage = "self.\(name)"
        }
        var docLines = DocComments.lines(property.description)
        if property.readOnly {
            if !docLines.isEmpty { docLines.append("///") }
            docLines.append("/// Read-only: set by the server; requests need not send it.")
        }
        return [
            "jsonKey": .string(property.name),
            "swiftName": .string(name),
            "bareName": .string(bare),
            "type": .string(declaredType),
            "docLines": .strings(docLines),
            "deprecated": .bool(property.deprecated),
            "isRecursive": .bool(property.recursive),
            "storageName": .string(storageName),
            "storageType": .string(storageType),
            "readStorage": .string(readStorage),
            "assignFromNewValue": .string(assignFromValue),
            "initParameter": .string("\(name): \(declaredType)" + (defaultValue.map { " = \($0)" } ?? "")),
            "initAssignment": .string(property.recursive
                ? "self.\(storageName) = " + boxExpression(name, triState: triState, optional: optional || property.nullable)
                : "self.\(name) = \(name)"),
            "decodeAssignment": .string(property.recursive
                ? "self.\(storageName) = " + boxExpression("(\(decode))", triState: triState, optional: optional || property.nullable)
                : "self.\(name) = \(decode)"),
            "encodeStatement": .string(encode),
        ]
    }

    func boxExpression(_ value: String, triState: Bool, optional: Bool) -> String {
        if triState { return "\(value).map { OktaBox($0) }" }
        if optional { return "\(value).map { OktaBox($0) }" }
        return "OktaBox(\(value))"
    }

    // MARK: Enums

    func enumContext(_ enumeration: IREnum) -> TemplateObject {
        let isInteger = enumeration.rawType == .integer
        let cases: [TemplateObject] = enumeration.cases.map { item in
            [
                "swiftName": .string(item.swiftName),
                "bareName": .string(item.swiftName.hasPrefix("`") ? String(item.swiftName.dropFirst().dropLast()) : item.swiftName),
                "rawValue": .string(item.rawValue),
                "rawLiteral": .string(isInteger ? item.rawValue : item.rawValue.swiftLiteral),
            ]
        }
        return [
            "rawType": isInteger ? "Int" : "String",
            "cases": .objects(cases),
            "hasCases": .bool(!cases.isEmpty),
            "allCasesLiteral": .string("[" + enumeration.cases.map { "." + $0.swiftName }.joined(separator: ", ") + "]"),
        ]
    }

    // MARK: Unions

    func unionContext(_ union: IRUnion, owner: String) -> TemplateObject {
        let variants: [TemplateObject] = union.variants.map { variant in
            let type = SwiftTypes.spell(variant.type)
            let bare = variant.swiftName.hasPrefix("`") ? String(variant.swiftName.dropFirst().dropLast()) : variant.swiftName
            return [
                "swiftName": .string(variant.swiftName),
                "bareName": .string(bare),
                "type": .string(type),
                "discriminatorValues": .strings(variant.discriminatorValues),
                "discriminatorCaseLabel": .string(variant.discriminatorValues.map(\.swiftLiteral).joined(separator: ", ")),
                "hasDiscriminatorValues": .bool(!variant.discriminatorValues.isEmpty),
                "decodeExpression": "decoder.singleValueContainer().decode(\(type).self)",
            ]
        }
        let byDiscriminator = union.discriminator != nil && variants.allSatisfy { $0.bool("hasDiscriminatorValues") == true }
        let common: [TemplateObject] = union.style == "discriminator" ? union.commonProperties.compactMap { property -> TemplateObject? in
            let base = SwiftTypes.spell(property.type)
            let cases: [String] = union.variants.compactMap { variant in
                guard case .named(let name) = variant.type, case .object(let object)? = index.types[name]?.kind,
                    let member = object.properties.first(where: { $0.name.hasSameScalars(as: property.name) }),
                    member.type == property.type
                else { return nil }
                let optional = !member.required || member.readOnly || member.writeOnly || member.nullable
                let access: String
                if optional {
                    access = member.nullable && (!member.required || member.readOnly || member.writeOnly)
                        ? "value.\(member.swiftName).value" : "value.\(member.swiftName)"
                } else {
                    access = "value.\(member.swiftName)"
                }
                return "case .\(variant.swiftName)(let value): \(access)"
            }
            guard cases.count == union.variants.count else { return nil }
            return [
                "swiftName": .string(property.swiftName),
                "type": .string(base + "?"),
                "docLines": .strings(DocComments.lines(property.description)),
                "switchCases": .strings(cases + ["case .unknown: nil"]),
            ]
        } : []
        return [
            "style": .string(union.style),
            "variants": .objects(variants),
            "byDiscriminator": .bool(byDiscriminator),
            "discriminatorLiteral": .string(union.discriminator?.swiftLiteral ?? "\"\""),
            "commonProperties": .objects(common),
            "hasCommonProperties": .bool(!common.isEmpty),
        ]
    }
}
