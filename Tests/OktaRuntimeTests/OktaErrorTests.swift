import Foundation
import OktaRuntime
import Testing

@Suite struct OktaErrorTests {
    static let validationBody = """
        {
          "errorCode": "E0000001",
          "errorSummary": "Api validation failed: login",
          "errorLink": "E0000001",
          "errorId": "oaeHfmOAx1iRLa0H10DeMz5fQ",
          "errorCauses": [
            { "errorSummary": "login: An object with this field already exists in the current organization" }
          ]
        }
        """

    @Test func decodesARealOktaErrorBody() throws {
        let error = try decode(OktaError.self, Self.validationBody)
        #expect(error.errorCode == "E0000001")
        #expect(error.errorSummary == "Api validation failed: login")
        #expect(error.errorLink == "E0000001")
        #expect(error.errorId == "oaeHfmOAx1iRLa0H10DeMz5fQ")
        #expect(
            error.errorCauses.map(\.errorSummary) == [
                "login: An object with this field already exists in the current organization"
            ])
        #expect(
            error.description
                == "E0000001: Api validation failed: login "
                + "(login: An object with this field already exists in the current organization)"
        )
        #expect(error.localizedDescription == error.description)
    }

    @Test func toleratesMissingOptionalFields() throws {
        let error = try decode(
            OktaError.self, #"{"errorCode":"E0000011","errorSummary":"Invalid token provided","errorCauses":null}"#)
        #expect(error == OktaError(errorCode: "E0000011", errorSummary: "Invalid token provided"))
        #expect(throws: DecodingError.self) { try decode(OktaError.self, #"{"error":"invalid_client"}"#) }
    }

    @Test func apiErrorCarriesTheHTTPContext() async throws {
        let response = HTTPResponse(
            status: .badRequest,
            headerFields: [.oktaRequestID: "XbQ7Tg", .xRateLimitRemaining: "599", .contentType: "application/json"]
        )
        let error = await OktaAPIError(
            response: response, body: HTTPBody(Self.validationBody), operationID: "createUser")
        #expect(error.status == .badRequest)
        #expect(error.requestID == "XbQ7Tg")
        #expect(error.rateLimit?.remaining == 599)
        #expect(error.error?.errorCode == "E0000001")
        #expect(error.rawBodyText == Self.validationBody)
        #expect(error.operationID == "createUser")
        #expect(error.metadata.requestID == "XbQ7Tg")
        #expect(
            error.description
                == "Okta API error 400 Bad Request in createUser: E0000001: Api validation failed: login "
                + "(login: An object with this field already exists in the current organization) [request ID: XbQ7Tg]"
        )
    }

    @Test func apiErrorKeepsNonOktaBodies() async {
        let html = "<html><body>Bad Gateway</body></html>"
        let error = await OktaAPIError(response: HTTPResponse(status: .badGateway), body: HTTPBody(html))
        #expect(error.error == nil)
        #expect(error.rawBodyText == html)
        #expect(error.description == "Okta API error 502 Bad Gateway: \(html)")

        let empty = await OktaAPIError(response: HTTPResponse(status: .unauthorized), body: nil)
        #expect(empty.rawBody == nil && empty.error == nil)
        #expect(empty.description == "Okta API error 401 Unauthorized")
    }

    @Test func apiErrorTruncatesHugeBodies() async {
        let error = await OktaAPIError(
            response: HTTPResponse(status: .internalServerError),
            body: HTTPBody(String(repeating: "x", count: 10_000)),
            maximumBodySize: 300
        )
        #expect(error.rawBody?.count == 300)
        #expect(error.description.hasSuffix("…"))
    }

    @Test func buildsOktaFormatResponsesForServerStubs() async throws {
        let notFound = OktaErrorResponse.notFound(resourceID: "00u1abcd", resourceType: "User", errorID: "oaeTest")
        let (response, body) = notFound.response()
        #expect(response.status == .notFound)
        #expect(response.headerFields[.contentType] == "application/json")
        #expect(
            try await string(of: body)
                == #"{"errorCode":"E0000007","errorSummary":"Not found: Resource not found: 00u1abcd (User)","#
                + #""errorLink":"E0000007","errorId":"oaeTest","errorCauses":[]}"#
        )
        let decoded = try JSONDecoder.okta.decode(OktaError.self, from: notFound.jsonData)
        #expect(decoded == notFound.error)
    }

    @Test func commonErrorsUseOktasCodesAndStatuses() {
        let cases: [(OktaErrorResponse, Int, String, String)] = [
            (
                .validationFailed("login", causes: ["login: must not be blank"]), 400, "E0000001",
                "Api validation failed: login"
            ),
            (.malformedRequestBody(), 400, "E0000003", "The request body was not well-formed."),
            (.invalidToken(), 401, "E0000011", "Invalid token provided"),
            (.accessDenied(), 403, "E0000006", "You do not have permission to perform the requested action"),
            (
                .notFound(resourceID: "00g1", resourceType: "UserGroup"), 404, "E0000007",
                "Not found: Resource not found: 00g1 (UserGroup)"
            ),
            (.methodNotAllowed(), 405, "E0000022", "The endpoint does not support the provided HTTP method"),
            (.rateLimitExceeded(), 429, "E0000047", "API call exceeded rate limit due to too many requests."),
            (.internalServerError(), 500, "E0000009", "Internal Server Error"),
            (.notImplemented(operationID: "listUsers"), 501, "E0000060", "Unsupported operation."),
        ]
        for (response, status, code, summary) in cases {
            #expect(response.httpStatus.code == status)
            #expect(response.error.errorCode == code)
            #expect(response.error.errorLink == code)
            #expect(response.error.errorSummary == summary)
            let id = response.error.errorId ?? ""
            #expect(
                id.hasPrefix("oae") && id.count == 25 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        }
        #expect(OktaErrorResponse.validationFailed("login", causes: ["a", "b"]).error.errorCauses.count == 2)
        #expect(
            OktaErrorResponse.notImplemented(operationID: "listUsers").error.errorCauses.first?.errorSummary
                == "listUsers: not implemented")
        #expect(OktaError.makeErrorID() != OktaError.makeErrorID())
    }

    @Test func rateLimitResponseCarriesTheHeadersTheRetryMiddlewareReads() {
        let response = OktaErrorResponse.rateLimitExceeded(
            rateLimit: OktaRateLimit(limit: 600, remaining: 0, reset: Date(timeIntervalSince1970: 1_700_000_060))
        )
        #expect(response.httpHeaderFields[.xRateLimitLimit] == "600")
        #expect(response.httpHeaderFields[.xRateLimitRemaining] == "0")
        #expect(response.httpHeaderFields[.xRateLimitReset] == "1700000060")
        #expect(response.undocumentedPayload.headerFields[.contentType] == "application/json")
    }

    @Test func errorHandlingMiddlewareTurnsThrownResponsesIntoHTTP() async throws {
        let thrown = OktaErrorResponse.invalidToken(errorID: "oaeX")
        let (response, body) = try await ErrorHandlingMiddleware().intercept(
            HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/api/v1/users"),
            body: nil,
            metadata: ServerRequestMetadata(),
            operationID: "listUsers",
            next: { request, _, _ in
                throw ServerError(
                    operationID: "listUsers",
                    request: request,
                    requestBody: nil,
                    requestMetadata: ServerRequestMetadata(),
                    causeDescription: "handler failed",
                    underlyingError: thrown
                )
            }
        )
        #expect(response.status == .unauthorized)
        let error = try JSONDecoder.okta.decode(OktaError.self, from: Data((try await string(of: body) ?? "").utf8))
        #expect(error.errorCode == "E0000011")
    }
}
