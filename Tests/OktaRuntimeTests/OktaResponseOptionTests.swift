import Foundation
import OktaRuntime
import Testing

/// Okta's `okta-response` option: written into `Content-Type` by the client, read back by server stubs.
@Suite struct OktaResponseOptionTests {
    @Test func theClientSendsTheOptionsOnlyWhenThereAreSome() {
        var builder = OktaRequestBuilder(template: "/api/v1/users")
        builder.oktaResponse([])
        #expect(
            builder.request(method: .get, accept: "application/json", contentType: nil).headerFields[.contentType]
                == nil)
        builder.oktaResponse([.omitCredentials, .omitCredentialsLinks, "omitSomethingNew"])
        #expect(
            builder.request(method: .get, accept: "application/json", contentType: nil).headerFields[.contentType]
                == #"application/json; okta-response="omitCredentials,omitCredentialsLinks,omitSomethingNew""#)
    }

    @Test func quotesAndControlCharactersCannotLeaveTheQuotedString() {
        #expect(
            OktaResponseOption.contentType([OktaResponseOption("a\"b\r\nc\\d")])
                == #"application/json; okta-response="abcd""#)
    }

    @Test(arguments: [
        (
            #"application/json; okta-response="omitCredentials,omitCredentialsLinks""#,
            ["omitCredentials", "omitCredentialsLinks"]
        ),
        (
            "application/json; okta-response=omitCredentials,omitCredentialsLinks",
            ["omitCredentials", "omitCredentialsLinks"]
        ),
        (
            #"application/json; OKTA-RESPONSE="omitCredentials, omitTransitioningToStatus"; charset=utf-8"#,
            ["omitCredentials", "omitTransitioningToStatus"]
        ),
        ("application/json", []),
        ("application/json; okta-response=", []),
    ])
    func theServerReadsThemBack(contentType: String, expected: [String]) {
        #expect(OktaResponseOption.options(inContentType: contentType).map(\.rawValue) == expected)
        var request = HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/api/v1/users")
        request.headerFields[.contentType] = contentType
        let server = OktaServerRequest(request: request, body: nil, metadata: ServerRequestMetadata())
        #expect(server.oktaResponseOptions().map(\.rawValue) == expected)
    }
}
