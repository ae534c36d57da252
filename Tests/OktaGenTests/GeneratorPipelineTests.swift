import Foundation
import OktaGenConfig
import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI
import OktaGenPipeline
import OktaGenRender
import OktaGenTestSupport
import Synchronization
import Testing

/// The library-level pipeline: stages replaced by a caller, settings merged in one place, layers sealed.
@Suite struct GeneratorPipelineTests {
    /// A writer that keeps the files instead of writing them.
    final class CapturingWriter: OutputWriting {
        let files = Mutex<[String: String]>([:])

        func write(_ files: [String: String], to directory: String) throws(Diagnostic) -> OutputWriter.Report {
            self.files.withLock { $0 = files }
            var report = OutputWriter.Report()
            report.written = files.keys.sorted()
            return report
        }
    }

    static let spec = GoldenSupport.specsDirectory.appendingPathComponent("operations.yaml").path

    @Test func generateRunsEveryStageThroughInjectedWriter() throws {
        let writer = CapturingWriter()
        let reported = Mutex<[Diagnostic]>([])
        let pipeline = GeneratorPipeline(writer: writer, report: { list in reported.withLock { $0 += list } })
        var flags = GeneratorConfig()
        flags.spec = Self.spec
        flags.output = "/nonexistent-oktagen-pipeline-test"
        flags.layout = "combined"
        let generated = try pipeline.generate(GeneratorSettings(flags: flags), tags: .all)
        let files = writer.files.withLock { $0 }
        #expect(files.keys.sorted() == ["OktaGenClient.swift", "OktaGenModels.swift", "OktaGenServer.swift"])
        #expect(files == generated.files)
        #expect(!generated.model.operations.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent-oktagen-pipeline-test"))
    }

    @Test func unknownTagStopsBeforeTheModelIsBuilt() throws {
        final class CountingBuilder: ModelBuilding {
            let count = Mutex(0)
            func build(_ spec: SpecResolver, selection: TagSelection) -> IRModel {
                count.withLock { $0 += 1 }
                return ModelBuilder().build(spec, selection: selection)
            }
        }
        let builder = CountingBuilder()
        let pipeline = GeneratorPipeline(builder: builder)
        let spec = try pipeline.load(.file(Self.spec), options: LoadOptions())
        #expect {
            try pipeline.model(spec, tags: TagRequest(selection: .tags(["NoSuchTag"]), isExplicit: true))
        } throws: { error in
            (error as? GeneratorPipeline.GeneratorFailure)?.stage == .resolve
        }
        #expect(builder.count.withLock { $0 } == 0)
    }

    @Test func flagsOverKeysOverDefaults() {
        var file = GeneratorConfig()
        file.access = "internal"
        file.typePrefix = "Acme"
        file.tags = ["User"]
        file.maxDepth = 7
        var flags = GeneratorConfig()
        flags.typePrefix = "Beta"
        flags.tags = ["Group, Role"]
        let settings = GeneratorSettings(flags: flags, file: file)
        #expect(settings.access == "internal")
        #expect(settings.typePrefix == "Beta")
        #expect(settings.tags == TagRequest(selection: .tags(["Group", "Role"]), isExplicit: true))
        #expect(settings.loadOptions.yamlLimits.maxDepth == 7)
        #expect(settings.layout == .files)
        #expect(
            GeneratorSettings().tags == TagRequest(selection: .tags(GeneratorConfig.defaultTags), isExplicit: false))
        #expect(GeneratorSettings().mode == .all)
    }

    /// Libraries name a setting, not a flag: the tool adds `--` (issue #15).
    @Test func libraryMessagesNameSettingsNotFlags() throws {
        let spec = """
            openapi: 3.0.3
            info: {title: t, version: "1"}
            paths: {}
            components:
              schemas:
                Outside: {$ref: "../outside.yaml#/Thing"}
            """
        let resolver = try SpecResolver.load(bytes: Array(spec.utf8), path: "/nonexistent-oktagen-pipeline/spec.yaml")
        resolver.validateAll()
        let error = try #require(resolver.diagnostics.errors.first)
        #expect(error.remedy?.setting == "allow-external-files")
        #expect(!error.description.contains("--"), "\(error)")
        #expect(error.description.contains("; allow it with the allow-external-files setting (at #/"), "\(error)")
        #expect(FixtureSupport.printed(error).contains("; allow it with --allow-external-files (at #/"))
    }

    /// Layering (issue #15): the IR reads the OpenAPI layer only.
    @Test func irDoesNotImportTheYAMLLayer() throws {
        let folder = FixtureSupport.testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/OktaGenIR")
        let files = try #require(FileManager.default.enumerator(atPath: folder.path)).compactMap { $0 as? String }
        #expect(files.count > 5)
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("import OktaGenYAML"), "\(file) imports OktaGenYAML")
        }
    }
}
