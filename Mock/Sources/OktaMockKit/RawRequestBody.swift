import Foundation
import OktaRuntime

/// The request body as received, for handlers that need more than the generated typed body gives them.
///
/// The generated `UpdateUserRequest` decodes `"department": null` and a missing `department` to the same `nil`, so a
/// partial update could not tell "clear it" from "leave it". ``OktaMockMiddleware`` buffers each body and binds it
/// here for the duration of the request; the handler reads it back.
enum RawRequestBody {
    /// The body of the request being handled, if it had one.
    @TaskLocal static var current: Data?

    /// The body's top-level member `name`, when the body is a JSON object that has it as an object.
    ///
    /// - Parameter name: For example `profile`.
    /// - Returns: The object with its members as sent (explicit `null`s included), or `nil`.
    static func object(named name: String) -> JSONObject? {
        guard let data = current, let json = try? JSONDecoder.okta.decode(JSONValue.self, from: data) else {
            return nil
        }
        return json[name]?.objectValue
    }
}
