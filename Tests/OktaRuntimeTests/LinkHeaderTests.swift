import Foundation
import OktaRuntime
import Testing

@Suite struct LinkHeaderTests {
    @Test func parsesOktaPaginationLinks() throws {
        let header = LinkHeader(
            #"<https://x.okta.com/api/v1/users?limit=2>; rel="self", "#
                + #"<https://x.okta.com/api/v1/users?after=00u1&limit=2>; rel="next""#
        )
        #expect(header.links.count == 2)
        #expect(header.selfURL == url("https://x.okta.com/api/v1/users?limit=2"))
        #expect(header.next == url("https://x.okta.com/api/v1/users?after=00u1&limit=2"))
        #expect(header.nextCursor == "00u1")
        #expect(header.previous == nil)
        #expect(header.relation("NEXT") == header.next)
    }

    @Test func readsEveryLinkFieldOfAResponse() {
        var fields = HTTPFields()
        fields.append(linkField(#"<https://x.okta.com/api/v1/groups>; rel="self""#))
        fields.append(
            linkField(#"<https://x.okta.com/api/v1/groups?after=00g9>; rel="next""#))
        let header = LinkHeader(fields)
        #expect(header.selfURL?.absoluteString == "https://x.okta.com/api/v1/groups")
        #expect(header.nextCursor == "00g9")
    }

    @Test func commasAndSemicolonsInsideTargetsAndQuotesDoNotSplit() {
        let header = LinkHeader(
            #"<https://x.okta.com/api/v1/logs?filter=a,b;c&after=1>; rel="next"; title="one, two; three", "#
                + #"<https://x.okta.com/other>; rel=prev"#
        )
        #expect(header.links.count == 2)
        #expect(header.next?.absoluteString == "https://x.okta.com/api/v1/logs?filter=a,b;c&after=1")
        #expect(header.links.first?.parameters["title"] == "one, two; three")
        #expect(header.previous?.absoluteString == "https://x.okta.com/other")
    }

    @Test func parametersAreCaseInsensitiveAndRelCanHoldSeveralTypes() throws {
        let header = LinkHeader(#"<https://a.example/p2>;REL="Next Last" ; Type=text/html; rel="ignored""#)
        let link = try #require(header.links.first)
        #expect(link.relations == ["next", "last"])
        #expect(link.parameters["type"] == "text/html")
        #expect(link.parameters["rel"] == "Next Last")
        #expect(header.next == header.relation("last"))
        #expect(header.links(withRelation: "last").count == 1)
    }

    @Test func unescapesQuotedStrings() {
        let header = LinkHeader(#"<https://a.example/>; rel="next"; title="say \"hi\", \\ ok""#)
        #expect(header.links.first?.parameters["title"] == #"say "hi", \ ok"#)
        #expect(header.next != nil)
    }

    @Test func resolvesRelativeTargetsAgainstTheBaseURL() {
        let base = url("https://x.okta.com/api/v1/users?limit=2")
        let header = LinkHeader(
            #"</api/v1/users?after=00u5>; rel="next", <?after=00u6>; rel="alternate""#, relativeTo: base)
        #expect(header.next?.absoluteString == "https://x.okta.com/api/v1/users?after=00u5")
        #expect(header.relation("alternate")?.absoluteString == "https://x.okta.com/api/v1/users?after=00u6")
    }

    @Test func cursorIsPercentDecodedAndOptional() {
        #expect(LinkHeader.cursor(in: url("https://x/a?limit=1&after=a%2Fb%3D")) == "a/b=")
        #expect(LinkHeader.cursor(in: url("https://x/a?limit=1")) == nil)
        #expect(LinkHeader.cursor(named: "cursor", in: url("https://x/a?cursor=9")) == "9")
        #expect(LinkHeader(#"<https://x/a?limit=1>; rel="next""#).nextCursor == nil)
    }

    @Test(arguments: [
        "",
        ",,, ,",
        "garbage",
        "<",
        "<https://x.okta.com/api/v1/users",
        ">; rel=next",
        "<>",
        "; rel=next",
        #"<https://x/a>; rel="unterminated"#,
        "<https://x/a>; ;;; =; rel",
        "<\u{0}\u{1}>; rel=next",
        "<https://x/a>; rel=\u{FFFF}\u{10FFFF}",
        String(repeating: "<", count: 10_000),
        String(repeating: #""\"#, count: 10_000),
    ])
    func neverCrashesOnGarbage(_ value: String) {
        let header = LinkHeader(value)
        #expect(header.links.count <= 1)
        #expect(header.next == nil || header.next?.absoluteString == "https://x/a")
    }

    @Test func skipsMalformedEntriesButKeepsTheRest() {
        let header = LinkHeader(
            #"garbage; rel="next", <https://x/ok>; rel="next", "quoted, junk" <https://y/>, <https://x/self>; rel=self"#
        )
        #expect(header.next?.absoluteString == "https://x/ok")
        #expect(header.selfURL?.absoluteString == "https://x/self")
    }

    @Test func emptyHeaderHasNoLinks() {
        let header = LinkHeader(HTTPFields())
        #expect(header.links.isEmpty)
        #expect(header.next == nil && header.selfURL == nil && header.nextCursor == nil)
    }
}
