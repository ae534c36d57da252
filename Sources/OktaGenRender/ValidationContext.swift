import OktaGenIR

/// The checks generated server stubs run on input before calling a handler (docs/Validation.md): which object
/// models conform to `OktaValidatable`, the statements of their `validate(into:at:)`, the statements checking an
/// operation's parameters and body, and the table of compiled patterns.
///
/// Checks are generated code calling a few generic helpers of OktaRuntime (`OktaValidationErrors.check`,
/// `checkKnown`, `validate`, `forEach`), one statement per constrained member: what a reader of the output sees is
/// what runs, and the statements are cheap to type-check. Every object model a JSON request body reaches conforms
/// (with an empty `validate` when it has nothing to check), so that the conformances do not change with constraints.
struct ValidationBuilder: Sendable {
    let index: ModelIndex
    /// The object models that conform to `OktaValidatable`.
    let validated: Set<String>
    /// Every distinct pattern the checks use, in first-use order: `OktaValidationPatterns.p0`, `p1`, …
    let patterns: [String]
    private let patternNames: [String: Int]

    /// The name of the pattern table the checks refer to.
    static let patternTable: SwiftCode = "OktaValidationPatterns"

    init(model: IRModel, index: ModelIndex) {
        self.index = index
        // Only models a request body reaches are checked: a model only ever sent in responses costs no code.
        let inputs = Self.requestModels(model, index: index)
        // Every object model a JSON request body reaches conforms, even with nothing to check: whether a model
        // conforms is then public API that depends on which models requests use, not on the constraints a release
        // happens to state (Okta's `RecoveryQuestionCredential` writes `minimum` on strings where the bundled spec
        // writes `minLength`; StablePublicAPITests compares the two APIs).
        let objects = model.types.compactMap { type -> (String, IRObject)? in
            if case .object(let object) = type.kind, inputs.contains(type.name) { return (type.name, object) }
            return nil
        }
        let validated = Set(objects.map(\.0))
        self.validated = validated
        // Patterns in a fixed order: the models' (sorted by name), then the parameters' in operation order.
        var patterns: [String] = []
        var names: [String: Int] = [:]
        func collect(_ constraints: IRConstraints?) {
            var current = constraints
            while let step = current {
                if let pattern = step.pattern, names[pattern] == nil {
                    names[pattern] = patterns.count
                    patterns.append(pattern)
                }
                current = step.items
            }
        }
        for (name, object) in objects where validated.contains(name) {
            for property in object.properties where Self.isChecked(property) { collect(property.constraints) }
        }
        for operation in model.operations {
            for parameter in operation.parameters { collect(parameter.constraints) }
        }
        self.patterns = patterns
        self.patternNames = names
    }

    /// The object models reachable from a JSON request body through checked members.
    static func requestModels(_ model: IRModel, index: ModelIndex) -> Set<String> {
        var reached: Set<String> = []
        var pending: [IRTypeRef] = model.operations.compactMap { operation in
            guard let body = operation.requestBody, !OperationContextBuilder.hasRequestChoice(operation),
                let content = OperationContextBuilder.preferred(body.contents),
                OperationContextBuilder.isJSON(content.mediaType)
            else { return nil }
            return content.type
        }
        while let type = pending.popLast() {
            switch index.resolved(type) {
            case .array(let element), .dictionary(let element):
                pending.append(element)
            case .named(let name):
                guard !reached.contains(name), case .object(let object)? = index.types[name]?.kind else { continue }
                reached.insert(name)
                pending += object.properties.filter(isChecked).map(\.type)
            case .scalar, .any:
                continue
            }
        }
        return reached
    }

    /// Whether a member is input to check: read-only members are the server's to set (Okta ignores them in
    /// requests), and a deprecated member's accessor would warn in generated code.
    static func isChecked(_ property: IRProperty) -> Bool { !property.readOnly && !property.deprecated }

    static func needsCheck(
        _ type: IRTypeRef, _ constraints: IRConstraints?, index: ModelIndex, validated: Set<String>, depth: Int = 0
    ) -> Bool {
        guard depth < 32 else { return false }
        switch index.resolved(type) {
        case .scalar(let scalar):
            guard let constraints else { return false }
            if isString(scalar) {
                return constraints.minLength != nil || constraints.maxLength != nil || constraints.pattern != nil
            }
            return isNumber(scalar) && hasBounds(constraints)
        case .array(let element):
            if constraints?.minItems != nil || constraints?.maxItems != nil { return true }
            return needsCheck(element, constraints?.items, index: index, validated: validated, depth: depth + 1)
        case .dictionary(let element):
            return needsCheck(element, constraints?.items, index: index, validated: validated, depth: depth + 1)
        case .named(let name):
            return index.isEnum(name) || validated.contains(name)
        case .any:
            return false
        }
    }

    static func isString(_ scalar: IRScalar) -> Bool { SwiftTypes.scalar(scalar) == "String" }

    static func isNumber(_ scalar: IRScalar) -> Bool {
        switch scalar {
        case .integer, .int32, .int64, .number, .float, .double: true
        default: false
        }
    }

    static func hasBounds(_ constraints: IRConstraints) -> Bool {
        constraints.minimum != nil || constraints.maximum != nil || constraints.exclusiveMinimum != nil
            || constraints.exclusiveMaximum != nil
    }

    // MARK: Statements

