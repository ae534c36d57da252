import Foundation
import Testing

@testable import OktaGenRender

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Crash safety of `oktagen generate`: a run killed (SIGKILL) at a random moment leaves the output folder exactly as
/// one of two completed runs left it — the old release's output or the new one's, file for file, manifest included —
/// with a manifest whose hashes are those of the files on disk, and the next normal run completes the change.
///
/// Two releases of a spec of our own (`release(_:)`: 120 schemas, the second with a third of them changed, a tenth
/// removed and 20 added) give outputs of about 130 files that differ in written, unchanged and removed files. Each
/// round starts `oktagen generate` towards the release the folder does not hold and kills it after a delay drawn
/// from a seeded generator (`OKTAGEN_KILL_SEED`, default 19) between 0 and 1.2 times a normal run's duration, so
/// kills land in start-up, parsing, rendering, staging, the swap and after the end. `OKTAGEN_KILL_ROUNDS` sets the
/// number of rounds (default 32). Then `OKTAGEN_KILL_FRESH_ROUNDS` rounds (default 8) start from no output folder
/// at all (a fresh clone, a CI job), where the staging folder becomes the output folder in one rename: a killed run
/// leaves no output folder or the complete new one. The seed is printed with the outcomes.
@Suite(.serialized) struct KillTests {
    /// A spec with `count` schemas reached from one operation; `changed` adds a property to every third schema,
    /// removes every tenth and adds 20 more.
    static func release(changed: Bool, count: Int = 120) -> String {
        var schemas: [String] = []
        var properties: [String] = []
        let names = (0..<count).filter { !changed || $0 % 10 != 0 } + (changed ? Array(count..<(count + 20)) : [])
        for index in names {
            var schema = """
                    Thing\(index):
                      type: object
                      required: [id]
                      properties:
                        id: {type: string}
                        size: {type: integer, format: int32}
                        label: {type: string, description: "Label \(index)."}

                """
            if changed, index % 3 == 0 { schema += "        extra\(index): {type: boolean}\n" }
            schemas.append(schema)
            properties.append("            thing\(index): {$ref: \"#/components/schemas/Thing\(index)\"}\n")
        }
        return """
            openapi: 3.0.3
            info: {title: Things, version: "\(changed ? "2" : "1")"}
            tags: [{name: Things}]
            paths:
              /things:
                get:
                  operationId: listThings
                  tags: [Things]
                  responses:
                    "200":
                      description: All things.
                      content:
                        application/json:
                          schema: {$ref: "#/components/schemas/Everything"}
            components:
              schemas:
                Everything:
                  type: object
                  properties:

            """ + properties.joined() + schemas.joined()
    }

    /// Every regular file below a folder (hidden ones too), by relative path.
    static func files(_ folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let manager = FileManager.default
        for path in (try? manager.subpathsOfDirectory(atPath: folder.path)) ?? [] {
            let full = folder.appendingPathComponent(path).path
            var info = stat()
            guard lstat(full, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            result[path] = manager.contents(atPath: full)
        }
        return result
    }

    /// Problems of a manifest against the files beside it: each listed file exists and hashes to its line.
    static func manifestProblems(_ files: [String: Data]) -> [String] {
        guard let text = files[OutputWriter.manifestName].map({ String(decoding: $0, as: UTF8.self) }) else {
            return ["no manifest"]
        }
        var problems: [String] = []
        var listed: Set<String> = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let hash = String(line.prefix(16))
            let path = String(line.dropFirst(18))
            listed.insert(path)
            guard let data = files[path] else {
                problems.append("\(path) is listed but missing")
                continue
            }
            if OutputWriter.Manifest.hash(data) != hash { problems.append("\(path) does not hash to \(hash)") }
        }
        for path in files.keys where path != OutputWriter.manifestName && !listed.contains(path) {
            problems.append("\(path) is on disk but not listed")
        }
        return problems
    }

    /// SplitMix64: a small seeded generator, so a failing round can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Starts `oktagen` and kills it with SIGKILL after `delay` seconds (if it is still running then).
    /// - Returns: Whether the kill came before the process ended.
    static func runKilled(_ arguments: [String], in directory: URL, after delay: Double) throws -> Bool {
        let process = Process()
        process.executableURL = FixtureSupport.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        usleep(useconds_t(delay * 1_000_000))
        let killed = process.isRunning && kill(process.processIdentifier, SIGKILL) == 0
        process.waitUntilExit()
        return killed && process.terminationReason == .uncaughtSignal
    }

