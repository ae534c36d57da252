import OktaGenDiagnostics
import OktaGenIR

/// The template context of one model type. Every key is documented in templates/README.md.
struct ModelContextBuilder {
    let model: IRModel
    let index: ModelIndex
    let access: SwiftCode
    /// Doc comments, with links resolved against the spec's documentation site (found once: every property asks).
    let docs: DocComments

    init(model: IRModel, index: ModelIndex, access: SwiftCode) {
        self.model = model
        self.index = index
        self.access = access
        docs = DocComments(model: model)
    }

    func context(for type: IRType) -> TemplateObject {
        let name = SwiftIdentifier(type.name)
        var context: TemplateObject = [
            "name": .identifier(name),
            "schemaName": .comment(SwiftCommentText(type.schemaName ?? "")),
            "docLines": .lines(typeDoc(type)),
            "deprecated": .bool(type.deprecated),
            "access": .code(access),
            "isObject": false, "isEnum": false, "isUnion": false, "isAlias": false,
        ]
        switch type.kind {
        case .object(let object):
            context["isObject"] = true
            context["object"] = .object(objectContext(object))
        case .enumeration(let enumeration):
            context["isEnum"] = true
            context["enum"] = .object(enumContext(enumeration))
        case .union(let union):
            context["isUnion"] = true
            context["union"] = .object(unionContext(union))
        case .alias(let target):
            context["isAlias"] = true
            context["alias"] = .object(["target": .code(SwiftTypes.spell(target))])
        }
        return context
    }

    func typeDoc(_ type: IRType) -> [SwiftCode] {
        var lines = docs.lines(type.description)
        if lines.isEmpty, let schema = type.schemaName { lines = [.docComment("The `\(schema)` schema.")] }
        return lines
    }

    // MARK: Objects

    func objectContext(_ object: IRObject) -> TemplateObject {
        let storageNames = Self.storageNames(object.properties)
        let properties = zip(object.properties, storageNames).map { propertyContext($0, storageName: $1) }
        let knownKeys = SwiftCode.joined(object.properties.map { "\(SwiftStringLiteral($0.name))" }, separator: ", ")
        let additional = object.additionalProperties.map(SwiftTypes.spell)
        var initParameters = properties.map { $0.code("initParameter") ?? "" }
        if let additional { initParameters.append("additionalProperties: [String: \(additional)] = [:]") }
        return [
            "properties": .objects(properties),
            "hasProperties": .bool(!properties.isEmpty),
            "hasAdditionalProperties": .bool(additional != nil),
            "additionalPropertiesType": .code(additional ?? ""),
            "knownKeysLiteral": "[\(knownKeys)]",
            "initParameters": .lines(Self.commaLines(initParameters)),
            "hasInitParameters": .bool(!initParameters.isEmpty),
        ]
    }

    /// Lines of a list, each but the last with a trailing comma.
    static func commaLines(_ items: [SwiftCode]) -> [SwiftCode] {
        items.enumerated().map { $0.offset == items.count - 1 ? $0.element : "\($0.element)," }
    }

    /// The names of the indirect storage of recursive properties: `_` and the property's name (`_parent`), with
    /// more `_` in front while another property has that name (a property `_parent` beside a recursive `parent`).
    static func storageNames(_ properties: [IRProperty]) -> [SwiftIdentifier] {
        let bare = properties.map { SwiftIdentifier($0.swiftName).bareText }
        guard properties.contains(where: { $0.recursive || $0.deprecated }) else {
            return bare.map { SwiftIdentifier("_" + $0) }
        }
        let taken = Set(bare)
        return bare.map { name in
            var storage = "_" + name
            while taken.contains(storage) { storage = "_" + storage }
            return SwiftIdentifier(storage)
        }
    }

