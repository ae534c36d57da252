import OktaGenDiagnostics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the tool's text goes: results to stdout, diagnostics to stderr.
enum Output {
    static func standardError(_ text: String) {
        var text = text
        if !text.hasSuffix("\n") { text += "\n" }
        write(text, to: 2)
    }

    static func standardOutput(_ text: String) {
        var text = text
        if !text.hasSuffix("\n") { text += "\n" }
        write(text, to: 1)
    }

    /// Writes all of `text` to a file descriptor (the C streams are not concurrency-safe in Swift 6).
    static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { write(bytes: $0, to: descriptor) }
    }

    /// Writes bytes to standard output.
    static func standardOutput(bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write(bytes: $0, to: 1) }
    }

    static func write(bytes buffer: UnsafeBufferPointer<UInt8>, to descriptor: Int32) {
        do {
            var offset = 0
            while offset < buffer.count {
                #if canImport(Glibc)
                    let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                    let written = Darwin.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    /// Prints each diagnostic on its own line, errors and warnings alike; a setting that would change the outcome
    /// is named as its flag (`--max-depth`: flags and settings keys have the same names).
    static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        standardError(diagnostics.map(text).joined(separator: "\n"))
    }

    /// A diagnostic as `oktagen` prints it.
    static func text(_ diagnostic: Diagnostic) -> String {
        diagnostic.description(settingName: { "--" + $0 })
    }
}