    @Test func aKilledRunLeavesTheOldOutputOrTheNewOne() async throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["OKTAGEN_KILL_SEED"].flatMap { UInt64($0) } ?? 19
        let rounds = environment["OKTAGEN_KILL_ROUNDS"].flatMap { Int($0) } ?? 32
        let freshRounds = environment["OKTAGEN_KILL_FRESH_ROUNDS"].flatMap { Int($0) } ?? 8
        // Off Swift concurrency's cooperative pool: the rounds wait on processes for seconds. What went wrong comes
        // back as text and is recorded here, in the test's own context.
        let problems = await withCheckedContinuation { (continuation: CheckedContinuation<[String], Never>) in
            Thread.detachNewThread {
                do {
                    continuation.resume(
                        returning: try Self.rounds(seed: seed, count: rounds, freshCount: freshRounds))
                } catch {
                    continuation.resume(returning: ["\(error)"])
                }
            }
        }
        #expect(problems == [])
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// - Returns: What went wrong, if anything.
    static func rounds(seed: UInt64, count: Int, freshCount: Int) throws -> [String] {
        var problems: [String] = []
        func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
            if !condition { throw Failure(description: message()) }
        }
        let folder = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(release(changed: false).utf8).write(to: folder.appendingPathComponent("a.yaml"))
        try Data(release(changed: true).utf8).write(to: folder.appendingPathComponent("b.yaml"))
        func generate(_ spec: String, into output: String) -> [String] {
            ["generate", "--no-config", "--quiet", "--spec", spec, "--tags", "all", "--output", output]
        }
        // The two outputs as complete runs leave them.
        for (spec, output) in [("a.yaml", "RefA"), ("b.yaml", "RefB")] {
            let run = try FixtureSupport.run(generate(spec, into: output), in: folder)
            try require(run.status == 0, "\(run)")
        }
        let expected = [
            "a": files(folder.appendingPathComponent("RefA")), "b": files(folder.appendingPathComponent("RefB")),
        ]
        try require(expected["a"] != expected["b"], "the two outputs are the same")
        let writtenByB = expected["b"]!.filter { expected["a"]![$0.key] != $0.value }.count
        let removedByB = expected["a"]!.keys.filter { expected["b"]![$0] == nil }.count
        try require(writtenByB > 40 && removedByB > 5, "the releases should differ in many files")

        // The folder starts as release A's output; a normal run towards B times the delays.
        var holds = "a"
        var run = try FixtureSupport.run(generate("a.yaml", into: "Out"), in: folder)
        try require(run.status == 0, "\(run)")
        let start = Date()
        run = try FixtureSupport.run(generate("b.yaml", into: "Out"), in: folder)
        let duration = Date().timeIntervalSince(start)
        try require(run.status == 0, "\(run)")
        holds = "b"

        var generator = SplitMix(state: seed)
        var outcomes: [String: Int] = [:]
        for round in 0..<count {
            let target = holds == "a" ? "b" : "a"
            let delay = Double.random(in: 0...(duration * 1.2), using: &generator)
            let killed = try runKilled(generate(target + ".yaml", into: "Out"), in: folder, after: delay)
            let now = files(folder.appendingPathComponent("Out"))
            let state = expected.first { $0.value == now }?.key
            let context = "round \(round) (seed \(seed)), killed after \(Int(delay * 1000)) ms towards \(target)"
            let manifest = manifestProblems(now)
            if !manifest.isEmpty { problems.append("\(context): \(manifest.prefix(5))") }
            guard let state else {
                let mixed = now.filter { expected["a"]![$0.key] != $0.value && expected["b"]![$0.key] != $0.value }
                return problems + ["\(context): the output is neither release's (\(mixed.count) files of neither)"]
            }
            outcomes[(killed ? "killed, " : "finished, ") + (state == holds ? "old" : "new"), default: 0] += 1
            holds = state
        }
        // The next normal run completes the change and leaves nothing beside the output.
        let target = holds == "a" ? "b" : "a"
        run = try FixtureSupport.run(generate(target + ".yaml", into: "Out"), in: folder)
        if run.status != 0 { problems.append("the run after the kills failed: \(run)") }
        if files(folder.appendingPathComponent("Out")) != expected[target] {
            problems.append("the run after the kills did not leave release \(target)'s output")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.contains(OutputWriter.Staging.marker) }
        if !leftovers.isEmpty { problems.append("staging folders left beside the output: \(leftovers)") }
        // Kills before the end must have happened, or the test tested nothing.
        if !outcomes.keys.contains(where: { $0.hasPrefix("killed") }) {
            problems.append("no run was killed: \(outcomes)")
        }

        // From no output folder: nothing, or release B's whole output.
        var freshOutcomes: [String: Int] = [:]
        let fresh = folder.appendingPathComponent("Fresh")
        for round in 0..<freshCount {
            try? FileManager.default.removeItem(at: fresh)
            let delay = Double.random(in: 0...(duration * 1.2), using: &generator)
            let killed = try runKilled(generate("b.yaml", into: "Fresh"), in: folder, after: delay)
            let context = "fresh round \(round) (seed \(seed)), killed after \(Int(delay * 1000)) ms"
            let state: String
            if FileManager.default.fileExists(atPath: fresh.path) {
                let now = files(fresh)
                guard now == expected["b"] else {
                    problems.append("\(context): the new output folder is not release b's whole output")
                    break
                }
                state = "new"
            } else {
                state = "none"
            }
            freshOutcomes[(killed ? "killed, " : "finished, ") + state, default: 0] += 1
        }
        run = try FixtureSupport.run(generate("b.yaml", into: "Fresh"), in: folder)
        if run.status != 0 || files(fresh) != expected["b"] {
            problems.append("the run after the fresh kills did not leave release b's output: \(run)")
        }
        let freshLeftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.contains(OutputWriter.Staging.marker) }
        if !freshLeftovers.isEmpty { problems.append("staging folders left after the fresh rounds: \(freshLeftovers)") }
        print(
            "KillTests: seed \(seed); \(count) rounds, a normal run \(Int(duration * 1000)) ms: \(outcomes);"
                + " \(freshCount) rounds from no output folder: \(freshOutcomes)")
        return problems
    }
}
