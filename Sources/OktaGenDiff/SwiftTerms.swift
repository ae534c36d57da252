import OktaGenIR
import OktaGenRender

/// Puts each change in Swift terms: its ``Impact`` on the code generated from the old release, the Swift symbol the
/// generated code names (``GeneratedSwiftNames``, the renderer's own naming), where the element is written in both
/// releases, and a one-line hint for callers.
///
/// Rules, for the generated client (methods take one argument per parameter, labelled with its Swift name, optional
/// ones defaulted to `nil`; models have a memberwise initializer whose optional properties default to `nil`; enums
/// and unions are open, with an `unknown` case):
/// - source-breaking: a method, type, property, enum case or union variant removed or renamed; a method moved to
///   another API group (its tag); a required argument added, or one that became required; an argument label renamed;
///   arguments reordered (Swift passes them in declaration order);
///   any type change (a property that became optional or non-optional, or nullable, included: its Swift type
///   changes); a required property added (the initializer gains an argument without default); a new case in an
///   enum or a new variant in a union the SDK receives in a response: an exhaustive `switch` without `default:`
///   stops compiling (the case is new to the `switch` even where the value came through as `.unknown` before) — for
///   an enum only sent, callers construct values and nothing breaks;
/// - behaviour-changing: the method or path of an endpoint with the same Swift method, a parameter's location or
///   wire name with the same label, a default value, a success or error status or media type added or removed, an
///   error response's type, a union's discriminator;
/// - additive: everything else added (optional arguments and properties, operations, types, cases only sent), a
///   parameter or body that became optional, deprecations.
struct SwiftTerms {
    let old: IRModel
    let new: IRModel
    let oldNames: GeneratedSwiftNames
    let newNames: GeneratedSwiftNames
    let oldOperations: [String: IROperation]
    let newOperations: [String: IROperation]
    let oldTypes: [String: IRType]
    let newTypes: [String: IRType]
    let usage: [String: TypeUsage]

