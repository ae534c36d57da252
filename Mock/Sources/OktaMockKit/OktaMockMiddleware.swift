import Foundation
import Hummingbird
import Logging
import NIOHTTP1
import OktaRuntime

/// What okta-mock does around every request, in this order:
///
/// 1. gives it an `X-Okta-Request-Id`;
/// 2. counts it against the concurrency limit (429 `E0000047` with limit 0, see ``RateLimiter``);
/// 3. delays it (`--latency`, ``FaultInjector``), and counts it against its bucket's rate limit (429 `E0000047`);
/// 4. answers `POST /oauth2/v1/token` (``AuthorizationServer``), or checks its credentials: an SSWS token (401
///    `E0000011`), or an access token okta-mock issued, with its DPoP proof and the scope the operation needs (401
///    with `WWW-Authenticate`, 403 `insufficient_scope`);
/// 5. answers the status a `Prefer: code=NNN` asks for, or a fault drawn for it (`--fault-rate`); otherwise removes
///    `code=` from `Prefer` so that the handler sees only Okta's own preferences;
/// 6. refuses a body that is not JSON (400 `E0000021`), for a route that exists;
/// 7. buffers its body and binds it to ``RawRequestBody``;
/// 8. serves a plain user read from its encoded bytes (``UserReadCache``), the older request forms of
///    ``LegacyForms``, else runs the route, turning anything thrown (unknown path,
///    wrong method, body too large or malformed, a body that took too long) into an Okta error body;
/// 9. adds the `X-Rate-Limit-*` headers to the response, whatever it is;
/// 10. records it in the journal (``RequestJournal``: no `Authorization`, secrets redacted);
/// 11. logs one line: method, path, status, duration (never a header, so never the token).
///
/// okta-mock's own endpoints (`/__mock/…`, ``MockControl``) only get steps 1 and 4: they are not delayed, faulted,
/// rate limited nor journaled.
struct OktaMockMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    let authenticator: MockAuthenticator
    let authorization: AuthorizationServer
    let rateLimiter: RateLimiter
    let routes: RouteTable
    let journal: RequestJournal
    let control: MockControl
    let faults: FaultInjector
    let legacy: LegacyForms
    let reads: UserReadCache
    let logger: Logger

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        let arrived = Date()
        let requestID = Self.makeRequestID()
        if MockControl.owns(request.uri.path) {
            var response =
                authenticator.accepts(request.headers)
                ? await control.respond(to: request) : Self.response(OktaErrorResponse.invalidToken())
            response.headers[.oktaRequestID] = requestID
            log(request, response, requestID: requestID, started: started)
            return response
        }
        let bucket = RateLimiter.bucket(method: request.method.rawValue, path: request.uri.path)
        guard rateLimiter.enter() else {
            // Okta's concurrency violation: a 429 whose X-Rate-Limit-Limit and -Remaining are 0.
            var response = Self.response(
                OktaErrorResponse.rateLimitExceeded(
                    rateLimit: OktaRateLimit(limit: 0, remaining: 0, reset: arrived.addingTimeInterval(1))))
            response.headers[.oktaRequestID] = requestID
            journal.record(
                time: arrived, method: request.method.rawValue, path: request.uri.path, query: request.uri.query,
                headerFields: request.headers, body: nil, status: 429, requestID: requestID)
            log(request, response, requestID: requestID, started: started)
            return response
        }
        // The delay is spent in flight, as a slow server's would be: it counts against the concurrency limit.
        let (delay, fault) = faults.isActive ? await faults.draw() : (.zero, nil)
        if delay > .zero { try? await Task.sleep(for: delay) }
        let (allowed, rateLimit) = rateLimiter.take(bucket: bucket, now: arrived)
        let (preferredCode, otherPreferences) = PreferredStatus.split(request.headers[values: .prefer])
        var response: Response
        var body: Data?
        var provoked = false
        if !allowed {
            response = Self.response(OktaErrorResponse.rateLimitExceeded(rateLimit: rateLimit))
        } else if request.uri.path == AuthorizationServer.tokenPath, request.method == .post {
            response = await token(request)
        } else if let refusal = refusal(of: request) {
            response = refusal
        } else if let preferredCode {
            response = Self.response(
                PreferredStatus.response(preferredCode, rateLimit: rateLimit, path: request.uri.path))
            provoked = preferredCode == 429
        } else if let fault {
            switch fault {
            case .status(let code):
                response = Self.response(PreferredStatus.response(code, rateLimit: rateLimit, path: request.uri.path))
            case .connectionReset:
                // ConnectionGuard sees the marker on the response head and closes the connection instead.
                response = Response(status: .internalServerError, headers: [ConnectionGuard.resetMarker: "1"])
            }
        } else {
            var forwarded = request
            if request.headers[.prefer] != nil {
                // Only Okta's own preferences reach the handler: the generated stub reads `Prefer` as a flag.
                var head = request.head
                head.headerFields[values: .prefer] =
                    otherPreferences.isEmpty ? [] : [otherPreferences.joined(separator: ", ")]
                forwarded = Request(head: head, body: request.body)
            }
            response = await route(forwarded, context: context, next: next, body: &body)
        }
        rateLimiter.leave()
        let reset = response.headers[ConnectionGuard.resetMarker] != nil
        journal.record(
            time: arrived, method: request.method.rawValue, path: request.uri.path, query: request.uri.query,
            headerFields: request.headers, body: body, status: reset ? 0 : Int(response.status.code),
            requestID: requestID)
        response.headers[.oktaRequestID] = requestID
        response.headers[.xRateLimitLimit] = rateLimit.limit.map(String.init)
        response.headers[.xRateLimitRemaining] = provoked ? "0" : rateLimit.remaining.map(String.init)
        response.headers[.xRateLimitReset] = rateLimit.reset.map {
            String(Int64($0.timeIntervalSince1970.rounded(.up)))
        }
        log(request, response, requestID: requestID, started: started)
        return response
    }

    /// Answers `POST /oauth2/v1/token` (``AuthorizationServer``). The body is not journaled: it holds the client
    /// assertion.
    private func token(_ request: Request) async -> Response {
        var request = request
        guard let body = try? await request.collectBody(upTo: 64 * 1024) else {
            return Self.response(.tokenError(400, "invalid_request", "The request body is larger than 64 KiB."))
        }
        return Self.response(
            authorization.token(
                headerFields: request.headers, authority: request.head.authority, body: Data(body.readableBytesView)))
    }

    /// Why a request's credentials are refused, if they are: an access token of ``AuthorizationServer`` (with its DPoP
    /// proof and the scope the operation needs), else the SSWS token of ``MockAuthenticator``.
    private func refusal(of request: Request) -> Response? {
        let (method, authority, path) = (request.method.rawValue, request.head.authority, request.uri.path)
        switch authorization.verify(headerFields: request.headers, method: method, authority: authority, path: path) {
        case .notOAuth:
            return authenticator.accepts(request.headers) ? nil : Self.response(OktaErrorResponse.invalidToken())
        case .refused(let answer):
            return Self.response(answer)
        case .granted(let scopes, let scheme):
            guard let missing = AuthorizationServer.missingScope(method: method, granted: scopes) else { return nil }
            return Self.response(
                AuthorizationServer.insufficientScope(scheme: scheme, scope: missing, authority: authority, path: path))
        }
    }

    /// Logs one line for a request.
    private func log(_ request: Request, _ response: Response, requestID: String, started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        logger.info(
            "\(request.method) \(request.uri.path) \(response.status.code) \(String(format: "%.1f", milliseconds)) ms",
            metadata: ["request-id": "\(requestID)"])
    }

    /// Buffers the body, runs the route, and maps thrown errors to Okta error responses.
    private func route(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response,
        body recorded: inout Data?
    ) async -> Response {
        var request = request
        // Only a request that carries a body is checked: Okta's SDKs send bodiless POSTs, and GETs, with
        // `Content-Type: application/json; okta-response=…`. A route that does not exist is left to answer 404/405.
        if Self.carriesBody(request.headers), !Self.isJSON(request.headers[.contentType]),
            routes.methods(forPath: request.uri.path).contains(request.method)
        {
            return Self.response(.unsupportedContentType(request.headers[.contentType]))
        }
        do {
            var body: Data?
            if request.method == .post || request.method == .put || request.method == .patch {
                let buffer = try await request.collectBody(upTo: OktaServerRequest.maximumBodySize)
                body = Data(buffer.readableBytesView)
                recorded = body
            }
            if let answer = await reads.respond(to: request) { return answer }
            if let answer = try await legacy.respond(to: request, body: body) { return answer }
            // The handlers check input by hand, in Okta's words and order (docs/Validation.md): the generated
            // stubs' own constraint checks are off for them.
            let response = try await RawRequestBody.$current.withValue(body) {
                try await OktaServerValidation.$enforcesConstraints.withValue(false) {
                    try await next(request, context)
                }
            }
            return Self.withOktaEmptyBody(response)
        } catch {
            return Self.response(errorResponse(for: error, request: request))
        }
    }

    /// The Okta error for something the router or a handler threw.
    private func errorResponse(for error: any Error, request: Request) -> OktaErrorResponse {
        switch error {
        case let okta as OktaErrorResponse:
            return okta
        case let http as HTTPError where http.status == .notFound:
            let methods = routes.methods(forPath: request.uri.path)
            guard !methods.isEmpty else { return .pathNotFound(request.uri.path) }
            var refusal = OktaErrorResponse.methodNotAllowed()
            refusal.additionalHeaderFields[.allow] = methods.map(\.rawValue).joined(separator: ", ")
            return refusal
        case let http as any HTTPResponseError where http.status == .contentTooLarge:
            // Collecting a body past the limit throws NIO's NIOTooManyBytesError, which Hummingbird maps to 413.
            return OktaErrorResponse(
                status: .contentTooLarge, code: OktaError.Code.apiValidationFailed,
                summary: "Api validation failed: request body",
                causes: ["the request body is larger than \(OktaServerRequest.maximumBodySize) bytes"])
        case let parse as HTTPParserError:
            // NIO's parser failed after the head, in the body's framing (a chunk size that overflows): the client's
            // fault, and the connection cannot go on.
            return .malformedFraming("\(parse)")
        case ConnectionGuardError.bodyTimeout(let limit):
            return .requestTimeout(part: "body", option: "--body-timeout", limit: limit)
        case ConnectionGuardError.evicted(let maximum):
            return .connectionLimitReached(maximum: maximum)
        case let http as HTTPError:
            return OktaErrorResponse(
                status: http.status, code: OktaError.Code.apiValidationFailed,
                summary: "Api validation failed: \(http.status.reasonPhrase)")
        default:
            logger.error("request failed", metadata: ["error": "\(error)"])
            return .internalServerError()
        }
    }

    /// Whether a request carries a body: a `Content-Length` other than 0, or a `Transfer-Encoding`.
    static func carriesBody(_ headers: HTTPFields) -> Bool {
        if headers[.transferEncoding] != nil { return true }
        guard let length = headers[.contentLength] else { return false }
        return length.trimmingCharacters(in: .whitespaces) != "0"
    }

    /// Whether a `Content-Type` is JSON: `application/json`, in any case, with any parameters (`charset`,
    /// `okta-response`). The spec's operations take no other media type; a missing one is not JSON.
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let mediaType = contentType.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces)
        return mediaType.caseInsensitiveCompare("application/json") == .orderedSame
    }

    /// A Hummingbird response carrying an Okta error.
    static func response(_ error: OktaErrorResponse) -> Response {
        let (head, _) = error.response()
        return Response(
            status: head.status, headers: head.headerFields, body: .init(byteBuffer: ByteBuffer(bytes: error.jsonData)))
    }

    /// A Hummingbird response carrying an answer of the authorization server.
    static func response(_ answer: OAuthAnswer) -> Response {
        Response(
            status: HTTPResponse.Status(code: answer.status), headers: answer.headerFields,
            body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// Okta's `{}`: a `200` the spec documents without a body (`content: {}` -- deactivate, suspend, unsuspend,
    /// unlock, reset_factors; the generated stub answers it with none) is sent as Okta sends it, with
    /// `Content-Type: application/json` and the body `{}` (okta-sdk-python's recordings, 2017 and 2025). A `204`
    /// stays empty, as do `200`s that have a body.
    static func withOktaEmptyBody(_ response: Response) -> Response {
        guard response.status == .ok, response.headers[.contentType] == nil else { return response }
        var response = response
        response.headers[.contentType] = "application/json"
        response.headers[.contentLength] = nil
        response.body = ResponseBody(byteBuffer: ByteBuffer(string: "{}"))
        return response
    }

    /// A request ID in Okta's shape, letters and digits: `mock` and a random 64-bit number in base 36 (one call to the
    /// system's random source, not one per character).
    static func makeRequestID() -> String { "mock" + String(UInt64.random(in: .min ... .max), radix: 36) }
}

extension HTTPField.Name {
    /// `Prefer` (RFC 7240).
    static var prefer: Self { .init("Prefer")! }
}
