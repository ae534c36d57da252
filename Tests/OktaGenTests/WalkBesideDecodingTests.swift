import Foundation
import OktaGenConfig
import OktaGenDiagnostics
import OktaGenOpenAPI
import OktaGenPipeline
import OktaGenTestSupport
import Testing

@testable import OktaGenIR

/// The reachability walk on another core while the IR decodes (docs/Performance.md, session 13) changes nothing: the
/// model and every message, in order, are those of the walk run after the decoding.
@Suite struct WalkBesideDecodingTests {
    /// Builds the model of `spec` with the walk run as `mode` says; the model and the messages as printed.
    static func build(
        _ spec: [UInt8], name: String, selection: TagSelection, mode: IRBuilder.WalkMode
    ) throws -> (model: IRModel, messages: [String]) {
        let resolver = try GeneratorPipeline().loader.load(
            .bytes(spec, path: FixtureSupport.path(name), displayPath: FixtureSupport.displayPath(name)),
            options: LoadOptions())
        let builder = IRBuilder(resolver: resolver, selection: selection)
        builder.walkMode = mode
        let model = builder.build()
        return (model, resolver.diagnostics.diagnostics.map(FixtureSupport.printed))
    }

    /// A selection that reaches `Second` only: `/b`'s missing responses are reported while path items are decoded,
    /// `Second`'s empty `allOf` when names are given; `First` (reached only by an unselected operation) and
    /// `Unreached` would report theirs if they were decoded for the model, and must not.
    static let spec = """
        openapi: 3.0.3
        info: {title: Ahead, version: '1'}
        paths:
          /b:
            get:
              tags: [B]
              operationId: getB
          /a:
            get:
              tags: [A]
              operationId: getA
              responses:
                '200':
                  description: A.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Second'}
          /c:
            get:
              tags: [C]
              operationId: getC
              responses:
                '200':
                  description: C.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/First'}
        components:
          schemas:
            First:
              type: [string, 'null']
            Second:
              type: object
              allOf: []
              properties:
                id: {type: string}
            Unreached:
              type: object
              anyOf: []
        """

    @Test func schemasDecodedAheadReportWhenFirstUsed() throws {
        let selection = TagSelection.tags(["A", "B"])
        let sequential = try Self.build(
            Array(Self.spec.utf8), name: "ahead.yaml", selection: selection, mode: .sequential)
        let messages = sequential.messages.filter { $0.contains("warning") }
        #expect(messages.count == 2, "\(sequential.messages)")
        #expect(messages.first?.contains("has no 'responses'") == true, "\(messages)")
        #expect(messages.last?.contains("'allOf' of schema 'Second' is empty") == true, "\(messages)")
        for mode in [IRBuilder.WalkMode.decodingAllAhead, .besideDecoding] {
            let other = try Self.build(Array(Self.spec.utf8), name: "ahead.yaml", selection: selection, mode: mode)
            #expect(other.messages == sequential.messages, "\(mode)")
            #expect(other.model == sequential.model, "\(mode)")
        }
    }

    /// A prediction that is not the loop's choice (an `operationId` written `~` reads `null` as text, and decodes
    /// as none), and a schema reached through an alias: the walk runs again from the loop's roots, the same model.
    @Test func aMispredictionWalksAgain() throws {
        let spec = Self.spec.replacingOccurrences(
            of: "  /c:\n    get:",
            with: """
                  /e:
                    get:
                      tags: [A]
                      operationId: ~
                      responses:
                        '200':
                          description: E.
                          content:
                            application/json:
                              schema: &shared {$ref: '#/components/schemas/First'}
                  /f:
                    get:
                      tags: [A]
                      operationId: getF
                      responses:
                        '200':
                          description: F.
                          content:
                            application/json:
                              schema: *shared
                  /c:
                    get:
                """)
        let selection = TagSelection.tags(["A", "B"])
        let sequential = try Self.build(
            Array(spec.utf8), name: "ahead-miss.yaml", selection: selection, mode: .sequential)
        #expect(sequential.model.operations.map(\.operationId).contains("getF"), "\(sequential.messages)")
        for mode in [IRBuilder.WalkMode.decodingAllAhead, .besideDecoding] {
            let other = try Self.build(Array(spec.utf8), name: "ahead-miss.yaml", selection: selection, mode: mode)
            #expect(other.messages == sequential.messages, "\(mode)")
            #expect(other.model == sequential.model, "\(mode)")
        }
    }

    /// A path item written as a `$ref` turns the prediction off; the model is the same.
    @Test func aPathItemReferenceWalksAfterDecoding() throws {
        let spec =
            Self.spec.replacingOccurrences(
                of: "  /c:\n    get:", with: "  /d: {$ref: '#/components/pathItems/D'}\n  /c:\n    get:"
            ).replacingOccurrences(of: "openapi: 3.0.3", with: "openapi: 3.1.0")
            + "\n  pathItems:\n    D:\n      get:\n        tags: [A]\n        operationId: getD\n"
            + "        responses: {'204': {description: None.}}\n"
        let sequential = try Self.build(Array(spec.utf8), name: "ahead-ref.yaml", selection: .all, mode: .sequential)
        #expect(sequential.model.operations.map(\.operationId).contains("getD"), "\(sequential.messages)")
        for mode in [IRBuilder.WalkMode.decodingAllAhead, .besideDecoding] {
            let other = try Self.build(Array(spec.utf8), name: "ahead-ref.yaml", selection: .all, mode: mode)
            #expect(other.messages == sequential.messages, "\(mode)")
            #expect(other.model == sequential.model, "\(mode)")
        }
    }

    /// The bundled Users spec and, with `OKTA_SPEC`, Okta's whole spec: the same model and messages every way.
    @Test(arguments: ["bundled 7 tags", "bundled all tags", "Okta's spec, all tags"])
    func realSpecsBuildTheSameModel(_ which: String) throws {
        let path: String
        if which.hasPrefix("bundled") {
            path = GoldenSupport.repositoryRoot.appendingPathComponent("specs/okta-users.yaml").path
        } else {
            guard let spec = ProcessInfo.processInfo.environment["OKTA_SPEC"], !spec.isEmpty else {
                print("skipped: OKTA_SPEC is not set")
                return
            }
            path = spec
        }
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        let selection: TagSelection = which.hasSuffix("7 tags") ? .tags(GeneratorConfig.defaultTags) : .all
        let sequential = try Self.build(bytes, name: "real.yaml", selection: selection, mode: .sequential)
        #expect(sequential.model.operations.count > 30)
        for mode in [IRBuilder.WalkMode.decodingAllAhead, .besideDecoding] {
            let other = try Self.build(bytes, name: "real.yaml", selection: selection, mode: mode)
            #expect(other.messages == sequential.messages, "\(mode)")
            #expect(other.model == sequential.model, "\(mode)")
        }
    }
}
