import Foundation
import OktaGenResources
import OktaGenTestSupport
import Testing

/// The copies built into the binary match their sources (`python3 scripts/embed-resources.py` refreshes them).
@Suite struct EmbeddedResourcesTests {
    static let root = GoldenSupport.testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    @Test func embeddedSpecMatchesTheFile() throws {
        let file = String(
            decoding: try Data(contentsOf: Self.root.appendingPathComponent("specs/okta-users.yaml")), as: UTF8.self)
        #expect(EmbeddedSpec.oktaUsers == file, "run python3 scripts/embed-resources.py")
    }

    @Test func embeddedTemplatesMatchTheFolder() throws {
        let folder = Self.root.appendingPathComponent("templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasSuffix(".mustache")
        }
        var files: [String: String] = [:]
        for name in names {
            files[String(name.dropLast(".mustache".count))] =
                String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
        }
        #expect(files.keys.sorted() == EmbeddedTemplates.all.keys.sorted())
        #expect(files == EmbeddedTemplates.all, "run python3 scripts/embed-resources.py")
    }
}
