import OktaGenConfig
import OktaGenDiagnostics

/// libFuzzer entry point: any bytes as an `oktagen.yaml` — parsed, then through the trust rules (the `allow-*` keys
/// without a flag, paths that leave the file's folder). Errors are expected; crashes, hangs, and messages that quote
/// more than a short excerpt of the file are findings.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let config: GeneratorConfig
    do {
        config = try GeneratorConfig.parse(bytes: bytes, path: "oktagen.yaml", directory: "/nonexistent-oktagen-fuzz")
    } catch {
        checkBounded(error.diagnostics)
        return 0
    }
    // No flag and no environment: the file alone must not widen what the tool may read.
    let trust = config.trust(allowExternalFilesFlag: nil, allowNetworkRefsFlag: nil, environment: [:])
    if trust.allowExternalFiles || trust.allowNetworkRefs { fatalError("a settings file widened access on its own") }
    checkBounded(trust.warnings)
    for key in ["spec", "output", "templates"] {
        do {
            _ = try config.path(forKey: key, allowExternalFiles: false)
        } catch {
            checkBounded([error])
        }
    }
    return 0
}

/// Every message quotes at most a short excerpt of the input (the longest fixed text is well under 600 bytes).
func checkBounded(_ diagnostics: [Diagnostic]) {
    for diagnostic in diagnostics where diagnostic.description.utf8.count > 1_500 {
        fatalError("a message of \(diagnostic.description.utf8.count) bytes: \(diagnostic.description.prefix(300))")
    }
}
