/// The documented shape of the template contexts: every key a template may use, with what it holds.
///
/// Templates are checked against it before rendering, so a misspelled key is an error at its file:line:column
/// instead of silently empty output; templates/README.md documents the same keys.
struct ContextSchema: Sendable {
    /// One key: its documentation and, for sections over objects or lists of objects, the keys inside.
    struct Entry: Sendable {
        let doc: String
        let children: ContextSchema?
        /// The key holds comment text (``SwiftCommentText``): templates may print it only after `//` on its line.
        var isComment = false
    }

    let entries: [String: Entry]

    init(_ entries: [String: Entry]) { self.entries = entries }

    static func value(_ doc: String) -> Entry { Entry(doc: doc, children: nil) }
    /// A key that holds comment text (or a list of it).
    static func comment(_ doc: String) -> Entry {
        Entry(doc: doc + " Comment text: safe only in a `//` comment.", children: nil, isComment: true)
    }
    static func list(_ doc: String, _ children: ContextSchema) -> Entry { Entry(doc: doc, children: children) }

    func merging(_ other: ContextSchema) -> ContextSchema {
        ContextSchema(entries.merging(other.entries) { first, _ in first })
    }

    // MARK: Shared

    static let common = ContextSchema([
        "headerLine": comment(
            "First line of every file: the generator and its version and the spec file (not the spec's title or version)."
        ),
        "access": value("Access level of generated declarations: `public` or `internal`."),
        "specFile": comment("The spec file as given."),
        "specTitle": comment("`info.title` of the spec."),
        "specVersion": comment("`info.version` of the spec."),
        "generatorVersion": comment("The oktagen version."),
        "clientName": value("Name of the client struct (`OktaClient`)."),
        "serverProtocolName": value("Name of the protocol that combines every handler (`OktaAPIHandler`)."),
    ])

    static let docLines = value("`///` lines, ready to print (summary, description, parameters).")

    // MARK: Models

    static let property = ContextSchema([
        "jsonKey": comment("The member name in JSON."),
        "swiftName": value("The Swift name, backticked when it is a keyword."),
        "bareName": value("The Swift name without backticks."),
        "type": value("The declared Swift type (`String?`, `OktaNullable<String>`, `[User]`)."),
        "docLines": docLines,
        "deprecated": value("Whether the property is deprecated."),
        "deprecationAttribute": value(
            "`@available(*, deprecated, message: …)` for the property; empty unless `deprecated`."),
        "isRecursive": value("Whether the property is stored indirectly (its type contains the owner)."),
        "hasStorage": value(
            "Whether the property is computed over private storage (recursive, or deprecated: generated code then uses"
                + " the storage and triggers no deprecation warning)."),
        "storageName": value("Name of the indirect storage (`_parent`)."),
        "storageType": value("Type of the indirect storage (`OktaBox<TreeNode>?`)."),
        "readStorage": value("Expression reading the value from indirect storage."),
        "assignFromNewValue": value("Statement storing `newValue` into indirect storage."),
        "initParameter": value("The memberwise initializer's parameter, with its default."),
        "initAssignment": value("The initializer's assignment statement."),
        "decodeAssignment": value("The statement that decodes the property in `init(from:)`."),
        "encodeStatement": value("The statement that encodes the property in `encode(to:)`."),
    ])

