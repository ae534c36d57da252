import Foundation
import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI
import SwiftParser
import SwiftSyntax
import Testing

@testable import OktaGenRender

/// Specs whose every field that can reach generated Swift carries a payload meant to become code: line breaks Swift
/// or an editor honours (CR, CRLF, LF, VT, FF, NEL, LS, PS), `*/` and `/*`, `"""`, `\(`, `"#`, bidirectional controls
/// (`U+202E`, `U+2066`), zero-width and escape characters. Each payload carries a marker, `PWNED_<field>`.
///
/// The output is parsed with swift-syntax's parser: no file has a syntax error, and every marker lands in comment
/// trivia or in a string literal's segment, never in any other token (where it would be code). No raw line break
/// other than LF, bidirectional or invisible character is left anywhere in the output. The output type-checks in
/// Swift 6 mode with warnings as errors (one `swiftc` run). Enum values that cannot be number literals are errors
/// at their location.
@Suite struct HostileSpecTests {
    /// A payload for a YAML double-quoted scalar (escapes as YAML reads them).
    static func payload(_ field: String) -> String {
        let m = "PWNED_" + field
        return #"x\r\#(m)_cr()\r\n\#(m)_crlf()\n\#(m)_lf()\v\#(m)_vt()\f\#(m)_ff()\N\#(m)_nel()\L\#(m)_ls()"#
            + ##"\P\##(m)_ps() */ \##(m)_close() /* \"\"\"\##(m)_q3 \\(\##(m)_interp()) \"#\##(m)_hash \"); \##(m)_quote("##
            + #" \u202E\#(m)_rlo\u2066 \u200B\#(m)_zw \e\#(m)_esc \\u{41}\#(m)_u"#
    }

    /// A payload for names (schema, property, parameter names): the same, without characters names cannot hold in
    /// a path or pointer.
    static func namePayload(_ field: String) -> String {
        let m = "PWNED_" + field
        return #"n\r\#(m)_cr()\N\#(m)_nel\L\#(m)_ls \u202E\#(m)_rlo \"\#(m)_q \\(\#(m)_interp)"#
    }

