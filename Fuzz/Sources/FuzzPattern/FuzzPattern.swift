import OktaPattern

/// libFuzzer entry point: the input is a pattern and a subject, split at the first NUL byte (no NUL: the whole input
/// is the pattern, matched against itself). Both are decoded as UTF-8 with repairs, as a Swift string arrives. The
/// pattern is compiled; a compile error is expected (a `PatternError`, never a crash). A compiled pattern is searched
/// for in the subject and, for a program small enough, in the subject repeated to up to 512 bytes (so that a short
/// input exercises a long run): the steps must stay within the linear bound, (length + 1) × (program size + 1).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPattern(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let split = bytes.firstIndex(of: 0)
    let patternText = String(decoding: bytes[..<(split ?? size)], as: UTF8.self)
    let subject = split.map { String(decoding: bytes[($0 + 1)...], as: UTF8.self) } ?? patternText
    let pattern: JSONSchemaPattern
    do {
        pattern = try JSONSchemaPattern(patternText)
    } catch {
        _ = error.description
        return 0
    }
    if pattern.programSize > PatternLimits.maxProgramSize {
        fatalError("program of \(pattern.programSize) instructions")
    }
    check(pattern, subject)
    // Longer runs for small programs: up to 512 bytes, and about 100,000 steps at most (the instrumented debug build
    // runs a step some thousand times slower than a release build; a 10-second timeout on a loaded machine must not
    // fire on a search that is linear but long).
    let target = min(512, 100_000 / (pattern.programSize + 1))
    if !subject.isEmpty, subject.utf8.count * 2 <= target {
        check(pattern, String(repeating: subject, count: target / subject.utf8.count))
    }
    return 0
}

private func check(_ pattern: JSONSchemaPattern, _ subject: String) {
    let length = subject.unicodeScalars.count
    let (_, steps) = pattern.search(subject)
    let bound = pattern.stepBound(subjectLength: length)
    if steps > bound {
        fatalError(
            "\(steps) steps for a subject of \(length) scalars and a program of \(pattern.programSize): over \(bound)")
    }
}
