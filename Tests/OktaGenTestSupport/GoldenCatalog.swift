import Foundation
import OktaGenConfig
import OktaGenIR
import OktaGenOpenAPI
import OktaGenRender

/// One golden tree: a folder compared whole with what the generator produces.
public struct GoldenTree: Sendable {
    /// What the tree holds, for messages.
    public let name: String
    /// The folder.
    public let directory: URL
    /// The files the generator produces for it, by path relative to `directory`.
    public let produce: @Sendable () throws -> [String: String]
}

/// The golden trees of the generator tests and how each is produced: the tests compare them
/// (`RenderGoldenTests`, `IRGoldenTests`), `swift run record-goldens` rewrites them.
///
/// Goldens are named after their fixture (swift-protobuf's layout): the fixture spec
/// `Tests/OktaGenTests/Fixtures/specs/<stem>.yaml` has its IR in `Tests/OktaGenTests/Goldens/IR/<stem>.json` (and
/// `<stem>.diagnostics.txt` when loading it warns) and its rendered output in `Tests/GoldenOutput/<stem>/`, a library
/// target of the package; the template folder `Fixtures/template-override/` has the file it changes in
/// `Goldens/template-override/`.
public enum GoldenCatalog {
    /// `Tests/GoldenOutput`: one folder per fixture spec, each a library target.
    public static let renderedDirectory = GoldenSupport.repositoryRoot.appendingPathComponent("Tests/GoldenOutput")

    /// `Tests/OktaGenTests/Goldens`: IR goldens and the template override's golden.
    public static let goldensDirectory = GoldenSupport.testsDirectory.appendingPathComponent("Goldens")

    /// Renders a fixture spec with every operation, as `oktagen generate --tags all` run in `Tests/OktaGenTests`.
    public static func render(fixture: String, templates: TemplateSet = .bundled) throws -> [String: String] {
        let resolver = try GoldenSupport.load(fixture: fixture)
        let model = IRBuilder(resolver: resolver, selection: .all).build()
        return try Renderer(
            model: model, options: RenderOptions(specFile: "Fixtures/specs/\(fixture)"), templates: templates
        ).render()
    }

    /// The IR of a spec as JSON, and the text of its load diagnostics (empty, or lines ending in a newline).
    public static func ir(
        _ resolver: SpecResolver, selection: TagSelection
    ) throws -> (json: String, diagnostics: String) {
        let model = IRBuilder(resolver: resolver, selection: selection).build()
        let json = try JSONStreamEncoder.encode(model)
        let diagnostics = resolver.diagnostics.diagnostics.map(\.description).joined(separator: "\n")
        return (json, diagnostics.isEmpty ? "" : diagnostics + "\n")
    }

    /// The rendered output of every fixture spec, in `Tests/GoldenOutput/<stem>/`.
    public static let rendered = GoldenTree(
        name: "rendered output of the fixture specs", directory: renderedDirectory
    ) {
        var produced: [String: String] = [:]
        for fixture in GoldenSupport.fixtureSpecNames {
            let stem = GoldenSupport.stem(fixture)
            for (path, text) in try render(fixture: fixture) { produced["\(stem)/\(path)"] = text }
        }
        return produced
    }

    /// The IR of every fixture spec (every operation) and of the default spec (default tags: the IR `Generated/` is
    /// rendered from), in `Goldens/IR`.
    public static let ir = GoldenTree(
        name: "IR of the fixture specs and the default spec", directory: goldensDirectory.appendingPathComponent("IR")
    ) {
        var produced: [String: String] = [:]
        var specs: [(stem: String, resolver: SpecResolver, selection: TagSelection)] = []
        for fixture in GoldenSupport.fixtureSpecNames {
            specs.append((GoldenSupport.stem(fixture), try GoldenSupport.load(fixture: fixture), .all))
        }
        let defaultSpec = try SpecResolver.load(
            path: GoldenSupport.repositoryRoot.appendingPathComponent("specs/okta-users.yaml").path,
            displayPath: "specs/okta-users.yaml")
        specs.append(("okta-users", defaultSpec, .tags(GeneratorConfig.defaultTags)))
        for spec in specs {
            let (json, diagnostics) = try ir(spec.resolver, selection: spec.selection)
            produced["\(spec.stem).json"] = json
            if !diagnostics.isEmpty { produced["\(spec.stem).diagnostics.txt"] = diagnostics }
        }
        return produced
    }

    /// `Fixtures/template-override/` (a user's `model-enum.mustache`) applied to `names.yaml`: the enum it changes,
    /// in `Goldens/template-override/`.
    public static let templateOverride = GoldenTree(
        name: "enum rendered by a user template override",
        directory: goldensDirectory.appendingPathComponent("template-override")
    ) {
        let folder = GoldenSupport.testsDirectory.appendingPathComponent("Fixtures/template-override").path
        let files = try render(fixture: "names.yaml", templates: try TemplateSet.overriding(with: folder))
        return ["Mode.swift": files["Models/Mode.swift"] ?? ""]
    }

    /// Every tree `swift run record-goldens` rewrites.
    public static let all = [rendered, ir, templateOverride]

    /// `Generated/`: the default spec rendered with the default tags, as `swift run oktagen generate` writes it (with
    /// its manifest, which only the generator writes: the recorder checks this tree but does not rewrite it).
    public static let generated = GoldenTree(
        name: "Generated/ (swift run oktagen generate)",
        directory: GoldenSupport.repositoryRoot.appendingPathComponent("Generated")
    ) {
        let resolver = try SpecResolver.load(
            path: GoldenSupport.repositoryRoot.appendingPathComponent("specs/okta-users.yaml").path,
            displayPath: "specs/okta-users.yaml")
        let model = IRBuilder(resolver: resolver, selection: .tags(GeneratorConfig.defaultTags)).build()
        return try Renderer(model: model, options: RenderOptions(specFile: "specs/okta-users.yaml")).render()
    }
}
