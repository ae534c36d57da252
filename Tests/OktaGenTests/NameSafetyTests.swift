import Foundation
import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI
import OktaGenRender
import Testing

/// Every spec of the hostile-names corpus (`Fixtures/names-hostile`) generates code that type-checks with
/// OktaRuntime in Swift 6 mode with warnings as errors, and whose file names one SwiftPM target can hold.
///
/// Each case is its own module (two specs' `OktaClient`s cannot share one), so the compiler runs once per case;
/// the runs go two at a time.
@Suite struct NameSafetyTests {
    static let corpusDirectory = FixtureSupport.testsDirectory.appendingPathComponent("Fixtures/names-hostile")

    /// One spec rendered with some options.
    struct Case: CustomStringConvertible, Sendable {
        var spec: String
        var prefix = ""
        var clientName = "OktaClient"
        var serverProtocolName = "OktaAPIHandler"
        var description: String { spec + (prefix.isEmpty ? "" : " (prefix \(prefix))") }
        var moduleName: String {
            "NameSafety" + spec.split(separator: ".")[0].split(separator: "-").map { $0.capitalized }.joined() + prefix
        }
    }

    static let cases: [Case] = {
        let specs = (try? FileManager.default.contentsOfDirectory(atPath: corpusDirectory.path)) ?? []
        var cases = specs.filter { $0.hasSuffix(".yaml") }.sorted().map { Case(spec: $0) }
        // Combinations: a type-name prefix that turns schema names into runtime names (`Okta` + `Response`), and a
        // client named like a schema.
        cases.append(Case(spec: "runtime-type-names.yaml", prefix: "Okta"))
        cases.append(
            Case(spec: "generated-type-names.yaml", clientName: "ThingsAPI", serverProtocolName: "GetCoreInput"))
        return cases
    }()

    static func model(_ testCase: Case) throws -> (model: IRModel, diagnostics: DiagnosticCollector) {
        let path = corpusDirectory.appendingPathComponent(testCase.spec).path
        let resolver = try SpecResolver.load(path: path, displayPath: "Fixtures/names-hostile/" + testCase.spec)
        let model = IRBuilder(resolver: resolver, selection: .all).build()
        return (model, resolver.diagnostics)
    }

    static func render(_ testCase: Case) throws -> [String: String] {
        let (model, diagnostics) = try model(testCase)
        #expect(!diagnostics.hasErrors, "\(testCase): \(diagnostics.errors)")
        let options = RenderOptions(
            clientName: testCase.clientName, serverProtocolName: testCase.serverProtocolName,
            specFile: testCase.spec, typeNamePrefix: testCase.prefix)
        return try Renderer(model: model, options: options).render()
    }

    /// The key under which two file names are the same file somewhere: case-folded and canonically normalized
    /// (APFS and HFS+ compare names that way), by base name (SwiftPM rejects two sources of one name in a target).
    static func fileKey(_ path: String) -> String {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        return base.precomposedStringWithCanonicalMapping.lowercased()
    }

    @Test func everyCaseTypeChecksInSwift6WithoutWarnings() async throws {
        let started = ContinuousClock.now
        var rendered: [(Case, [String: String])] = []
        for testCase in Self.cases {
            let files = try Self.render(testCase)
            var seen: [String: String] = [:]
            for path in files.keys.sorted() {
                if let other = seen.updateValue(path, forKey: Self.fileKey(path)) {
                    Issue.record("\(testCase): \(other) and \(path) are one file on a case-insensitive file system")
                }
            }
            rendered.append((testCase, files))
        }
        let renderTime = ContinuousClock.now - started
        var failures: [String] = []
        // Two compilers at a time: each is mostly single-threaded, and the machine is shared.
        let batches = stride(from: 0, to: rendered.count, by: 2).map {
            Array(rendered[$0..<min($0 + 2, rendered.count)])
        }
        for batch in batches {
            let results = try await withThrowingTaskGroup(of: (Case, Int32, String).self) { group in
                for (testCase, files) in batch {
                    group.addTask {
                        let (status, output) = try await Self.typeCheck(files, module: testCase.moduleName)
                        return (testCase, status, output)
                    }
                }
                var results: [(Case, Int32, String)] = []
                for try await result in group { results.append(result) }
                return results
            }
            for (testCase, status, output) in results where status != 0 || output.contains("warning:") {
                failures.append("\(testCase): status \(status)\n" + String(output.prefix(3000)))
            }
        }
        let total = ContinuousClock.now - started
        print("NameSafetyTests: \(rendered.count) cases rendered in \(renderTime), type-checked (total) in \(total)")
        #expect(failures.isEmpty, Comment(rawValue: failures.joined(separator: "\n\n")))
    }

