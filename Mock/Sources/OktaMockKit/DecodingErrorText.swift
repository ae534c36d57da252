import Foundation

/// Turns `DecodingError`s into one-line messages with a JSON path: `users[2].profile.login: expected String`.
enum DecodingErrorText {
    /// Describes a decoding error.
    ///
    /// - Parameter error: The error.
    /// - Returns: The message.
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, let context):
            "\(path(context.codingPath)): expected \(typeName(type))"
        case .valueNotFound(let type, let context):
            "\(path(context.codingPath)): expected \(typeName(type)), found null"
        case .keyNotFound(let key, let context):
            "\(path(context.codingPath + [key])): the member is required"
        case .dataCorrupted(let context):
            context.codingPath.isEmpty
                ? "it is not valid JSON" : "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            "it cannot be decoded"
        }
    }

    /// `users[2].profile` for a coding path; `the top level` for an empty one.
    ///
    /// - Parameter keys: The coding path.
    /// - Returns: The path text.
    static func path(_ keys: [any CodingKey]) -> String {
        guard !keys.isEmpty else { return "the top level" }
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    /// A JSON-ish name for a Swift type in messages.
    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int32.Type, is Int64.Type, is Double.Type: "a number"
        case is Bool.Type: "a boolean"
        default:
            "\(type)".hasPrefix("Dictionary") ? "an object" : "\(type)".hasPrefix("Array") ? "an array" : "\(type)"
        }
    }
}
