import OktaGenDiagnostics
import OktaGenIR

/// What the renderer checks in the model before it renders anything: every name it writes as an identifier is one
/// (``SwiftIdentifier``), every raw value of an `Int` or `Double` enum is a number of that type, every method is an
/// HTTP method, and the options' names and access level are usable.
///
/// The IR builder and its naming layer already guarantee all of this, so a problem here is a bug in the generator (or
/// a hand-made model): it is an error at the IR node's location rather than a crash or, worse, text that the
/// renderer would have to write as code. (Even without this check, ``SwiftIdentifier/init(_:)`` never writes
/// anything but identifier characters.)
enum RenderCheck {
    static func problems(in model: IRModel, options: RenderOptions) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        func name(_ text: String, _ what: String, _ source: IRSource?) {
            guard SwiftIdentifier(validating: text) == nil else { return }
            problems.append(
                Diagnostic(
                    .error,
                    "internal error: the \(what) \(SwiftStringLiteral(text)) is not a valid Swift identifier (a bug in"
                        + " oktagen's naming; please report it)",
                    at: source?.location, pointer: source?.pointer))
        }
        if !["public", "internal", "package"].contains(options.access) {
            problems.append(
                Diagnostic(
                    .error, "the access level \(SwiftStringLiteral(options.access)) is not public, internal or package")
            )
        }
        name(options.clientName, "client name", nil)
        name(options.serverProtocolName, "server protocol name", nil)
        for type in model.types {
            name(type.name, "type name", type.source)
            switch type.kind {
            case .object(let object):
                for property in object.properties { name(property.swiftName, "property name", property.source) }
            case .enumeration(let enumeration):
                for item in enumeration.cases {
                    name(item.swiftName, "enum case name", type.source)
                    if let problem = rawValueProblem(item.rawValue, enumeration.rawType) {
                        problems.append(
                            Diagnostic(
                                .error,
                                "internal error: the enum value \(SwiftStringLiteral(item.rawValue)) \(problem)",
                                at: type.source.location, pointer: type.source.pointer))
                    }
                }
            case .union(let union):
                for variant in union.variants { name(variant.swiftName, "union case name", type.source) }
                for property in union.commonProperties { name(property.swiftName, "property name", property.source) }
            case .alias:
                break
            }
        }
        for tag in model.tags {
            name(tag.typeName, "tag type name", nil)
            name(tag.propertyName, "tag property name", nil)
        }
        let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        for operation in model.operations {
            name(operation.swiftName, "operation name", operation.source)
            if !methods.contains(operation.method.lowercased()) {
                problems.append(
                    Diagnostic(
                        .error, "internal error: \(SwiftStringLiteral(operation.method)) is not an HTTP method",
                        at: operation.source.location, pointer: operation.source.pointer))
            }
            for parameter in operation.parameters { name(parameter.swiftName, "parameter name", parameter.source) }
        }
        return problems
    }

    /// Why a raw value cannot be a literal of its enum's raw type, or `nil`.
    static func rawValueProblem(_ raw: String, _ type: IRScalar) -> String? {
        switch type {
        case .integer: Int(raw) == nil ? "of an integer enum is not an integer" : nil
        case .number:
            Double(raw).flatMap(SwiftNumberLiteral.init) == nil ? "of a number enum is not a finite number" : nil
        default: nil
        }
    }
}
