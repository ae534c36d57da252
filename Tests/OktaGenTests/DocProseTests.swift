import OktaGenPipeline
import Testing

@testable import OktaGenIR
@testable import OktaGenRender

/// Okta's documentation markup in generated doc comments (issue #16, item 4): lifecycle badges become words, links
/// relative to Okta's documentation site become absolute, long tag descriptions are cut to a paragraph and a link,
/// and `x-okta-lifecycle` is said on the operation (TOMBSTONE: deprecated).
@Suite struct DocProseTests {
    static let okta = DocComments(linkBase: ("https://developer.okta.com/docs/api", "https://developer.okta.com"))

    @Test func lifecycleBadgesBecomeWords() {
        #expect(
            Self.okta.prose(
                "<x-lifecycle-container><x-lifecycle class=\"ea\"></x-lifecycle> <x-lifecycle class=\"oie\">"
                    + "</x-lifecycle></x-lifecycle-container>Resource to manage trust")
                == "(Early Access) (Identity Engine) Resource to manage trust")
        #expect(
            Self.okta.prose("Valid values: `blocks` or <x-lifecycle class=\"ea\"></x-lifecycle> `classification`.")
                == "Valid values: `blocks` or (Early Access) `classification`.")
        // An unclosed badge is left as written rather than guessed at.
        #expect(Self.okta.prose("<x-lifecycle class=\"ea\">") == "<x-lifecycle class=\"ea\">")
    }

    @Test func relativeLinksBecomeAbsoluteForOktasSpec() {
        #expect(
            Self.okta.prose("See [Realms](/openapi/okta-management/management/tags/realm) and [paging](/#pagination).")
                == "See [Realms](https://developer.okta.com/docs/api/openapi/okta-management/management/tags/realm)"
                + " and [paging](https://developer.okta.com/docs/api/#pagination).")
        #expect(
            Self.okta.prose("[Guide](/docs/guides/x/main/)")
                == "[Guide](https://developer.okta.com/docs/guides/x/main/)")
        // Another vendor's spec: its site is unknown, its links stay relative.
        #expect(DocComments().prose("[Realms](/realms)") == "[Realms](/realms)")
    }

    /// The byte searches and media-type checks that replaced Foundation's and the string-processing library's
    /// (docs/Performance.md): same answers, including beside multi-byte text and in any letter case.
    @Test func byteLevelTextHelpersAnswerLikeTheLibraryOnes() {
        let text = "Zoë's [link](/x) — café <x-lifecycle class=\"ea\"></x-lifecycle>"
        for needle in ["](/", "<x-lifecycle class=\"", "</x-lifecycle>", "café", "—", "absent", "\"ea\"><"] {
            #expect(text[...].firstUTF8Range(of: needle) == text.firstRange(of: needle), "\(needle)")
        }
        #expect(text.firstUTF8Range(of: "") == text.startIndex..<text.startIndex)
        #expect("a-b-c".components(separatedBy: "-") == ["a", "b", "c"])
        #expect("x<y>z<y>".replacingOccurrences(of: "<y>", with: "") == "xz")
        for (mediaType, json) in [
            ("application/json", true), ("Application/JSON", true), ("application/json; charset=utf-8", true),
            ("application/merge-patch+JSON", true), ("application/jsonx", false), ("text/json", false),
            ("application/xml", false), ("json", false), ("", false),
        ] {
            #expect(OperationContextBuilder.isJSON(mediaType) == json, "\(mediaType)")
        }
        #expect(OperationContextBuilder.wireMediaType(" \tText/Plain ; charset=utf-8") == "text/plain")
        #expect(OperationContextBuilder.wireMediaType("\u{2003}application/JSON\u{00A0}") == "application/json")
    }

    @Test func theLinkBaseComesFromOktasServers() {
        func model(server: String, variable: String?) -> IRModel {
            IRModel(
                source: IRSpecInfo(
                    file: "x.yaml", openapi: "3.0.3", title: "T", version: "1", description: nil,
                    servers: [
                        IRServer(
                            url: server, description: nil,
                            variables: variable.map { [IRServerVariable(name: "d", defaultValue: $0, enumValues: nil)] }
                                ?? [])
                    ]),
                selectedTags: [], tags: [], operations: [], types: [], securitySchemes: [])
        }
        #expect(DocComments(model: model(server: "https://{d}", variable: "subdomain.okta.com")).linkBase != nil)
        #expect(DocComments(model: model(server: "https://api.example.com", variable: nil)).linkBase == nil)
    }

    @Test func longTagDescriptionsAreCutToAParagraphAndALink() {
        let long = "The Users API.\n> Note one.\n\n" + (1...40).map { "Line \($0)." }.joined(separator: "\n")
        let lines = Self.okta.tagLines(name: "User Things", description: long).map(\.description)
        #expect(
            lines == [
                "/// The Users API.", "/// > Note one.", "///",
                "/// More in Okta's API reference: https://developer.okta.com/docs/api/openapi/okta-management/"
                    + "management/tag/User%20Things/",
            ])
        #expect(DocComments().tagLines(name: "User", description: long).count > 40, "unknown site: kept whole")
        #expect(Self.okta.tagLines(name: "User", description: "Short.").map(\.description) == ["/// Short."])
    }

    @Test func operationsSayTheirLifecycleAndTombstonesAreDeprecated() throws {
        let spec = """
            openapi: 3.0.3
            info: {title: Stages, version: '1'}
            servers: [{url: 'https://example.okta.com'}]
            paths:
              /a:
                get:
                  operationId: earlyThing
                  x-okta-lifecycle: {lifecycle: EA, isGenerallyAvailable: false}
                  responses: {'204': {description: Done.}}
              /b:
                get:
                  operationId: retiredThing
                  x-okta-lifecycle: {lifecycle: TOMBSTONE}
                  responses: {'204': {description: Done.}}
              /c:
                get:
                  operationId: plainThing
                  x-okta-lifecycle: {lifecycle: GA}
                  responses: {'204': {description: Done.}}
            """
        let loaded = FixtureSupport.load(bytes: Array(spec.utf8), as: "stages.yaml")
        let resolver = try #require(loaded.resolver, "\(loaded.diagnostics)")
        let model = IRBuilder(resolver: resolver, selection: .all).build()
        #expect(model.operations.map(\.lifecycle) == ["EA", "TOMBSTONE", "GA"])
        let files = try Renderer(model: model, options: RenderOptions(mode: [.client], specFile: "stages.yaml"))
            .render()
        let client = try #require(
            files.first { $0.key.hasPrefix("Client/") && $0.key != "Client/OktaClient.swift" }?.value)
        #expect(client.contains("/// - Note: Early Access: available only in orgs where the feature is turned on"))
        #expect(
            client.contains(
                "@available(*, deprecated, message: \"Retired by Okta (x-okta-lifecycle: TOMBSTONE).\")\n    public func retiredThing"
            ))
        #expect(!client.contains("Release stage"), "GA says nothing")
    }
}
