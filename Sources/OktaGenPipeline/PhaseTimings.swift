#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Wall time of each phase of a run, reported (``GeneratorPipeline/Report/timings``) when `OKTAGEN_TIMINGS` is set
/// (for profiling; the benchmarks in Benchmarks/ measure whole commands).
struct PhaseTimings {
    private let enabled = getenv("OKTAGEN_TIMINGS") != nil
    private var last = ContinuousClock.now
    private var phases: [(String, Duration)] = []

    mutating func mark(_ phase: String) {
        guard enabled else { return }
        let now = ContinuousClock.now
        phases.append((phase, now - last))
        last = now
    }

    /// One `timing: PHASE: N ms` line per phase, or `nil` when timings are off.
    func report() -> String? {
        guard enabled else { return nil }
        let lines = phases.map { name, duration in
            let ms = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
            return "timing: \(name): \((ms * 10).rounded() / 10) ms"
        }
        return lines.joined(separator: "\n")
    }
}