    static let model = common.merging(
        ContextSchema([
            "name": value("The Swift type name."),
            "schemaName": comment("The component schema name, or empty for inline types."),
            "docLines": docLines,
            "deprecated": value("Whether the schema is deprecated."),
            "isObject": value("The type is a struct; see `object`."),
            "isEnum": value("The type is an open enum; see `enum`."),
            "isUnion": value("The type is a oneOf/anyOf/discriminator union; see `union`."),
            "isAlias": value("The type is a typealias; see `alias`."),
            "object": list(
                "Struct details.",
                ContextSchema([
                    "properties": list("Properties, allOf parts flattened in.", property),
                    "hasProperties": value("Whether there is any property."),
                    "hasAdditionalProperties": value("Whether undeclared members are kept."),
                    "additionalPropertiesType": value("Swift type of undeclared members (`JSONValue`)."),
                    "knownKeysLiteral": value("Set literal of the declared JSON keys."),
                    "initParameters": value("Initializer parameter lines, commas included."),
                    "hasInitParameters": value("Whether the initializer takes parameters."),
                ])),
            "enum": list(
                "Enum details.",
                ContextSchema([
                    "rawType": value("`String`, `Int` or `Double`."),
                    "cases": list(
                        "Cases in spec order.",
                        ContextSchema([
                            "swiftName": value("Case name, backticked when a keyword."),
                            "bareName": value("Case name without backticks."),
                            "rawValue": comment("The raw value as text."),
                            "rawLiteral": value(
                                "The raw value as a Swift literal (string, or number for `Int` and `Double` enums)."),
                        ])),
                    "hasCases": value("Whether the enum lists any value."),
                    "allCasesLiteral": value("Array literal of every known case."),
                ])),
            "union": list(
                "Union details.",
                ContextSchema([
                    "style": value("`oneOf`, `anyOf` or `discriminator` (Okta's inheritance style)."),
                    "variants": list(
                        "Variants in spec order.",
                        ContextSchema([
                            "swiftName": value("Case name."),
                            "bareName": value("Case name without backticks."),
                            "type": value("Swift type of the payload."),
                            "discriminatorValues": comment("Discriminator values that select the variant."),
                            "discriminatorCaseLabel": value("Those values as a `case` label."),
                            "hasDiscriminatorValues": value("Whether any discriminator value selects it."),
                            "decodeExpression": value("Expression decoding the payload from `decoder`."),
                            "isStruct": value(
                                "Whether the payload is a struct (its members merge into the union's JSON object)."),
                            "declaredKeysLiteral": value(
                                "Set literal of the JSON keys the payload declares (empty if not a struct)."),
                        ])),
                    "isMerged": value(
                        "An `anyOf` without a discriminator: a struct with one optional per variant, each kept when it decodes."
                    ),
                    "initParameters": value("The merged struct's initializer parameter lines, commas included."),
                    "noVariantCondition": value("Condition: no variant of the merged struct is present."),
                    "hasStructVariants": value("Whether any variant is a struct."),
                    "structVariantCondition": value("Condition: a struct variant of the merged struct is present."),
                    "structVariantList": value("The struct variants, comma-separated, for `oktaEncodeMerged`."),
                    "byDiscriminator": value(
                        "Whether decoding switches on the discriminator (else tries variants in order)."),
                    "discriminatorLiteral": value("The discriminator property name as a literal."),
                    "commonProperties": list(
                        "Accessors for properties every variant shares.",
                        ContextSchema([
                            "swiftName": value("Accessor name."),
                            "type": value("Accessor type (optional)."),
                            "docLines": docLines,
                            "deprecated": value("Whether the property is deprecated."),
                            "deprecationAttribute": value(
                                "`@available(*, deprecated, message: …)` for the accessor; empty unless `deprecated`."),
                            "switchCases": value("The accessor's `case` lines."),
                        ])),
                    "hasCommonProperties": value("Whether there are shared accessors."),
                ])),
            "alias": list("Typealias details.", ContextSchema(["target": value("The aliased Swift type.")])),
        ]))

    // MARK: Client

