import Foundation
import OktaGenDiagnostics
import Testing

@testable import OktaGenYAML

/// Large block-style documents are parsed in pieces on two threads (``SplitParse``): the tree must be the one the
/// whole document gives, node for node, and whatever cannot be split safely must be parsed whole (same tree, same
/// errors).
@Suite struct SplitParseTests {
    static let whole = YAMLParser(strategy: .streamed)
    static let split = YAMLParser(strategy: .split)

    /// Node for node: kind, style, tag, line, column, parent, position, alias-expanded size, scalar text, children.
    static func differences(_ one: YAMLDocument, _ two: YAMLDocument) -> [String] {
        var found: [String] = []
        if one.nodeCount != two.nodeCount { found.append("node count \(one.nodeCount) vs \(two.nodeCount)") }
        if one.rootIndex != two.rootIndex { found.append("root") }
        if one.tags != two.tags { found.append("tags \(one.tags) vs \(two.tags)") }
        for index in 0..<min(one.nodeCount, two.nodeCount) where found.count < 10 {
            var left = one.records[index]
            var right = two.records[index]
            let a = YAMLNode(document: one, index: Int32(index))
            let b = YAMLNode(document: two, index: Int32(index))
            if left.kind != .scalar {
                left.start = 0
                right.start = 0
                let childrenA =
                    a.isMapping ? a.entries.flatMap { [$0.key.index, $0.value.index] } : a.elements.map(\.index)
                let childrenB =
                    b.isMapping ? b.entries.flatMap { [$0.key.index, $0.value.index] } : b.elements.map(\.index)
                if childrenA != childrenB { found.append("children of node \(index) (\(a.pointer))") }
            } else if a.text != b.text {
                found.append("text of node \(index) (\(a.pointer)): \(a.text) vs \(b.text)")
            }
            if left.start != right.start && left.kind == .scalar {
                left.start = 0
                right.start = 0
            }
            if left != right { found.append("node \(index) (\(a.pointer)): \(left) vs \(right)") }
        }
        return found
    }

    /// Parses `text` both ways; the split must have happened (`SplitParse.parse` gives a document) and match.
    static func expectSplitMatches(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let bytes = Array(text.utf8)
        let reference = try whole.parse(bytes, path: "doc.yaml")
        let pieces = bytes.withUnsafeBufferPointer { SplitParse.parse($0, path: "doc.yaml", limits: .default) }
        guard let pieces else {
            Issue.record("the document was not split", sourceLocation: sourceLocation)
            return
        }
        #expect(differences(reference, pieces) == [], sourceLocation: sourceLocation)
        #expect(reference.nodeCount > 20, sourceLocation: sourceLocation)
    }

    /// Parses `text` both ways; the split must give up, and the parser must end as the whole parse does.
    static func expectNotSplit(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let bytes = Array(text.utf8)
        let pieces = bytes.withUnsafeBufferPointer { SplitParse.parse($0, path: "doc.yaml", limits: .default) }
        #expect(pieces == nil, "the document was split", sourceLocation: sourceLocation)
        var outcomes: [String] = []
        for parser in [whole, split] {
            do {
                let document = try parser.parse(bytes, path: "doc.yaml")
                outcomes.append("\(document.nodeCount) nodes")
                if outcomes.count == 2, let reference = try? whole.parse(bytes, path: "doc.yaml") {
                    #expect(differences(reference, document) == [], sourceLocation: sourceLocation)
                }
            } catch {
                outcomes.append(error.description)
            }
        }
        #expect(outcomes[0] == outcomes[1], sourceLocation: sourceLocation)
    }

    /// `count` schemas of a few lines each under `components/schemas`, so the middle falls among them.
    static func spec(schemas count: Int, schema: (Int) -> String, after: String = "x-end:\n  done: true\n") -> String {
        var text = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths: {}\ncomponents:\n  schemas:\n"
        for index in 0..<count { text += schema(index) }
        text += "  securitySchemes:\n    key:\n      type: apiKey\n"
        return text + after
    }

