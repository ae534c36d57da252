import Foundation
import Hummingbird
import OktaRuntime

/// okta-mock's own endpoints, under `/__mock/` (a prefix no Okta API uses: Okta's all start with `/api/`, `/oauth2/`,
/// `/.well-known/`, `/sso/`, `/login/`, `/idp/` or `/app/`), guarded by the same token as the API:
///
/// - `GET /__mock/requests`: the journal (``RequestJournal``), oldest first, as a JSON array;
/// - `DELETE /__mock/requests`: clears it (204);
/// - `POST /__mock/reset`: restores the seed state (the `--seed` org, or an empty one), clears the journal and the
///   rate-limit counters (200, `{"users": N}`).
///
/// They are not journaled, not rate limited and never faulted, so a test can always read and reset.
struct MockControl: Sendable {
    /// The path prefix.
    static let prefix = "/__mock/"

    let journal: RequestJournal
    /// Restores the seed state; returns the number of users.
    let reset: @Sendable () async throws -> Int

    /// Whether a path is one of okta-mock's own.
    static func owns(_ path: String) -> Bool { path.hasPrefix(prefix) || path == "/__mock" }

    /// Answers a request to `/__mock/…` (authenticated by the caller).
    func respond(to request: Request) async -> Response {
        let allowed: [HTTPRequest.Method]
        switch request.uri.path {
        case "/__mock/requests": allowed = [.get, .delete]
        case "/__mock/reset": allowed = [.post]
        default: return OktaMockMiddleware.response(.pathNotFound(request.uri.path))
        }
        guard allowed.contains(request.method) else {
            var refusal = OktaErrorResponse.methodNotAllowed()
            refusal.additionalHeaderFields[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
            return OktaMockMiddleware.response(refusal)
        }
        do {
            switch request.method {
            case .get:
                return Self.json(try JSONEncoder.okta.encode(journal.all))
            case .delete:
                journal.clear()
                return Response(status: .noContent)
            default:
                let users = try await reset()
                journal.clear()
                return Self.json(Data(#"{"users":\#(users)}"#.utf8))
            }
        } catch let error as OktaErrorResponse {
            return OktaMockMiddleware.response(error)
        } catch {
            return OktaMockMiddleware.response(
                OktaErrorResponse(
                    status: .internalServerError, code: OktaError.Code.internalServerError,
                    summary: "Internal Server Error", causes: ["the reset failed: \(error)"]))
        }
    }

    private static func json(_ data: Data) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
