import Foundation
import OktaGenIR
import OktaGenOpenAPI
import OktaGenPipeline
import OktaGenRender
import Testing

/// Decode → encode of generated instances of every component schema that the whole real spec's output declares
/// (`--tags all`), through the generated models themselves: the models of 2026.06.3 (`--mode models`), a registry
/// of their types and a small `main` are compiled (debug) into one executable linked against OktaRuntime's shared
/// library (`OktaRuntimeDynamic`, built with the tests), which decodes each instance with `JSONDecoder.okta` as its
/// schema's type and encodes it again with `JSONEncoder.okta`. ``SchemaInstanceGenerator`` makes the instances.
///
/// The result must be the same JSON value as the instance (``difference(_:_:dateTimes:pointer:)``): member order
/// aside, numbers compared as numbers (`1.0` is `1`), `date-time` strings compared as instants to the millisecond
/// (`…T10:00:00+02:00` is `…T08:00:00.000Z`), everything else exactly; no member added or dropped. Instances carry
/// undeclared members only where the schema's `additionalProperties` is `true` or a schema. Skipped, saying so,
/// without `OKTA_SPEC`.
@Suite(.serialized) struct RealSpecRoundTripTests {
    static let spec = RealSpecGenerationTests.spec

    /// Instances per schema: one of required members only, one of every member, the rest random; more for a schema
    /// with many top-level alternatives (variants, subtypes, enum values), up to 12, so that each gets its turn.
    static let minimumInstances = 4
    static let maximumInstances = 12

    /// Component schemas that have no instance the generator can make, with the reason (checked: the list must be
    /// exactly the schemas the generator gives up on).
    static let excluded: [String: String] = [:]

    /// Component schemas whose round trip is known to lose or change data, with the reason (checked: each must
    /// still fail, so that a fix removes it from the list).
    static let knownFailures: [String: String] = [:]

    struct Case {
        var schema: String
        var typeIndex: Int
        var instance: SchemaInstanceGenerator.Instance
    }

