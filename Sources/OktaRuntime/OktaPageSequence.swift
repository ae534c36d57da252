import Foundation

/// All elements of a paginated Okta list, fetched page by page as they are consumed.
///
/// Okta paginates with a `Link: <…?after=cursor&limit=n>; rel="next"` response header. The sequence is built from a
/// closure that fetches one page; it calls it with `nil` for the first page, then with each `next` link, and
/// stops when
/// - a page has no `next` link,
/// - a page is empty (that page ends iteration and is not yielded by ``pages``), or
/// - a `next` link repeats one already followed (a server-side loop; the page that carried it is still yielded).
///
/// Each call to `makeAsyncIterator()` starts over from the first page. Iteration is cancellable: before each
/// page is fetched the iterator checks for task cancellation and throws `CancellationError`. An error thrown by the
/// fetch closure ends iteration and is rethrown.
///
/// ```swift
/// let users = OktaPageSequence<User> { nextURL in
///     let after = nextURL.flatMap { LinkHeader.cursor(in: $0) }
///     let (users, metadata) = try await client.listUsers(after: after, limit: 200)
///     return OktaPage(items: users, links: metadata.links)
/// }
/// for try await user in users { print(user.id) }
/// for try await page in users.pages { print(page.items.count) }
/// ```
public struct OktaPageSequence<Element: Sendable>: AsyncSequence, Sendable {
    /// Fetches one page: `nil` for the first, then the previous page's `next` link.
    public typealias PageFetcher = @Sendable (_ nextURL: URL?) async throws -> Page

    /// A page of this sequence's elements.
    public typealias Page = OktaPage<Element>

    /// Fetches one page.
    private let fetchPage: PageFetcher

    /// Makes a sequence that follows `next` links.
    ///
    /// - Parameter fetchPage: Fetches a page: the first for `nil`, otherwise the one at the given `next` link.
    public init(fetchPage: @escaping PageFetcher) { self.fetchPage = fetchPage }

    /// Makes a sequence that passes the `after` cursor of each `next` link to `fetchPage`, for clients that take
    /// the cursor as a parameter rather than a URL.
    ///
    /// - Parameters:
    ///   - cursorName: The query parameter holding the cursor; `after` for Okta.
    ///   - fetchPage: Fetches a page: the first for `nil`, otherwise the one after the given cursor.
    /// - Note: A `next` link without the cursor parameter makes iteration throw ``OktaPagingError/missingCursor(_:)``
    ///   rather than silently restart from the first page.
    public init(
        cursorName: String = "after",
        fetchPageAfter fetchPage: @escaping @Sendable (_ after: String?) async throws -> OktaPage<Element>
    ) {
        self.init { nextURL in
            guard let nextURL else { return try await fetchPage(nil) }
            guard let cursor = LinkHeader.cursor(named: cursorName, in: nextURL) else {
                throw OktaPagingError.missingCursor(nextURL)
            }
            return try await fetchPage(cursor)
        }
    }

    /// Makes an iterator that starts from the first page.
    ///
    /// - Returns: The iterator.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(pages: pages.makeAsyncIterator())
    }

    /// The pages themselves rather than their elements, for callers that want page-level control.
    public var pages: Pages { Pages(fetchPage: fetchPage) }

    /// Iterates over the elements of every page, in order.
    public struct AsyncIterator: AsyncIteratorProtocol {
        /// The pages still to come.
        private var pages: Pages.AsyncIterator
        /// The items of the current page.
        private var buffer: [Element] = []
        /// The position of the next element in `buffer`.
        private var bufferIndex = 0

        /// Makes an iterator over the elements of `pages`.
        ///
        /// - Parameter pages: An iterator over the pages.
        init(pages: Pages.AsyncIterator) { self.pages = pages }

        /// The next element, fetching the next page when the current one is used up.
        ///
        /// - Returns: The element, or `nil` after the last one.
        /// - Throws: `CancellationError` if the task is cancelled before a fetch, or the fetch closure's error.
        public mutating func next() async throws -> Element? {
            while bufferIndex == buffer.count {
                guard let page = try await pages.next() else { return nil }
                buffer = page.items
                bufferIndex = 0
            }
            defer { bufferIndex += 1 }
            return buffer[bufferIndex]
        }
    }

    /// The pages of the list; see ``OktaPageSequence`` for when iteration stops.
    public struct Pages: AsyncSequence, Sendable {
        /// Fetches one page.
        private let fetchPage: PageFetcher

        /// Makes the page sequence.
        ///
        /// - Parameter fetchPage: Fetches one page.
        init(fetchPage: @escaping PageFetcher) { self.fetchPage = fetchPage }

        /// Makes an iterator that starts from the first page.
        ///
        /// - Returns: The iterator.
        public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(fetchPage: fetchPage) }

        /// Iterates over the non-empty pages, in order.
        public struct AsyncIterator: AsyncIteratorProtocol {
            /// Fetches one page.
            private let fetchPage: PageFetcher
            /// The link to fetch next (`nil` for the first page).
            private var nextURL: URL?
            /// Whether iteration has ended.
            private var isFinished = false
            /// The `next` links already followed, to detect loops.
            private var followed: Set<String> = []

            /// Makes an iterator.
            ///
            /// - Parameter fetchPage: Fetches one page.
            init(fetchPage: @escaping PageFetcher) { self.fetchPage = fetchPage }

            /// Fetches the next page.
            ///
            /// - Returns: The page, or `nil` once the list is exhausted.
            /// - Throws: `CancellationError` if the task is cancelled, or the fetch closure's error.
            public mutating func next() async throws -> Page? {
                guard !isFinished else { return nil }
                let page: Page
                do {
                    try Task.checkCancellation()
                    page = try await fetchPage(nextURL)
                } catch {
                    isFinished = true
                    throw error
                }
                guard !page.items.isEmpty else {
                    isFinished = true
                    return nil
                }
                if let next = page.next, followed.insert(next.absoluteString).inserted {
                    nextURL = next
                } else {
                    isFinished = true
                }
                return page
            }
        }
    }
}
