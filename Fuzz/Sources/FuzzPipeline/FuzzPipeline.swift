import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI
import OktaGenPipeline
import OktaGenRender
import OktaGenYAML

/// libFuzzer entry point: any bytes as a spec through the generator's pipeline (``GeneratorPipeline``: load, every
/// reference resolved as `validate` does, the IR of every operation, rendering), whose output must keep spec text in
/// comments and literals (``OutputInvariant``). Nothing is written.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var options = LoadOptions()
    options.yamlLimits = YAMLLimits(maxInputBytes: 1 << 20, maxNodes: 100_000, maxAliasExpansion: 10_000, maxDepth: 128)
    let pipeline = GeneratorPipeline()
    // A path in a folder with no other files: external references find nothing to read.
    guard
        let resolver = try? pipeline.load(
            .bytes(bytes, path: "/nonexistent-oktagen-fuzz/spec.yaml"), options: options)
    else { return 0 }
    pipeline.resolver.resolveAll(resolver)
    let model = pipeline.builder.build(resolver, selection: .all)
    _ = try? JSONStreamEncoder.encode(model)
    if !resolver.diagnostics.hasErrors,
        let templates = try? pipeline.renderer.prepare(templates: nil),
        let files = try? pipeline.renderer.render(
            model, options: RenderOptions(specFile: "spec.yaml"), templates: templates)
    {
        // No spec text outside a comment or literal (OutputInvariant.swift).
        OutputInvariant.check(files, model: model)
    }
    return 0
}
