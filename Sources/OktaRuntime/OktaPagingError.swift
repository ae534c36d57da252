import Foundation

/// Errors of ``OktaPageSequence``.
public enum OktaPagingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A `next` link lacked the cursor parameter a cursor-based page fetcher needs.
    case missingCursor(URL)

    /// A description naming the link.
    public var description: String {
        switch self {
        case .missingCursor(let url): "The next-page link \(url.absoluteString) has no pagination cursor."
        }
    }
}
