import Foundation
import HTTPTypes

extension LinkHeader.Link {
    /// The link as an RFC 8288 `link-value`: `<https://x.okta.com/api/v1/users?after=00u1>; rel="next"`.
    ///
    /// `rel` comes first (its relation types space-separated), then the other parameters sorted by name, so equal links
    /// always serialize to the same text. Every parameter value is a quoted-string with `"` and `\` escaped; a
    /// parameter with an empty value is written bare (`; crossorigin`). Parameter names that are not RFC 9110 tokens
    /// are left out, since no parser could read them back.
    public var fieldValue: String {
        var text = "<\(target.absoluteString)>"
        if !relations.isEmpty {
            text += "; rel=" + Self.quoted(relations.joined(separator: " "))
        }
        for name in parameters.keys.sorted() where name != "rel" && Self.isToken(name) {
            let value = parameters[name] ?? ""
            text += value.isEmpty ? "; \(name)" : "; \(name)=" + Self.quoted(value)
        }
        return text
    }

    /// A quoted-string (RFC 9110 §5.6.4): the value between double quotes, `"` and `\` escaped with `\`.
    ///
    /// - Parameter value: The raw value.
    /// - Returns: The quoted text.
    static func quoted(_ value: String) -> String {
        var text = "\""
        for character in value {
            if character == "\"" || character == "\\" { text.append("\\") }
            text.append(character)
        }
        return text + "\""
    }

    /// Whether a parameter name is an RFC 9110 token: letters, digits and ``!#$%&'*+-.^_`|~``.
    ///
    /// - Parameter name: The name.
    /// - Returns: `true` if it can be written unquoted.
    static func isToken(_ name: String) -> Bool {
        !name.isEmpty
            && name.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"):
                    return true
                default:
                    return "!#$%&'*+-.^_`|~".utf8.contains(byte)
                }
            }
    }
}

extension LinkHeader {
    /// All links as one field value, comma-separated, in order.
    ///
    /// ```swift
    /// LinkHeader(links: [.init(target: selfURL, relations: ["self"])]).fieldValue
    /// // <https://x.okta.com/api/v1/users?limit=2>; rel="self"
    /// ```
    public var fieldValue: String { links.map(\.fieldValue).joined(separator: ", ") }

    /// One `Link` header field per link, in order, as Okta sends pagination links.
    ///
    /// Parsing the result with `LinkHeader(_:relativeTo:)` gives back equal links.
    public var headerFields: HTTPFields {
        var fields = HTTPFields()
        for link in links { fields.append(HTTPField(name: .webLink, value: link.fieldValue)) }
        return fields
    }
}
