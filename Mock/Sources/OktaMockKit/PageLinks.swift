import Foundation
import OktaRuntime

/// The `Link` header fields of a page: `rel="self"` for the request as made, `rel="next"` for the next page.
enum PageLinks {
    /// Builds the fields. The `next` link keeps every query parameter of the request and replaces `after`.
    ///
    /// - Parameters:
    ///   - request: The request of the page.
    ///   - next: The cursor of the next page; `nil` on the last page.
    /// - Returns: One `Link` field per link.
    static func headerFields(for request: HTTPRequest, next: String?) -> HTTPFields {
        let origin = UserRenderer.origin(of: request)
        let target = request.path ?? "/"
        let path = String(target.prefix { $0 != "?" })
        let query = target.firstIndex(of: "?").map { String(target[target.index(after: $0)...]) } ?? ""
        var links: [LinkHeader.Link] = []
        if let selfURL = URL(string: origin + target) {
            links.append(LinkHeader.Link(target: selfURL, relations: ["self"]))
        }
        if let next {
            var items = query.split(separator: "&", omittingEmptySubsequences: true).map(String.init)
                .filter { !$0.hasPrefix("after=") && $0 != "after" }
            items.insert("after=" + Self.encode(next), at: 0)
            if let nextURL = URL(string: origin + path + "?" + items.joined(separator: "&")) {
                links.append(LinkHeader.Link(target: nextURL, relations: ["next"]))
            }
        }
        return LinkHeader(links: links).headerFields
    }

    /// Percent-encodes a query value (everything but unreserved characters).
    private static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
