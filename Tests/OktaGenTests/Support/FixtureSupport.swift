import Foundation
import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI
import OktaGenPipeline
import OktaGenYAML
import Testing

/// Loading the invalid and hostile fixtures (`Fixtures/invalid/…`) with stable, relative paths in every message, and
/// running the built `oktagen` binary.
enum FixtureSupport {
    /// `Tests/OktaGenTests`, found from this file's path.
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/OktaGenTests/Fixtures/invalid`.
    static let invalidDirectory = testsDirectory.appendingPathComponent("Fixtures/invalid")

    /// The absolute path of a fixture, e.g. `yaml/empty.yaml`.
    static func path(_ name: String) -> String { invalidDirectory.appendingPathComponent(name).path }

    /// How a fixture is named in messages: `Fixtures/invalid/yaml/empty.yaml`.
    static func displayPath(_ name: String) -> String { "Fixtures/invalid/" + name }

    /// The bytes of a fixture (empty, with a recorded issue, when it cannot be read).
    static func bytes(_ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path(name)) else {
            Issue.record("cannot read fixture \(name)", sourceLocation: sourceLocation)
            return []
        }
        return [UInt8](data)
    }

    // MARK: YAML

    /// Parses bytes; returns the document or the diagnostic's full text.
    static func parse(
        _ bytes: [UInt8], path: String, limits: YAMLLimits = .default
    ) -> Result<YAMLDocument, Diagnostic> {
        do {
            return .success(try YAMLParser(limits: limits).parse(bytes, path: path))
        } catch {
            return .failure(error)
        }
    }

    /// Parses a fixture file, named in messages by its display path.
    static func parseFixture(_ name: String, limits: YAMLLimits = .default) -> Result<YAMLDocument, Diagnostic> {
        parse(bytes(name), path: displayPath(name), limits: limits)
    }

    /// The full text of the error a parse throws, as `oktagen` prints it (a limit named by its flag), or a note that
    /// it did not throw.
    static func parseError(_ bytes: [UInt8], path: String, limits: YAMLLimits = .default) -> String {
        switch parse(bytes, path: path, limits: limits) {
        case .success: "(no error)"
        case .failure(let diagnostic): printed(diagnostic)
        }
    }

    // MARK: OpenAPI

    /// The outcome of loading a spec: the resolver (when loading succeeded) and every diagnostic as printed.
    struct Loaded {
        var resolver: SpecResolver?
        var diagnostics: [String]
    }

    /// A diagnostic as `oktagen` prints it: a setting that would change the outcome named as its flag
    /// (`--allow-external-files`; the library names the settings key, ``Diagnostic/Remedy``).
    static func printed(_ diagnostic: Diagnostic) -> String {
        diagnostic.description(settingName: { "--" + $0 })
    }

    /// Loads a fixture spec (without validating it).
    static func load(_ name: String, options: LoadOptions = LoadOptions()) -> Loaded {
        do {
            let resolver = try GeneratorPipeline().loader.load(
                .file(path(name), displayPath: displayPath(name)), options: options)
            return Loaded(resolver: resolver, diagnostics: resolver.diagnostics.diagnostics.map(printed))
        } catch {
            return Loaded(resolver: nil, diagnostics: error.diagnostics.map(printed))
        }
    }

    /// Loads a fixture spec and decodes all of it, as `oktagen validate` does.
    static func validate(_ name: String, options: LoadOptions = LoadOptions()) -> Loaded {
        var loaded = load(name, options: options)
        guard let resolver = loaded.resolver else { return loaded }
        GeneratorPipeline().resolver.resolveAll(resolver)
        loaded.diagnostics = resolver.diagnostics.diagnostics.map(printed)
        return loaded
    }

    /// Loads a fixture spec and builds the model of the operations with `tags`, as `oktagen model` does.
    static func model(_ name: String, selection: TagSelection = .all) -> (model: IRModel?, diagnostics: [String]) {
        let loaded = load(name)
        guard let resolver = loaded.resolver else { return (nil, loaded.diagnostics) }
        let model = GeneratorPipeline().builder.build(resolver, selection: selection)
        return (model, resolver.diagnostics.diagnostics.map(printed))
    }

    /// Loads in-memory bytes as if they were the file `name` (relative references resolve beside it).
    static func load(bytes: [UInt8], as name: String, options: LoadOptions = LoadOptions()) -> Loaded {
        do {
            let pipeline = GeneratorPipeline()
            let resolver = try pipeline.loader.load(
                .bytes(bytes, path: path(name), displayPath: displayPath(name)), options: options)
            pipeline.resolver.resolveAll(resolver)
            return Loaded(resolver: resolver, diagnostics: resolver.diagnostics.diagnostics.map(printed))
        } catch {
            return Loaded(resolver: nil, diagnostics: error.diagnostics.map(printed))
        }
    }

    /// The schema a `$ref` to `#/components/schemas/<name>` of a loaded spec yields (a component that is itself a
    /// plain `$ref` is followed).
    static func componentSchema(_ name: String, in resolver: SpecResolver) -> Schema? {
        guard let root = resolver.document.source.root else { return nil }
        let reference = Reference(ref: "#/components/schemas/" + JSONPointer.escape(name), node: root, description: nil)
        return resolver.schema(.reference(reference))
    }

