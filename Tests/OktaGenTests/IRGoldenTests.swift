import Foundation
import OktaGenConfig
import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI
import Testing

/// The IR of every fixture spec (and of the default spec), compared as a whole tree with `Goldens/IR`.
@Suite struct IRGoldenTests {
    /// Builds the model and the diagnostics text of one spec, with every operation selected.
    static func render(_ resolver: SpecResolver, selection: TagSelection) throws -> (json: String, diagnostics: String)
    {
        let model = IRBuilder(resolver: resolver, selection: selection).build()
        let json = try JSONStreamEncoder.encode(model)
        let diagnostics = resolver.diagnostics.diagnostics.map(\.description).joined(separator: "\n")
        return (json, diagnostics.isEmpty ? "" : diagnostics + "\n")
    }

    @Test func irGoldenTreeMatches() throws {
        var produced: [String: String] = [:]
        for name in GoldenSupport.fixtureSpecNames {
            let resolver = try GoldenSupport.load(fixture: name)
            let (json, diagnostics) = try Self.render(resolver, selection: .all)
            let base = (name as NSString).deletingPathExtension
            produced["\(base).json"] = json
            if !diagnostics.isEmpty { produced["\(base).diagnostics.txt"] = diagnostics }
        }
        // The default spec with the default tags: its IR is what Generated/ is rendered from.
        let specPath = GoldenSupport.testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("specs/okta-users.yaml").path
        let resolver = try SpecResolver.load(path: specPath, displayPath: "specs/okta-users.yaml")
        let (json, diagnostics) = try Self.render(resolver, selection: .tags(GeneratorConfig.defaultTags))
        produced["okta-users.json"] = json
        if !diagnostics.isEmpty { produced["okta-users.diagnostics.txt"] = diagnostics }

        let problems = GoldenSupport.compare(
            produced, with: GoldenSupport.testsDirectory.appendingPathComponent("Goldens/IR"))
        #expect(problems.isEmpty, Comment(rawValue: problems.joined(separator: "\n")))
        #expect(produced.count >= 5)
    }

    @Test func irIsDeterministic() throws {
        for name in GoldenSupport.fixtureSpecNames {
            let first = try Self.render(try GoldenSupport.load(fixture: name), selection: .all)
            let second = try Self.render(try GoldenSupport.load(fixture: name), selection: .all)
            #expect(first.json == second.json, "IR of \(name) differs between two runs")
        }
    }

    @Test func irRoundTripsThroughCodable() throws {
        let model = IRBuilder(resolver: try GoldenSupport.load(fixture: "composition.yaml"), selection: .all).build()
        let data = Data(try JSONStreamEncoder.encode(model).utf8)
        let decoded = try JSONDecoder().decode(IRModel.self, from: data)
        #expect(decoded == model)
    }
}
