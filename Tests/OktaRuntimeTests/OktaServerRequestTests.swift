import Foundation
import OktaRuntime
import Testing

@Suite struct OktaServerRequestTests {
    static func request(path: String, parameters: [String: Substring]) -> OktaServerRequest {
        OktaServerRequest(
            request: HTTPRequest(method: .get, scheme: nil, authority: nil, path: path), body: nil,
            metadata: ServerRequestMetadata(pathParameters: parameters))
    }

    @Test func pathSegmentsArePercentDecodedButKeepPlusSigns() {
        let server = Self.request(
            path: "/api/v1/users/isaac%2Btag%40example.com?q=a+b", parameters: ["p4": "isaac+tag%40example.com"])
        var errors = OktaValidationErrors()
        #expect(server.path("p4", name: "id", as: String.self, errors: &errors) == "isaac+tag@example.com")
        #expect(server.query("q", as: String.self, required: false, errors: &errors) == "a b")
        #expect(errors.causes.isEmpty)
    }

    @Test func problemsNameTheSpecParameterAndAreCollected() {
        let server = Self.request(path: "/api/v1/users?limit=ten", parameters: [:])
        var errors = OktaValidationErrors()
        #expect(server.path("p4", name: "id", as: String.self, errors: &errors) == nil)
        #expect(server.query("limit", as: Int32.self, required: false, errors: &errors) == nil)
        #expect(errors.causes == ["id: the path parameter is missing", "limit: 'ten' is not a valid Int32"])
        #expect(throws: OktaErrorResponse.self) { try errors.check("listUsers") }
    }

    /// A header of one allowed value is a flag: absent is `false`, the value (any ASCII case) `true`, another an error.
    @Test func aFlagHeaderIsTrueOnlyForItsValue() {
        func flag(_ value: String?) -> (Bool, [String]) {
            var request = HTTPRequest(method: .delete, scheme: nil, authority: nil, path: "/api/v1/users/1")
            if let value { request.headerFields[HTTPField.Name("Prefer")!] = value }
            let server = OktaServerRequest(request: request, body: nil, metadata: ServerRequestMetadata())
            var errors = OktaValidationErrors()
            let set = server.headerFlag("Prefer", value: "respond-async", errors: &errors)
            return (set, errors.causes)
        }
        #expect(flag(nil) == (false, []))
        #expect(flag("respond-async") == (true, []))
        #expect(flag(" Respond-Async ") == (true, []))
        #expect(flag("respond-later") == (false, ["Prefer: 'respond-later' is not one of respond-async"]))
    }
}
