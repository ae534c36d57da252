import Foundation
import OktaGenTestSupport
import Testing

@testable import OktaGenRender

/// templates/README.md documents the template context key by key; its reference part is the schema the templates
/// are checked against, so the two cannot drift apart.
@Suite struct TemplateDocumentationTests {
    static let readme = GoldenSupport.testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("templates/README.md")
    static let marker =
        "<!-- context reference: generated from ContextSchema; OKTAGEN_RECORD=1 swift test rewrites it -->\n"

    @Test func contextReferenceMatchesTheSchema() throws {
        let text = String(decoding: try Data(contentsOf: Self.readme), as: UTF8.self)
        let parts = text.components(separatedBy: Self.marker)
        #expect(parts.count == 2, "templates/README.md must contain the reference marker once")
        let expected = ContextSchema.referenceMarkdown()
        if parts.count == 2, parts[1] != expected {
            if GoldenSupport.isRecording {
                try Data((parts[0] + Self.marker + expected).utf8).write(to: Self.readme)
                Issue.record("OKTAGEN_RECORD=1: templates/README.md's context reference was rewritten; review the diff")
            } else {
                Issue.record("templates/README.md's context reference is stale; run OKTAGEN_RECORD=1 swift test")
            }
        }
    }

    @Test func everyBundledTemplateIsDescribed() throws {
        let text = String(decoding: try Data(contentsOf: Self.readme), as: UTF8.self)
        for name in TemplateSet.bundled.texts.keys.sorted() {
            #expect(text.contains("`\(name).mustache`"), "templates/README.md does not describe \(name).mustache")
        }
    }
}
