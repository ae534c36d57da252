import Foundation
import OktaRuntime
import Testing

@Suite struct LinkHeaderSerializationTests {
    @Test func writesOktaPaginationLinksAsSeparateFields() throws {
        let header = LinkHeader(links: [
            LinkHeader.Link(target: url("http://127.0.0.1:8080/api/v1/users?limit=2"), relations: ["self"]),
            LinkHeader.Link(
                target: url("http://127.0.0.1:8080/api/v1/users?after=00u2&limit=2"), relations: ["next"]),
        ])
        let linkName = try #require(HTTPField.Name("Link"))
        #expect(
            header.headerFields[values: linkName] == [
                #"<http://127.0.0.1:8080/api/v1/users?limit=2>; rel="self""#,
                #"<http://127.0.0.1:8080/api/v1/users?after=00u2&limit=2>; rel="next""#,
            ])
        #expect(
            header.fieldValue
                == #"<http://127.0.0.1:8080/api/v1/users?limit=2>; rel="self", "#
                + #"<http://127.0.0.1:8080/api/v1/users?after=00u2&limit=2>; rel="next""#)
    }

    @Test func relComesFirstThenParametersSortedAndQuoted() {
        let link = LinkHeader.Link(
            target: url("https://x.okta.com/a"),
            relations: ["next", "Last"],
            parameters: ["title": #"say "hi" \ bye"#, "anchor": "#top", "crossorigin": "", "bad name": "x"])
        #expect(
            link.fieldValue
                == ##"<https://x.okta.com/a>; rel="next last"; anchor="#top"; crossorigin; title="say \"hi\" \\ bye""##)
    }

    @Test(arguments: [
        #"<https://x.okta.com/api/v1/logs?filter=a,b;c&after=1>; rel="next"; title="one, two; three""#,
        #"<https://x.okta.com/p>; rel="prev"; title="quote \" and backslash \\""#,
    ])
    func roundTripsThroughTheParser(text: String) {
        let parsed = LinkHeader(text)
        let reparsed = LinkHeader(parsed.headerFields)
        #expect(reparsed == parsed)
        #expect(LinkHeader(parsed.fieldValue) == parsed)
    }

    @Test func noLinksGiveNoFields() {
        #expect(LinkHeader().headerFields.isEmpty)
        #expect(LinkHeader().fieldValue == "")
    }
}
