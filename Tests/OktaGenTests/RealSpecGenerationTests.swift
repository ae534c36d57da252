import Foundation
import OktaGenConfig
import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI
import OktaGenPipeline
import OktaGenRender
import Testing

/// Generation from Okta's current spec: every tag renders, and compiles in Swift 6 mode with warnings as errors (the
/// seven user tags compile in ``StablePublicAPITests``, against `Generated/`'s API). Skipped, with the reason shown, when `OKTA_SPEC` is not set.
@Suite struct RealSpecGenerationTests {
    static let spec = ProcessInfo.processInfo.environment["OKTA_SPEC"].flatMap { $0.isEmpty ? nil : $0 }

    /// The build's products folder (where `Modules/OktaRuntime.swiftmodule` is), found from the test resources.
    static var modulesDirectory: URL? {
        var directory = Bundle.module.bundleURL.deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("Modules")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("OktaRuntime.swiftmodule").path)
            {
                return candidate
            }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    static func render(selection: TagSelection) throws -> (files: [String: String], model: IRModel) {
        let pipeline = GeneratorPipeline()
        let resolver = try pipeline.load(.file(try #require(spec)), options: LoadOptions())
        let model = pipeline.builder.build(resolver, selection: selection)
        #expect(!resolver.diagnostics.hasErrors, "\(resolver.diagnostics.errors)")
        let files = try pipeline.renderer.render(
            model, options: RenderOptions(specFile: "okta-management.yaml"),
            templates: pipeline.renderer.prepare(templates: nil))
        return (files, model)
    }

    /// Writes the files into a fresh folder and runs swiftc on them in Swift 6 mode with warnings as errors.
    ///
    /// The compiler runs for minutes on the whole spec: the test waits for it without holding a thread of the
    /// concurrency pool (the loopback tests' servers and clients run there), and its output goes to a file, not a
    /// pipe that could fill up.
    /// - Parameters:
    ///   - arguments: What to do: `-typecheck -wmo`, `-c` and a batch mode, or `-o` an executable.
    ///   - folder: Where to write the files and run swiftc; a fresh folder, removed afterwards, when `nil` (the
    ///     caller removes a folder it gives).
    /// - Returns: The exit status and everything swiftc printed.
    static func compile(_ files: [String: String], _ arguments: [String], in folder: URL? = nil) async throws -> (
        status: Int32, output: String
    ) {
        let modules = try #require(modulesDirectory, "the build's Modules folder was not found")
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent(
            "oktagen-real-\(UUID().uuidString)")
        let folder = folder ?? temporary
        defer { try? FileManager.default.removeItem(at: temporary) }
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
        process.currentDirectoryURL = folder  // object files, when there are any
        process.arguments =
            ["swiftc"] + arguments + [
                "-swift-version", "6", "-warnings-as-errors", "-parse-as-library", "-I", modules.path,
                "-module-name", "OktaRealSpecCheck",
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
        let text = String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self)
        return (status, text)
    }

    /// The whole spec's output (732 operations, every tag) compiles to object code, debug, the way SwiftPM compiles
    /// a target on this machine's cores: no error, no warning.
    @Test(.enabled(if: spec != nil, "OKTA_SPEC is not set: skipping generation from Okta's current spec"))
    func everyTagCompilesInSwift6WithoutWarnings() async throws {
        let (files, model) = try Self.render(selection: .all)
        #expect(model.operations.count == 732)
        let jobs = String(max(2, ProcessInfo.processInfo.activeProcessorCount))
        let (status, text) = try await Self.compile(files, ["-c", "-Onone", "-enable-batch-mode", "-j", jobs])
        #expect(status == 0, Comment(rawValue: String(text.prefix(4000))))
        #expect(!text.contains("warning:"), Comment(rawValue: String(text.prefix(4000))))
    }

    @Test(.enabled(if: spec != nil, "OKTA_SPEC is not set: skipping generation from Okta's current spec"))
    func everyTagGeneratesWithoutErrors() throws {
        let (files, model) = try Self.render(selection: .all)
        #expect(model.operations.count == 732)
        // A file per type, an API and a handler per tag, the client, the server protocol, Server/OktaValidation.swift,
        // and a file for each of the two request bodies in several media types (publishCsrFromApplication,
        // publishCsrForIdentityProvider), and the DocC catalog's two pages.
        #expect(files.count == model.types.count + 2 * model.tags.count + 3 + 2 + 2)
        #expect(files["Server/OktaValidation.swift"] != nil)
        #expect(files["OktaClient.docc/OktaClient.md"] != nil && files["OktaClient.docc/GettingStarted.md"] != nil)
        #expect(
            files.keys.allSatisfy {
                ($0.hasSuffix(".swift") || $0.hasPrefix("OktaClient.docc/") && $0.hasSuffix(".md"))
                    && !$0.contains("..")
            })
    }

    /// The client method of an operation, from `func` to its opening brace.
    static func signature(_ name: String, in files: [String: String]) -> String? {
        for (path, text) in files where path.hasPrefix("Client/") {
            guard let start = text.range(of: "func \(name)(") else { continue }
            guard let end = text.range(of: "{\n", range: start.upperBound..<text.endIndex) else { return nil }
            return String(text[start.lowerBound..<end.lowerBound])
        }
        return nil
    }

    /// Every operation of Okta's spec with a body that is not JSON has a Swift type for its media type
    /// (docs/SDK.md, "Media types"), and no such body or response is `JSONValue`.
    @Test(.enabled(if: spec != nil, "OKTA_SPEC is not set: skipping generation from Okta's current spec"))
    func everyMediaTypeOfOktasSpecHasItsSwiftType() throws {
        let (files, model) = try Self.render(selection: .all)
        let expected: [(operation: String, fragments: [String])] = [
            ("uploadApplicationLogo", ["body: OktaMultipartForm"]),
            ("uploadBrandThemeBackgroundImage", ["body: OktaMultipartForm"]),
            ("uploadBrandThemeFavicon", ["body: OktaMultipartForm"]),
            ("uploadBrandThemeLogo", ["body: OktaMultipartForm"]),
            ("publishSecurityEventTokens", ["body: String"]),
            ("publishCsrFromApplication", ["body: PublishCsrFromApplicationRequestBody"]),
            ("publishCsrForIdentityProvider", ["body: PublishCsrForIdentityProviderRequestBody"]),
            ("generateCsrForApplication", ["OktaResponse<GenerateCsrForApplicationResponseBody>"]),
            ("getCsrForApplication", ["OktaResponse<GetCsrForApplicationResponseBody>"]),
            ("generateCsrForIdentityProvider", ["OktaResponse<GenerateCsrForIdentityProviderResponseBody>"]),
            ("getCsrForIdentityProvider", ["OktaResponse<GetCsrForIdentityProviderResponseBody>"]),
            ("previewSAMLmetadataForApplication", ["OktaResponse<String>"]),
            ("verifyFactor", ["OktaResponse<VerifyFactorResponseBody>"]),
        ]
        for (operation, fragments) in expected {
            let signature = try #require(Self.signature(operation, in: files), "no method \(operation)")
            for fragment in fragments { #expect(signature.contains(fragment), "\(operation): \(signature)") }
        }
        let client = files.filter { $0.key.hasPrefix("Client/") }.values.joined()
        #expect(client.contains("case okApplicationPkcs10(Data)"))
        #expect(client.contains("case createdApplicationPkcs10(Data)"))
        #expect(client.contains("case applicationPkixCert(Data)"))
        #expect(client.contains("decodeBody(String.self, response: response, from: responseBody)"))
        // No operation with a documented non-JSON media type falls back to `JSONValue` for it.
        var checked = 0
        for operation in model.operations {
            let contents = (operation.requestBody?.contents ?? []) + operation.responses.flatMap(\.contents)
            guard contents.contains(where: { !$0.mediaType.lowercased().contains("json") }) else { continue }
            let signature = try #require(Self.signature(operation.swiftName, in: files))
            #expect(!signature.contains("body: JSONValue"), "\(operation.operationId): \(signature)")
            #expect(!signature.contains("OktaResponse<JSONValue"), "\(operation.operationId): \(signature)")
            checked += 1
        }
        #expect(checked >= 12)
    }
}
