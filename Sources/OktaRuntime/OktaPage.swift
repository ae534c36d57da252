import Foundation

/// One page of a paginated list: its items and the link to the next page.
public struct OktaPage<Element> {
    /// The items of this page, in order.
    public var items: [Element]
    /// The `rel="next"` link of the response, or `nil` on the last page.
    public var next: URL?

    /// Makes a page.
    ///
    /// - Parameters:
    ///   - items: The items of the page.
    ///   - next: The next page's URL, or `nil` on the last page.
    public init(items: [Element], next: URL?) {
        self.items = items
        self.next = next
    }

    /// Makes a page whose next link comes from a response's `Link` header fields.
    ///
    /// - Parameters:
    ///   - items: The items of the page.
    ///   - links: The parsed `Link` header of the response (for example ``OktaResponseMetadata/links``).
    public init(items: [Element], links: LinkHeader) {
        self.init(items: items, next: links.next)
    }
}

extension OktaPage: Sendable where Element: Sendable {}
extension OktaPage: Equatable where Element: Equatable {}
extension OktaPage: Hashable where Element: Hashable {}
