import Foundation
import OktaRuntime
import Testing

@Suite struct OktaResponseMetadataTests {
    @Test func readsOktaHeaders() {
        var fields: HTTPFields = [
            .oktaRequestID: "WMzZ4gQ",
            .xRateLimitLimit: "600",
            .xRateLimitRemaining: " 598 ",
            .xRateLimitReset: "1700000060",
            .date: "Tue, 14 Nov 2023 22:13:20 GMT",
        ]
        fields.append(linkField(#"<https://x.okta.com/api/v1/users?limit=2>; rel="self""#))
        fields.append(
            linkField(#"<https://x.okta.com/api/v1/users?after=00u2&limit=2>; rel="next""#)
        )
        let metadata = OktaResponseMetadata(HTTPResponse(status: .ok, headerFields: fields))
        #expect(metadata.status == .ok)
        #expect(metadata.requestID == "WMzZ4gQ")
        #expect(
            metadata.rateLimit
                == OktaRateLimit(limit: 600, remaining: 598, reset: Date(timeIntervalSince1970: 1_700_000_060)))
        #expect(metadata.links.nextCursor == "00u2")
        #expect(metadata.links.selfURL?.absoluteString == "https://x.okta.com/api/v1/users?limit=2")
        #expect(metadata.date == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(metadata.headerFields == fields)
        #expect(OktaPage(items: [1], links: metadata.links).next == metadata.links.next)
    }

    @Test func toleratesMissingAndMalformedHeaders() {
        let metadata = OktaResponseMetadata(
            HTTPResponse(status: .noContent, headerFields: [.xRateLimitLimit: "lots", .date: "yesterday"])
        )
        #expect(metadata.requestID == nil)
        #expect(metadata.rateLimit == nil)
        #expect(metadata.links.links.isEmpty)
        #expect(metadata.date == nil)
        #expect(OktaRateLimit(headerFields: [.xRateLimitRemaining: "0"]) == OktaRateLimit(remaining: 0))
    }
}
