import Foundation
import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI
import OktaGenRender
import Testing

@testable import OktaGenYAML

/// Inputs built to exhaust time, memory or the stack: each must fail fast with a precise error (or succeed within
/// bounds), never crash or hang. They are generated here rather than committed.
@Suite struct HostileInputTests {
    /// A generated input, the error it must produce, and how long it may take.
    struct HostileCase: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var expected: String
        var testDescription: String { name }
    }

    /// Every hostile input, also run through the command-line tool by ``CLIExitTests``.
    static let cases: [HostileCase] = [
        HostileCase(
            name: "alias-bomb.yaml", bytes: FixtureSupport.aliasBomb(),
            // l1…l4 add 90 + 819 + 7,380 + 66,429 nodes; the first `*l4` of l5 (66,430 more) crosses 100,000.
            expected: "alias-bomb.yaml:6:10: error: aliases expand to more than 100000 nodes (an alias bomb?); raise"
                + " the limit with --max-alias-expansion (at #/l5)"),
        HostileCase(
            name: "nested-flow.yaml", bytes: FixtureSupport.nestedFlowSequences(200_000),
            expected: "nested-flow.yaml:1:257: error: nesting is deeper than the limit of 256 levels (raise it with"
                + " --max-depth) (at #" + String(repeating: "/0", count: 255) + ")"),
        HostileCase(
            name: "nested-flow-mappings.yaml",
            bytes: Array(String(repeating: "{a: ", count: 100_000).utf8),
            expected: "nested-flow-mappings.yaml:1:1025: error: nesting is deeper than the limit of 256 levels (raise"
                + " it with --max-depth) (at #" + String(repeating: "/a", count: 255) + ")"),
        HostileCase(
            name: "nested-block.yaml", bytes: FixtureSupport.nestedBlockMappings(300),
            expected: "nested-block.yaml:257:257: error: nesting is deeper than the limit of 256 levels (raise it with"
                + " --max-depth) (at #" + String(repeating: "/k", count: 255) + ")"),
        HostileCase(
            name: "recursive-alias.yaml", bytes: Array("a: &a\n  b: &b [1, *a]\n".utf8),
            expected: "recursive-alias.yaml:2:13: error: alias '*a' refers to a collection that contains it (a"
                + " recursive alias) (at #/a/b)"),
        HostileCase(
            name: "nul-byte.yaml", bytes: Array("openapi: 3.0.3\ninfo: x".utf8) + [0x00] + Array("\n".utf8),
            expected: "nul-byte.yaml:2:8: error: invalid character: control characters are not allowed (U+0000)"),
        HostileCase(
            name: "late-duplicate.yaml",
            bytes: Array(((0..<5_000).map { "key\($0): \($0)\n" }.joined() + "key17: again\n").utf8),
            expected: "late-duplicate.yaml:5001:1: error: duplicate key 'key17' in a mapping; it was first defined at"
                + " 18:1 (at #/key17)"),
    ]

    @Test(arguments: cases)
    func failsFastWithAPreciseError(_ testCase: HostileCase) {
        let clock = ContinuousClock()
        var result = ""
        let elapsed = clock.measure {
            result = FixtureSupport.parseError(testCase.bytes, path: testCase.name)
        }
        #expect(result == testCase.expected)
        #expect(elapsed < .seconds(10), "took \(elapsed)")
    }

    /// Large inputs are parsed on two threads (libyaml on one, the tree built on the other): every hostile input
    /// must end the same way when forced down that path (the pipeline's error and cancellation paths).
    @Test(arguments: cases)
    func theTwoThreadParserFailsTheSameWay(_ testCase: HostileCase) {
        let parser = YAMLParser(strategy: .pipelined)
        var result = "(no error)"
        do {
            _ = try parser.parse(testCase.bytes, path: testCase.name)
        } catch {
            result = FixtureSupport.printed(error)
        }
        #expect(result == testCase.expected)
    }

    /// Large block-style inputs are cut in pieces parsed on two threads (``SplitParse``): forced down that path, every
    /// hostile input must still end the same way (the split gives up and the whole parse reports it).
    @Test(arguments: cases)
    func theSplitParserFailsTheSameWay(_ testCase: HostileCase) {
        let parser = YAMLParser(strategy: .split)
        var result = "(no error)"
        do {
            _ = try parser.parse(testCase.bytes, path: testCase.name)
        } catch {
            result = FixtureSupport.printed(error)
        }
        #expect(result == testCase.expected)
    }

    /// Inputs the fuzzers reported (`Fuzz/findings/`), kept: each goes through what its harness ran — the loader,
    /// validation, the IR of every operation and rendering — without a crash and in bounded time.
    /// `slow-unit-ad932c8e.yaml` (FuzzPipeline, 12 s reported while the machine was saturated; 0.7 s alone under
    /// AddressSanitizer): 64 KiB of a mutated copy of the default spec. `timeout-8cfd351c.yaml` (FuzzPipeline, a
    /// 15 s timeout, again on a saturated machine, 0.2 s alone): its stack was in the "did you mean" suggestions of
    /// unresolved references, which led to ``manyBrokenReferencesStayLinear()``. `slow-unit-55a01f4c.yaml`
    /// (FuzzPipeline's last run, 10 s reported during a CI run, 0.4 s alone).
    @Test(arguments: ["slow-unit-ad932c8e.yaml", "timeout-8cfd351c.yaml", "slow-unit-55a01f4c.yaml"])
    func fuzzFindingsStayBounded(_ name: String) throws {
        let url = FixtureSupport.testsDirectory.appendingPathComponent("Fixtures/fuzz/\(name)")
        let bytes = try [UInt8](Data(contentsOf: url))
        #expect(bytes.count > 1_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            guard let resolver = try? SpecResolver.load(bytes: bytes, path: "/nonexistent-oktagen-fuzz/spec.yaml")
            else {
                return
            }
            resolver.validateAll()
            let model = IRBuilder(resolver: resolver, selection: .all).build()
            if !resolver.diagnostics.hasErrors {
                _ = try? Renderer(model: model, options: RenderOptions(specFile: "spec.yaml")).render()
            }
        }
        #expect(elapsed < .seconds(10), "took \(elapsed)")
    }

    /// 3,000 distinct broken references into a mapping of 2,000 schemas: each gets its error, the suggestions stop at
    /// their budget instead of costing 3,000 × 2,000 edit distances.
    @Test func manyBrokenReferencesStayLinear() throws {
        var yaml = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        for index in 0..<2_000 { yaml += "    Schema\(100_000 + index)Name: {type: string}\n" }
        yaml += "    Holder:\n      type: object\n      properties:\n"
        for index in 0..<3_000 {
            yaml += "        p\(index): {$ref: '#/components/schemas/Schema\(200_000 + index)Nme'}\n"
        }
        let clock = ContinuousClock()
        var errors = 0
        let elapsed = try clock.measure {
            let resolver = try SpecResolver.load(bytes: Array(yaml.utf8), path: "broken-refs.yaml")
            resolver.validateAll()
            errors = resolver.diagnostics.errors.count
        }
        #expect(errors == 3_000)
        #expect(elapsed < .seconds(10), "took \(elapsed)")
    }

    @Test func aliasBombFailsFastThroughTheWholeLoader() throws {
        let clock = ContinuousClock()
        let start = clock.now
        #expect(throws: DiagnosticsError.self) {
            try SpecResolver.load(bytes: FixtureSupport.aliasBomb(levels: 12, width: 12), path: "bomb.yaml")
        }
        #expect(clock.now - start < .seconds(10))
    }

    @Test func aliasBombWithTheLimitLiftedStaysAGraph() throws {
        // With the guard off the tree is still a DAG of 100 nodes; converting it to a value is budgeted.
        let limits = YAMLLimits(maxAliasExpansion: .max)
        let clock = ContinuousClock()
        let start = clock.now
        let document = try YAMLParser(limits: limits).parse(FixtureSupport.aliasBomb(), path: "bomb.yaml")
        // The root, 10 keys, 10 sequences and the 9 scalars of l0.
        #expect(document.nodeCount == 30)
        let root = try #require(document.root)
        let value = SpecValue(try #require(root["l9"]))
        guard case .array(let elements) = value else {
            Issue.record("expected an array, found \(value)")
            return
        }
        #expect(elements.count == 9)
        #expect(clock.now - start < .seconds(10))
    }

    @Test func deepNestingWithTheLimitLiftedDoesNotOverflowTheStack() {
        // No recursion in the tree builder: 20,000 levels end in libyaml's error at the end of the input. (libyaml's
        // scanner is quadratic in flow depth, which is one more reason for the default limit of 256.)
        let limits = YAMLLimits(maxDepth: 1_000_000)
        let bytes = FixtureSupport.nestedFlowSequences(20_000)
        let result = FixtureSupport.parseError(bytes, path: "deep.yaml", limits: limits)
        #expect(
            result == "deep.yaml:2:1: error: invalid YAML: did not find expected node content while parsing a flow"
                + " node (started at 2:1) (at #" + String(repeating: "/0", count: 19_999) + ")")
    }

    @Test func nestingAtTheLimitIsAcceptedAndValuesStayBounded() throws {
        let document = try YAMLParser().parse(FixtureSupport.nestedBlockMappings(255), path: "deep.yaml")
        var node = try #require(document.root)
        for _ in 0..<255 { node = try #require(node["k"]) }
        #expect(node.text == "v")
        #expect(node.location.description == "deep.yaml:256:256")
        #expect(node.pointerTokens.count == 255)
        // Values converted for examples and defaults stop at depth 64.
        var value = SpecValue(try #require(document.root))
        var depth = 0
        while case .object(let members) = value, let first = members.first {
            value = first.value
            depth += 1
        }
        #expect(depth == 64)
        #expect(value == .null)
    }

    @Test func aLongChainOfReferencesStopsAtTheLimit() {
        var text = FixtureSupport.minimalSpec + "components:\n  schemas:\n"
        for index in 0..<1_000 { text += "    S\(index): {$ref: '#/components/schemas/S\(index + 1)'}\n" }
        text += "    S1000: {type: string}\n"
        let loaded = FixtureSupport.load(bytes: Array(text.utf8), as: "openapi/generated-chain.yaml")
        // Each S<n> up to S967 starts a chain longer than 32; S968…S999 reach S1000 in time.
        #expect(loaded.diagnostics.count == 968)
        #expect(
            loaded.diagnostics.first
                == "Fixtures/invalid/openapi/generated-chain.yaml:8:16: error: a chain of more than 32 references that"
                + " point at other references starts here (at #/components/schemas/S0/$ref)")
    }

    @Test func aSchemaThatReferencesItselfIsACycle() {
        let text = FixtureSupport.minimalSpec + "components:\n  schemas:\n    Me: {$ref: '#/components/schemas/Me'}\n"
        let loaded = FixtureSupport.load(bytes: Array(text.utf8), as: "openapi/generated-self.yaml")
        #expect(
            loaded.diagnostics == [
                "Fixtures/invalid/openapi/generated-self.yaml:8:16: error: reference cycle: #/components/schemas/Me →"
                    + " #/components/schemas/Me (these $refs point only at each other and never reach a definition)"
                    + " (at #/components/schemas/Me/$ref)"
            ])
    }

    @Test func aPathItemReferenceCycleIsReportedOnce() {
        let text = """
            openapi: 3.0.3
            info: {title: Loop, version: "1"}
            paths:
              /a: {$ref: '#/paths/~1b'}
              /b: {$ref: '#/paths/~1a'}

            """
        let loaded = FixtureSupport.load(bytes: Array(text.utf8), as: "openapi/generated-path-loop.yaml")
        #expect(
            loaded.diagnostics == [
                "Fixtures/invalid/openapi/generated-path-loop.yaml:4:14: error: reference cycle: #/paths/~1b →"
                    + " #/paths/~1a → #/paths/~1b (these $refs point only at each other and never reach a definition)"
                    + " (at #/paths/~1a/$ref)",
                "Fixtures/invalid/openapi/generated-path-loop.yaml:5:14: error: reference cycle: #/paths/~1a →"
                    + " #/paths/~1b → #/paths/~1a (these $refs point only at each other and never reach a definition)"
                    + " (at #/paths/~1b/$ref)",
            ])
    }

    @Test func tooManyExternalFilesAreRefused() throws {
        let directory = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var text = FixtureSupport.minimalSpec + "components:\n  schemas:\n"
        for index in 0..<4 {
            try "S: {type: string}\n".write(
                to: directory.appendingPathComponent("part\(index).yaml"), atomically: true, encoding: .utf8)
            text += "    P\(index): {$ref: 'part\(index).yaml#/S'}\n"
        }
        let root = directory.appendingPathComponent("root.yaml")
        try text.write(to: root, atomically: true, encoding: .utf8)
        var options = LoadOptions()
        options.maxExternalFiles = 2
        let resolver = try SpecResolver.load(path: root.path, options: options, displayPath: "root.yaml")
        resolver.validateAll()
        // As `oktagen` prints it: the library names the setting, the tool its flag.
        #expect(
            resolver.diagnostics.diagnostics.map(FixtureSupport.printed) == [
                "root.yaml:10:16: error: the spec references more than 2 external files (raise the limit with"
                    + " --max-external-files) (at #/components/schemas/P2/$ref)",
                "root.yaml:11:16: error: the spec references more than 2 external files (raise the limit with"
                    + " --max-external-files) (at #/components/schemas/P3/$ref)",
            ])
    }

    @Test func anExampleBuiltFromABombIsCheckedWithinBounds() throws {
        // The alias guard lifted, an example that expands to billions of nodes is converted within a fixed budget.
        var text = """
            openapi: 3.0.3
            info: {title: Bomb, version: "1"}
            paths:
              /a:
                get:
                  tags: [A]
                  operationId: getA
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema:
                            type: object
                            properties:
                              name: {type: string}
                            example: *l9
            x-bomb:

            """
        for line in String(decoding: FixtureSupport.aliasBomb(), as: UTF8.self).split(separator: "\n") {
            text += "  \(line)\n"
        }
        // Anchors must come before their aliases: move the bomb to the front.
        let parts = text.components(separatedBy: "x-bomb:\n")
        let reordered = "x-bomb:\n" + parts[1] + parts[0]
        var options = LoadOptions()
        options.yamlLimits.maxAliasExpansion = .max
        let clock = ContinuousClock()
        let start = clock.now
        let resolver = try SpecResolver.load(bytes: Array(reordered.utf8), path: "bomb.yaml", options: options)
        resolver.validateAll()
        let model = IRBuilder(resolver: resolver, selection: .all).build()
        #expect(model.operations.map(\.operationId) == ["getA"])
        #expect(clock.now - start < .seconds(10))
        #expect(
            resolver.diagnostics.warnings.map(\.message) == [
                "the example of the schema at #/paths/~1a/get/responses/200/content/application~1json/schema does not match"
                    + " its own schema: the value is an array, expected object"
            ])
    }
}
