import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI
import OktaGenRender
import OktaGenYAML

/// libFuzzer entry point: any bytes as a spec through validation, the IR of every operation, and rendering, whose
/// output must keep spec text in comments and literals (``OutputInvariant``).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var options = LoadOptions()
    options.yamlLimits = YAMLLimits(maxInputBytes: 1 << 20, maxNodes: 100_000, maxAliasExpansion: 10_000, maxDepth: 128)
    // A path in a folder with no other files: external references find nothing to read.
    guard
        let resolver = try? SpecResolver.load(
            bytes: bytes, path: "/nonexistent-oktagen-fuzz/spec.yaml", options: options)
    else { return 0 }
    resolver.validateAll()
    let model = IRBuilder(resolver: resolver, selection: .all).build()
    _ = try? JSONStreamEncoder.encode(model)
    if !resolver.diagnostics.hasErrors,
        let files = try? Renderer(model: model, options: RenderOptions(specFile: "spec.yaml")).render()
    {
        // No spec text outside a comment or literal (OutputInvariant.swift).
        OutputInvariant.check(files, model: model)
    }
    return 0
}
