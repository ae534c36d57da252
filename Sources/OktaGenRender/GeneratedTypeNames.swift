import OktaGenIR

/// Names of the types the renderer declares beside the model: per tag `<Tag>API` and `<Tag>Handler`, per operation
/// `<Operation>Input` and `<Operation>Output` (docs/Naming.md).
///
/// Model types are named first, by the IR, whatever the tag selection; these take what is left. A name that a model
/// type, a reserved name (``ReservedNames/typeNames``), the client or the server protocol, or an earlier name of
/// this table already has gets the first free number from 2 (`UserAPI` → `UserAPI2`). Tags are named in model order,
/// then operations in model order, so the result is deterministic; a spec without clashes keeps the plain names.
struct GeneratedTypeNames: Sendable {
    /// By ``IRTag/typeName`` (unique in a model).
    private var api: [String: String] = [:]
    private var handler: [String: String] = [:]
    /// By ``IROperation/swiftName`` (unique in a model).
    private var input: [String: String] = [:]
    private var output: [String: String] = [:]

    init(model: IRModel, options: RenderOptions) {
        var taken = ReservedNames.typeNames
        taken.formUnion(model.types.map(\.name))
        taken.insert(options.clientName)
        taken.insert(options.serverProtocolName)
        func claim(_ name: String) -> String {
            if taken.insert(name).inserted { return name }
            var counter = 2
            while !taken.insert(name + String(counter)).inserted { counter += 1 }
            return name + String(counter)
        }
        for tag in model.tags {
            api[tag.typeName] = claim(tag.typeName + "API")
            handler[tag.typeName] = claim(tag.typeName + "Handler")
        }
        for operation in model.operations {
            let upper = SwiftIdentifier(operation.swiftName).upperFirst.bareText
            input[operation.swiftName] = claim(upper + "Input")
            output[operation.swiftName] = claim(upper + "Output")
        }
    }

    func apiName(_ tag: IRTag) -> String { api[tag.typeName] ?? tag.typeName + "API" }
    func handlerName(_ tag: IRTag) -> String { handler[tag.typeName] ?? tag.typeName + "Handler" }

    func inputName(_ operation: IROperation) -> String {
        input[operation.swiftName]
            ?? SwiftIdentifier(operation.swiftName).upperFirst.bareText + "Input"
    }

    func outputName(_ operation: IROperation) -> String {
        output[operation.swiftName]
            ?? SwiftIdentifier(operation.swiftName).upperFirst.bareText + "Output"
    }
}