    /// The spec: one operation per parameter location, bodies, responses, an object, string/integer/number enums
    /// and a discriminated union, with a payload in every field.
    static var spec: String {
        func p(_ field: String) -> String { "\"" + payload(field) + "\"" }
        func n(_ field: String) -> String { "\"" + namePayload(field) + "\"" }
        return """
            openapi: 3.0.3
            info:
              title: \(p("title"))
              version: \(p("version"))
              description: \(p("infoDescription"))
            servers:
              - url: \(p("serverURL"))
                description: \(p("serverDescription"))
            tags:
              - name: \(n("tag"))
                description: \(p("tagDescription"))
            paths:
              "/evil/{id}/\(namePayload("path"))":
                summary: \(p("pathSummary"))
                get:
                  operationId: \(n("operationId"))
                  summary: \(p("summary"))
                  description: \(p("description"))
                  tags: [\(n("tag"))]
                  parameters:
                    - {name: id, in: path, required: true, description: \(p("pathParameter")), schema: {type: string}}
                    - name: \(n("query"))
                      in: query
                      description: \(p("queryDescription"))
                      schema: {type: string, default: \(p("queryDefault")), example: \(p("queryExample"))}
                    - {name: \(n("header")), in: header, description: \(p("headerDescription")), schema: {type: string}}
                    - {name: \(n("cookie")), in: cookie, description: \(p("cookieDescription")), schema: {type: string}}
                    - {name: after, in: query, schema: {type: string}}
                  responses:
                    "200":
                      description: \(p("responseDescription"))
                      content:
                        application/json:
                          schema: {type: array, items: {$ref: "#/components/schemas/Evil"}}
                          example: \(p("responseExample"))
                    default:
                      description: \(p("errorDescription"))
                post:
                  operationId: postEvil
                  tags: [\(n("tag"))]
                  parameters:
                    - {name: id, in: path, required: true, schema: {type: string}}
                  requestBody:
                    description: \(p("bodyDescription"))
                    required: true
                    content:
                      \(n("requestMediaType")):
                        schema: {type: string, format: binary}
                  responses:
                    "201":
                      description: created
                      content:
                        \(n("responseMediaType")):
                          schema: {type: string, format: binary}
                put:
                  operationId: putEvil
                  tags: [\(n("tag"))]
                  parameters:
                    - {name: id, in: path, required: true, schema: {type: string}}
                  requestBody:
                    content:
                      application/json:
                        schema: {$ref: "#/components/schemas/Pet"}
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: "#/components/schemas/Numbers"}
            components:
              schemas:
                Evil:
                  type: object
                  description: \(p("schemaDescription"))
                  title: \(p("schemaTitle"))
                  required: [\(n("property"))]
                  properties:
                    \(n("property")):
                      type: string
                      description: \(p("propertyDescription"))
                      default: \(p("propertyDefault"))
                      example: \(p("propertyExample"))
                    status:
                      $ref: "#/components/schemas/Status"
                    \(n("nested")):
                      type: object
                      description: \(p("nestedDescription"))
                      properties:
                        inner: {type: string, description: \(p("innerDescription"))}
                  additionalProperties: true
                Status:
                  type: string
                  description: \(p("enumDescription"))
                  enum: [\(p("enumString")), ACTIVE, \(n("enumName"))]
                Numbers:
                  type: object
                  properties:
                    count: {$ref: "#/components/schemas/Count"}
                    ratio: {$ref: "#/components/schemas/Ratio"}
                Count:
                  type: integer
                  enum: [1, -2, 30]
                Ratio:
                  type: number
                  enum: [0.5, 2, -1.25]
                Pet:
                  description: \(p("unionDescription"))
                  oneOf:
                    - $ref: "#/components/schemas/Cat"
                    - $ref: "#/components/schemas/Dog"
                  discriminator:
                    propertyName: \(n("discriminatorProperty"))
                    mapping:
                      \(n("discriminatorValue")): "#/components/schemas/Cat"
                      dog: "#/components/schemas/Dog"
                Cat:
                  type: object
                  properties:
                    \(n("discriminatorProperty")): {type: string, description: \(p("catDescription"))}
                Dog:
                  type: object
                  properties:
                    \(n("discriminatorProperty")): {type: string}

            """
    }

    /// The spec file as named in headers: a payload too.
    static let specFile = "evil\r" + "PWNED_specFile()\u{2028}PWNED_specFile2() */ PWNED_specFile3 /*.yaml"

    static func render() throws -> (files: [String: String], model: IRModel, diagnostics: [Diagnostic]) {
        let resolver = try SpecResolver.load(bytes: Array(spec.utf8), path: "hostile.yaml")
        let model = IRBuilder(resolver: resolver, selection: .all).build()
        let files = try Renderer(model: model, options: RenderOptions(specFile: specFile)).render()
        return (files, model, resolver.diagnostics.diagnostics)
    }

    /// Where a marker was found outside comments and string segments, per file, with the token kind.
    static func misplacedMarkers(in source: String) -> (errors: Bool, misplaced: [String]) {
        let tree = Parser.parse(source: source)
        var misplaced: [String] = []
        func check(_ trivia: Trivia, _ token: TokenSyntax) {
            for piece in trivia {
                switch piece {
                case .lineComment, .docLineComment, .blockComment, .docBlockComment: continue
                default:
                    var text = ""
                    piece.write(to: &text)
                    if text.contains("PWNED_") { misplaced.append("trivia \(piece) near \(token.text)") }
                }
            }
        }
        for token in tree.tokens(viewMode: .all) {
            check(token.leadingTrivia, token)
            check(token.trailingTrivia, token)
            if token.text.contains("PWNED_") {
                if case .stringSegment = token.tokenKind { continue }
                misplaced.append("\(token.tokenKind): \(token.text)")
            }
        }
        return (tree.hasError, misplaced)
    }

