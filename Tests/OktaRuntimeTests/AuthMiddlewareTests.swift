import Foundation
import OktaRuntime
import Testing

@Suite struct AuthMiddlewareTests {
    static let secret = "00aBcD-SuPeRsEcReT_tOkEn"

    /// Sends a request through `middleware` and returns the request the transport saw.
    static func forwardedRequest(through middleware: some ClientMiddleware) async throws -> HTTPRequest {
        let seen = Recorder<HTTPRequest>()
        var request = HTTPRequest(method: .get, scheme: "https", authority: "x.okta.com", path: "/api/v1/users/me")
        request.headerFields[.authorization] = "Basic stale"
        _ = try await middleware.intercept(
            request,
            body: nil,
            baseURL: url("https://x.okta.com"),
            operationID: "getUser",
            next: { request, _, _ in
                await seen.append(request)
                return (HTTPResponse(status: .ok), nil)
            }
        )
        return try #require(await seen.values.first)
    }

    @Test func sswsSetsTheAuthorizationHeader() async throws {
        let request = try await Self.forwardedRequest(through: SSWSAuthMiddleware(token: Self.secret))
        #expect(request.headerFields[values: .authorization] == ["SSWS \(Self.secret)"])
        #expect(request.headerFields[fields: .authorization].first?.indexingStrategy == .disallow)
    }

    @Test func bearerSetsTheAuthorizationHeader() async throws {
        let request = try await Self.forwardedRequest(through: BearerAuthMiddleware(token: Self.secret))
        #expect(request.headerFields[values: .authorization] == ["Bearer \(Self.secret)"])
    }

    @Test func bearerAsksTheProviderForEveryRequest() async throws {
        let counter = Recorder<Int>()
        let middleware = BearerAuthMiddleware {
            await counter.append(1)
            return "token-\(await counter.count)"
        }
        #expect(try await Self.forwardedRequest(through: middleware).headerFields[.authorization] == "Bearer token-1")
        #expect(try await Self.forwardedRequest(through: middleware).headerFields[.authorization] == "Bearer token-2")
    }

    @Test func providerErrorsFailTheRequestBeforeSending() async {
        struct NoToken: Error {}
        let middleware = BearerAuthMiddleware { throw NoToken() }
        await #expect(throws: NoToken.self) { try await Self.forwardedRequest(through: middleware) }
    }

    @Test func descriptionsAndReflectionNeverRevealTheToken() {
        let middlewares: [any ClientMiddleware] = [
            SSWSAuthMiddleware(token: Self.secret),
            BearerAuthMiddleware(token: Self.secret),
        ]
        for middleware in middlewares {
            var dumped = ""
            dump(middleware, to: &dumped)
            let renderings = [
                String(describing: middleware),
                String(reflecting: middleware),
                "\(middleware)",
                dumped,
                Mirror(reflecting: middleware).children.map { "\($0.label ?? ""): \($0.value)" }.joined(),
            ]
            for rendering in renderings {
                #expect(!rendering.contains(Self.secret), "token leaked in: \(rendering)")
            }
            #expect(String(describing: middleware).contains("<redacted>"))
        }
    }
}
