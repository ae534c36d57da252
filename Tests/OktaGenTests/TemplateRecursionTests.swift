import Foundation
import OktaGenDiagnostics
import OktaGenTestSupport
import Testing

@testable import OktaGenRender

/// Issue #14, item 4: templates are input too. A partial that includes itself (directly or through others) is a
/// template error, not a stack overflow; partials that multiply each other, and sections that re-enter a list they are
/// already inside, are refused before anything renders; a tag name of a megabyte gives a short message, fast.
@Suite struct TemplateRecursionTests {
    /// The problems of the bundled templates with some replaced.
    static func problems(_ overrides: [String: String]) throws -> [String] {
        let set = try TemplateSet.overriding(overrides)
        do {
            _ = try set.prepare()
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func aPartialThatIncludesItselfIsATemplateError() throws {
        #expect(
            try Self.problems(["_header": "{{> _header}}\n"]) == [
                "_header.mustache:1:1: error: partial '_header' includes itself (_header → _header); a partial cannot"
                    + " include itself, directly or through others"
            ])
    }

    @Test func aCycleThroughAnotherTemplateIsATemplateError() throws {
        let problems = try Self.problems([
            "_header": "// head\n{{#access}}{{> model-alias}}{{/access}}\n", "model-alias": "{{> _header}}\n",
        ])
        #expect(
            problems == [
                "model-alias.mustache:1:1: error: partial '_header' includes itself (_header → model-alias → _header); a"
                    + " partial cannot include itself, directly or through others"
            ])
    }

    /// Through the command line: before the fix, `generate` died of a stack overflow (a signal).
    @Test func generateReportsASelfIncludingPartialAndExitsOne() throws {
        let folder = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            at: GoldenSupport.specsDirectory.appendingPathComponent("operations.yaml"),
            to: folder.appendingPathComponent("spec.yaml"))
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try Data("{{> _header}}\n".utf8).write(to: folder.appendingPathComponent("templates/_header.mustache"))
        let result = try FixtureSupport.run(
            ["generate", "--no-config", "--spec", "spec.yaml", "--tags", "all", "--templates", "templates"], in: folder,
            timeout: 20)
        #expect(!result.signaled && result.status == 1, "\(result)")
        #expect(
            result.standardError.contains("templates/_header.mustache:1:1: error: partial '_header' includes itself"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Generated").path))
    }

    /// Each template includes the next ten times: 10^7 inclusions once expanded. Before the fix, checking took
    /// exponential time (the run was killed at the timeout).
    @Test func partialsThatMultiplyEachOtherAreRefusedFast() throws {
        let chain = [
            "_header", "model-alias", "model-enum", "model-union", "client-api", "client", "server-handler",
            "server",
        ]
        var overrides: [String: String] = [:]
        for (index, name) in chain.enumerated() {
            overrides[name] =
                index + 1 < chain.count
                ? String(repeating: "{{> \(chain[index + 1])}}\n", count: 10) : "{{access}}\n"
        }
        let started = ContinuousClock.now
        let problems = try Self.problems(overrides)
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(
            problems.contains(
                "_header.mustache:1:1: error: with its partials expanded, this template has more than 100000 tags"
                    + " (partials included many times over)"))
    }

    @Test func aSectionThatReentersAListItIsInsideIsATemplateError() throws {
        let template =
            "{{#object}}{{#properties}}{{#properties}}{{#properties}}{{swiftName}}{{/properties}}"
            + "{{/properties}}{{/properties}}{{/object}}\n"
        #expect(
            try Self.problems(["model-object": template]) == [
                "model-object.mustache:1:27: error: '{{#properties}}' opens again a section it is already inside; its list"
                    + " would be rendered once more for each of its elements",
                "model-object.mustache:1:42: error: '{{#properties}}' opens again a section it is already inside; its list"
                    + " would be rendered once more for each of its elements",
            ])
    }

    /// Defence in depth: a library built without the check renders a self-including partial to a bounded depth.
    @Test func theEngineCapsPartialDepth() {
        let library = TemplateLibrary(templates: ["main": [.text(Array("x".utf8)), .partial("main", indentation: "")]])
        let text = library.render([:], withTemplate: "main")
        #expect(text == String(repeating: "x", count: TemplateLibrary.maxPartialDepth + 1))
    }

    @Test func aMegabyteTagNameGivesAShortMessageFast() throws {
        let name = String(repeating: "a", count: 1 << 20)
        let started = ContinuousClock.now
        let problems = try Self.problems(["model-enum": "{{\(name)}}\n{{#\(name)}}{{/b\u{1b}[2J}}\n"])
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(!problems.isEmpty)
        for problem in problems { #expect(problem.utf8.count < 400, "\(problem.prefix(400))") }
        #expect(
            problems.first == "model-enum.mustache:1:1: error: the template uses '"
                + String(repeating: "a", count: 64)
                + "…', which the context does not have here (see templates/README.md)")
        #expect(problems.contains { $0.contains("'{{/b\\u{1b}[2J}}'") })
    }

    @Test func aLongTagNameOnTheCommandLineGivesAShortError() throws {
        let folder = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            at: GoldenSupport.specsDirectory.appendingPathComponent("operations.yaml"),
            to: folder.appendingPathComponent("spec.yaml"))
        let name = String(repeating: "T", count: 100_000)
        let result = try FixtureSupport.run(
            ["model", "--no-config", "--summary", "--spec", "spec.yaml", "--tags", "Users,\(name)"], in: folder,
            timeout: 20)
        #expect(result.status == 64, "\(result)")
        #expect(result.standardError.utf8.count < 1_000, "\(result)")
        #expect(
            result.standardError.contains("a tag name of 100000 bytes ('" + String(repeating: "T", count: 64) + "…')"))
    }
}