    func propertyContext(_ property: IRProperty, storageName storageIdentifier: SwiftIdentifier) -> TemplateObject {
        let base = SwiftTypes.spell(property.type)
        let identifier = SwiftIdentifier(property.swiftName)
        let name: SwiftCode = "\(identifier)"
        // readOnly and writeOnly properties are optional: a request need not send what the server fills in, and a
        // response does not carry what only requests send.
        let optional = !property.required || property.readOnly || property.writeOnly
        let triState = property.nullable && optional
        let declaredType: SwiftCode
        let decode: SwiftCode
        let defaultValue: SwiftCode?
        // The key is an `OktaCodingKey` written as a string literal; each kind of property has a container method of
        // its own (see KeyedContainers+Okta.swift in the runtime).
        let key = SwiftStringLiteral(property.name)
        if triState {
            declaredType = "OktaNullable<\(base)>"
            decode = "try container.oktaDecodeNullable(\(base).self, \(key))"
            defaultValue = ".absent"
        } else if optional {
            declaredType = "\(base)?"
            decode = "try container.oktaDecodeIfPresent(\(base).self, \(key))"
            defaultValue = "nil"
        } else if property.nullable {
            declaredType = "\(base)?"
            decode = "try container.oktaDecode(\(base)?.self, \(key))"
            defaultValue = nil
        } else {
            declaredType = base
            decode = "try container.oktaDecode(\(base).self, \(key))"
            defaultValue = nil
        }
        let storageName: SwiftCode = "\(storageIdentifier)"
        let storageType: SwiftCode
        let assignFromValue: SwiftCode
        let readStorage: SwiftCode
        // A deprecated property is computed over private storage, which the initializer and the coding methods use:
        // only a caller's use of the property itself is warned about.
        let hasStorage = property.recursive || property.deprecated
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
        } else if hasStorage {
            storageType = declaredType
            assignFromValue = "\(storageName) = newValue"
            readStorage = "\(storageName)"
        } else {
            storageType = declaredType
            assignFromValue = "self.\(name) = newValue"
            readStorage = "self.\(name)"
        }
        // What the coding methods read: the storage of a deprecated property, else the property.
        let subject: SwiftCode = property.deprecated ? readStorage : "self.\(name)"
        var encodeStatement: SwiftCode
        if triState {
            encodeStatement = "try container.oktaEncodeNullable(\(subject), \(key))"
        } else if optional {
            encodeStatement = "try container.oktaEncodeIfPresent(\(subject), \(key))"
        } else {
            encodeStatement = "try container.oktaEncode(\(subject), \(key))"
        }
        if property.readOnly {
            // The server sets it: a request body leaves it out (the client marks its encoder).
            encodeStatement = "if !encoder.oktaEncodesRequestBody { \(encodeStatement) }"
        }
        var docLines = docs.lines(property.description)
        if property.readOnly {
            if !docLines.isEmpty { docLines.append("///") }
            docLines.append("/// Read-only: set by the server; the client leaves it out of request bodies.")
        }
        if property.writeOnly {
            if !docLines.isEmpty { docLines.append("///") }
            docLines.append(
                "/// Write-only: sent in requests; responses do not carry it, so it is `nil` in a response.")
        }
        let initDefault: SwiftCode? = defaultValue.map { " = \($0)" }
        return [
            "jsonKey": .comment(SwiftCommentText(property.name)),
            "swiftName": .code(name),
            "bareName": .code(identifier.bare),
            "type": .code(declaredType),
            "docLines": .lines(docLines),
            "deprecated": .bool(property.deprecated),
            // Built only where the template uses it: its message costs more than the rest of the property.
            "deprecationAttribute": .code(property.deprecated ? docs.deprecationAttribute(property.description) : ""),
            "isRecursive": .bool(property.recursive),
            "hasStorage": .bool(hasStorage),
            "storageName": .code(storageName),
            "storageType": .code(storageType),
            "readStorage": .code(readStorage),
            "assignFromNewValue": .code(assignFromValue),
            "initParameter": "\(name): \(declaredType)\(initDefault)",
            "initAssignment": property.recursive
                ? "self.\(storageName) = \(boxExpression(name, triState: triState, optional: optional || property.nullable))"
                : (hasStorage ? "self.\(storageName) = \(name)" : "self.\(name) = \(name)"),
            "decodeAssignment": property.recursive
                ? "self.\(storageName) = \(boxExpression("(\(decode))", triState: triState, optional: optional || property.nullable))"
                : (hasStorage ? "self.\(storageName) = \(decode)" : "self.\(name) = \(decode)"),
            "encodeStatement": .code(encodeStatement),
        ]
    }

    func boxExpression(_ value: SwiftCode, triState: Bool, optional: Bool) -> SwiftCode {
        if triState { return "\(value).map { OktaBox($0) }" }
        if optional { return "\(value).map { OktaBox($0) }" }
        return "OktaBox(\(value))"
    }

    // MARK: Enums

    func enumContext(_ enumeration: IREnum) -> TemplateObject {
        let cases: [TemplateObject] = enumeration.cases.map { item in
            let identifier = SwiftIdentifier(item.swiftName)
            return [
                "swiftName": .identifier(identifier),
                "bareName": .code(identifier.bare),
                "rawValue": .comment(SwiftCommentText(item.rawValue)),
                "rawLiteral": .code(Self.rawLiteral(item.rawValue, type: enumeration.rawType)),
            ]
        }
        let rawType: SwiftCode
        switch enumeration.rawType {
        case .integer: rawType = "Int"
        case .number: rawType = "Double"
        default: rawType = "String"
        }
        let allCases = SwiftCode.joined(enumeration.cases.map { ".\(SwiftIdentifier($0.swiftName))" }, separator: ", ")
        return [
            "rawType": .code(rawType),
            "cases": .objects(cases),
            "hasCases": .bool(!cases.isEmpty),
            "allCasesLiteral": "[\(allCases)]",
        ]
    }

    /// An enum case's raw value as a literal: a number literal for `Int` and `Double` enums (the IR builder accepts
    /// only numbers there, and RenderCheck checks again before rendering), a string literal otherwise.
    static func rawLiteral(_ raw: String, type: IRScalar) -> SwiftCode {
        switch type {
        case .integer:
            if let value = Int(raw) { return "\(SwiftNumberLiteral(value))" }
        case .number:
            if let value = Double(raw), let literal = SwiftNumberLiteral(value) { return "\(literal)" }
        default:
            return "\(SwiftStringLiteral(raw))"
        }
        // Not reached (RenderCheck refuses such a model); a literal that does not type-check, never other code.
        return "\(SwiftStringLiteral(raw))"
    }

    // MARK: Unions

    /// The struct a variant is, when it is one (its members are written into the union's JSON object).
    func structVariant(_ variant: IRVariant) -> IRObject? {
        guard let name = variant.type.namedType, case .object(let object)? = index.types[name]?.kind else { return nil }
        return object
    }

    func unionContext(_ union: IRUnion) -> TemplateObject {
        let variants: [TemplateObject] = union.variants.map { variant in
            let type = SwiftTypes.spell(variant.type)
            let identifier = SwiftIdentifier(variant.swiftName)
            let label = SwiftCode.joined(
                variant.discriminatorValues.map { "\(SwiftStringLiteral($0))" }, separator: ", ")
            let object = structVariant(variant)
            let keys = SwiftCode.joined(
                (object?.properties ?? []).map { "\(SwiftStringLiteral($0.name))" }, separator: ", ")
            return [
                "swiftName": .identifier(identifier),
                "bareName": .code(identifier.bare),
                "type": .code(type),
                "discriminatorValues": .comments(variant.discriminatorValues.map { SwiftCommentText($0) }),
                "discriminatorCaseLabel": .code(label),
                "hasDiscriminatorValues": .bool(!variant.discriminatorValues.isEmpty),
                "decodeExpression": "decoder.singleValueContainer().decode(\(type).self)",
                "isStruct": .bool(object != nil),
                "declaredKeysLiteral": "[\(keys)]",
            ]
        }
        let byDiscriminator =
            union.discriminator != nil && variants.allSatisfy { $0.bool("hasDiscriminatorValues") == true }
        // An anyOf without a discriminator is a struct of optional variants: every variant that decodes is kept.
        let isMerged = union.style == "anyOf" && !byDiscriminator
        let names = union.variants.map { variant -> SwiftCode in "self.\(SwiftIdentifier(variant.swiftName))" }
        let structNames = zip(union.variants, names).filter { structVariant($0.0) != nil }.map(\.1)
        var initParameters = union.variants.map { variant -> SwiftCode in
            "\(SwiftIdentifier(variant.swiftName)): \(SwiftTypes.spell(variant.type))? = nil"
        }
        initParameters.append("unknown: JSONValue? = nil")
        let common: [TemplateObject] =
            union.style == "discriminator"
            ? union.commonProperties.compactMap { property -> TemplateObject? in
                let base = SwiftTypes.spell(property.type)
                let cases: [SwiftCode] = union.variants.compactMap { variant in
                    guard case .named(let name) = variant.type, case .object(let object)? = index.types[name]?.kind,
                        let member = object.properties.first(where: { $0.name.hasSameScalars(as: property.name) }),
                        member.type == property.type
                    else { return nil }
                    let optional = !member.required || member.readOnly || member.writeOnly || member.nullable
                    let memberName = SwiftIdentifier(member.swiftName)
                    let access: SwiftCode
                    if optional {
                        access =
                            member.nullable && (!member.required || member.readOnly || member.writeOnly)
                            ? "value.\(memberName).value" : "value.\(memberName)"
                    } else {
                        access = "value.\(memberName)"
                    }
                    return "case .\(SwiftIdentifier(variant.swiftName))(let value): \(access)"
                }
                guard cases.count == union.variants.count else { return nil }
                // Deprecated when a variant's member is (the accessor reads it: only a deprecated accessor may).
                let deprecated =
                    property.deprecated
                    || union.variants.contains { variant in
                        structVariant(variant)?.properties.contains {
                            $0.name.hasSameScalars(as: property.name) && $0.deprecated
                        }
                            ?? false
                    }
                return [
                    "swiftName": .identifier(SwiftIdentifier(property.swiftName)),
                    "type": "\(base)?",
                    "docLines": .lines(docs.lines(property.description)),
                    "deprecated": .bool(deprecated),
                    "deprecationAttribute": .code(deprecated ? docs.deprecationAttribute(property.description) : ""),
                    "switchCases": .lines(
                        cases + [
                            "case .unknown(let value): value.oktaMember(\(SwiftStringLiteral(property.name)), as: \(base).self)"
                        ]),
                ]
            } : []
        let style: SwiftCode
        switch union.style {
        case "oneOf": style = "oneOf"
        case "anyOf": style = "anyOf"
        default: style = "discriminator"
        }
        return [
            "style": .code(style),
            "variants": .objects(variants),
            "byDiscriminator": .bool(byDiscriminator),
            "discriminatorLiteral": .code(union.discriminator.map { "\(SwiftStringLiteral($0))" } ?? "\"\""),
            "commonProperties": .objects(common),
            "hasCommonProperties": .bool(!common.isEmpty),
            "isMerged": .bool(isMerged),
            "initParameters": .lines(Self.commaLines(initParameters)),
            "noVariantCondition": .code(SwiftCode.joined(names.map { "\($0) == nil" }, separator: " && ")),
            "hasStructVariants": .bool(!structNames.isEmpty),
            "structVariantCondition": .code(SwiftCode.joined(structNames.map { "\($0) != nil" }, separator: " || ")),
            "structVariantList": .code(SwiftCode.joined(structNames, separator: ", ")),
        ]
    }
}