    // MARK: Generated inputs

    /// `depth` nested flow sequences: `[[[…`, unclosed.
    static func nestedFlowSequences(_ depth: Int) -> [UInt8] { [UInt8](repeating: UInt8(ascii: "["), count: depth) }

    /// `depth` nested block mappings, each key indented one step more than its parent.
    static func nestedBlockMappings(_ depth: Int) -> [UInt8] {
        var text = ""
        for level in 0..<depth { text += String(repeating: " ", count: level) + "k:\n" }
        text += String(repeating: " ", count: depth) + "v\n"
        return Array(text.utf8)
    }

    /// The billion-laughs document: each of `levels` anchors is a list of `width` aliases to the one before.
    static func aliasBomb(levels: Int = 9, width: Int = 9) -> [UInt8] {
        var text = "l0: &l0 [" + Array(repeating: "lol", count: width).joined(separator: ", ") + "]\n"
        for level in 1...levels {
            text +=
                "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: width).joined(separator: ", ")
                + "]\n"
        }
        return Array(text.utf8)
    }

    /// A small, valid OpenAPI 3.0 document.
    static let minimalSpec = """
        openapi: 3.0.3
        info:
          title: Minimal
          version: "1"
        paths: {}

        """

    // MARK: The command-line tool

    /// The folder that holds the built products (`.build/debug`, or whatever `--scratch-path` chose): the test
    /// target's resource bundle sits there, next to the `oktagen` executable.
    static var productsDirectory: URL { Bundle.module.bundleURL.deletingLastPathComponent() }

    /// The built `oktagen` executable.
    static var executable: URL { productsDirectory.appendingPathComponent("oktagen") }

    /// What a run of `oktagen` did.
    struct Run: CustomStringConvertible {
        var status: Int32
        /// Whether the process ended by a signal (a crash) rather than by exiting.
        var signaled: Bool
        var standardOutput: String
        var standardError: String

        var description: String {
            "status \(status)\(signaled ? " (signal)" : ""), stdout: \(standardOutput.prefix(500)),"
                + " stderr: \(standardError.prefix(2000))"
        }
    }

    /// A new, empty temporary folder.
    static func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("oktagen-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// As ``run(_:in:timeout:)``, but waits on a thread of its own instead of one of Swift concurrency's cooperative
    /// pool. The pool has as many threads as cores (two on CI's machine), and Swift Testing runs synchronous tests on
    /// it: tests that keep `oktagen` busy for a minute (`ScalingTests`) would otherwise hold both threads, and async
    /// tests in the same process, okta-mock's deadline tests among them, would starve until they ended.
    /// Runs CPU-heavy work on a thread of its own instead of Swift concurrency's cooperative pool (two threads on a
    /// 2-core machine), whose threads other tests' continuations need. `body` must not call `#expect`: return what
    /// to check.
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                do {
                    continuation.resume(returning: try body())
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    static func runOffPool(_ arguments: [String], in directory: URL, timeout: Double = 30) async throws -> Run {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                do {
                    continuation.resume(returning: try run(arguments, in: directory, timeout: timeout))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// Runs `oktagen` with `arguments` in `directory`, capturing its output in files kept outside that folder.
    /// A run that takes longer than `timeout` seconds is killed (and reported as a signal).
    static func run(_ arguments: [String], in directory: URL, timeout: Double = 30) throws -> Run {
        let outputDirectory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: outputDirectory) }
        let stdoutURL = outputDirectory.appendingPathComponent("stdout")
        let stderrURL = outputDirectory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        if process.isRunning {
            process.terminate()
            Issue.record("oktagen \(arguments.joined(separator: " ")) ran longer than \(timeout) s")
        }
        process.waitUntilExit()
        try stdout.close()
        try stderr.close()
        return Run(
            status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
            standardOutput: String(decoding: (try? Data(contentsOf: stdoutURL)) ?? Data(), as: UTF8.self),
            standardError: String(decoding: (try? Data(contentsOf: stderrURL)) ?? Data(), as: UTF8.self))
    }
}
