import Foundation
import OktaGenConfig
import OktaGenDiagnostics
import OktaGenTestSupport
import Testing

/// Issue #14, item 6: a settings file is input. It cannot widen what the tool reads (`allow-network-refs: true` and
/// `allow-external-files: true` count only with the flag or the environment variable), its paths stay in its folder
/// unless external files are allowed, and its errors quote only a short, escaped excerpt of it.
@Suite struct ConfigTrustTests {
    static func config(_ text: String, directory: String = "/nonexistent-oktagen") throws -> GeneratorConfig {
        try GeneratorConfig.parse(bytes: Array(text.utf8), path: "oktagen.yaml", directory: directory)
    }

    @Test func allowKeysAloneAreIgnoredWithAWarningAtTheirLine() throws {
        let config = try Self.config("tags: all\nallow-network-refs: true\nallow-external-files: true\n")
        let trust = config.trust(allowExternalFilesFlag: nil, allowNetworkRefsFlag: nil, environment: [:])
        #expect(!trust.allowExternalFiles && !trust.allowNetworkRefs)
        #expect(
            trust.warnings.map(FixtureSupport.printed) == [
                "oktagen.yaml:3:23: warning: 'allow-external-files: true' in a settings file is ignored without"
                    + " --allow-external-files or OKTAGEN_ALLOW_EXTERNAL_FILES=1 (a repository's settings must not widen"
                    + " what oktagen may read)",
                "oktagen.yaml:2:21: warning: 'allow-network-refs: true' in a settings file is ignored without"
                    + " --allow-network-refs or OKTAGEN_ALLOW_NETWORK_REFS=1 (a repository's settings must not widen what"
                    + " oktagen may read)",
            ])
    }

    @Test func aFlagOrTheEnvironmentDecides() throws {
        let allowing = try Self.config("allow-network-refs: true\nallow-external-files: true\n")
        let flags = allowing.trust(allowExternalFilesFlag: true, allowNetworkRefsFlag: false, environment: [:])
        #expect(flags.allowExternalFiles && !flags.allowNetworkRefs && flags.warnings.isEmpty)
        let environment = allowing.trust(
            allowExternalFilesFlag: nil, allowNetworkRefsFlag: nil,
            environment: ["OKTAGEN_ALLOW_NETWORK_REFS": "1", "OKTAGEN_ALLOW_EXTERNAL_FILES": "true"])
        #expect(environment.allowExternalFiles && environment.allowNetworkRefs && environment.warnings.isEmpty)
        // The file may always narrow: `false` wins over the environment (not over a flag).
        let narrowing = try Self.config("allow-network-refs: false\n")
        #expect(
            !narrowing.trust(
                allowExternalFilesFlag: nil, allowNetworkRefsFlag: nil, environment: ["OKTAGEN_ALLOW_NETWORK_REFS": "1"]
            ).allowNetworkRefs)
        #expect(
            narrowing.trust(allowExternalFilesFlag: nil, allowNetworkRefsFlag: true, environment: [:]).allowNetworkRefs)
        let zero = try Self.config("allow-network-refs: true\n").trust(
            allowExternalFilesFlag: nil, allowNetworkRefsFlag: nil, environment: ["OKTAGEN_ALLOW_NETWORK_REFS": "0"])
        #expect(!zero.allowNetworkRefs && zero.warnings.count == 1)
    }

    @Test(arguments: [
        ("spec", "../api.yaml"), ("spec", "/etc/passwd"), ("output", "a/../../Out"), ("templates", "../../t"),
        ("output", "/tmp/x"),
    ])
    func aPathLeavingTheFilesFolderIsRefused(_ key: String, _ value: String) throws {
        let folder = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = try Self.config("tags: all\n\(key): \(value)\n", directory: folder.path)
        #expect(throws: Diagnostic.self) { try config.path(forKey: key, allowExternalFiles: false) }
        do {
            _ = try config.path(forKey: key, allowExternalFiles: false)
        } catch {
            // The library names the setting; the tool names its flag (`Output.printDiagnostics`).
            #expect(error.description.hasSuffix("; allow it with the allow-external-files setting (at #/\(key))"))
            #expect(
                FixtureSupport.printed(error)
                    == "oktagen.yaml:2:\(key.count + 3): error: '\(key): \(value)' leads outside the"
                    + " settings file's folder and is refused (a repository's settings must not make oktagen read or write"
                    + " elsewhere); allow it with --allow-external-files (at #/\(key))")
        }
        #expect(try config.path(forKey: key, allowExternalFiles: true) == config.resolve(value))
    }

    @Test func pathsInsideTheFolderAreTakenAndLinksOutAreNot() throws {
        let folder = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outside = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("specs"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("out"), withDestinationURL: outside)
        for value in [
            "specs/api.yaml", "./specs/../specs/api.yaml", "Generated", "new/folders/Out", ".",
            folder.path + "/specs/api.yaml",
        ] {
            let config = try Self.config("spec: \(value)\n", directory: folder.path)
            #expect(try config.path(forKey: "spec", allowExternalFiles: false) == config.resolve(value), "\(value)")
        }
        for value in ["out", "out/Generated", "out/new/x", "specs/../out/x"] {
            let config = try Self.config("output: \(value)\n", directory: folder.path)
            #expect(throws: Diagnostic.self, "\(value)") {
                try config.path(forKey: "output", allowExternalFiles: false)
            }
        }
    }

    @Test func errorsQuoteOnlyAShortEscapedExcerpt() throws {
        let long = String(repeating: "k", count: 500_000)
        for text in [
            "\(long): 1\n", "access: \(long)\n", "mode: [\(long)]\n", "mode: models, \(long)\n",
            "? \(long)\n: 1\n? \(long)\n: 2\n", "? \(long)\n: 1\n", "a: &\(long) 1\nb: *\(long)x\n",
            "access: \"\\e[31mred\"\n",
        ] {
            do throws(DiagnosticsError) {
                _ = try GeneratorConfig.parse(bytes: Array(text.utf8), path: "oktagen.yaml", directory: "/nonexistent")
                Issue.record("no error for \(text.prefix(40))")
            } catch {
                for diagnostic in error.diagnostics {
                    #expect(diagnostic.description.utf8.count < 600, "\(diagnostic.description.prefix(200))")
                    #expect(!diagnostic.description.contains("\u{1b}"))
                }
            }
        }
    }

    // MARK: The command line

    /// A folder with a spec whose `User` schema is fetched over the network, and `settings` as `oktagen.yaml`.
    static func workspace(settings: String) throws -> URL {
        let folder = try FixtureSupport.makeTemporaryDirectory()
        let spec = """
            openapi: 3.0.3
            info: {title: Trust, version: "1"}
            paths: {}
            components:
              schemas:
                User: {$ref: "http://127.0.0.1:9/user.yaml"}

            """
        try Data(spec.utf8).write(to: folder.appendingPathComponent("spec.yaml"))
        try Data(settings.utf8).write(to: folder.appendingPathComponent("oktagen.yaml"))
        return folder
    }

    @Test func aSettingsFileAloneDoesNotMakeGenerateFetch() throws {
        let folder = try Self.workspace(settings: "spec: spec.yaml\nallow-network-refs: true\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try FixtureSupport.run(["validate"], in: folder)
        #expect(result.status == 1, "\(result)")
        #expect(
            result.standardError.hasPrefix(
                "oktagen.yaml:2:21: warning: 'allow-network-refs: true' in a settings file is ignored without"
                    + " --allow-network-refs or OKTAGEN_ALLOW_NETWORK_REFS=1"), "\(result)")
        #expect(result.standardError.contains("or allow network references with --allow-network-refs"), "\(result)")
        #expect(!result.standardError.contains("curl"), "\(result)")
        // With the flag, the reference is fetched (and fails: nothing listens on port 9).
        let allowed = try FixtureSupport.run(["validate", "--allow-network-refs"], in: folder)
        #expect(allowed.status == 1)
        #expect(!allowed.standardError.contains("warning: 'allow-network-refs: true'"), "\(allowed)")
        #expect(!allowed.standardError.contains("or allow network references with"), "\(allowed)")
    }

    @Test func aSpecPathOutsideTheFilesFolderNeedsTheFlag() throws {
        let folder = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            at: GoldenSupport.specsDirectory.appendingPathComponent("operations.yaml"),
            to: folder.appendingPathComponent("spec.yaml"))
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("conf"), withIntermediateDirectories: true)
        try Data("spec: ../spec.yaml\ntags: all\n".utf8).write(to: folder.appendingPathComponent("conf/oktagen.yaml"))
        let refused = try FixtureSupport.run(["model", "--summary"], in: folder.appendingPathComponent("conf"))
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.standardOutput.isEmpty)
        #expect(refused.standardError.hasPrefix("oktagen.yaml:1:7: error: 'spec: ../spec.yaml' leads outside"))
        let allowed = try FixtureSupport.run(
            ["model", "--summary", "--allow-external-files"], in: folder.appendingPathComponent("conf"))
        #expect(allowed.status == 0, "\(allowed)")
        #expect(!allowed.standardOutput.isEmpty)
    }
}
