import Foundation

/// A part of a response that Okta leaves out when asked: the `okta-response` parameter of a read's `Content-Type`
/// (`Content-Type: application/json; okta-response="omitCredentials,omitCredentialsLinks"`), which speeds up reads of
/// users whose credentials come from a slow delegated-authentication source.
///
/// Okta's spec declares it as a `Content-Type` header parameter, which OpenAPI ignores; the generated client takes
/// the options instead (`getUser(userId: id, responseOptions: [.omitCredentials])`), and sends the header only when
/// there are some. The type is open: a value Okta adds later can be passed as `OktaResponseOption("newValue")`.
public struct OktaResponseOption: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The value on the wire (`omitCredentials`).
    public var rawValue: String

    /// An option by its value on the wire.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// An option by its value on the wire.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// An option by its value on the wire.
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    /// Leaves out the `credentials` object.
    public static let omitCredentials = OktaResponseOption("omitCredentials")
    /// Leaves out the links to credential operations (change password, change recovery question, forgot password,
    /// reset password, reset factors, unlock).
    public static let omitCredentialsLinks = OktaResponseOption("omitCredentialsLinks")
    /// Leaves out `transitioningToStatus`.
    public static let omitTransitioningToStatus = OktaResponseOption("omitTransitioningToStatus")

    /// The `Content-Type` that asks for the options (`application/json; okta-response="a,b"`), or `nil` for none.
    ///
    /// - Parameter options: The options.
    /// - Returns: The header value; characters that cannot be in a quoted string are left out.
    public static func contentType(_ options: [OktaResponseOption]) -> String? {
        guard !options.isEmpty else { return nil }
        let list = options.map { option in
            option.rawValue.unicodeScalars.filter { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" }
                .map(String.init).joined()
        }.joined(separator: ",")
        return "application/json; okta-response=\"\(list)\""
    }

    /// The options a `Content-Type` value asks for: the comma-separated values of its `okta-response` parameter,
    /// quoted or not, in order; none without the parameter.
    ///
    /// - Parameter contentType: The header value.
    /// - Returns: The options.
    public static func options(inContentType contentType: String) -> [OktaResponseOption] {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2,
                parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "okta-response"
            else { continue }
            let value = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\" \t"))
            return value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                .map(OktaResponseOption.init(rawValue:))
        }
        return []
    }
}

extension OktaRequestBuilder {
    /// Asks Okta to leave parts of the response out (nothing for no options): sets `Content-Type` with the
    /// `okta-response` parameter.
    ///
    /// - Parameter options: The options.
    public mutating func oktaResponse(_ options: [OktaResponseOption]) {
        guard let value = OktaResponseOption.contentType(options) else { return }
        headerFields[.contentType] = value
    }
}

extension OktaServerRequest {
    /// The `okta-response` options of the request's `Content-Type` (none without it).
    ///
    /// - Returns: The options.
    public func oktaResponseOptions() -> [OktaResponseOption] {
        guard let contentType = request.headerFields[.contentType] else { return [] }
        return OktaResponseOption.options(inContentType: contentType)
    }
}