    init(old: IRModel, new: IRModel, options: RenderOptions) {
        self.old = old
        self.new = new
        oldNames = GeneratedSwiftNames(model: old, options: options)
        newNames = GeneratedSwiftNames(model: new, options: options)
        oldOperations = Dictionary(old.operations.map { ($0.operationId, $0) }, uniquingKeysWith: { first, _ in first })
        newOperations = Dictionary(new.operations.map { ($0.operationId, $0) }, uniquingKeysWith: { first, _ in first })
        oldTypes = Dictionary(old.types.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        newTypes = Dictionary(new.types.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var usage = TypeUsage.of(old)
        usage.merge(TypeUsage.of(new)) { $0.union($1) }
        self.usage = usage
    }

    /// The changes with impact, severity, symbol, sources and hint filled in.
    /// - Parameter renames: The old `operationId` of each renamed operation, by its new one.
    func annotated(_ changes: [APIChange], renames: [String: String]) -> [APIChange] {
        changes.map { change in
            var change = change
            if change.operation != nil {
                operation(&change, renames: renames)
            } else {
                schema(&change)
            }
            change.severity = change.impact.severity
            if let includes = change.includes { change.includes = annotated(includes, renames: renames) }
            return change
        }
    }

    // MARK: Operations

    private func operation(_ change: inout APIChange, renames: [String: String]) {
        let id = change.operation ?? ""
        let after = newOperations[id]
        let before = oldOperations[renames[id] ?? id]
        let method = after.map(newNames.method) ?? before.map(oldNames.method)
        change.symbol = method
        if let before, let after, oldNames.method(before) != newNames.method(after) {
            change.oldSymbol = oldNames.method(before)
        }
        let oldParameter = before?.parameters.first { parameterMatches($0, change, old: true) }
        let newParameter = after?.parameters.first { parameterMatches($0, change, old: false) }
        change.oldSource = (oldParameter?.source ?? before?.source).map(\.description)
        change.newSource = (newParameter?.source ?? after?.source).map(\.description)
        if [.operationAdded].contains(change.kind) { change.oldSource = nil }
        if [.operationRemoved].contains(change.kind) { change.newSource = nil }
        let name = method ?? id
        let label =
            newParameter.map { GeneratedSwiftNames.bare($0.swiftName) }
            ?? oldParameter.map { GeneratedSwiftNames.bare($0.swiftName) } ?? change.element ?? ""
        switch change.kind {
        case .operationAdded:
            set(&change, .additive, "new method `\(name)`")
        case .operationRemoved:
            set(&change, .sourceBreaking, "`\(name)` is gone: find the endpoint that replaces it")
        case .operationRenamed:
            set(
                &change, .sourceBreaking,
                "call `\(name)` instead of `\(change.oldSymbol ?? before.map(oldNames.method) ?? "")`"
                    + " (or generate the deprecated shim: `oktagen diff --emit-shims`)")
        case .operationEndpointChanged:
            if let before, let after, oldNames.method(before) == newNames.method(after) {
                set(&change, .behaviourChanging, "same Swift call, another endpoint: check that the server has it")
            } else if let before, change.includes != nil {
                set(
                    &change, .sourceBreaking,
                    "call `\(name)` instead of `\(oldNames.method(before))` (or generate the deprecated shim:"
                        + " `oktagen diff --emit-shims`)")
            } else {
                set(&change, .sourceBreaking, "the endpoint and its arguments changed: update calls of `\(name)`")
            }
        case .operationGroupChanged:
            set(
                &change, .sourceBreaking,
                "the method moved to `\(after.map(newNames.apiName) ?? "")`: call it on"
                    + " `client.\(after.map(newNames.clientProperty) ?? "")`")
        case .operationDeprecated:
            set(&change, .additive, "deprecated: plan to move off `\(name)`")
        case .parameterAdded:
            if newParameter?.required ?? false {
                set(&change, .sourceBreaking, "pass the new required argument `\(label):`")
            } else {
                let defaultValue =
                    switch newParameter?.role {
                    case .flag?: "false"
                    case .oktaResponseOptions?: "[]"
                    case nil: "nil"
                    }
                set(&change, .additive, "new optional argument `\(label):` (defaults to \(defaultValue))")
            }
        case .parameterRemoved:
            set(&change, .sourceBreaking, "drop the argument `\(label):` from calls")
        case .parameterRequiredChanged:
            if change.new == "required" {
                set(&change, .sourceBreaking, "the argument `\(label):` is now required: always pass a value")
            } else {
                set(&change, .additive, "the argument `\(label):` may now be left out")
            }
        case .parameterTypeChanged:
            set(&change, .sourceBreaking, "pass `\(label):` as `\(change.new ?? "")`")
        case .parameterLocationChanged:
            set(&change, .behaviourChanging, "same label, now sent in the \(change.new ?? "")")
        case .parameterRenamed:
            let oldLabel = oldParameter.map { GeneratedSwiftNames.bare($0.swiftName) } ?? change.old ?? ""
            if oldLabel == label {
                set(&change, .behaviourChanging, "same label `\(label):`, another name on the wire")
            } else {
                set(&change, .sourceBreaking, "rename the argument label `\(oldLabel):` to `\(label):`")
            }
        case .parameterDeprecated:
            set(&change, .additive, "the argument `\(label):` is deprecated")
        case .parameterOrderChanged:
            set(
                &change, .sourceBreaking,
                "pass the arguments in their new order: `\(after.map(newNames.methodName) ?? name)`")
        case .requestBodyAdded:
            if after?.requestBody?.required ?? false {
                set(&change, .sourceBreaking, "pass the new required argument `body:`")
            } else {
                set(&change, .additive, "new optional argument `body:`")
            }
        case .requestBodyRemoved:
            set(&change, .sourceBreaking, "drop the argument `body:` from calls")
        case .requestBodyRequiredChanged:
            if change.new == "required" {
                set(&change, .sourceBreaking, "the argument `body:` is now required")
            } else {
                set(&change, .additive, "the argument `body:` may now be left out")
            }
        case .requestMediaTypeAdded:
            set(&change, .additive, "the server accepts another media type")
        case .requestMediaTypeRemoved:
            set(&change, .behaviourChanging, "the server no longer accepts \(change.element ?? "it")")
        case .requestBodyTypeChanged:
            set(&change, .sourceBreaking, "pass `body:` as `\(change.new ?? "")`")
        case .responseAdded:
            set(&change, .behaviourChanging, "the server may answer \(change.location ?? "")")
        case .responseRemoved:
            set(&change, .behaviourChanging, "the server no longer answers \(change.location ?? "")")
        case .responseMediaTypeAdded:
            set(&change, .additive, "the server may answer \(change.element ?? "another media type")")
        case .responseMediaTypeRemoved:
            set(&change, .behaviourChanging, "the server no longer answers \(change.element ?? "that media type")")
        case .responseBodyTypeChanged:
            let success = after?.responses.first { $0.status == change.location }.map { !$0.isError } ?? true
            if success {
                set(&change, .sourceBreaking, "the call now returns `\(change.new ?? "")`")
            } else {
                set(
                    &change, .behaviourChanging,
                    "the error body of \(change.location ?? "") is now `\(change.new ?? "")`")
            }
        default:
            set(&change, .behaviourChanging, nil)
        }
    }

    private func parameterMatches(_ parameter: IRParameter, _ change: APIChange, old: Bool) -> Bool {
        guard change.kind.rawValue.hasPrefix("parameter-") else { return false }
        if change.kind == .parameterRenamed { return parameter.name == (old ? change.old : change.new) }
        return parameter.name == change.element
    }

    // MARK: Schemas

    private func schema(_ change: inout APIChange) {
        let name = change.schema ?? ""
        let before = oldTypes[name]
        let after = newTypes[name]
        let typeName = after.map { newNames.typeName($0.name) } ?? oldNames.typeName(name)
        let received = usage[name]?.contains(.response) ?? false
        var symbol = typeName
        var oldSource = before?.source
        var newSource = after?.source
        switch change.kind {
        case .propertyAdded, .propertyRemoved, .propertyTypeChanged, .propertyRequiredChanged,
            .propertyNullableChanged:
            let oldProperty = before.flatMap { Self.properties($0).first { $0.name == change.element } }
            let newProperty = after.flatMap { Self.properties($0).first { $0.name == change.element } }
            if let property = newProperty ?? oldProperty {
                symbol += "." + GeneratedSwiftNames.bare(property.swiftName)
            }
            oldSource = oldProperty?.source ?? oldSource
            newSource = newProperty?.source ?? newSource
            if change.kind == .propertyAdded { oldSource = nil }
            if change.kind == .propertyRemoved { newSource = nil }
        case .enumValueAdded, .enumValueRemoved:
            let cases = [before, after].compactMap { type -> IREnumCase? in
                guard case .enumeration(let values)? = type?.kind else { return nil }
                return values.cases.first { $0.rawValue == change.element }
            }
            if let value = cases.first { symbol += "." + GeneratedSwiftNames.bare(value.swiftName) }
        case .unionVariantAdded, .unionVariantRemoved:
            if let variant = change.element { symbol += "." + variant }
        case .schemaAdded:
            oldSource = nil
        case .schemaRemoved:
            newSource = nil
        default:
            break
        }
        change.symbol = symbol
        change.oldSource = oldSource?.description
        change.newSource = newSource?.description
        let member = symbol
        switch change.kind {
        case .schemaAdded:
            set(&change, .additive, "new type `\(typeName)`")
        case .schemaRemoved:
            set(&change, .sourceBreaking, "`\(typeName)` is gone: use the type that replaces it")
        case .schemaKindChanged:
            set(
                &change, .sourceBreaking,
                "`\(typeName)` is now a\(change.new == "enum" || change.new == "alias" ? "n" : "") \(change.new ?? ""): rewrite its uses"
            )
        case .propertyAdded:
            if change.new?.hasPrefix("required") ?? false {
                set(
                    &change, .sourceBreaking,
                    "pass `\(member.split(separator: ".").last ?? ""):` where you create `\(typeName)`")
            } else {
                set(&change, .additive, "new optional property `\(member)`")
            }
        case .propertyRemoved:
            set(&change, .sourceBreaking, "stop using `\(member)`")
        case .propertyTypeChanged:
            set(&change, .sourceBreaking, "`\(member)` is now `\(change.new ?? "")`")
        case .propertyRequiredChanged:
            set(
                &change, .sourceBreaking,
                change.new == "required"
                    ? "`\(member)` is no longer optional: drop `?`/`if let` on it, pass it when creating `\(typeName)`"
                    : "`\(member)` is now optional: unwrap it")
        case .propertyNullableChanged:
            set(
                &change, .sourceBreaking,
                change.new == "nullable" ? "`\(member)` may now be null: handle it" : "`\(member)` is no longer null")
        case .additionalPropertiesChanged:
            if change.old == "none" {
                set(&change, .additive, "`\(typeName).additionalProperties` keeps extra members")
            } else {
                set(&change, .sourceBreaking, "`\(typeName).additionalProperties` changed: `\(change.new ?? "")`")
            }
        case .enumValueAdded:
            if received {
                set(
                    &change, .sourceBreaking,
                    "new case `\(member)`: add it to exhaustive switches over `\(typeName)` (or switch with `default:`)"
                )
            } else {
                set(&change, .additive, "new case `\(member)`")
            }
        case .enumValueRemoved:
            set(&change, .sourceBreaking, "the case `\(member)` is gone: the value now decodes as `.unknown`")
        case .enumRawTypeChanged:
            set(&change, .sourceBreaking, "`\(typeName)`'s raw values are now \(change.new ?? "")")
        case .unionVariantAdded:
            if received {
                set(
                    &change, .sourceBreaking,
                    "new variant `\(member)`: add it to exhaustive switches over `\(typeName)`")
            } else {
                set(&change, .additive, "new variant `\(member)`")
            }
        case .unionVariantRemoved:
            set(&change, .sourceBreaking, "the variant `\(member)` is gone")
        case .unionDiscriminatorChanged:
            set(&change, .behaviourChanging, "`\(typeName)` is told apart by another property on the wire")
        case .aliasTypeChanged:
            set(&change, .sourceBreaking, "`\(typeName)` is now `\(change.new ?? "")`")
        default:
            set(&change, .behaviourChanging, nil)
        }
    }

    static func properties(_ type: IRType) -> [IRProperty] {
        switch type.kind {
        case .object(let object): object.properties
        case .union(let union): union.commonProperties
        default: []
        }
    }

    private func set(_ change: inout APIChange, _ impact: Impact, _ hint: String?) {
        change.impact = impact
        change.hint = hint
    }

}