    @Test(.enabled(if: spec != nil, "OKTA_SPEC is not set: skipping the round trip on Okta's current spec"))
    func everyReachableSchemaSurvivesDecodeAndEncode() async throws {
        let (files, cases, schemaCount, unsatisfiable) = try await FixtureSupport.offPool { try Self.prepare() }
        #expect(Set(unsatisfiable.keys) == Set(Self.excluded.keys), "schemas without instances: \(unsatisfiable)")

        let folder = try FixtureSupport.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let products = try #require(RealSpecGenerationTests.modulesDirectory).deletingLastPathComponent()
        let executable = folder.appendingPathComponent("roundtrip")
        let jobs = String(max(2, ProcessInfo.processInfo.activeProcessorCount))
        let started = Date()
        // Object files first, as in RealSpecGenerationTests, then a link of its own: swiftc's one-step
        // compile-and-link in batch mode lost one of its temporary object files on 1,918 sources.
        let (status, log) = try await RealSpecGenerationTests.compile(
            files, ["-c", "-Onone", "-enable-batch-mode", "-j", jobs], in: folder)
        try #require(status == 0, Comment(rawValue: String(log.prefix(4000))))
        let objects = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".o") }
            .sorted().map { folder.appendingPathComponent($0).path }
        let linked = try await Self.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                "swiftc", "-emit-executable", "-o", executable.path, "-L", products.path, "-lOktaRuntimeDynamic",
                "-Xlinker", "-rpath", "-Xlinker", products.path,
            ] + objects)
        try #require(linked == 0, "linking the round-trip executable failed")
        let compiled = Date()

        let input = folder.appendingPathComponent("instances.jsonl")
        let output = folder.appendingPathComponent("results.txt")
        let encoder = JSONEncoder()
        var lines = ""
        for item in cases {
            lines +=
                String(item.typeIndex) + "\t" + String(decoding: try encoder.encode(item.instance.value), as: UTF8.self)
            lines += "\n"
        }
        try Data(lines.utf8).write(to: input)
        let runStatus = try await Self.run(executable, [input.path, output.path])
        try #require(runStatus == 0, "the round-trip executable exited with \(runStatus)")
        let results = String(decoding: try Data(contentsOf: output), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        try #require(results.count == cases.count)

        var failures: [String: [String]] = [:]
        let decoder = JSONDecoder()
        for (item, result) in zip(cases, results) {
            let expected = String(decoding: try encoder.encode(item.instance.value), as: UTF8.self)
            guard result.first == "+" else {
                failures[item.schema, default: []].append("decoding \(expected) failed: \(result.dropFirst())")
                continue
            }
            let actual = try decoder.decode(SpecValue.self, from: Data(result.dropFirst().utf8))
            if let difference = Self.difference(item.instance.value, actual, dateTimes: item.instance.dateTimes) {
                failures[item.schema, default: []].append(
                    "\(difference)\n  sent:     \(expected)\n  received: \(result.dropFirst())")
            }
        }
        for (schema, messages) in failures.sorted(by: { $0.key < $1.key }) where Self.knownFailures[schema] == nil {
            Issue.record("\(schema): \(messages.count) instance(s) changed; first: \(messages[0])")
        }
        for schema in Self.knownFailures.keys.sorted() where failures[schema] == nil {
            Issue.record("\(schema) is listed as a known failure but now survives the round trip: remove it")
        }
        print(
            "round trip on \(URL(fileURLWithPath: Self.spec ?? "").lastPathComponent): \(schemaCount) schemas,"
                + " \(cases.count) instances, \(unsatisfiable.count) excluded, \(failures.count) failing"
                + " (\(Self.knownFailures.count) known); compiled in \(Int(compiled.timeIntervalSince(started))) s,"
                + " ran in \(Int(Date().timeIntervalSince(compiled))) s")
    }

    /// Renders the whole spec's models, the registry and `main`, and makes every instance.
    static func prepare() throws -> (
        files: [String: String], cases: [Case], schemaCount: Int, unsatisfiable: [String: String]
    ) {
        let pipeline = GeneratorPipeline()
        let resolver = try pipeline.load(.file(spec ?? ""), options: LoadOptions())
        let model = pipeline.builder.build(resolver, selection: .all)
        let options = RenderOptions(mode: .models, specFile: "okta-management.yaml")
        var files = try pipeline.renderer.render(
            model, options: options, templates: pipeline.renderer.prepare(templates: nil))
        let names = GeneratedSwiftNames(model: model, options: options)

        var cases: [Case] = []
        var unsatisfiable: [String: String] = [:]
        var typeNames: [String] = []
        let components = model.types.compactMap { type in type.schemaName.map { (schema: $0, type: type.name) } }
            .sorted { $0.schema < $1.schema }
        for (offset, component) in components.enumerated() {
            guard let node = resolver.componentSchemaNode(named: component.schema),
                let schema = resolver.schema(at: node)
            else {
                unsatisfiable[component.schema] = "the component schema does not resolve"
                continue
            }
            var generator = SchemaInstanceGenerator(resolver: resolver, seed: UInt64(offset) &* 7919 &+ 13)
            let count = min(maximumInstances, max(minimumInstances, generator.alternatives(of: schema)))
            do {
                var instances: [SchemaInstanceGenerator.Instance] = []
                for index in 0..<count {
                    let shape: SchemaInstanceGenerator.Shape = index == 0 ? .minimal : index == 1 ? .full : .random
                    instances.append(try generator.instance(of: schema, shape: shape, choice: index))
                }
                cases += instances.map { Case(schema: component.schema, typeIndex: typeNames.count, instance: $0) }
                typeNames.append(names.typeName(component.type))
            } catch {
                unsatisfiable[component.schema] = error.description
            }
        }
        let taken = Set(model.types.map { names.typeName($0.name) })
        var entry = "RoundTripMain"
        while taken.contains(entry) { entry += "_" }
        files["RoundTripMain.swift"] = mainFile(entry: entry, typeNames: typeNames)
        return (files, cases, components.count, unsatisfiable)
    }

    /// `main`: reads `index<TAB>json` lines, writes `+json` (the re-encoded value) or `-error` per line.
    static func mainFile(entry: String, typeNames: [String]) -> String {
        var text = """
            import Foundation
            import OktaRuntime

            @main
            enum \(entry) {
                static func main() throws {
                    let types = registry()
                    let arguments = CommandLine.arguments
                    let input = try String(contentsOfFile: arguments[1], encoding: .utf8)
                    var output = ""
                    for line in input.split(separator: "\\n") {
                        guard let tab = line.firstIndex(of: "\\t"), let index = Int(line[..<tab]) else { continue }
                        output += roundTrip(types[index], Data(line[line.index(after: tab)...].utf8)) + "\\n"
                    }
                    try output.write(toFile: arguments[2], atomically: true, encoding: .utf8)
                }

                static func roundTrip<T: Codable>(_ type: T.Type, _ data: Data) -> String {
                    do {
                        let value = try JSONDecoder.okta.decode(T.self, from: data)
                        return "+" + String(decoding: try JSONEncoder.okta.encode(value), as: UTF8.self)
                    } catch {
                        return "-" + String(describing: error).replacingOccurrences(of: "\\n", with: " ")
                    }
                }

                static func registry() -> [any Codable.Type] {
                    var types: [any Codable.Type] = []

            """
        for name in typeNames { text += "        types.append(\(name).self)\n" }
        text += "        return types\n    }\n}\n"
        return text
    }

    static func run(_ executable: URL, _ arguments: [String]) async throws -> Int32 {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
    }

    // MARK: Comparison

    /// Where `actual` differs from `expected` under the rules above, or `nil`.
    static func difference(
        _ expected: SpecValue, _ actual: SpecValue, dateTimes: Set<String>, pointer: String = ""
    ) -> String? {
        let at = pointer.isEmpty ? "/" : pointer
        switch (expected, actual) {
        case (.null, .null): return nil
        case (.bool(let a), .bool(let b)): return a == b ? nil : "\(at): \(a) became \(b)"
        case (.int(let a), .int(let b)): return a == b ? nil : "\(at): \(a) became \(b)"
        case (.int, .double), (.double, .int), (.double, .double):
            return number(expected) == number(actual) ? nil : "\(at): \(expected) became \(actual)"
        case (.string(let a), .string(let b)):
            if a == b { return nil }
            if dateTimes.contains(pointer), let first = instant(a), first == instant(b) { return nil }
            return "\(at): \(expected) became \(actual)"
        case (.array(let a), .array(let b)):
            guard a.count == b.count else { return "\(at): \(a.count) elements became \(b.count)" }
            for (index, pair) in zip(a, b).enumerated() {
                if let difference = difference(pair.0, pair.1, dateTimes: dateTimes, pointer: pointer + "/\(index)") {
                    return difference
                }
            }
            return nil
        case (.object(let a), .object(let b)):
            let expectedKeys = Set(a.map(\.key))
            let actualKeys = Set(b.map(\.key))
            if let missing = expectedKeys.subtracting(actualKeys).sorted().first { return "\(at): \(missing) dropped" }
            if let added = actualKeys.subtracting(expectedKeys).sorted().first { return "\(at): \(added) added" }
            let values = Dictionary(b.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            for member in a {
                let path = pointer + "/" + SchemaInstanceGenerator.escape(member.key)
                if let value = values[member.key],
                    let difference = difference(member.value, value, dateTimes: dateTimes, pointer: path)
                {
                    return difference
                }
            }
            return nil
        default: return "\(at): \(expected) became \(actual)"
        }
    }

    private static func number(_ value: SpecValue) -> Double? {
        switch value {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }

    /// Milliseconds since 1970 of an RFC 3339 date-time (`2024-01-02T03:04:05.678+01:00`), parsed here rather than by
    /// the runtime under test.
    static func instant(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        func digits(_ start: Int, _ count: Int) -> Int64? {
            guard start + count <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[start..<start + count] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        guard bytes.count >= 20, let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
            let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2)
        else { return nil }
        var index = 19
        var millis: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            var scale: Int64 = 100
            index += 1
            while index < bytes.count, (48...57).contains(bytes[index]) {
                millis += Int64(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        var offset: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "Z") {
            index += 1
        } else if index + 6 == bytes.count, let hours = digits(index + 1, 2), let minutes = digits(index + 4, 2) {
            offset = (hours * 60 + minutes) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
            index += 6
        }
        guard index == bytes.count else { return nil }
        // Days from civil (Howard Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset * 60
        return seconds * 1000 + millis
    }
}
