import Foundation
import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI

/// Golden-file comparison of whole folder trees, and the paths of the fixtures and goldens.
///
/// `OKTAGEN_RECORD=1 swift test` rewrites the goldens a test compares (adding, changing and deleting files) and still
/// fails, listing what changed, so that a person reviews the diff before committing it. `swift run record-goldens`
/// rewrites every tree of ``GoldenCatalog`` without building the test targets.
public enum GoldenSupport {
    /// The repository's root folder, found from this file's path (`Tests/OktaGenTestSupport/GoldenSupport.swift`).
    public static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/OktaGenTests`: the generator tests' folder, with `Fixtures` and `Goldens`.
    public static let testsDirectory = repositoryRoot.appendingPathComponent("Tests/OktaGenTests")

    /// `Tests/OktaGenTests/Fixtures/specs`: the fixture specs, each with a golden of its IR and of its rendered output.
    public static let specsDirectory = testsDirectory.appendingPathComponent("Fixtures/specs")

    /// Whether goldens are being re-recorded (`OKTAGEN_RECORD=1`).
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["OKTAGEN_RECORD"] == "1" }

    /// The fixture specs used by the golden tests, sorted.
    public static var fixtureSpecNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: specsDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted()
    }

    /// A fixture spec's name without its extension (`names.yaml` → `names`): the name of its goldens.
    public static func stem(_ fixture: String) -> String { (fixture as NSString).deletingPathExtension }

    /// Loads a fixture spec with a stable, relative display path (`Fixtures/specs/NAME`).
    public static func load(fixture name: String) throws(DiagnosticsError) -> SpecResolver {
        try SpecResolver.load(
            path: specsDirectory.appendingPathComponent(name).path, displayPath: "Fixtures/specs/\(name)")
    }

    /// Every regular file below `directory`, by path relative to it.
    public static func files(in directory: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return result }
        while let relative = enumerator.nextObject() as? String {
            let url = directory.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            // Hidden files (.editorconfig, the generator's .oktagen-manifest) are not part of a golden tree.
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                !url.lastPathComponent.hasPrefix(".")
            else { continue }
            result[relative] = try? Data(contentsOf: url)
        }
        return result
    }

    /// Compares produced files with a golden tree, whole: a missing, extra or different file is a problem.
    /// In record mode (`OKTAGEN_RECORD=1`), rewrites the tree and reports every change as a problem, under a first
    /// line that says so (the run stays red).
    /// - Returns: One line per problem; empty when the tree matches.
    public static func compare(_ produced: [String: String], with directory: URL) -> [String] {
        var problems = differences(produced, with: directory, record: isRecording)
        if isRecording {
            problems.insert(
                "OKTAGEN_RECORD=1: goldens under \(directory.path) were re-recorded (\(problems.count) change(s));"
                    + " review the diff, then run the tests again without OKTAGEN_RECORD", at: 0)
        }
        return problems
    }

    /// The differences between produced files and a golden tree, one line each; with `record`, the tree is made
    /// equal to the produced files (files added, rewritten and deleted).
    public static func differences(_ produced: [String: String], with directory: URL, record: Bool) -> [String] {
        let existing = files(in: directory)
        var problems: [String] = []
        for (path, text) in produced.sorted(by: { $0.key < $1.key }) {
            let data = Data(text.utf8)
            guard let golden = existing[path] else {
                problems.append("missing golden file \(path)")
                if record { write(data, to: directory.appendingPathComponent(path)) }
                continue
            }
            if golden != data {
                problems.append("golden file \(path) differs:\n" + firstDifference(Data(golden), data))
                if record { write(data, to: directory.appendingPathComponent(path)) }
            }
        }
        for path in existing.keys.sorted() where produced[path] == nil {
            problems.append("extra golden file \(path) (nothing produces it)")
            if record { try? FileManager.default.removeItem(at: directory.appendingPathComponent(path)) }
        }
        return problems
    }

    private static func write(_ data: Data, to url: URL) {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? data.write(to: url)
    }

    /// The first differing line of two texts, for a readable failure.
    public static func firstDifference(_ expected: Data, _ actual: Data) -> String {
        let expectedLines = String(decoding: expected, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false)
        let actualLines = String(decoding: actual, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let left = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
            let right = index < actualLines.count ? String(actualLines[index]) : "<end of file>"
            if left != right { return "  line \(index + 1):\n  - \(left)\n  + \(right)" }
        }
        return "  (same lines, different bytes)"
    }
}