    static let clientOperation = ContextSchema([
        "responseBodyEnum": list(
            "The enum the method returns when the successes differ in type or media type (none, or one).",
            ContextSchema([
                "name": value("Enum name (`VerifyFactorResponseBody`)."),
                "docLines": docLines,
                "caseLines": value("Case declarations with their `///` lines, one per status and media type."),
            ])),
        "swiftName": value("Method name."),
        "methodName": value("Method name (the same; in `lenient`, the lenient twin's)."),
        "operationId": comment("The operationId."),
        "operationIdLiteral": value("The operationId as a literal."),
        "docLines": docLines,
        "deprecated": value("Whether the operation is deprecated."),
        "deprecationAttribute": value(
            "`@available(*, deprecated, message: …)` for the method and its paging helper; empty unless `deprecated`."),
        "signatureLines": value("Parameter lines, commas included."),
        "hasSignature": value("Whether the method takes parameters."),
        "returnType": value("`OktaResponse<Body>`."),
        "pathLiteral": value("The path template as a literal."),
        "requestLines": value("Statements that put parameters into the request builder."),
        "hasRequestLines": value("Whether there are such statements."),
        "builderDeclaration": value("`var` or `let` for the builder."),
        "methodExpression": value("The HTTP method (`.get`)."),
        "acceptLiteral": value("The `Accept` value, or `nil`."),
        "contentTypeLiteral": value("The request `Content-Type`, or `nil`."),
        "bodyExpression": value("Expression building the request body, or `nil`."),
        "successCases": list(
            "Documented 2xx statuses (200 and 204 if no success has a body).",
            ContextSchema([
                "code": value("Status code."),
                "valueExpression": value("Expression producing the body."),
            ])),
        "paging": list(
            "Paging helper for lists with an `after` cursor.",
            ContextSchema([
                "isPaged": value("Whether to generate the helper."),
                "headerLines": value("Statements that set header and cookie parameters again on every later page."),
                "hasHeaderLines": value("Whether there are such statements."),
                "name": value("Helper name (`listUsersSequence`)."),
                "elementType": value("Element type of the list."),
                "signatureLines": value("Parameter lines (no `after`)."),
                "hasSignature": value("Whether the helper takes parameters."),
                "callArguments": value("Arguments passed to the first-page call."),
                "docLines": docLines,
                "firstPageMethod": value("The method the first page calls (`listUsers`)."),
                "lenientPaging": list(
                    "The same helper over the lenient method (`listUsersLenientSequence`), rendered by the same template lines.",
                    ContextSchema([
                        "name": value("Helper name."),
                        "elementType": value("`OktaLenient<Element>`."),
                        "firstPageMethod": value("The lenient method the first page calls (`listUsersLenient`)."),
                        "docLines": docLines,
                    ])),
            ])),
        "lenient": list(
            "A lenient twin of a list operation: each element decoded on its own (`OktaLenient`).",
            ContextSchema([
                "isLenient": value("Whether to generate it (the success body is an array)."),
                "methodName": value("Method name (`listUsersLenient`)."),
                "returnType": value("`OktaResponse<[OktaLenient<Element>]>`."),
                "docLines": docLines,
                "successCases": list(
                    "Documented 2xx statuses.",
                    ContextSchema([
                        "code": value("Status code."),
                        "valueExpression": value("Expression producing the lenient body."),
                    ])),
            ])),
    ])

    static let tag = ContextSchema([
        "name": comment("The tag."),
        "propertyName": value("Client property (`userLifecycle`)."),
        "apiName": value("API group type (`UserLifecycleAPI`)."),
        "handlerName": value("Handler protocol (`UserLifecycleHandler`)."),
        "docLines": docLines,
    ])

    static let client = common.merging(ContextSchema(["tags": list("API groups.", tag)]))

    static let clientAPI = common.merging(tag).merging(
        ContextSchema([
            "operations": list("Operations of the group, in spec order.", clientOperation)
        ]))

    // MARK: Server

    static let serverOperation = ContextSchema([
        "swiftName": value("Handler method name."),
        "operationIdLiteral": value("The operationId as a literal."),
        "docLines": docLines,
        "inputName": value("Input struct name (`ListUsersInput`)."),
        "outputName": value("Output enum name (`ListUsersOutput`)."),
        "inputFields": list(
            "Input fields.",
            ContextSchema([
                "declaration": value("Field declaration."),
                "docLines": docLines,
            ])),
        "inputInitLines": value("Input initializer parameter lines."),
        "inputAssignments": value("Input initializer assignments."),
        "outputCases": list(
            "Output cases, one per documented 2xx status and media type.",
            ContextSchema([
                "declaration": value("Case declaration."),
                "responseCase": value("`case` line turning it into a response."),
            ])),
        "hasOutputCases": value("Whether there is any output case."),
        "parseLines": value("Statements parsing parameters into locals."),
        "hasValidation": value("Whether there are parameters to validate."),
        "usesServer": value("Whether the route reads the request through `OktaServerRequest`."),
        "validationSubject": value("Subject of validation errors."),
        "bodyLine": value("Statement reading the body."),
        "hasBodyLine": value("Whether there is a body."),
        "validationLines": value(
            "Statements checking the constraints of the parameters and body (docs/Validation.md), throwing one"
                + " `E0000001` with every violation; empty when the spec states none."),
        "guardLine": value("`guard let` unwrapping required values."),
        "hasGuard": value("Whether there is such a guard."),
        "inputExpression": value("Expression building the input."),
        "methodExpression": value("HTTP method."),
        "registrationPathLiteral": value("Route path with positional parameter names."),
    ])

