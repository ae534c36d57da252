import OktaGenIR

/// Names of the types the renderer declares beside the model: per tag `<Tag>API` and `<Tag>Handler`, per operation
/// `<Operation>Input` and `<Operation>Output`, and `<Operation>RequestBody` and `<Operation>ResponseBody` where a body
/// comes in several media types or types (docs/Naming.md).
///
/// Model types are named first, by the IR, whatever the tag selection; these take what is left. A name that a model
/// type, a reserved name (``ReservedNames/typeNames``), the client or the server protocol, or an earlier name of
/// this table already has gets the first free number from 2 (`UsersAPI` → `UserAPI2`). Tags are named in model order,
/// then operations in model order, so the result is deterministic; a spec without clashes keeps the plain names.
struct GeneratedTypeNames: Sendable {
    /// By ``IRTag/typeName`` (unique in a model).
    private var api: [String: String] = [:]
    private var handler: [String: String] = [:]
    /// By ``IROperation/swiftName`` (unique in a model).
    private var input: [String: String] = [:]
    private var output: [String: String] = [:]
    /// Only for operations whose request body is a choice of media types, or whose successes differ in type.
    private var requestBody: [String: String] = [:]
    private var responseBody: [String: String] = [:]

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
        // After every other name, so that specs without such operations keep their names.
        for operation in model.operations {
            let upper = SwiftIdentifier(operation.swiftName).upperFirst.bareText
            if OperationContextBuilder.hasRequestChoice(operation) {
                requestBody[operation.swiftName] = claim(upper + "RequestBody")
            }
            if OperationContextBuilder.hasResponseChoice(operation) {
                responseBody[operation.swiftName] = claim(upper + "ResponseBody")
            }
        }
    }

    func apiName(_ tag: IRTag) -> String { api[tag.typeName] ?? tag.typeName + "API" }
    func handlerName(_ tag: IRTag) -> String { handler[tag.typeName] ?? tag.typeName + "Handler" }

    func inputName(_ operation: IROperation) -> String {
        input[operation.swiftName]
            ?? SwiftIdentifier(operation.swiftName).upperFirst.bareText + "Input"
    }

    /// The enum of a request body in several media types (`<Operation>RequestBody`).
    func requestBodyName(_ operation: IROperation) -> String {
        requestBody[operation.swiftName]
            ?? SwiftIdentifier(operation.swiftName).upperFirst.bareText + "RequestBody"
    }

    /// The enum of successes that differ in type (`<Operation>ResponseBody`).
    func responseBodyName(_ operation: IROperation) -> String {
        responseBody[operation.swiftName]
            ?? SwiftIdentifier(operation.swiftName).upperFirst.bareText + "ResponseBody"
    }

    func outputName(_ operation: IROperation) -> String {
        output[operation.swiftName]
            ?? SwiftIdentifier(operation.swiftName).upperFirst.bareText + "Output"
    }
}
