import Foundation
import Mustache
import OktaGenConfig
import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI
import OktaGenTestSupport
import Testing

@testable import OktaGenRender

/// OktaGen's Mustache engine (TemplateEngine.swift) against hummingbird-project/swift-mustache, the reference: every
/// file of every fixture spec, the default spec and (when OKTA_SPEC is set) Okta's whole spec renders the same through
/// both; and the Mustache spec's own cases for what the engine supports.
@Suite struct TemplateEngineTests {
    /// swift-mustache set up as OktaGen rendered with it before it had its own engine: plain text everywhere, and a
    /// partial's own last line break dropped (its tag is not standalone behind the content-type pragma).
    static func referenceLibrary(_ texts: [String: String]) throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in texts {
            let text = name.hasPrefix("_") && text.hasSuffix("\n") ? String(text.dropLast()) : text
            try library.register("{{%CONTENT_TYPE:TEXT}}" + text, named: name)
        }
        return library
    }

    /// Renders every file of a model through both engines; returns the paths whose texts differ.
    static func differences(_ model: IRModel, specFile: String) throws -> [String] {
        let renderer = Renderer(model: model, options: RenderOptions(specFile: specFile))
        let ours = try TemplateSet.bundled.library()
        let reference = try referenceLibrary(TemplateSet.bundled.texts)
        var differing: [String] = []
        for job in renderer.jobs() {
            let context = job.context().adding(job.common)
            let expected = reference.render(context.anyValue, withTemplate: job.template)
            let actual = ours.render(context, withTemplate: job.template)
            if expected != actual { differing.append(job.path) }
        }
        return differing
    }

    @Test func everyFixtureSpecRendersAsWithSwiftMustache() throws {
        for fixture in GoldenSupport.fixtureSpecNames {
            let model = IRBuilder(resolver: try GoldenSupport.load(fixture: fixture), selection: .all).build()
            let differing = try Self.differences(model, specFile: fixture)
            #expect(differing.isEmpty, "\(fixture): \(differing.prefix(10))")
            #expect(!model.types.isEmpty)
        }
    }

    @Test func theDefaultSpecRendersAsWithSwiftMustache() throws {
        let root = RenderGoldenTests.repositoryRoot
        let model = IRBuilder(
            resolver: try SpecResolver.load(path: root.appendingPathComponent("specs/okta-users.yaml").path),
            selection: .tags(GeneratorConfig.defaultTags)
        )
        .build()
        #expect(model.operations.count == 36)
        #expect(try Self.differences(model, specFile: "specs/okta-users.yaml").isEmpty)
    }

    @Test(.enabled(if: RealSpecGenerationTests.spec != nil, "OKTA_SPEC is not set: skipping Okta's whole spec"))
    func oktasWholeSpecRendersAsWithSwiftMustache() throws {
        let model = IRBuilder(
            resolver: try SpecResolver.load(path: try #require(RealSpecGenerationTests.spec)), selection: .all
        )
        .build()
        #expect(model.operations.count == 732)
        let differing = try Self.differences(model, specFile: "okta-management.yaml")
        #expect(differing.isEmpty, "\(differing.count) files differ, first: \(differing.prefix(10))")
    }

    /// Templates and contexts for the rules the engine implements (from the Mustache spec: interpolation, sections,
    /// inverted sections, comments, partials, standalone lines), each compared with swift-mustache.
    static var cases: [(String, String, TemplateObject)] {
        [
            ("variables", "Hello, {{name}}! {{{name}}} {{& name}} {{missing}}.", ["name": "<Ann & Bob>"]),
            ("dotted names", "{{a.b.c}} {{a.x}} {{#a}}{{b.c}}{{/a}}", ["a": .object(["b": .object(["c": "deep"])])]),
            ("current item", "{{#list}}[{{.}}]{{/list}}", ["list": ["x", "y"]]),
            (
                "booleans", "{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}not{{/no}}{{^yes}}never{{/yes}}",
                ["yes": true, "no": false]
            ),
            ("empty list", "{{#list}}item{{/list}}{{^list}}none{{/list}}", ["list": []]),
            ("objects", "{{#user}}{{name}} ({{role}}){{/user}}", ["user": .object(["name": "Ann"]), "role": "admin"]),
            (
                "list of objects", "{{#items}}{{n}}{{^last}}, {{/last}}{{/items}}",
                ["items": .objects([["n": "1"], ["n": "2", "last": true]])]
            ),
            ("standalone section lines", "Begin\n  {{#a}}\n  inside\n  {{/a}}\nEnd\n", ["a": true]),
            ("standalone inverted lines", "Begin\n{{^a}}\n  inside\n{{/a}}\nEnd", ["a": false]),
            ("standalone comment", "Begin\n  {{! a comment }}  \nEnd\n", [:]),
            ("not standalone", "  {{#a}}x{{/a}}  \n{{#a}} {{/a}}y\n", ["a": true]),
            ("CRLF standalone", "Begin\r\n{{#a}}\r\nx\r\n{{/a}}\r\nEnd\r\n", ["a": true]),
            ("last line standalone", "Begin\n{{#a}}\nx\n{{/a}}", ["a": true]),
            (
                "nested sections", "{{#outer}}{{#inner}}{{name}}-{{title}};{{/inner}}{{/outer}}",
                ["outer": .object(["title": "T", "inner": .objects([["name": "a"], ["name": "b"]])])]
            ),
            ("numbers", "{{count}} {{#count}}has{{/count}}", ["count": 3]),
            ("partial", "{{>part}}|{{> part }}\n{{>part}}\nend", ["x": "X"]),
            ("missing partial", "a{{>nothing}}b", [:]),
            ("unicode text", "é{{name}}ü\n{{#a}}\n✓ {{name}}\n{{/a}}\n", ["name": "名", "a": true]),
        ]
    }

    @Test(arguments: cases.indices)
    func specCasesRenderAsWithSwiftMustache(_ index: Int) throws {
        let (name, template, context) = Self.cases[index]
        let texts = ["main": template, "_part": "({{x}})"]
        var ourTexts = texts
        ourTexts["part"] = texts["_part"]
        var referenceTexts = texts
        referenceTexts["part"] = texts["_part"]
        let ours = TemplateLibrary(templates: try ourTexts.mapValues { try TemplateParser.parse($0) })
        let reference = try Self.referenceLibrary(referenceTexts)
        #expect(
            ours.render(context, withTemplate: "main") == reference.render(context.anyValue, withTemplate: "main"),
            "\(name)")
    }

    @Test func indentedStandalonePartialsIndentEveryLine() throws {
        let library = TemplateLibrary(templates: [
            "main": try TemplateParser.parse("begin\n    {{> lines}}\nend\n"),
            "lines": try TemplateParser.parse("one\ntwo\n\nthree\n"),
        ])
        #expect(library.render([:], withTemplate: "main") == "begin\n    one\n    two\n\n    three\nend\n")
    }

    /// Templates the engine refuses, and where.
    static let invalid: [(String, TemplateSyntaxError)] = [
        ("a\n{{#cases}}\n", TemplateSyntaxError(message: "section 'cases' is never closed", line: 2, column: 1)),
        ("{{/cases}}", TemplateSyntaxError(message: "'{{/cases}}' closes no open section", line: 1, column: 1)),
        (
            "{{#a}}{{#b}}{{/a}}{{/b}}",
            TemplateSyntaxError(message: "'{{/a}}' closes section 'b', which needs '{{/b}}'", line: 1, column: 13)
        ),
        ("x {{name", TemplateSyntaxError(message: "the tag is never closed with '}}'", line: 1, column: 3)),
        ("{{{name}}", TemplateSyntaxError(message: "the tag '{{{' is never closed with '}}}'", line: 1, column: 1)),
        ("é {{ }}", TemplateSyntaxError(message: "the tag has no name", line: 1, column: 3)),
        ("{{#}}", TemplateSyntaxError(message: "the tag has no name", line: 1, column: 1)),
        (
            "{{=<% %>=}}",
            TemplateSyntaxError(
                message: "'{{=<% %>=}}' is not supported (delimiter changes, blocks and parents are not)", line: 1,
                column: 1)
        ),
        (
            "{{$block}}{{/block}}",
            TemplateSyntaxError(
                message: "'{{$block}}' is not supported (delimiter changes, blocks and parents are not)", line: 1,
                column: 1)
        ),
    ]

    @Test(arguments: invalid)
    func invalidTemplatesAreRefusedWithTheirPosition(_ template: String, _ expected: TemplateSyntaxError) {
        #expect(throws: expected) { try TemplateParser.parse(template) }
    }
}
