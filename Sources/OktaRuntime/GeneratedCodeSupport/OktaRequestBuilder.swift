import Foundation

/// Builds the path, query, headers and cookies of a request from typed parameters, with OpenAPI's serialization
/// rules (`simple` path and header parameters, `form` query and cookie parameters, `explode` for arrays).
public struct OktaRequestBuilder: Sendable {
    private var path: String
    private var queryItems: [String] = []
    private var cookies: [String] = []
    /// The header fields so far.
    public var headerFields: HTTPFields = [:]

    /// Starts a request for a path template (`/api/v1/users/{id}`).
    public init(template: String) { self.path = template }

    /// Characters left unescaped in a path segment or query component.
    static let unreserved: CharacterSet = {
        var set = CharacterSet.alphanumerics.intersection(
            CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        set.insert(charactersIn: "-._~")
        return set
    }()

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// Fills `{name}` with a percent-encoded value.
    public mutating func path(_ name: String, _ value: some OktaParameterValue) {
        path = path.replacingOccurrences(of: "{\(name)}", with: Self.escape(value.parameterText))
    }

    /// Adds a query parameter (nothing for `nil`); arrays are repeated when `explode` is true, comma-joined otherwise.
    public mutating func query(_ name: String, _ value: (some OktaParameterValue)?) {
        guard let value else { return }
        queryItems.append(Self.escape(name) + "=" + Self.escape(value.parameterText))
    }

    /// Adds an array query parameter.
    public mutating func query(_ name: String, _ values: [some OktaParameterValue]?, explode: Bool) {
        guard let values, !values.isEmpty else { return }
        if explode {
            for value in values { queryItems.append(Self.escape(name) + "=" + Self.escape(value.parameterText)) }
        } else {
            queryItems.append(
                Self.escape(name) + "=" + values.map { Self.escape($0.parameterText) }.joined(separator: ","))
        }
    }

    /// Sets a header parameter (nothing for `nil`).
    public mutating func header(_ name: String, _ value: (some OktaParameterValue)?) {
        guard let value, let field = HTTPField.Name(name) else { return }
        headerFields[field] = value.parameterText
    }

    /// Sets an array header parameter (comma-joined).
    public mutating func header(_ name: String, _ values: [some OktaParameterValue]?) {
        guard let values, !values.isEmpty, let field = HTTPField.Name(name) else { return }
        headerFields[field] = values.map(\.parameterText).joined(separator: ",")
    }

    /// Adds a cookie parameter (nothing for `nil`).
    public mutating func cookie(_ name: String, _ value: (some OktaParameterValue)?) {
        guard let value else { return }
        cookies.append(name + "=" + Self.escape(value.parameterText))
    }

    /// The request.
    public func request(method: HTTPRequest.Method, accept: String?, contentType: String?) -> HTTPRequest {
        let fullPath = queryItems.isEmpty ? path : path + "?" + queryItems.joined(separator: "&")
        var request = HTTPRequest(method: method, scheme: nil, authority: nil, path: fullPath)
        request.headerFields = headerFields
        if let accept { request.headerFields[.accept] = accept }
        if let contentType { request.headerFields[.contentType] = contentType }
        if !cookies.isEmpty { request.headerFields[.cookie] = cookies.joined(separator: "; ") }
        return request
    }
}

/// A value that can be a path, query, header or cookie parameter.
public protocol OktaParameterValue: Sendable {
    /// The text sent on the wire.
    var parameterText: String { get }
    /// Parses the text received on the wire (`nil` when it is not a valid value).
    init?(parameterText: String)
}

extension String: OktaParameterValue {
    public var parameterText: String { self }
    public init?(parameterText: String) { self = parameterText }
}

extension Bool: OktaParameterValue {
    public var parameterText: String { self ? "true" : "false" }
    public init?(parameterText: String) {
        switch parameterText.lowercased() {
        case "true": self = true
        case "false": self = false
        default: return nil
        }
    }
}

extension Int: OktaParameterValue {
    public var parameterText: String { String(self) }
    public init?(parameterText: String) { self.init(parameterText) }
}

extension Int32: OktaParameterValue {
    public var parameterText: String { String(self) }
    public init?(parameterText: String) { self.init(parameterText) }
}

extension Int64: OktaParameterValue {
    public var parameterText: String { String(self) }
    public init?(parameterText: String) { self.init(parameterText) }
}

extension Double: OktaParameterValue {
    public var parameterText: String { String(self) }
    public init?(parameterText: String) { self.init(parameterText) }
}

extension Float: OktaParameterValue {
    public var parameterText: String { String(self) }
    public init?(parameterText: String) { self.init(parameterText) }
}

extension Date: OktaParameterValue {
    public var parameterText: String { (try? OktaDateCoding.formatTimestamp(self)) ?? "" }
    public init?(parameterText: String) {
        guard let date = OktaDateCoding.parseTimestamp(parameterText) else { return nil }
        self = date
    }
}

extension OktaFullDate: OktaParameterValue {
    public var parameterText: String { description }
    public init?(parameterText: String) { self.init(parameterText) }
}

extension OktaOpenEnum where RawValue: OktaParameterValue {
    public var parameterText: String { rawValue.parameterText }
    public init?(parameterText: String) {
        guard let raw = RawValue(parameterText: parameterText) else { return nil }
        self.init(rawValue: raw)
    }
}
