import Foundation
import GoldenValidation
import OktaRuntime
import Testing

/// Server stubs enforce the constraints the spec states before a handler runs (Fixtures/specs/validation.yaml,
/// compiled as the GoldenValidation target; docs/Validation.md): every violation of a request is one `errorCauses`
/// entry of one 400 `E0000001`, and the handler is not called.
@Suite struct ValidationTests {
    /// Records what reached it; answers with what it was sent, or with a stored widget for `getWidget`.
    struct Handler: WidgetsHandler {
        let calls: OktaLockedBox<Int>
        let stored: Widget

        func getWidget(_ input: GetWidgetInput) async throws -> GetWidgetOutput {
            calls.value += 1
            return .ok(stored)
        }

        func replaceWidget(_ input: ReplaceWidgetInput) async throws -> ReplaceWidgetOutput {
            calls.value += 1
            return .ok(input.body)
        }
    }

    let transport = LoopbackTransport()
    let calls = OktaLockedBox(0)

    init() throws {
        let stored = try JSONDecoder.okta.decode(
            Widget.self, from: Data(#"{"name":"w","color":"purple","id":"x"}"#.utf8))
        try Handler(calls: calls, stored: stored).registerWidgetsHandlerRoutes(on: transport)
    }

    static let validBody = #"""
        {"name":"gear","code":"AB-123","weight":0.5,"count":9,"color":"red","labels":["a","bc"],
         "parts":[{"sku":"p1","quantity":1}],"owner":{"sku":"o1"},"note":null,"attributes":{"k":"abc"},
         "builtOn":"2024-02-29","updated":"2024-02-29T10:00:00.000Z","echo":"anything","id":"readonly"}
        """#

    /// Sends a raw request to the stubs.
    func send(
        _ method: HTTPRequest.Method, _ path: String, headers: HTTPFields = [:], body: String? = nil
    ) async throws -> (status: Int, body: Data) {
        var request = HTTPRequest(method: method, scheme: "https", authority: "example.okta.com", path: path)
        request.headerFields = headers
        if body != nil { request.headerFields[.contentType] = "application/json" }
        let (response, responseBody) = try await transport.send(
            request, body: body.map { HTTPBody($0) }, baseURL: URL(string: "https://example.okta.com")!,
            operationID: "test")
        var data = Data()
        if let responseBody { data = try await Data(collecting: responseBody, upTo: 1 << 20) }
        return (response.status.code, data)
    }

    /// The causes of a 400 `E0000001` (the test fails if the answer is anything else).
    func causes(
        _ path: String, headers: HTTPFields = [:], body: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String] {
        let (status, data) = try await send(.put, path, headers: headers, body: body)
        #expect(status == 400, "\(String(decoding: data, as: UTF8.self))", sourceLocation: sourceLocation)
        let error = try JSONDecoder.okta.decode(OktaError.self, from: data)
        #expect(error.errorCode == "E0000001", sourceLocation: sourceLocation)
        #expect(error.errorId != nil && error.errorLink != nil, sourceLocation: sourceLocation)
        return error.errorCauses.map(\.errorSummary)
    }

    @Test func validInputReachesTheHandler() async throws {
        let (status, data) = try await send(
            .put, "/widgets/w1x?limit=200&ratio=0.5&color=blue&tags=a,bcdef&since=2024-01-01",
            headers: [HTTPField.Name("X-Request-Tag")!: "12345678"], body: Self.validBody)
        #expect(status == 200, "\(String(decoding: data, as: UTF8.self))")
        #expect(calls.value == 1)
    }

    @Test func everyParameterViolationIsOneCauseOfOneError() async throws {
        let causes = try await causes(
            "/widgets/A!?limit=0&ratio=1&color=purple&tags=a,b,toolong,d",
            headers: [HTTPField.Name("X-Request-Tag")!: "123456789"], body: #"{"name":"ok"}"#)
        #expect(
            causes == [
                "widgetId: must be at least 3 characters long",
                "widgetId: Does not match required pattern",
                "limit: must be between 1 and 200",
                "ratio: must be less than 1",
                "color: 'purple' is not one of red, green, blue",
                "tags: must have at most 3 items",
                "tags[2]: must be at most 5 characters long",
                "X-Request-Tag: must be at most 8 characters long",
            ])
        #expect(calls.value == 0, "the handler is not called")
    }

    @Test func exclusiveAndInclusiveBoundsAtTheirEdges() async throws {
        #expect(try await causes("/widgets/w1x?ratio=0", body: #"{"name":"ok"}"#) == ["ratio: must be greater than 0"])
        #expect(
            try await causes("/widgets/w1x?tags=", body: #"{"name":"ok"}"#) == ["tags: The field cannot be left blank"])
        let (status, _) = try await send(.put, "/widgets/w1x?limit=1&ratio=0.999", body: #"{"name":"ok"}"#)
        #expect(status == 200)
    }

    @Test func everyBodyViolationNestedMembersIncludedIsOneCause() async throws {
        let body = #"""
            {"name":"","code":"ab-123","weight":100,"count":10,"color":"purple","labels":["a","b","C"],
             "parts":[{"sku":"p1"},{"sku":"x","quantity":0}],"owner":{"sku":""},"note":"12345",
             "attributes":{"b":"long","a":"ok"},"legacy":"not checked: deprecated","echo":"not checked",
             "id":"read-only: not checked"}
            """#
        #expect(
            try await causes("/widgets/w1x", body: body) == [
                "name: The field cannot be left blank",
                "code: Does not match required pattern",
                "weight: must be between 0.5 and 99.5",
                "count: must be less than 10",
                "color: 'purple' is not one of red, green, blue",
                "labels: must have at most 2 items",
                "labels[2]: Does not match required pattern",
                "parts[1].sku: must be at least 2 characters long",
                "parts[1].quantity: must be greater than or equal to 1",
                "owner.sku: The field cannot be left blank",
                "note: must be at most 4 characters long",
                "attributes.b: must be at most 3 characters long",
            ])
        #expect(calls.value == 0)
    }

    @Test func parameterAndBodyViolationsComeInOneError() async throws {
        #expect(
            try await causes("/widgets/w1x?limit=500", body: #"{"name":"12345678901","labels":[]}"#) == [
                "limit: must be between 1 and 200",
                "name: must be at most 10 characters long",
                "labels: The field cannot be left blank",
            ])
    }

    @Test func malformedDatesAreRefused() async throws {
        #expect(
            try await causes("/widgets/w1x?since=2024-02-30", body: #"{"name":"ok"}"#) == [
                "since: '2024-02-30' is not a valid OktaFullDate"
            ])
        let causes = try await causes("/widgets/w1x", body: #"{"name":"ok","updated":"yesterday"}"#)
        #expect(causes.count == 1 && causes[0].hasPrefix("updated: "), "\(causes)")
    }

    @Test func anUnknownEnumValueDecodesInAResponseButNotInARequest() async throws {
        let client = OktaClient(serverURL: URL(string: "https://example.okta.com")!, transport: transport)
        let response = try await client.widgets.getWidget(widgetId: "w1x")
        #expect(response.body.color == .unknown("purple"))
        #expect(response.body.color?.rawValue == "purple")

        // The same value sent back is refused before the handler runs.
        await #expect(throws: OktaAPIError.self) {
            _ = try await client.widgets.replaceWidget(widgetId: "w1x", body: response.body)
        }
        #expect(calls.value == 1, "only getWidget reached the handler")
    }

    @Test func aServerThatChecksByHandCanTurnTheConstraintChecksOff() async throws {
        let (status, _) = try await OktaServerValidation.$enforcesConstraints.withValue(false) {
            try await send(.put, "/widgets/w1x?limit=0", body: #"{"name":""}"#)
        }
        #expect(status == 200)
        #expect(calls.value == 1)
        // Types are still checked.
        let (refused, _) = try await OktaServerValidation.$enforcesConstraints.withValue(false) {
            try await send(.put, "/widgets/w1x?limit=x", body: #"{"name":""}"#)
        }
        #expect(refused == 400)
        #expect(calls.value == 1)
    }

    @Test func validatingAModelDirectly() {
        var errors = OktaValidationErrors()
        Widget(name: "ok", parts: [Part(sku: "p")]).validate(into: &errors, at: OktaValidationPath("widget"))
        #expect(errors.causes == ["widget.parts[0].sku: must be at least 2 characters long"])
    }
}