    /// Scalars that must never appear raw in generated code.
    static func isForbiddenRaw(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x08, 0x0B...0x1F, 0x7F...0x9F, 0x061C, 0x180E, 0x200B...0x200F, 0x2028...0x202E,
            0x2060...0x206F, 0xFEFF, 0xFFF9...0xFFFB:
            true
        default: false
        }
    }

    @Test func everyPayloadLandsInACommentOrAStringLiteral() throws {
        let (files, model, diagnostics) = try Self.render()
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics)")
        #expect(model.operations.count == 3)
        #expect(files.count > 10)
        var all = ""
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            // The DocC catalog's Markdown has no escaping layer, so no spec text at all: names only.
            if path.hasSuffix(".md") {
                // Names only: once the symbol links (identifiers, `/`, a signature's `(:)`) are taken out, no payload.
                let outsideLinks = text.replacing(/``[A-Za-z0-9_\/():]+``/, with: "")
                #expect(!outsideLinks.contains("PWNED"), "\(path) holds spec text:\n\(text)")
                #expect(text.unicodeScalars.allSatisfy { $0 == "\n" || (0x20..<0x7F).contains($0.value) }, "\(path)")
                continue
            }
            let (errors, misplaced) = Self.misplacedMarkers(in: text)
            #expect(!errors, "\(path) has syntax errors:\n\(text)")
            #expect(misplaced.isEmpty, "\(path): \(misplaced.prefix(5))\n\(text)")
            let raw = text.unicodeScalars.filter(Self.isForbiddenRaw)
            #expect(raw.isEmpty, "\(path) holds \(raw.map { String($0.value, radix: 16) })")
            all += text
        }
        // The payloads did reach the output (else the test would prove nothing): each field that is rendered.
        let rendered = [
            "title", "version", "tagDescription", "operationId", "summary", "description", "pathParameter",
            "query", "queryDescription", "header", "headerDescription", "cookie", "cookieDescription", "path",
            "bodyDescription", "requestMediaType", "responseMediaType", "schemaDescription", "property",
            "propertyDescription", "nestedDescription", "innerDescription", "enumDescription", "enumString", "enumName",
            "unionDescription", "discriminatorProperty", "discriminatorValue", "catDescription", "specFile",
        ]
        for field in rendered {
            #expect(
                all.contains("PWNED_\(field)_") || all.contains("PWNED_\(field)("),
                "PWNED_\(field) is not in the output")
        }
    }

    /// Text a comment line is made of: the line breaks, controls and pairs it rewrites, and ordinary text kept as is.
    @Test func commentTextIsRewrittenToOneSafeLine() {
        #expect(SwiftCommentText("a\rb\r\nc\u{85}d\u{2028}e\u{2029}f\u{0B}g\u{0C}h\ni").text == "a b c d e f g h i")
        #expect(SwiftCommentText("x */ y /* z /*/").text == "x * / y / * z / * /")
        #expect(
            SwiftCommentText("\u{202E}a\u{2066}\u{200B}\u{1B}\u{FEFF}").text
                == #"\u{202e}a\u{2066}\u{200b}\u{1b}\u{feff}"#)
        #expect(SwiftCommentText("plain `code` — é, 名, tab\there").text == "plain `code` — é, 名, tab    here")
        #expect(
            SwiftCommentText.lines("one\r\ntwo\rthree\u{2028}four  \nfive\t").map(\.text)
                == ["one", "two", "three", "four", "five"])
        #expect(DocComments().lines("Summary.\r    PWNED()").map(\.text) == ["/// Summary.", "///     PWNED()"])
    }

    @Test func stringLiteralsEscapeEverythingThatCouldEndThemOrHideText() {
        #expect(SwiftStringLiteral(#"a"b\c"#).text == #""a\"b\\c""#)
        #expect(SwiftStringLiteral("\"\"\" \\(x) \"# \\#(y)").text == "\"\\\"\\\"\\\" \\\\(x) \\\"# \\\\#(y)\"")
        #expect(SwiftStringLiteral("\r\n\t\u{0}\u{7F}").text == #""\r\n\t\u{0}\u{7f}""#)
        #expect(SwiftStringLiteral("é\u{202E}名\u{2028}\u{85}").text == #""é\u{202e}名\u{2028}\u{85}""#)
        #expect(SwiftStringLiteral("application/json").text == #""application/json""#)
    }

    @Test func identifiersAreCheckedAgainstSwiftsGrammar() {
        for valid in ["user", "User2", "_id", "`default`", "`class`", "café", "名前", "type", "get"] {
            #expect(SwiftIdentifier(validating: valid) != nil, "\(valid)")
        }
        for invalid in [
            "", "_", "2x", "a b", "a;b", "default", "class", "`a b`", "a\u{202E}b", "a\u{200B}", "`x", "$0",
            "a\rb", "a.b",
        ] {
            #expect(SwiftIdentifier(validating: invalid) == nil, "\(invalid)")
            // The fallback never writes anything but an identifier.
            #expect(SwiftIdentifier(validating: SwiftIdentifier(invalid).text) != nil, "\(invalid)")
        }
        #expect(SwiftIdentifier("in").text == "`in`")
        #expect(SwiftIdentifier("`in`").composed(suffix: "out").text == "`inout`")
    }

    /// A model that did not come from the IR builder, with names that are not identifiers and an integer enum value
    /// that is not an integer: rendering refuses it with the node's location, and renders nothing.
    @Test func theRendererRefusesAModelWithNamesThatAreNotIdentifiers() throws {
        let source: [String: Any] = ["file": "x.yaml", "line": 7, "column": 3, "pointer": "#/components/schemas/E"]
        let cases: [[String: Any]] = [
            ["rawValue": "1; PWNED()", "swiftName": "value1"], ["rawValue": "2", "swiftName": "x\rPWNED()"],
        ]
        let json: [String: Any] = [
            "source": ["file": "x.yaml", "openapi": "3.0.3", "title": "X", "version": "1", "servers": [] as [Any]],
            "selectedTags": ["all"], "tags": [] as [Any], "operations": [] as [Any],
            "types": [
                [
                    "name": "E", "deprecated": false, "source": source,
                    "kind": ["kind": "enum", "enum": ["rawType": "integer", "cases": cases]],
                ]
            ],
            "securitySchemes": [] as [Any],
        ]
        let model = try JSONDecoder().decode(IRModel.self, from: try JSONSerialization.data(withJSONObject: json))
        let error = #expect(throws: DiagnosticsError.self) {
            try Renderer(model: model, options: RenderOptions(mode: .models, specFile: "x.yaml")).render()
        }
        let messages = error?.diagnostics.map(\.description) ?? []
        #expect(messages.count == 2, "\(messages)")
        #expect(messages.allSatisfy { $0.hasPrefix("x.yaml:7:3: error: internal error: ") }, "\(messages)")
        #expect(messages.contains { $0.contains(#""1; PWNED()" of an integer enum is not an integer"#) }, "\(messages)")
        #expect(messages.contains { $0.contains(#""x\rPWNED()" is not a valid Swift identifier"#) }, "\(messages)")
    }

    /// A template (an override, say) that prints comment text outside a `//` comment is refused at the tag.
    @Test func templatesMayPrintCommentTextOnlyInLineComments() {
        let template = """
            // {{headerLine}}
            let title = "{{specTitle}}"
            /// Groups of {{specTitle}}:{{#tags}} {{name}}{{/tags}}
            {{#tags}}
            let x = {{name}} // {{name}}
            {{/tags}}

            """
        let checker = TemplateChecker(templates: ["main": template], paths: ["main": "main.mustache"])
        let problems = checker.check("main", schema: ContextSchema.client).map(\.description)
        #expect(problems.count == 2, "\(problems)")
        #expect(problems.first?.hasPrefix("main.mustache:2:14: error: '{{specTitle}}' holds comment text") == true)
        #expect(problems.last?.hasPrefix("main.mustache:5:9: error: '{{name}}' holds comment text") == true)
        for name in TemplateSet.bundled.texts.keys.sorted() where !name.hasPrefix("_") {
            let bundled = TemplateChecker(templates: TemplateSet.bundled.texts, paths: [:])
            #expect(
                bundled.check(name, schema: ContextSchema.byTemplate[name] ?? ContextSchema([:])).isEmpty, "\(name)")
        }
    }

    // MARK: Enum values

    static func enumSpec(type: String, values: String) -> String {
        """
        openapi: 3.0.3
        info: {title: t, version: "1"}
        paths:
          /things:
            get:
              operationId: getThing
              responses:
                "200":
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Thing"}
        components:
          schemas:
            Thing:
              type: \(type)
              enum: \(values)

        """
    }

    /// Enum values that cannot be literals of the enum's type, each an error at the value with its pointer.
    @Test(arguments: [
        ("integer", #"[1, "2; PWNED()"]"#, 17, #"enum value "2; PWNED()" of schema 'Thing' is not an integer"#),
        ("integer", "[1, 2.5]", 17, "enum value 2.5 of schema 'Thing' is not an integer"),
        ("integer", "[1, true]", 17, "enum value true of schema 'Thing' is not an integer"),
        ("number", "[1.5, .inf]", 19, "of schema 'Thing' is not a finite number"),
        ("number", #"[1.5, "x"]"#, 19, #"enum value "x" of schema 'Thing' is not a finite number"#),
    ])
    func enumValuesThatAreNotNumbersOfTheirTypeAreErrors(
        _ type: String, _ values: String, _ column: Int, _ message: String
    ) throws {
        let resolver = try SpecResolver.load(
            bytes: Array(Self.enumSpec(type: type, values: values).utf8), path: "enum.yaml")
        _ = IRBuilder(resolver: resolver, selection: .all).build()
        let errors = resolver.diagnostics.errors.map(\.description)
        #expect(errors.count == 1, "\(errors)")
        let expected = "enum.yaml:17:\(column): error: "
        #expect(errors.first?.hasPrefix(expected) == true, "\(errors)")
        #expect(errors.first?.contains(message) == true, "\(errors)")
        #expect(errors.first?.hasSuffix("(at #/components/schemas/Thing/enum/1)") == true, "\(errors)")
    }

    @Test func numberEnumsHaveDoubleRawValuesWrittenAsNumberLiterals() throws {
        let (files, model, _) = try Self.render()
        let ratio = try #require(model.types.first { $0.name == "Ratio" })
        guard case .enumeration(let enumeration) = ratio.kind else {
            Issue.record("Ratio is not an enum")
            return
        }
        #expect(enumeration.rawType == .number)
        let text = try #require(files["Models/Ratio.swift"])
        #expect(text.contains("enum Ratio: OktaOpenEnum, OktaParameterValue {"))
        #expect(text.contains("case unknown(Double)"))
        #expect(text.contains(": 0.5\n") && text.contains(": 2.0\n") && text.contains(": -1.25\n"), "\(text)")
        let count = try #require(files["Models/Count.swift"])
        #expect(count.contains("case unknown(Int)") && count.contains(": -2\n"), "\(count)")
    }

    // MARK: Compiling

    /// The hostile spec's whole output type-checks in Swift 6 mode with warnings as errors (one compiler run).
    @Test func theOutputTypeChecksInSwift6WithoutWarnings() async throws {
        let (files, _, _) = try Self.render()
        let clock = ContinuousClock()
        let start = clock.now
        let (status, text) = try await RealSpecGenerationTests.compile(files, ["-typecheck", "-wmo"])
        #expect(status == 0, Comment(rawValue: String(text.prefix(4000))))
        #expect(!text.contains("warning:"), Comment(rawValue: String(text.prefix(4000))))
        print("HostileSpecTests: swiftc -typecheck took \(clock.now - start)")
    }
}
