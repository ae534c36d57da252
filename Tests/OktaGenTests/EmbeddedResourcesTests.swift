import Foundation
import OktaGenResources
import OktaGenTestSupport
import Testing

/// What the binary carries is what the repository holds: SwiftPM embeds the files (`.embedInCode`), but the list of
/// templates in `EmbeddedTemplates` is written by hand, and the embedded files reach the target through symbolic links.
@Suite struct EmbeddedResourcesTests {
    static let root = GoldenSupport.testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    /// The templates/ folder's templates, by name.
    static func folderTemplates() throws -> [String: String] {
        let folder = root.appendingPathComponent("templates")
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".mustache") {
            files[String(name.dropLast(".mustache".count))] =
                String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
        }
        return files
    }

    @Test func embeddedSpecIsTheFile() throws {
        let file = String(
            decoding: try Data(contentsOf: Self.root.appendingPathComponent("specs/okta-users.yaml")), as: UTF8.self)
        #expect(EmbeddedSpec.oktaUsers == file)
    }

    @Test func everyTemplateOfTheFolderIsEmbedded() throws {
        let files = try Self.folderTemplates()
        #expect(
            files.keys.sorted() == EmbeddedTemplates.all.keys.sorted(),
            "a template added to or removed from templates/ is added to or removed from EmbeddedTemplates.all")
        #expect(files == EmbeddedTemplates.all)
    }
}