    static let serverHandler = common.merging(tag).merging(
        ContextSchema([
            "operations": list("Operations of the group.", serverOperation)
        ]))

    /// The enum of a request body in several media types (`request-body.mustache`).
    static let requestBody = common.merging(
        ContextSchema([
            "name": value("Enum name (`PublishCsrRequestBody`)."),
            "docLines": docLines,
            "caseLines": value("Case declarations with their `///` lines, one per media type."),
            "contentTypeLines": value("`case` lines of the `contentType` switch."),
            "encodeLines": value("`case` lines of the `encodedBody()` switch."),
            "decodeLines": value("`case` lines of the server's switch over the received media type."),
        ]))

    static let server = common.merging(
        ContextSchema([
            "tags": list("Handler groups.", tag),
            "handlerList": value("The handler protocols, comma-separated."),
        ]))

    static let serverValidation = common.merging(
        ContextSchema([
            "models": list(
                "Models that conform to `OktaValidatable`.",
                ContextSchema([
                    "name": value("The model's type name."),
                    "lines": value("Statements of its `validate(into:at:)`."),
                ])),
            "patterns": list(
                "Every distinct pattern the checks use.",
                ContextSchema([
                    "name": value("Its name in `OktaValidationPatterns` (`p0`)."),
                    "literal": value("The pattern as a string literal."),
                ])),
            "hasPatterns": value("Whether there is any pattern."),
        ]))

    // MARK: Documentation catalog

    /// Markdown, not Swift: no spec text (comment text would not be safe there), names only.
    static let docc = common.merging(
        ContextSchema([
            "groups": list(
                "API groups, in tag order.",
                ContextSchema([
                    "property": value("The client's property, without backticks (`userLifecycle`)."),
                    "type": value("The API group type, without backticks (`UserLifecycleAPI`)."),
                ]))
        ]))

    /// The schema of each template's root context.
    static let byTemplate: [String: ContextSchema] = [
        "model-object": model, "model-enum": model, "model-union": model, "model-alias": model,
        "client": client, "client-api": clientAPI, "server-handler": serverHandler, "server": server,
        "request-body": requestBody,
        "server-validation": serverValidation,
        "docc-client": docc, "docc-getting-started": docc,
    ]
}

extension ContextSchema {
    /// The schema as Markdown: one section per template, nested keys indented (templates/README.md's reference).
    static func referenceMarkdown() -> String {
        var text = ""
        let groups: [(title: String, templates: [String], schema: ContextSchema)] = [
            ("Models: `model-object`, `model-enum`, `model-union`, `model-alias`", ["model-object"], model),
            ("Client: `client`", ["client"], client),
            ("Client API group: `client-api`", ["client-api"], clientAPI),
            ("Server handler group: `server-handler`", ["server-handler"], serverHandler),
            ("Server: `server`", ["server"], server),
            ("Request body in several media types: `request-body`", ["request-body"], requestBody),
            ("Server validation: `server-validation`", ["server-validation"], serverValidation),
            ("Documentation catalog: `docc-client`, `docc-getting-started`", ["docc-client"], docc),
        ]
        for group in groups {
            text += "### \(group.title)\n\n| key | holds |\n|---|---|\n"
            text += rows(group.schema, prefix: "")
            text += "\n"
        }
        return text
    }

    private static func rows(_ schema: ContextSchema, prefix: String) -> String {
        var text = ""
        for key in schema.entries.keys.sorted() {
            guard let entry = schema.entries[key] else { continue }
            let name = prefix.isEmpty ? key : "\(prefix).\(key)"
            let doc = entry.doc.replacingOccurrences(of: "|", with: "\\|")
            text += "| `\(name)` | \(doc)\(entry.children == nil ? "" : " (section)") |\n"
            if let children = entry.children { text += rows(children, prefix: name + "[]") }
        }
        return text
    }
}
