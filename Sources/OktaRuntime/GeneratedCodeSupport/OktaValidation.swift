import Foundation

/// A value that generated server stubs check against the constraints its schema states (`minLength`, `pattern`,
/// `minimum`, `minItems`, `enum`, …) before a handler sees it (docs/Validation.md).
///
/// Generated for the models whose members, directly or through nested models, state constraints or are enums; the
/// conformance lives with the server stubs, so a client-only SDK does not compile it.
public protocol OktaValidatable {
    /// Adds one cause to `errors` per constraint that the value or one of its members violates.
    /// - Parameters:
    ///   - errors: Where causes are collected.
    ///   - path: Where the value is in the request (`profile`, `emails[1]`); the root of the body is empty.
    func validate(into errors: inout OktaValidationErrors, at path: OktaValidationPath)
}

/// Where a value is in a request, for messages: a parameter's name, or the members and indices that lead to a
/// value in the body (`profile.login`, `emails[1].value`).
public struct OktaValidationPath: Sendable, Hashable, CustomStringConvertible {
    /// The path as written in messages (empty for the body itself).
    public let description: String

    /// A path of one component: a parameter, or a member of the body.
    public init(_ name: String) { description = name }

    /// The body itself.
    public static let body = OktaValidationPath("")

    /// A member of the value at this path.
    public func member(_ name: String) -> OktaValidationPath {
        OktaValidationPath(description.isEmpty ? name : description + "." + name)
    }

    /// An element of the array at this path.
    public func index(_ index: Int) -> OktaValidationPath { OktaValidationPath("\(description)[\(index)]") }
}

extension OktaValidationErrors {
    /// Records a problem of the value at `path`, as Okta words causes: `login: The field cannot be left blank`.
    public mutating func add(_ message: String, at path: OktaValidationPath) {
        add(path.description.isEmpty ? "the body: \(message)" : "\(path.description): \(message)")
    }

    /// Checks a string's length, in Unicode code points as JSON Schema counts, and its `pattern`.
    ///
    /// - Parameters:
    ///   - value: The value (`nil` when absent: nothing to check).
    ///   - path: Where the value is, for the cause's message.
    ///   - minLength: The schema's `minLength`, if any.
    ///   - maxLength: The schema's `maxLength`, if any.
    ///   - pattern: The compiled pattern; `nil` when the spec has none or the engine refused it.
    public mutating func check(
        _ value: String?, at path: OktaValidationPath, minLength: Int? = nil, maxLength: Int? = nil,
        pattern: JSONSchemaPattern? = nil
    ) {
        guard let value else { return }
        if minLength != nil || maxLength != nil {
            let length = value.unicodeScalars.count
            if let minLength, length < minLength {
                add(
                    length == 0 ? "The field cannot be left blank" : "must be at least \(minLength) characters long",
                    at: path)
            } else if let maxLength, length > maxLength {
                add("must be at most \(maxLength) characters long", at: path)
            }
        }
        if let pattern, !pattern.matches(value) { add("Does not match required pattern", at: path) }
    }

    /// Checks an integer against its bounds.
    public mutating func check<Value: BinaryInteger>(
        _ value: Value?, at path: OktaValidationPath, minimum: Double? = nil, maximum: Double? = nil,
        exclusiveMinimum: Double? = nil, exclusiveMaximum: Double? = nil
    ) {
        guard let value else { return }
        checkBounds(
            Double(value), at: path, minimum: minimum, maximum: maximum, exclusiveMinimum: exclusiveMinimum,
            exclusiveMaximum: exclusiveMaximum)
    }

    /// Checks a floating-point number against its bounds.
    public mutating func check<Value: BinaryFloatingPoint>(
        _ value: Value?, at path: OktaValidationPath, minimum: Double? = nil, maximum: Double? = nil,
        exclusiveMinimum: Double? = nil, exclusiveMaximum: Double? = nil
    ) {
        guard let value else { return }
        checkBounds(
            Double(value), at: path, minimum: minimum, maximum: maximum, exclusiveMinimum: exclusiveMinimum,
            exclusiveMaximum: exclusiveMaximum)
    }