    /// The statements checking one value.
    /// - Parameters:
    ///   - value: An expression of the value's type or its optional.
    ///   - errors: The `inout OktaValidationErrors` to add to.
    ///   - path: An `OktaValidationPath` expression.
    func checks(
        _ value: SwiftCode, _ type: IRTypeRef, _ constraints: IRConstraints?, errors: SwiftCode, path: SwiftCode,
        depth: Int = 0
    ) -> [SwiftCode] {
        guard depth < 32 else { return [] }
        switch index.resolved(type) {
        case .scalar(let scalar):
            guard let constraints else { return [] }
            var arguments: [SwiftCode] = []
            if Self.isString(scalar) {
                if let minLength = constraints.minLength {
                    arguments.append("minLength: \(SwiftNumberLiteral(minLength))")
                }
                if let maxLength = constraints.maxLength {
                    arguments.append("maxLength: \(SwiftNumberLiteral(maxLength))")
                }
                if let pattern = constraints.pattern, let number = patternNames[pattern] {
                    arguments.append("pattern: \(Self.patternTable).p\(SwiftNumberLiteral(number))")
                }
            } else if Self.isNumber(scalar) {
                let bounds: [(SwiftCode, Double?)] = [
                    ("minimum", constraints.minimum), ("maximum", constraints.maximum),
                    ("exclusiveMinimum", constraints.exclusiveMinimum),
                    ("exclusiveMaximum", constraints.exclusiveMaximum),
                ]
                for (label, bound) in bounds {
                    guard let bound else { continue }
                    // `1`, not `1.0`, where the bound is a whole number (the parameter is a `Double`).
                    let literal =
                        bound.rounded() == bound && abs(bound) < 1e15
                        ? SwiftNumberLiteral(Int(bound)) : SwiftNumberLiteral(bound)
                    if let literal { arguments.append("\(label): \(literal)") }
                }
            }
            guard !arguments.isEmpty else { return [] }
            return ["\(errors).check(\(value), at: \(path), \(SwiftCode.joined(arguments, separator: ", ")))"]
        case .array(let element):
            var lines: [SwiftCode] = []
            var arguments: [SwiftCode] = []
            if let minItems = constraints?.minItems { arguments.append("minItems: \(SwiftNumberLiteral(minItems))") }
            if let maxItems = constraints?.maxItems { arguments.append("maxItems: \(SwiftNumberLiteral(maxItems))") }
            if !arguments.isEmpty {
                lines.append(
                    "\(errors).check(count: \(value), at: \(path), \(SwiftCode.joined(arguments, separator: ", ")))")
            }
            lines += each("forEach", value, element, constraints?.items, errors: errors, path: path, depth: depth)
            return lines
        case .dictionary(let element):
            return each("forEachValue", value, element, constraints?.items, errors: errors, path: path, depth: depth)
        case .named(let name):
            if index.isEnum(name) { return ["\(errors).checkKnown(\(value), at: \(path))"] }
            if validated.contains(name) { return ["\(errors).validate(\(value), at: \(path))"] }
            return []
        case .any:
            return []
        }
    }

    /// A loop over elements: `errors.forEach(value, at: path) { errors, element, path in … }`.
    private func each(
        _ method: SwiftCode, _ value: SwiftCode, _ element: IRTypeRef, _ constraints: IRConstraints?,
        errors: SwiftCode, path: SwiftCode, depth: Int
    ) -> [SwiftCode] {
        let inner = checks("element", element, constraints, errors: errors, path: "path", depth: depth + 1)
        guard !inner.isEmpty else { return [] }
        return ["\(errors).\(method)(\(value), at: \(path)) { \(errors), element, path in"]
            + inner.map { "    \($0)" } + ["}"]
    }

    // MARK: Contexts

    /// The statements of a model's `validate(into:at:)`.
    func modelLines(_ object: IRObject) -> [SwiftCode] {
        var lines: [SwiftCode] = []
        for property in object.properties where Self.isChecked(property) {
            let name = SwiftIdentifier(property.swiftName)
            let optional = !property.required || property.readOnly || property.writeOnly
            let value: SwiftCode = property.nullable && optional ? "self.\(name).value" : "self.\(name)"
            let path: SwiftCode = "path.member(\(SwiftStringLiteral(property.name)))"
            lines += checks(value, property.type, property.constraints, errors: "errors", path: path)
        }
        return lines
    }

    /// The context of the `server-validation` template.
    func fileContext(model: IRModel) -> TemplateObject {
        let models: [TemplateObject] = model.types.compactMap { type in
            guard validated.contains(type.name), case .object(let object) = type.kind else { return nil }
            return ["name": .identifier(SwiftIdentifier(type.name)), "lines": .lines(modelLines(object))]
        }
        let patterns: [TemplateObject] = self.patterns.enumerated().map { number, source in
            ["name": "p\(SwiftNumberLiteral(number))", "literal": .literal(SwiftStringLiteral(source))]
        }
        return ["models": .objects(models), "patterns": .objects(patterns), "hasPatterns": .bool(!patterns.isEmpty)]
    }

    /// Whether the `server-validation` file has anything to declare.
    var isEmpty: Bool { validated.isEmpty && patterns.isEmpty }

    /// The statements a route runs after reading its parameters and body: every constraint checked into
    /// `violations`, thrown as one `E0000001` (empty when nothing is checked).
    func operationLines(
        _ operation: IROperation, locals: [SwiftIdentifier], body: IRTypeRef?, subject: SwiftStringLiteral
    ) -> [SwiftCode] {
        var lines: [SwiftCode] = []
        for (parameter, local) in zip(operation.parameters, locals) {
            let path: SwiftCode = "OktaValidationPath(\(SwiftStringLiteral(parameter.name)))"
            lines += checks("\(local)", parameter.type, parameter.constraints, errors: "violations", path: path)
        }
        if let body { lines += checks("body", body, nil, errors: "violations", path: ".body") }
        guard !lines.isEmpty else { return [] }
        return ["var violations = OktaValidationErrors()"] + lines + ["try violations.checkConstraints(\(subject))"]
    }
}
