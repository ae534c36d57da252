import Foundation
import OktaGenDiagnostics
import Testing

@testable import OktaGenIR
@testable import OktaGenOpenAPI

/// Specs of a size a user may hand the tool (100,000 linked schemas, a schema with 100,000 properties, ...): each is
/// run through the debug `oktagen` binary as a user would (the main thread's 8 MB stack, the render's Dispatch
/// threads), and must finish without a signal within a bound. `docs/Scaling.md` has the timings of the release build.
///
/// Sizes and bounds: the tests run on a debug build (about ten times slower than release) on CI's two cores. Each
/// size is chosen so that the linear code takes a few seconds here, while the code before the fix crashed (a
/// recursion per link overflowed the stack) or, being quadratic or cubic, would take many minutes: the bound
/// (`FixtureSupport.run`'s timeout) is far above the first and far below the second.
/// Serialized, and each CLI run awaited off the cooperative pool (`FixtureSupport.runOffPool`): one debug `oktagen`
/// on a 100,000-link spec at a time keeps a core busy for seconds; several at once (the parameterized cases and the
/// suite's tests run in parallel otherwise) starved the rest of the test process on CI's two cores, and okta-mock's
/// and the loopback tests' deadlines then failed.
@Suite(.serialized) struct ScalingTests {
    /// One spec in an empty temporary folder.
    struct SpecFolder {
        let directory: URL
        let name = "spec.json"

        init(_ text: String) throws {
            directory = try FixtureSupport.makeTemporaryDirectory()
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        }

        /// Runs `oktagen <command> --spec spec.json --no-config ...`; a run past `timeout` seconds is an issue.
        func run(_ command: String, _ arguments: [String] = [], timeout: Double) async throws -> FixtureSupport.Run {
            try await FixtureSupport.runOffPool(
                [command, "--spec", name, "--no-config"] + arguments, in: directory, timeout: timeout)
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    // MARK: Spec text

    /// A 3.0 document around `schemas` (JSON members, without the braces) and one operation returning `root`.
    static func document(schemas: String, root: String = "S0", paths: String? = nil, tags: String? = nil) -> String {
        let operation = """
            "/root":{"get":{"operationId":"getRoot","tags":["Scale"],"responses":{"200":{"description":"ok",\
            "content":{"application/json":{"schema":{"$ref":"#/components/schemas/\(root)"}}}}}}}
            """
        return """
            {"openapi":"3.0.3","info":{"title":"Scaling","version":"1"},\(tags.map { "\"tags\":[\($0)]," } ?? "")\
            "paths":{\(paths ?? operation)},"components":{"schemas":{\(schemas)}}}
            """
    }

    /// How one schema of a chain refers to the next.
    enum Link: String, CaseIterable, Sendable {
        case property, items, additionalProperties, allOf, oneOf, anyOf, not

        func schema(next: String) -> String {
            let ref = "{\"$ref\":\"#/components/schemas/\(next)\"}"
            switch self {
            case .property: return "{\"type\":\"object\",\"properties\":{\"next\":\(ref)}}"
            case .items: return "{\"type\":\"array\",\"items\":\(ref)}"
            case .additionalProperties: return "{\"type\":\"object\",\"additionalProperties\":\(ref)}"
            // Every link is also a property's type, so every link is an object type flattened from the rest.
            case .allOf: return "{\"allOf\":[\(ref),{\"description\":\"link\"}],\"properties\":{\"next\":\(ref)}}"
            case .oneOf: return "{\"oneOf\":[\(ref),{\"type\":\"string\"}]}"
            case .anyOf: return "{\"anyOf\":[\(ref),{\"type\":\"integer\"}]}"
            case .not: return "{\"not\":\(ref)}"
            }
        }
    }

    /// `S0` … `S<count>`, each linked to the next; the last is an object with one property.
    static func chain(_ count: Int, _ link: Link) -> String {
        var schemas: [String] = []
        schemas.reserveCapacity(count + 1)
        for index in 0..<count { schemas.append("\"S\(index)\":\(link.schema(next: "S\(index + 1)"))") }
        schemas.append("\"S\(count)\":{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}}}")
        return document(schemas: schemas.joined(separator: ","))
    }

    // MARK: Deep structure (stack)

    /// A 100,000-long chain through each keyword is a valid spec: `validate` walks every schema (before: one call
    /// per link, a SIGSEGV past about 40,000 links).
    @Test(arguments: Link.allCases)
    func aHundredThousandLinkChainValidates(_ link: Link) async throws {
        let folder = try SpecFolder(Self.chain(100_000, link))
        defer { folder.remove() }
        let validate = try await folder.run("validate", ["--quiet"], timeout: 240)
        #expect(!validate.signaled, "\(validate)")
        #expect(validate.status == 0, "\(validate)")
        #expect(validate.standardError.hasSuffix("spec.json: 0 errors, 0 warnings\n"), "\(validate)")
    }

    /// The model of a 100,000-long allOf chain, every link an object type flattened from the rest of the chain:
    /// the flattening recursed once per link (a SIGSEGV). The other chains are typed one named type at a time,
    /// from a queue. `--summary` keeps the output small; the model is built all the same.
    @Test func aHundredThousandLinkAllOfChainModels() async throws {
        let folder = try SpecFolder(Self.chain(100_000, .allOf))
        defer { folder.remove() }
        let model = try await folder.run("model", ["--tags", "all", "--summary"], timeout: 240)
        #expect(!model.signaled, "\(model)")
        #expect(model.status == 0, "\(model)")
        #expect(model.standardOutput == "getRoot Scale GET /root\n", "\(model)")
    }

    /// An array whose items are a `$ref` to itself, outside `components/schemas`, is a type that contains itself
    /// with no name to break the loop: before, typing it recursed until the stack overflowed.
    @Test func anInlineArrayOfItselfIsAnErrorWhereItIsWritten() async throws {
        let schemas = """
            "S0":{"type":"object","properties":{"loop":{"type":"array",\
            "items":{"$ref":"#/components/schemas/S0/properties/loop"}}}}
            """
        let folder = try SpecFolder(Self.document(schemas: schemas))
        defer { folder.remove() }
        let result = try await folder.run("model", ["--tags", "all"], timeout: 60)
        #expect(!result.signaled, "\(result)")
        #expect(result.status == 1, "\(result)")
        #expect(
            result.standardError == "spec.json:1:316: error: the schema at #/components/schemas/S0/properties/loop"
                + " contains itself"
                + " through items, additionalProperties or a single allOf/oneOf/anyOf member, with no named type in"
                + " between; a Swift type cannot contain itself: move the schema to components/schemas"
                + " (at #/components/schemas/S0/properties/loop)\n")
    }