    private mutating func checkBounds(
        _ value: Double, at path: OktaValidationPath, minimum: Double?, maximum: Double?, exclusiveMinimum: Double?,
        exclusiveMaximum: Double?
    ) {
        let text = Self.number
        if let minimum, let maximum, !(minimum...maximum).contains(value) {
            add("must be between \(text(minimum)) and \(text(maximum))", at: path)
        } else if let minimum, value < minimum {
            add("must be greater than or equal to \(text(minimum))", at: path)
        } else if let maximum, value > maximum {
            add("must be less than or equal to \(text(maximum))", at: path)
        }
        if let exclusiveMinimum, value <= exclusiveMinimum {
            add("must be greater than \(text(exclusiveMinimum))", at: path)
        }
        if let exclusiveMaximum, value >= exclusiveMaximum {
            add("must be less than \(text(exclusiveMaximum))", at: path)
        }
    }

    /// A bound as people write it: `1`, not `1.0`.
    private static func number(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// Checks the number of elements of an array (`minItems`, `maxItems`).
    public mutating func check<Elements: Collection>(
        count value: Elements?, at path: OktaValidationPath, minItems: Int? = nil, maxItems: Int? = nil
    ) {
        guard let value else { return }
        if let minItems, value.count < minItems {
            add(
                value.isEmpty ? "The field cannot be left blank" : "must have at least \(minItems) items", at: path)
        } else if let maxItems, value.count > maxItems {
            add("must have at most \(maxItems) items", at: path)
        }
    }

    /// Refuses a value of an open enum that the spec does not list: open enums keep unknown values so that
    /// responses still decode, but input is held to the spec.
    public mutating func checkKnown<Value: OktaOpenEnum>(_ value: Value?, at path: OktaValidationPath) {
        guard let value, !value.isKnown else { return }
        let allowed = Value.allCases.map { "\($0.rawValue)" }.joined(separator: ", ")
        add("'\(value.rawValue)' is not one of \(allowed)", at: path)
    }

    /// Checks a nested model.
    public mutating func validate<Value: OktaValidatable>(_ value: Value?, at path: OktaValidationPath) {
        value?.validate(into: &self, at: path)
    }

    /// Checks each element of an array.
    /// - Parameters:
    ///   - values: The array (`nil` when absent: nothing to check).
    ///   - path: Where the array is; each element's path adds its index.
    ///   - check: What to check of one element, given its path.
    public mutating func forEach<Element>(
        _ values: [Element]?, at path: OktaValidationPath,
        _ check: (inout OktaValidationErrors, Element, OktaValidationPath) -> Void
    ) {
        guard let values else { return }
        for (index, element) in values.enumerated() { check(&self, element, path.index(index)) }
    }

    /// Checks each value of a dictionary, in key order (so causes come in a stable order).
    /// - Parameters:
    ///   - values: The dictionary (`nil` when absent: nothing to check).
    ///   - path: Where the dictionary is; each value's path adds its key.
    ///   - check: What to check of one value, given its path.
    public mutating func forEachValue<Value>(
        _ values: [String: Value]?, at path: OktaValidationPath,
        _ check: (inout OktaValidationErrors, Value, OktaValidationPath) -> Void
    ) {
        guard let values else { return }
        for (key, value) in values.sorted(by: { $0.key < $1.key }) { check(&self, value, path.member(key)) }
    }
}

/// Whether generated server stubs refuse input that violates the spec's constraints.
///
/// On by default. A server that checks its input by hand, in its own words and order, turns it off for the requests
/// it handles: okta-mock does, since it reproduces Okta's messages (profile attributes named without `profile.`, a
/// password policy's cause beside the length causes, the body's causes before the query's), which checks generated
/// from the spec alone cannot. Types, required parameters and well-formed JSON are checked either way.
///
/// ```swift
/// try await OktaServerValidation.$enforcesConstraints.withValue(false) { try await next(request, context) }
/// ```
public enum OktaServerValidation {
    /// `false` skips the constraint checks of the routes run in this task (and its child tasks).
    @TaskLocal public static var enforcesConstraints = true
}

extension OktaValidationErrors {
    /// Throws `E0000001` (400) with every constraint violation, if there is any and the checks are on
    /// (``OktaServerValidation/enforcesConstraints``).
    public func checkConstraints(_ subject: String) throws {
        guard OktaServerValidation.enforcesConstraints else { return }
        try check(subject)
    }
}
