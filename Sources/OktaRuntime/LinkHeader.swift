import Foundation
import HTTPTypes

/// The links of one or more RFC 8288 `Link` header fields, as Okta uses them for pagination.
///
/// ```swift
/// let links = LinkHeader(response.headerFields)
/// links.next        // https://x.okta.com/api/v1/users?after=00u1&limit=2
/// links.nextCursor  // "00u1"
/// ```
///
/// Parsing never fails and never traps: malformed entries are skipped, the rest is kept. Relation types are
/// compared case-insensitively and a `rel` with several space-separated types (`rel="next last"`) counts for each.
/// Relative targets are resolved against the base URL given at parsing, or dropped if there is none and
/// Foundation cannot make a `URL` of them.
public struct LinkHeader: Sendable, Hashable {
    /// One link: a target and its parameters.
    public struct Link: Sendable, Hashable {
        /// The target, absolute if a base URL was given at parsing.
        public var target: URL
        /// The relation types from `rel`, lowercased, in order (empty if there was no `rel`).
        public var relations: [String]
        /// All parameters by lowercased name, values unquoted; for a repeated parameter the first occurrence wins.
        public var parameters: [String: String]

        /// Makes a link.
        ///
        /// - Parameters:
        ///   - target: The target URL.
        ///   - relations: The relation types; lowercased here.
        ///   - parameters: Further parameters by name; names lowercased here.
        public init(target: URL, relations: [String], parameters: [String: String] = [:]) {
            self.target = target
            self.relations = relations.map { $0.lowercased() }
            self.parameters = Dictionary(parameters.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
        }

        /// Whether the link has a relation type, compared case-insensitively.
        ///
        /// - Parameter relation: A relation type such as `next`.
        /// - Returns: `true` if `relation` is among ``relations``.
        public func hasRelation(_ relation: String) -> Bool {
            relations.contains(relation.lowercased())
        }
    }

    /// The links in header order.
    public var links: [Link]

    /// Makes a header from links.
    ///
    /// - Parameter links: The links in order.
    public init(links: [Link] = []) { self.links = links }

    /// Parses one field value, which may hold several comma-separated links.
    ///
    /// - Parameters:
    ///   - fieldValue: For example `<https://x.okta.com/api/v1/users?after=00u1>; rel="next"`.
    ///   - baseURL: The URL relative targets are resolved against, normally the request URL.
    public init(_ fieldValue: String, relativeTo baseURL: URL? = nil) {
        self.init(fieldValues: [fieldValue], relativeTo: baseURL)
    }

    /// Parses several field values, as they appear in repeated `Link` fields, in order.
    ///
    /// - Parameters:
    ///   - fieldValues: The field values.
    ///   - baseURL: The URL relative targets are resolved against, normally the request URL.
    public init(fieldValues: some Sequence<String>, relativeTo baseURL: URL? = nil) {
        links = fieldValues.flatMap { LinkHeaderParser.parse($0, relativeTo: baseURL) }
    }

    /// Parses every `Link` field of a message.
    ///
    /// - Parameters:
    ///   - headerFields: The header fields of a response.
    ///   - baseURL: The URL relative targets are resolved against, normally the request URL.
    public init(_ headerFields: HTTPFields, relativeTo baseURL: URL? = nil) {
        self.init(fieldValues: headerFields[values: .webLink], relativeTo: baseURL)
    }

    /// The target of the first link with a relation type.
    ///
    /// - Parameter relation: A relation type, compared case-insensitively.
    /// - Returns: The target, or `nil` if no link has that relation.
    public func relation(_ relation: String) -> URL? {
        links.first { $0.hasRelation(relation) }?.target
    }

    /// All links with a relation type.
    ///
    /// - Parameter relation: A relation type, compared case-insensitively.
    /// - Returns: The matching links in header order.
    public func links(withRelation relation: String) -> [Link] {
        links.filter { $0.hasRelation(relation) }
    }

    /// The `rel="next"` target: the next page, absent on the last page.
    public var next: URL? { relation("next") }

    /// The `rel="prev"` (or `rel="previous"`) target.
    public var previous: URL? { relation("prev") ?? relation("previous") }

    /// The `rel="self"` target: the page just fetched.
    ///
    /// Named `selfURL` because `header.self` is Swift's postfix self-expression.
    public var selfURL: URL? { relation("self") }

    /// The `after` cursor of the next link, the value to pass as `after` to fetch the next page.
    public var nextCursor: String? { next.flatMap { Self.cursor(in: $0) } }

    /// Reads a pagination cursor from a URL's query.
    ///
    /// - Parameters:
    ///   - name: The query parameter; Okta uses `after`.
    ///   - url: A link target.
    /// - Returns: The percent-decoded value of the first such parameter, or `nil` if there is none.
    public static func cursor(named name: String = "after", in url: URL) -> String? {
        URLComponents(url: url, resolvingAgainstBaseURL: true)?.queryItems?.first { $0.name == name }?.value
    }
}