    /// Every ``YAMLParser/Strategy`` on one file, from its bytes and from the file: the same tree as the streamed
    /// parse, node for node, or the same error. With `mustSplit`, the split must really have happened (not fallen
    /// back to a whole parse).
    /// Parses `path` with every strategy, from bytes and from the file, and expects the trees (or errors) of the
    /// one-thread parse. The parses run off Swift concurrency's cooperative pool: on a 2-core machine, two such
    /// tests holding both of its threads for a minute starve every other test's continuations.
    static func expectEveryStrategyAgrees(
        _ path: String, name: String, mustSplit: Bool, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws {
        let problems = try await FixtureSupport.offPool {
            try strategyDisagreements(path, name: name, mustSplit: mustSplit)
        }
        #expect(problems == [], sourceLocation: sourceLocation)
    }

    /// What ``expectEveryStrategyAgrees(_:name:mustSplit:sourceLocation:)`` checks, as messages.
    static func strategyDisagreements(_ path: String, name: String, mustSplit: Bool) throws -> [String] {
        var problems: [String] = []
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        if mustSplit {
            let pieces = bytes.withUnsafeBufferPointer { SplitParse.parse($0, path: name, limits: .default) }
            if pieces == nil { problems.append("\(name) was not split") }
        }
        let reference = Result { () throws(Diagnostic) in try whole.parse(bytes, path: name) }
        let strategies: [YAMLParser.Strategy] = [.streamed, .pipelined, .split, .automatic]
        for strategy in strategies {
            let parser = YAMLParser(strategy: strategy)
            let fromBytes = Result { () throws(Diagnostic) in try parser.parse(bytes, path: name) }
            let fromFile = Result { () throws(Diagnostic) in try parser.parse(contentsOf: path, displayPath: name) }
            for (way, outcome) in [("bytes", fromBytes), ("file", fromFile)] {
                switch (reference, outcome) {
                case (.success(let one), .success(let two)):
                    problems += differences(one, two).map { "\(name), \(strategy), \(way): \($0)" }
                case (.failure(let one), .failure(let two)):
                    if one.description != two.description {
                        problems.append("\(name), \(strategy), \(way): \(one) vs \(two)")
                    }
                default:
                    problems.append("\(name), \(strategy), \(way): \(reference) vs \(outcome)")
                }
            }
        }
        return problems
    }

    /// The repository's specs: the default one (large enough to split) and the fixtures (too small to split well,
    /// but forced through every path all the same).
    @Test func everyStrategyBuildsTheSameTreeForTheRepositorysSpecs() async throws {
        let root = RenderGoldenTests.repositoryRoot.appendingPathComponent("specs/okta-users.yaml").path
        try await Self.expectEveryStrategyAgrees(root, name: "okta-users.yaml", mustSplit: true)
        #expect(try Self.whole.parse(contentsOf: root).nodeCount > 5_000)
        let fixtures = FixtureSupport.testsDirectory.appendingPathComponent("Fixtures/specs").path
        let names = try FileManager.default.contentsOfDirectory(atPath: fixtures).filter { $0.hasSuffix(".yaml") }
        #expect(names.count >= 5)
        for name in names.sorted() {
            try await Self.expectEveryStrategyAgrees(fixtures + "/" + name, name: name, mustSplit: false)
        }
    }

    @Test(.enabled(if: RealSpecTests.specsDirectory != nil, "OKTA_SPECS_DIR is not set: skipping Okta's releases"))
    func everyStrategyBuildsTheSameTreeForEveryOktaRelease() async throws {
        let directory = try #require(RealSpecTests.specsDirectory)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".yaml") }
            .sorted()
        #expect(!names.isEmpty)
        for name in names {
            try await Self.expectEveryStrategyAgrees(directory + "/" + name, name: name, mustSplit: true)
        }
    }

    @Test func blockScalarsCommentsTagsAndAliasesInsidePieces() throws {
        try Self.expectSplitMatches(
            Self.spec(schemas: 60) { index in
                """
                    Schema\(index):
                      description: |
                        Literal text with a key: value look
                          and deeper lines

                        after a blank line.
                # a comment at column 1 inside the body
                      summary: >-
                        folded
                        text
                      title: "a quoted
                        title over two lines"
                      plain: a plain scalar
                        continued on the next line
                      anchored: &a\(index) {x: 1, y: [1, 2]}
                      again: *a\(index)
                      tagged: !!str 12
                      custom: !custom value
                      tags:
                      - indentless
                      - sequence
                      properties:
                        id: {type: string}

                """
            })
    }

    /// libyaml places the empty value of a last `key:` at the next token: for a piece, the end of its input; for the
    /// whole document, the first key after the cut (found by FuzzYAML: an explicit `?` key with no value just before
    /// the cut came out at column 1 instead of the next key's column).
    @Test func emptyValuesJustBeforeTheCutKeepTheirPlace() throws {
        try Self.expectSplitMatches(
            Self.spec(schemas: 60) { index in
                "    S\(index):\n      type: object\n      description:\n"
            })
        var explicit = "openapi: 3.0.3\npaths:\n"
        for index in 0..<40 {
            explicit += "  /p\(index):\n    get:\n      summary: x\n  ?     \"k\(index)\":\n          a:\n"
        }
        explicit += "components:\n  schemas: {}\n"
        try Self.expectSplitMatches(explicit)
        // The input FuzzYAML found (Fuzz/findings/crash-bacd887a…), kept as it was.
        let found = FixtureSupport.testsDirectory.appendingPathComponent(
            "Fixtures/fuzz/split-explicit-key-bacd887a.yaml")
        try Self.expectSplitMatches(String(decoding: try Data(contentsOf: found), as: UTF8.self))
        // An explicit key with no value at the end of the body (the piece after the cut): its value is placed at
        // the first key of the next piece, as in the whole parse.
        var nested = "root:\n  a:\n"
        for index in 0..<200 { nested += "    k\(index):\n      v:\n" }
        nested += "    ? last\n  d:\ne:\n"
        try Self.expectSplitMatches(nested)
    }

    @Test func windowsLineEndingsSplitToo() throws {
        let text = Self.spec(schemas: 40) { "    S\($0):\n      type: object\n      description: x\n" }
        try Self.expectSplitMatches(text.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test func severalTailsAtDifferentIndentations() throws {
        // The cut lands at `c`, the first key past the middle indented at most 4 spaces: the body is the rest of `a`,
        // then two tails climb back out to the root.
        var text = "root:\n  a:\n    b:\n"
        for index in 0..<200 { text += "      k\(index):\n        v: \(index)\n" }
        text += "    c: 1\n  d: 2\ne: 3\n"
        try Self.expectSplitMatches(text)
    }

    @Test func aCutInsideABlockScalarGivesUp() {
        var text = "openapi: 3.0.3\ninfo:\n  description: |\n"
        for index in 0..<400 { text += "    key\(index): looks like a mapping\n" }
        text += "paths: {}\n"
        Self.expectNotSplit(text)
    }

    @Test func aCutInsideAQuotedStringGivesUp() {
        var text = "openapi: 3.0.3\ninfo:\n  description: \"start\n"
        for index in 0..<400 { text += "    key\(index): inside the quotes\n" }
        text += "    end\"\npaths: {}\n"
        Self.expectNotSplit(text)
    }

    @Test func anAnchorFromTheHeadUsedAfterTheCutGivesUp() {
        Self.expectNotSplit(
            Self.spec(
                schemas: 60,
                schema: { index in
                    index == 0 ? "    S0: &shared\n      type: object\n" : "    S\(index): *shared\n"
                }))
    }

    @Test func aDuplicateKeyAcrossTheCutFailsAsTheWholeParseDoes() {
        Self.expectNotSplit(
            Self.spec(schemas: 60) { index in
                "    S\(index == 59 ? 0 : index):\n      type: object\n"
            })
    }

    @Test func aDuplicateTopLevelKeyInATailFailsAsTheWholeParseDoes() {
        Self.expectNotSplit(
            Self.spec(schemas: 60, schema: { "    S\($0):\n      type: object\n" }, after: "openapi: 3.1.0\n"))
    }

    @Test func aSecondDocumentAfterTheCutFailsAsTheWholeParseDoes() {
        Self.expectNotSplit(
            Self.spec(schemas: 60, schema: { "    S\($0):\n      type: object\n" }, after: "---\nx: 1\n"))
    }

    @Test func anErrorAfterTheCutIsReportedAsTheWholeParseReportsIt() {
        Self.expectNotSplit(
            Self.spec(schemas: 60) { index in
                index == 45 ? "    S45:\n      type: [unclosed\n" : "    S\(index):\n      type: object\n"
            })
    }

    @Test func flowStyleAndJSONAreNotSplit() {
        var json = "{\n  \"components\": {\n    \"schemas\": {\n"
        json += (0..<100).map { "      \"S\($0)\": {\"type\": \"object\"}" }.joined(separator: ",\n")
        json += "\n    }\n  }\n}\n"
        Self.expectNotSplit(json)
    }

    @Test func limitsReachedOnlyByThePiecesTogetherAreReportedAsByTheWholeParse() throws {
        let text = Self.spec(schemas: 100) { "    S\($0):\n      type: object\n" }
        let bytes = Array(text.utf8)
        let nodes = try Self.whole.parse(bytes, path: "doc.yaml").nodeCount
        var limits = YAMLLimits.default
        limits.maxNodes = nodes - 1
        let pieces = bytes.withUnsafeBufferPointer { SplitParse.parse($0, path: "doc.yaml", limits: limits) }
        #expect(pieces == nil)
        var errors: [String] = []
        for strategy in [YAMLParser.Strategy.streamed, .split] {
            do {
                _ = try YAMLParser(limits: limits, strategy: strategy).parse(bytes, path: "doc.yaml")
                errors.append("(no error)")
            } catch {
                errors.append(error.description)
            }
        }
        #expect(errors[0].contains("more than \(nodes - 1) nodes"))
        #expect(errors[0] == errors[1])
    }
}
