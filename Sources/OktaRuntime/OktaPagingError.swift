import Foundation

/// Errors of ``OktaPageSequence``.
public enum OktaPagingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A `next` link lacked the cursor parameter a cursor-based page fetcher needs.
    case missingCursor(URL)
    /// A `next` link that is not a valid URL, or that points at another server than the client's (following it
    /// would send the credentials there).
    case invalidNextLink(URL)

    /// A description naming the link.
    public var description: String {
        switch self {
        case .missingCursor(let url): "The next-page link \(url.absoluteString) has no pagination cursor."
        case .invalidNextLink(let url):
            "The next-page link \(url.absoluteString) is not on the client's server; it is not followed."
        }
    }
}