    /// Canonically equivalent schema names, tags and operation ids stay apart: four schemas, each operation answered
    /// with its own, two tags. Swift names equivalent to one taken get a number or a different spelling.
    @Test func canonicallyEquivalentNamesStayDistinct() throws {
        let (model, diagnostics) = try Self.model(Case(spec: "unicode-equivalence.yaml"))
        #expect(!diagnostics.hasErrors, "\(diagnostics.errors)")
        let spelled = { (name: String) in
            name.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: ",")
        }
        #expect(
            Set(model.types.map { spelled($0.name) })
                == Set(["Caf\u{E9}", "Cafe", "\u{212A}elvin", "Kelvin2"].map(spelled)))
        var bodies: [String: String] = [:]
        for operation in model.operations {
            if case .named(let name)? = operation.responses.first?.contents.first?.type {
                bodies[spelled(operation.operationId)] = spelled(name)
            }
        }
        #expect(
            bodies == [
                spelled("caf\u{E9}"): spelled("Caf\u{E9}"), spelled("cafe\u{301}"): spelled("Cafe"),
                spelled("\u{212A}elvin"): spelled("\u{212A}elvin"), spelled("Kelvin"): spelled("Kelvin2"),
            ])
        #expect(model.tags.map { spelled($0.typeName) } == ["Caf\u{E9}", "Cafe"].map(spelled))
        #expect(model.tags.map { spelled($0.propertyName) } == ["caf\u{E9}", "cafe"].map(spelled))
        #expect(model.tags.map(\.operationIds.count) == [3, 1])
    }

    /// Tags that differ only in case or punctuation get distinct type and property names.
    @Test func tagsThatDifferInCaseGetDistinctNames() throws {
        let (model, _) = try Self.model(Case(spec: "tag-case.yaml"))
        #expect(model.tags.map(\.typeName) == ["Users", "Users2", "USERS", "UserS", "User_s"])
        #expect(model.tags.map(\.propertyName) == ["users", "users2", "users3", "userS", "user_s"])
        let files = try Self.render(Case(spec: "tag-case.yaml")).keys.filter { $0.hasPrefix("Client/") }.sorted()
        #expect(
            files == [
                "Client/OktaClient.swift", "Client/USERSAPI_2.swift", "Client/UserSAPI_3.swift",
                "Client/User_sAPI.swift", "Client/Users2API.swift", "Client/UsersAPI.swift",
            ])
    }

    /// Types generated per tag and per operation yield to model types and reserved names.
    @Test func generatedTypesYieldToModelTypes() throws {
        let files = try Self.render(Case(spec: "generated-type-names.yaml"))
        let client = try #require(files["Client/ThingsAPI2.swift"])
        #expect(client.contains("public struct ThingsAPI2: Sendable {"))
        #expect(client.contains("public func client2() async throws -> OktaResponse<ThingsHandler> {"))
        let server = try #require(files["Server/ThingsHandler2.swift"])
        #expect(server.contains("func getThing(_ input: GetThingInput2) async throws -> GetThingOutput2"))
        #expect(server.contains("public var input: GetThingInput?"))
        let handler = try #require(files["Server/OktaAPIHandler2.swift"])
        #expect(handler.contains("public protocol OktaAPIHandler2: Sendable {"))
        #expect(try #require(files["Client/OktaClient.swift"]).contains("public let core2: CoreAPI\n"))
        #expect(files["Models/Thingsapi_2.swift"] != nil, "a model named like an API file in another case")
    }

    /// A parameter named like a local keeps its label; only the body's name for it changes.
    @Test func parametersNamedLikeLocalsKeepTheirLabels() throws {
        let files = try Self.render(Case(spec: "parameter-locals.yaml"))
        let client = try #require(files["Client/UsersAPI.swift"])
        #expect(client.contains("        builder builderValue: String,\n        client clientValue: String? = nil,\n"))
        #expect(client.contains("        builder.path(\"builder\", builderValue)\n"))
        #expect(client.contains("next: nextValue, items: itemsValue,"))
        let server = try #require(files["Server/UsersHandler.swift"])
        #expect(server.contains("let errorsValue = server.query(\"errors\", as: String.self, required: true,"))
        #expect(server.contains("errors: errorsValue, input: inputValue,"))
        #expect(server.contains("    public var errors: String\n"))
    }

    /// A JSON 200 beside a binary 201: the client returns an enum with a case per status (the JSON model, the bytes)
    /// and accepts both media types.
    @Test func binaryAndJSONSuccessesAreCasesOfAnEnum() throws {
        let files = try Self.render(Case(spec: "mixed-success.yaml"))
        let client = try #require(files["Client/FilesAPI.swift"])
        let start = try #require(client.range(of: "public func putFile("))
        let end = try #require(client.range(of: "public func getFile("))
        let putFile = String(client[start.lowerBound..<end.lowerBound])
        #expect(putFile.contains("    ) async throws -> OktaResponse<PutFileResponseBody> {"))
        #expect(putFile.contains("accept: \"application/json, application/octet-stream\""))
        #expect(putFile.contains("try await .created(client.collectBytes(responseBody))"))
        #expect(putFile.contains("try await .ok(client.decodeJSON(FileRecord.self, from: responseBody))"))
        #expect(client.contains("public enum PutFileResponseBody: Sendable {"))
        #expect(client.contains("    case ok(FileRecord)\n"))
        #expect(client.contains("    case created(Data)\n"))
        let server = try #require(files["Server/FilesHandler.swift"])
        #expect(server.contains("case ok(_ body: FileRecord, headers: HTTPFields = [:])"))
        #expect(server.contains("case created(_ body: Data, headers: HTTPFields = [:])"))
    }

    /// Names the generated code cannot keep apart at run time are errors at the second name, with its location.
    @Test func canonicallyEquivalentMembersAreLocatedErrors() throws {
        let name = "equivalent-members.yaml"
        let path = FixtureSupport.testsDirectory.appendingPathComponent("Fixtures/names-hostile-errors/" + name).path
        let resolver = try SpecResolver.load(path: path, displayPath: "Fixtures/names-hostile-errors/" + name)
        _ = IRBuilder(resolver: resolver, selection: .all).build()
        let errors = resolver.diagnostics.errors.map(\.description)
        let file = "Fixtures/names-hostile-errors/equivalent-members.yaml"
        #expect(
            errors == [
                "\(file):15:18: error: query parameters 'cafe\\u{301}' and 'caf\\u{E9}' (line 14) are canonically"
                    + " equivalent Unicode names: decoded requests cannot tell them apart; rename one"
                    + " (at #/paths/~1a/get/parameters/1/name)",
                "\(file):29:9: error: properties 'cafe\\u{301}' and 'caf\\u{E9}' (line 28) of schema 'Thing' are"
                    + " canonically equivalent Unicode names: JSON decoding cannot tell them apart; rename one"
                    + " (at #/components/schemas/Thing/properties/cafe\u{301})",
                "\(file):31:9: error: properties 'K' and '\\u{212A}' (line 30) of schema 'Thing' are"
                    + " canonically equivalent Unicode names: JSON decoding cannot tell them apart; rename one"
                    + " (at #/components/schemas/Thing/properties/K)",
            ], Comment(rawValue: errors.joined(separator: "\n")))
    }

    /// Writes the files into a fresh folder and runs `swiftc -typecheck` on them in Swift 6 mode with warnings as
    /// errors, as module `module`, its output going to a file.
    static func typeCheck(_ files: [String: String], module: String) async throws -> (status: Int32, output: String) {
        let modules = try #require(RealSpecGenerationTests.modulesDirectory, "the build's Modules folder was not found")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oktagen-names-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths: [String] = []
        for (path, text) in files {
            let url = folder.appendingPathComponent("Sources").appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            if path.hasSuffix(".swift") { paths.append(url.path) }  // not the DocC catalog's Markdown
        }
        let log = folder.appendingPathComponent("swiftc.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.currentDirectoryURL = folder
        process.arguments =
            [
                "swiftc", "-typecheck", "-swift-version", "6", "-warnings-as-errors", "-parse-as-library", "-I",
                modules.path, "-module-name", module,
            ] + paths.sorted()
        process.standardOutput = handle
        process.standardError = handle
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return (status, String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self))
    }
}
