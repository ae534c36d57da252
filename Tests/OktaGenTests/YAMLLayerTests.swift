import OktaGenDiagnostics
import OktaGenYAML
import Testing

/// The YAML layer on malformed, unusual and hostile input: every diagnostic is checked word for word, with its
/// line:column and JSON pointer.
@Suite struct YAMLLayerTests {
    /// A fixture and the full text of the one error parsing it must throw.
    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var fixture: String
        var expected: String
        var testDescription: String { fixture }
    }

    static let errorCases: [ErrorCase] = [
        // libyaml's scanner and parser errors, at libyaml's problem mark, inside the innermost open collection.
        ErrorCase(
            fixture: "yaml/bad-indentation.yaml",
            expected: "Fixtures/invalid/yaml/bad-indentation.yaml:3:11: error: invalid YAML: mapping values are not"
                + " allowed in this context (at #/info)"),
        ErrorCase(
            fixture: "yaml/unclosed-flow.yaml",
            expected: "Fixtures/invalid/yaml/unclosed-flow.yaml:2:6: error: invalid YAML: did not find expected ',' or"
                + " ']' while parsing a flow sequence (started at 1:7) (at #/tags)"),
        ErrorCase(
            fixture: "yaml/tab-indentation.yaml",
            expected: "Fixtures/invalid/yaml/tab-indentation.yaml:2:1: error: invalid YAML: found a tab, which cannot"
                + " start any token (indent YAML with spaces, not tabs) (at #)"),
        ErrorCase(
            fixture: "yaml/reserved-indicator.yaml",
            expected: "Fixtures/invalid/yaml/reserved-indicator.yaml:2:10: error: invalid YAML: found '@', which cannot"
                + " start any token (quote the value if it is text) (at #/info)"),
        ErrorCase(
            fixture: "yaml/unterminated-string.yaml",
            expected: "Fixtures/invalid/yaml/unterminated-string.yaml:2:1: error: invalid YAML: found unexpected end of"
                + " stream while scanning a quoted scalar (started at 1:7) (at #)"),
        // Duplicate keys: the second key's location, the first one's in the message, the duplicate's pointer.
        ErrorCase(
            fixture: "yaml/duplicate-keys.yaml",
            expected: "Fixtures/invalid/yaml/duplicate-keys.yaml:4:3: error: duplicate key 'title' in a mapping; it was"
                + " first defined at 2:3 (at #/info/title)"),
        ErrorCase(
            fixture: "yaml/duplicate-keys-flow.yaml",
            expected: "Fixtures/invalid/yaml/duplicate-keys-flow.yaml:3:23: error: duplicate key 'summary' in a"
                + " mapping; it was first defined at 3:11 (at #/paths/~1users/get/summary)"),
        // Aliases.
        ErrorCase(
            fixture: "yaml/undefined-alias.yaml",
            expected: "Fixtures/invalid/yaml/undefined-alias.yaml:2:7: error: alias '*usr' refers to no anchor defined"
                + " before it (at #)"),
        ErrorCase(
            fixture: "yaml/recursive-alias.yaml",
            expected: "Fixtures/invalid/yaml/recursive-alias.yaml:3:7: error: alias '*node' refers to a collection that"
                + " contains it (a recursive alias) (at #/node/children)"),
        // A spec is one document.
        ErrorCase(
            fixture: "yaml/multiple-documents.yaml",
            expected: "Fixtures/invalid/yaml/multiple-documents.yaml:2:1: error: expected a single YAML document, found"
                + " a second one (a spec is one document)"),
    ]

    @Test(arguments: errorCases)
    func malformedFixtureThrowsAtTheProblemMark(_ testCase: ErrorCase) {
        let bytes = FixtureSupport.bytes(testCase.fixture)
        let path = FixtureSupport.displayPath(testCase.fixture)
        #expect(FixtureSupport.parseError(bytes, path: path) == testCase.expected)
    }

    // MARK: Encodings

    /// An in-memory input (bytes no editor should be trusted with) and the error it must throw.
    struct BytesCase: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: [UInt8]
        var expected: String
        var testDescription: String { name }
    }

    static let encodingErrorCases: [BytesCase] = [
        BytesCase(
            name: "invalid leading byte",
            bytes: Array("info:\n  title: Us".utf8) + [0xFF] + Array("ers\n".utf8),
            expected: "bad.yaml:2:12: error: invalid UTF-8: invalid leading UTF-8 octet (byte 0xFF)"),
        BytesCase(
            name: "invalid byte after multi-byte characters (columns count characters)",
            bytes: Array("title: Café — ".utf8) + [0xC3, 0x28] + Array("\n".utf8),
            // The orphaned lead byte 0xC3 takes column 15; the byte that breaks it is the next one.
            expected: "bad.yaml:1:16: error: invalid UTF-8: invalid trailing UTF-8 octet (byte 0x28)"),
        BytesCase(
            name: "invalid byte after a byte order mark",
            bytes: [0xEF, 0xBB, 0xBF] + Array("a: ".utf8) + [0xFE] + Array("\n".utf8),
            expected: "bad.yaml:1:4: error: invalid UTF-8: invalid leading UTF-8 octet (byte 0xFE)"),
        BytesCase(
            name: "truncated sequence at the end",
            bytes: Array("a: b\nc: ".utf8) + [0xE2, 0x82],
            expected: "bad.yaml:2:4: error: invalid UTF-8: incomplete UTF-8 octet sequence"),
        BytesCase(
            name: "control character",
            bytes: Array("a: \"x".utf8) + [0x01] + Array("\"\n".utf8),
            expected: "bad.yaml:1:6: error: invalid character: control characters are not allowed (U+0001)"),
        BytesCase(
            name: "UTF-16 without a byte order mark is read as UTF-8",
            bytes: [0x61, 0x00, 0x3A, 0x00],
            expected: "bad.yaml:1:2: error: invalid character: control characters are not allowed (U+0000)"),
        BytesCase(
            name: "lone UTF-16 low surrogate",
            bytes: [0xFF, 0xFE, 0x61, 0x00, 0x3A, 0x00, 0x20, 0x00, 0x00, 0xDC],
            expected: "bad.yaml:1:4: error: invalid UTF-16: unexpected low surrogate area (code point U+DC00)"),
    ]

    @Test(arguments: encodingErrorCases)
    func invalidEncodingIsReportedAtTheBadByte(_ testCase: BytesCase) {
        #expect(FixtureSupport.parseError(testCase.bytes, path: "bad.yaml") == testCase.expected)
    }

    @Test func utf8ByteOrderMarkIsAcceptedAndTakesNoColumn() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(FixtureSupport.minimalSpec.utf8)
        let document = try YAMLParser().parse(bytes, path: "bom.yaml")
        let root = try #require(document.root)
        #expect(root.keyNode("openapi")?.location.description == "bom.yaml:1:1")
        #expect(root["openapi"]?.text == "3.0.3")
        #expect(root["info"]?["title"]?.location.description == "bom.yaml:3:10")
    }

    @Test(arguments: [("UTF-16LE", [UInt8](arrayLiteral: 0xFF, 0xFE)), ("UTF-16BE", [0xFE, 0xFF])])
    func utf16WithByteOrderMarkIsAccepted(_ encoding: String, _ byteOrderMark: [UInt8]) throws {
        var bytes = byteOrderMark
        for unit in (FixtureSupport.minimalSpec + "summary: Ünïcödé ✓\n").utf16 {
            let high = UInt8(unit >> 8)
            let low = UInt8(unit & 0xFF)
            bytes += encoding == "UTF-16LE" ? [low, high] : [high, low]
        }
        let document = try YAMLParser().parse(bytes, path: "utf16.yaml")
        let root = try #require(document.root)
        #expect(root["info"]?["title"]?.text == "Minimal")
        #expect(root["info"]?["title"]?.location.description == "utf16.yaml:3:10")
        #expect(root["summary"]?.text == "Ünïcödé ✓")
        #expect(root["summary"]?.location.description == "utf16.yaml:6:10")
    }

    @Test func jsonWithTabsParsesWithTheColumnsOfTheFile() throws {
        let document = try YAMLParser().parse(FixtureSupport.bytes("yaml/tabs.json"), path: "tabs.json")
        let root = try #require(document.root)
        #expect(root.style == .flow)
        #expect(root.keyNode("openapi")?.location.description == "tabs.json:2:2")
        #expect(root["openapi"]?.location.description == "tabs.json:2:13")
        #expect(root["info"]?.location.description == "tabs.json:3:10")
        #expect(root["info"]?["title"]?.location.description == "tabs.json:4:12")
        #expect(root["info"]?["version"]?.scalar == .string("1"))
        #expect(root["paths"]?.isMapping == true)
    }

    // MARK: Empty and multiple documents

    @Test(arguments: ["yaml/empty.yaml", "yaml/comment-only.yaml"])
    func emptyStreamHasNoRoot(_ fixture: String) throws {
        let document = try FixtureSupport.parseFixture(fixture).get()
        #expect(document.root == nil)
        #expect(document.nodeCount == 0)
    }

    @Test func explicitEmptyDocumentIsANullScalar() throws {
        let document = try YAMLParser().parse(Array("---\n".utf8), path: "null.yaml")
        let root = try #require(document.root)
        #expect(root.scalar == .null)
        #expect(root.location.description == "null.yaml:2:1")
    }

    // MARK: Limits

    @Test func inputSizeLimit() {
        let bytes = Array("openapi: 3.0.3\nx: 12\n".utf8)
        #expect(
            FixtureSupport.parseError(bytes, path: "big.yaml", limits: YAMLLimits(maxInputBytes: 20))
                == "big.yaml:1:1: error: the file is 21 bytes, more than the limit of 20 bytes (raise it with"
                + " --max-input-bytes) (at #)")
        #expect(
            FixtureSupport.parseError(bytes, path: "big.yaml", limits: YAMLLimits(maxInputBytes: 21)) == "(no error)")
    }

    @Test func nodeCountLimit() {
        // mapping, key, sequence, 1, 2 are five nodes; the sixth (3) is refused where it is written.
        let bytes = Array("a: [1, 2, 3]\n".utf8)
        #expect(
            FixtureSupport.parseError(bytes, path: "nodes.yaml", limits: YAMLLimits(maxNodes: 5))
                == "nodes.yaml:1:11: error: the document has more than 5 nodes (raise the limit with --max-nodes)"
                + " (at #/a)")
        #expect(FixtureSupport.parseError(bytes, path: "nodes.yaml", limits: YAMLLimits(maxNodes: 6)) == "(no error)")
    }

    @Test func depthLimitCountsOpenCollections() {
        let bytes = Array("a: {b: [c]}\n".utf8)
        #expect(
            FixtureSupport.parseError(bytes, path: "deep.yaml", limits: YAMLLimits(maxDepth: 2))
                == "deep.yaml:1:8: error: nesting is deeper than the limit of 2 levels (raise it with --max-depth)"
                + " (at #/a)")
        #expect(FixtureSupport.parseError(bytes, path: "deep.yaml", limits: YAMLLimits(maxDepth: 3)) == "(no error)")
        // The YAML layer names the setting; only the command-line tool turns it into a flag.
        guard case .failure(let library) = FixtureSupport.parse(bytes, path: "deep.yaml", limits: .init(maxDepth: 2))
        else { return }
        #expect(library.description.contains("(raise it with the max-depth setting)"))
        #expect(!library.description.contains("--"))
    }

    @Test func aliasExpansionLimitCountsExpandedNodes() {
        // `*s` adds the 4 nodes of [x, y, z]; the third alias brings the total to 12 > 10.
        let bytes = Array("s: &s [x, y, z]\nt: [*s, *s, *s]\n".utf8)
        #expect(
            FixtureSupport.parseError(bytes, path: "alias.yaml", limits: YAMLLimits(maxAliasExpansion: 10))
                == "alias.yaml:2:13: error: aliases expand to more than 10 nodes (an alias bomb?); raise the limit with"
                + " --max-alias-expansion (at #/t)")
        #expect(
            FixtureSupport.parseError(bytes, path: "alias.yaml", limits: YAMLLimits(maxAliasExpansion: 12))
                == "(no error)")
    }

    @Test func aliasesShareTheirAnchorsNode() throws {
        let document = try YAMLParser().parse(Array("a: &x {k: v}\nb: *x\n".utf8), path: "share.yaml")
        let root = try #require(document.root)
        let a = try #require(root["a"])
        let b = try #require(root["b"])
        #expect(a === b)
        #expect(b.location.description == "share.yaml:1:4")
        #expect(document.nodeCount == 6)
    }

    // MARK: Scalars

    @Test func plainScalarsFollowTheCoreSchema() throws {
        let root = try #require(try FixtureSupport.parseFixture("yaml/scalars.yaml").get().root)
        func values(_ key: String) -> [YAMLScalar?] { root[key]?.elements.map(\.scalar) ?? [] }
        #expect(values("nulls") == [.null, .null, .null, .null])
        #expect(root["empty"]?.scalar == .null)
        #expect(root["empty"]?.location.description == "Fixtures/invalid/yaml/scalars.yaml:2:7")
        #expect(values("bools") == [.bool(true), .bool(true), .bool(true), .bool(false), .bool(false), .bool(false)])
        #expect(values("ints") == [.int(0), .int(-17), .int(42), .int(15), .int(31), .int(Int64.max)])
        let floats = values("floats")
        #expect(
            Array(floats.prefix(7)) == [
                .double(1.5), .double(-0.5), .double(0.5), .double(1000), .double(0.025), .double(.infinity),
                .double(-.infinity),
            ])
        guard case .double(let nan)? = floats.last else {
            Issue.record("expected .nan to be a double, found \(String(describing: floats.last))")
            return
        }
        #expect(nan.isNaN)
        // YAML 1.1 booleans, versions and malformed numbers stay strings in the core schema.
        #expect(
            values("strings") == [
                .string("yes"), .string("no"), .string("on"), .string("off"), .string("1.2.3"), .string("0x"),
                .string("12abc"), .string("1_000"), .string(""),
            ])
        #expect(values("quoted") == [.string("true"), .string("42"), .string("null"), .string("~"), .string("1.5")])
        #expect(root["block"]?.scalar == .string("42\n"))
        #expect(root["folded"]?.scalar == .string("true"))
    }

    @Test func integersTooLargeForInt64BecomeDoubles() {
        #expect(YAMLScalar.resolvePlain("9223372036854775808") == .double(9_223_372_036_854_775_808))
        #expect(YAMLScalar.resolvePlain("-9223372036854775808") == .double(-9_223_372_036_854_775_808))
    }

    @Test func stylesAndTagsAreKept() throws {
        let root = try #require(try FixtureSupport.parseFixture("yaml/styles.yaml").get().root)
        #expect(root.style == .block)
        #expect(root["plain"]?.style == .plain)
        #expect(root["single"]?.style == .singleQuoted)
        #expect(root["double"]?.style == .doubleQuoted)
        #expect(root["literal"]?.style == .literal)
        #expect(root["literal"]?.text == "line one\nline two\n")
        #expect(root["folded"]?.style == .folded)
        #expect(root["folded"]?.text == "folded text\n")
        #expect(root["block"]?.style == .block)
        #expect(root["flow"]?.style == .flow)
        #expect(root["plain"]?.tag == nil)
        #expect(root["tagged"]?.tag == "tag:yaml.org,2002:str")
        #expect(root["tagged"]?.scalar == .string("42"))
        #expect(root["custom"]?.tag == "!thing")
        #expect(root["custom"]?.scalar == .string("value"))
        #expect(root["int"]?.tag == "tag:yaml.org,2002:int")
        #expect(root["int"]?.scalar == .int(7))
    }

    // MARK: Locations and pointers

    @Test func everyNodeHasItsLineAndColumn() throws {
        let document = try FixtureSupport.parseFixture("yaml/locations.yaml").get()
        let root = try #require(document.root)
        let operation = try #require(root["paths"]?["/users/{id}"]?["get"])
        let parameter = try #require(operation["parameters"]?[0])
        let spots: [(YAMLNode?, String)] = [
            (root, "1:1"),
            (root.keyNode("openapi"), "1:1"),
            (root["openapi"], "1:10"),
            (root["info"], "3:3"),
            (root["info"]?["title"], "3:10"),
            (root["info"]?["version"], "4:12"),
            (root["paths"]?.keyNode("/users/{id}"), "6:3"),
            (operation, "8:7"),
            (operation["parameters"], "9:9"),
            (parameter, "9:11"),
            (parameter["in"], "10:15"),
            (operation["tags"], "11:13"),
            (operation["tags"]?[1], "11:21"),
            (root["components"]?["schemas"]?["a~b/c"]?["type"], "15:13"),
        ]
        for (node, expected) in spots {
            let node = try #require(node)
            #expect("\(node.line):\(node.column)" == expected, "\(node.pointer)")
        }
        #expect(root["info"]?["title"]?.location.description == "Fixtures/invalid/yaml/locations.yaml:3:10")
    }

    @Test func pointersEscapeTildeAndSlash() throws {
        let root = try #require(try FixtureSupport.parseFixture("yaml/locations.yaml").get().root)
        let tags = try #require(root["paths"]?["/users/{id}"]?["get"]?["tags"]?[1])
        #expect(tags.pointer == "#/paths/~1users~1{id}/get/tags/1")
        #expect(tags.pointerTokens == ["paths", "/users/{id}", "get", "tags", "1"])
        let type = try #require(root["components"]?["schemas"]?["a~b/c"]?["type"])
        #expect(type.pointer == "#/components/schemas/a~0b~1c/type")
        #expect(type.pointerTokens == ["components", "schemas", "a~b/c", "type"])
        // A key points at itself as if it were its value.
        #expect(root["paths"]?.keyNode("/users/{id}")?.pointer == "#/paths/~1users~1{id}")
        #expect(root.pointer == "#")
        #expect(
            JSONPointer.tokens(of: "#/components/schemas/a~0b~1c/type") == ["components", "schemas", "a~b/c", "type"])
        // Percent-decoding comes first, so `%2F` is a separator and `%7E1` an escaped slash.
        #expect(JSONPointer.tokens(of: "#/a%7E1b%2Fc%20d") == ["a/b", "c d"])
        #expect(JSONPointer.tokens(of: "#a") == nil)
        #expect(JSONPointer.tokens(of: "#/%zz") == nil)
    }

    @Test func anAliasedNodeKeepsThePointerOfItsAnchor() throws {
        let document = try YAMLParser().parse(Array("a: &x {k: v}\nb: [*x]\n".utf8), path: "alias.yaml")
        let alias = try #require(document.root?["b"]?[0])
        #expect(alias.pointer == "#/a")
        #expect(alias["k"]?.pointer == "#/a/k")
    }
}