    /// 100,000 arrays nested through `$ref`s to schemas outside `components/schemas` (unnamed, so nested in one
    /// Swift type): refused at the level past the limit, where every later stage would have recursed per level.
    @Test func arraysNestedTooDeeplyThroughReferencesAreAnError() async throws {
        var definitions: [String] = []
        for index in 0..<100_000 {
            definitions.append("\"a\(index)\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/x-arrays/a\(index + 1)\"}}")
        }
        definitions.append("\"a100000\":{\"type\":\"string\"}")
        let schemas = "\"S0\":{\"type\":\"object\",\"properties\":{\"deep\":{\"$ref\":\"#/x-arrays/a0\"}}}"
        var text = Self.document(schemas: schemas)
        text.removeLast()
        text += ",\"x-arrays\":{" + definitions.joined(separator: ",") + "}}"
        let folder = try SpecFolder(text)
        defer { folder.remove() }
        let result = try await folder.run("model", ["--tags", "all"], timeout: 120)
        #expect(!result.signaled, "\(result)")
        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.hasPrefix("spec.json:1:"), "\(result)")
        #expect(
            result.standardError.hasSuffix(
                ": error: the type of the schema at #/x-arrays/a128 nests arrays, dictionaries and"
                    + " single allOf/oneOf/anyOf members more than 128 levels deep through $refs; give a level a name in"
                    + " components/schemas (at #/x-arrays/a128)\n"), "\(result)")
    }

    // MARK: Super-linear time

    /// An allOf chain through `$ref`s: every link is an object whose flattening takes in the rest of the chain.
    /// Flattened again per type (with a scan of the path for loops) it grew as the cube of the length: 4,000 links
    /// took over a minute in release; 20,000 would take hours here. Each flattening is now kept.
    @Test func aLongAllOfChainModelsInLinearTime() async throws {
        let folder = try SpecFolder(Self.chain(20_000, .allOf))
        defer { folder.remove() }
        let result = try await folder.run("model", ["--tags", "all"], timeout: 60)
        #expect(!result.signaled, "\(result)")
        #expect(result.status == 0, "\(result)")
        // Every link is an object with `next` and the last link's `id`.
        #expect(result.standardOutput.components(separatedBy: "\"name\": \"id\"").count == 20_001 + 1)
    }

    /// One schema with 100,000 properties, all required: before, merging each property scanned those already
    /// merged, and each required name scanned the properties (33 s in release, minutes here).
    @Test func aSchemaWithAHundredThousandPropertiesModels() async throws {
        let names = (0..<100_000).map { "\"p\($0)\"" }
        let properties = names.map { "\($0):{\"type\":\"string\"}" }.joined(separator: ",")
        let schemas =
            "\"S0\":{\"type\":\"object\",\"required\":[\(names.joined(separator: ","))],"
            + "\"properties\":{\(properties)}}"
        let folder = try SpecFolder(Self.document(schemas: schemas))
        defer { folder.remove() }
        let result = try await folder.run("model", ["--tags", "all", "--summary"], timeout: 60)
        #expect(!result.signaled, "\(result)")
        #expect(result.status == 0, "\(result)")
    }

    /// 30,000 property names that differ only in symbols all want the Swift name `a`, then `a_`: before, each
    /// counted its numeric suffix up from 2 (quadratic); names stay the same.
    @Test func collidingPropertyNamesGetSuffixesInLinearTime() async throws {
        let symbols = (0x2190..<0x2400).compactMap(Unicode.Scalar.init).map(String.init)
        var properties: [String] = []
        for index in 0..<30_000 {
            let (first, second) = index.quotientAndRemainder(dividingBy: symbols.count)
            properties.append("\"a\(symbols[second])\(first == 0 ? "" : symbols[first])\":{\"type\":\"string\"}")
        }
        let schemas = "\"S0\":{\"type\":\"object\",\"properties\":{\(properties.joined(separator: ","))}}"
        let folder = try SpecFolder(Self.document(schemas: schemas))
        defer { folder.remove() }
        let result = try await folder.run("model", ["--tags", "all"], timeout: 60)
        #expect(!result.signaled, "\(result)")
        #expect(result.status == 0, "\(result)")
        // `a` + one symbol: `a`, `a_`, then suffixes; `a` + two symbols: `a__` once, then suffixes.
        for expected in ["\"a\"", "\"a_\"", "\"a__\"", "\"a2\"", "\"a29998\""] {
            #expect(result.standardOutput.contains("\"swiftName\": \(expected)"), "\(expected)")
        }
        #expect(!result.standardOutput.contains("\"swiftName\": \"a29999\""))
    }

    /// A spec whose single path has `count` path parameters, the path written as an explicit key (`? "..."`):
    /// libyaml refuses implicit keys over 1,024 characters.
    static func pathParameterSpec(_ count: Int) -> (path: String, text: String) {
        let path = "/x" + (0..<count).map { "/{p\($0)}" }.joined()
        let parameters = (0..<count).map {
            "{\"name\":\"p\($0)\",\"in\":\"path\",\"required\":true,\"schema\":{\"type\":\"string\"}}"
        }
        let paths =
            "? \"\(path)\":{\"get\":{\"operationId\":\"getX\",\"tags\":[\"Scale\"],"
            + "\"parameters\":[\(parameters.joined(separator: ","))],\"responses\":{\"204\":{\"description\":\"ok\"}}}}"
        return (path, Self.document(schemas: "\"S0\":{\"type\":\"string\"}", paths: paths))
    }

    /// A path with 1,000 parameters (7 kB, under the 8 KiB limit) models: merging and ordering them scanned the list
    /// per parameter, and each parameter's source kept its own copy of the pointer that holds the path.
    @Test func aPathWithAThousandParametersModels() async throws {
        let (path, text) = Self.pathParameterSpec(1_000)
        let folder = try SpecFolder(text)
        defer { folder.remove() }
        let result = try await folder.run("model", ["--tags", "all", "--summary"], timeout: 60)
        #expect(!result.signaled, "\(result)")
        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput == "getX Scale GET \(path)\n")
    }

    /// A path of 100,000 parameters (900 kB) is refused where it is written, at once: every parameter's source
    /// pointer names the path, so its model printed about 90 GB of JSON and `generate` ran for minutes.
    @Test func aPathOverEightKilobytesIsALocatedError() async throws {
        let (_, text) = Self.pathParameterSpec(100_000)
        let folder = try SpecFolder(text)
        defer { folder.remove() }
        for command in ["model", "generate"] {
            let result = try await folder.run(command, ["--tags", "all"], timeout: 60)
            #expect(!result.signaled, "\(result)")
            #expect(result.status == 1, "\(result)")
            #expect(
                result.standardError.contains(
                    "error: the path template is 888892 bytes long; oktagen takes paths of at most 8192 bytes"
                        + " (HTTP servers refuse longer request lines) (at #/paths/"), "\(result)")
        }
    }

    /// 50,000 tags, each on one operation and declared in `tags`: finding each tag's declaration scanned them all.
    @Test func fiftyThousandTagsModel() async throws {
        let count = 50_000
        let paths = (0..<count).map {
            "\"/t\($0)\":{\"get\":{\"operationId\":\"get\($0)\",\"tags\":[\"Tag\($0)\"],"
                + "\"responses\":{\"204\":{\"description\":\"ok\"}}}}"
        }
        let tags = (0..<count).map { "{\"name\":\"Tag\($0)\",\"description\":\"d\($0)\"}" }
        let text = Self.document(
            schemas: "\"S0\":{\"type\":\"string\"}", paths: paths.joined(separator: ","),
            tags: tags.joined(separator: ","))
        let folder = try SpecFolder(text)
        defer { folder.remove() }
        let result = try await folder.run("model", ["--tags", "all", "--summary"], timeout: 60)
        #expect(!result.signaled, "\(result)")
        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput.hasSuffix("get49999 Tag49999 GET /t49999\n"))
    }

    /// A description that mentions 100,000 constants its enum omits: the list of those already mentioned was
    /// scanned per constant. Every one is still reported once.
    @Test func anEnumDescriptionMentioningManyConstantsIsCheckedInLinearTime() async throws {
        let description = (0..<100_000).map { "`MISSING_\($0)`" }.joined(separator: " ")
        let schemas =
            "\"S0\":{\"type\":\"string\",\"description\":\"\(description) `MISSING_7`\","
            + "\"enum\":[\"KNOWN_ONE\",\"KNOWN_TWO\"]}"
        let folder = try SpecFolder(Self.document(schemas: schemas))
        defer { folder.remove() }
        let result = try await folder.run("model", ["--tags", "all", "--summary"], timeout: 60)
        #expect(!result.signaled, "\(result)")
        #expect(result.status == 0, "\(result)")
        let warnings = result.standardError.components(separatedBy: "\n").filter { $0.contains("which its enum omits") }
        #expect(warnings.count == 100_000)
    }

    // MARK: Equivalence of the faster algorithms

    /// The banded edit distance behind "did you mean" gives the suggestion the full table gave, on random names.
    @Test func suggestionsMatchTheFullEditDistance() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcAB_é1")
        func word() -> String {
            String(
                (0..<Int.random(in: 0...9, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        }
        for _ in 0..<2_000 {
            let name = word()
            let candidates = (0..<Int.random(in: 0...12, using: &generator)).map { _ in word() }
            #expect(
                EditDistance.closest(to: name, among: candidates) == Self.referenceClosest(to: name, among: candidates),
                "\(name) among \(candidates)")
        }
    }

    /// `SpecResolver.closest` as it was: the whole dynamic-programming table for every candidate.
    static func referenceClosest(to name: String, among candidates: [String]) -> String? {
        func distance(_ lhs: [Unicode.Scalar], _ rhs: [Unicode.Scalar]) -> Int {
            if lhs.isEmpty { return rhs.count }
            if rhs.isEmpty { return lhs.count }
            var previous = Array(0...rhs.count)
            var current = [Int](repeating: 0, count: rhs.count + 1)
            for i in 1...lhs.count {
                current[0] = i
                for j in 1...rhs.count {
                    current[j] = min(
                        previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (lhs[i - 1] == rhs[j - 1] ? 0 : 1))
                }
                swap(&previous, &current)
            }
            return previous[rhs.count]
        }
        let target = Array(name.lowercased().unicodeScalars)
        var best: (String, Int)?
        for candidate in candidates.sorted() {
            let other = Array(candidate.lowercased().unicodeScalars)
            guard abs(other.count - target.count) <= 3 else { continue }
            let value = distance(target, other)
            if value <= max(1, target.count / 4), value < (best?.1 ?? Int.max) { best = (candidate, value) }
        }
        return best?.0
    }

    /// Numeric suffixes continue where the last one of the same name stopped, which is where counting from 2
    /// would stop too: names taken in between (reserved, or claimed by other names) are skipped either way.
    @Test func numericSuffixesAreTheFirstFreeOnes() {
        var scope = NameScope(reserved: ["a3"])
        #expect(scope.members(["a", "a!", "a?"]) == ["a", "a_", "a2"])
        #expect(scope.member("a#") == "a4")
        scope.reserve("a5")
        #expect(scope.member("a$") == "a6")
        #expect(scope.member("a7") == "a7")
        #expect(scope.member("a%") == "a8")
        #expect(scope.type("x") == "X")
        #expect(scope.type("x!") == "X_")
        #expect(scope.type("x?") == "X2")
    }
}
