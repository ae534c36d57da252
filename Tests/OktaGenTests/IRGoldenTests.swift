import Foundation
import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI
import OktaGenTestSupport
import Testing

/// The IR of every fixture spec (and of the default spec), compared as a whole tree with `Goldens/IR/<fixture stem>.json`.
@Suite struct IRGoldenTests {
    static func render(_ resolver: SpecResolver, selection: TagSelection) throws -> (json: String, diagnostics: String)
    {
        try GoldenCatalog.ir(resolver, selection: selection)
    }

    @Test func irGoldenTreeMatches() throws {
        let tree = GoldenCatalog.ir
        let produced = try tree.produce()
        let problems = GoldenSupport.compare(produced, with: tree.directory)
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
