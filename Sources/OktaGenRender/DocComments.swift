import OktaGenIR

/// Turns spec prose into `///` comment lines, through ``SwiftCommentText`` (SwiftSource.swift).
///
/// Okta's prose is cleaned on the way (``prose(_:)``): its `<x-lifecycle>` badges (HTML elements of its documentation
/// site, which no Swift documentation viewer renders) become words, and links relative to its documentation site
/// become absolute, so that they open from Xcode's Quick Help and DocC.
struct DocComments {
    /// Where links written as `](/path)` point: `/docs/…` against `site`, anything else against `api`; `nil` when
    /// the spec's site is unknown (relative links are then left as written).
    var linkBase: (api: String, site: String)?

    /// Okta's documentation site, for a spec whose servers are Okta's (`https://{yourOktaDomain}` with an
    /// `okta.com` default, or an `okta.com` URL).
    init(model: IRModel) {
        let okta = model.source.servers.contains { server in
            Self.isOktaHost(server.url) || server.variables.contains { Self.isOktaHost($0.defaultValue) }
        }
        linkBase = okta ? ("https://developer.okta.com/docs/api", "https://developer.okta.com") : nil
    }

    init(linkBase: (api: String, site: String)? = nil) {
        self.linkBase = linkBase
    }

    static func isOktaHost(_ text: String) -> Bool {
        text.containsUTF8("okta.com") || text.containsUTF8("oktapreview.com")
    }

    /// `///` lines for a text: one per source line (split at every line break Swift or an editor honours), trailing
    /// spaces removed, tabs widened, blank lines kept as `///`, leading and trailing blank lines dropped.
    func lines(_ text: String?) -> [SwiftCode] {
        guard let text, !text.isEmpty else { return [] }
        return SwiftCode.docCommentLines(prose(text))
    }

    /// Okta's lifecycle badges as words (`<x-lifecycle class="ea"></x-lifecycle>` → `(Early Access)`, their
    /// `<x-lifecycle-container>` dropped) and `](/path)` links made absolute against ``linkBase``. Text without
    /// either comes back as it is, without a copy.
    func prose(_ text: String) -> String {
        var text = text
        if text.containsUTF8("<x-lifecycle") {
            text = text.replacingOccurrences(of: "<x-lifecycle-container>", with: "")
                .replacingOccurrences(of: "</x-lifecycle-container>", with: "")
            var result = ""
            var rest = text[...]
            while let open = rest.firstUTF8Range(of: "<x-lifecycle class=\""),
                let close = rest[open.upperBound...].firstUTF8Range(of: "</x-lifecycle>")
            {
                result += rest[..<open.lowerBound]
                let inside = rest[open.upperBound..<close.lowerBound]
                let stage = inside.prefix { $0 != "\"" }
                result += "(" + Self.stageName(String(stage)) + ")"
                rest = rest[close.upperBound...]
                // The badge stood before the text it marks: keep them apart.
                if let next = rest.first, !next.isWhitespace, !".,;:)".contains(next), !rest.hasPrefix("<x-lifecycle") {
                    result += " "
                }
            }
            text = result + rest
        }
        if let linkBase, text.containsUTF8("](/") {
            var result = ""
            var rest = text[...]
            while let link = rest.firstUTF8Range(of: "](/") {
                result += rest[..<link.lowerBound] + "]("
                let path = rest[rest.index(before: link.upperBound)...]
                result += path.hasPrefix("/docs/") ? linkBase.site : linkBase.api
                rest = path
            }
            text = result + rest
        }
        return text
    }

    /// What Okta's badge classes and `x-okta-lifecycle` stages mean.
    static func stageName(_ stage: String) -> String {
        switch stage.lowercased() {
        case "ea": "Early Access"
        case "oie": "Identity Engine"
        case "limited_ga": "Limited GA"
        case "ga": "GA"
        case "tombstone": "Retired"
        default: String(stage.prefix(40))
        }
    }

    /// The longest tag description written whole; a longer one (Okta's `User` tag has 133 lines, tables and images
    /// included) is cut to its first paragraph and a link to the tag's page in Okta's API reference, since the same
    /// text heads both the client's API group and the server's handler protocol. Without a known site it is kept
    /// whole.
    static let longTagDescriptionLines = 20

    /// `///` lines for a tag's API group or handler: its description, or its first paragraph and a link (see
    /// ``longTagDescriptionLines``).
    func tagLines(name: String, description: String?) -> [SwiftCode] {
        let all = lines(description)
        guard all.count > Self.longTagDescriptionLines, let linkBase, let text = description else { return all }
        // Lines split at LF bytes, not `Character`s (a generic split cost 1.7 M instructions per long description).
        let paragraph = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .lazy.map { Substring($0) }
            .prefix { !$0.allSatisfy(\.isWhitespace) }
            .prefix(Self.longTagDescriptionLines)
            .joined(separator: "\n")
        // The tag as a URL path segment: unreserved ASCII kept, every other byte percent-encoded.
        let hex = Array("0123456789ABCDEF")
        var slug = ""
        for byte in name.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80,
                Character(scalar).isLetter || Character(scalar).isNumber || "-_.~".unicodeScalars.contains(scalar)
            {
                slug.unicodeScalars.append(scalar)
            } else {
                slug += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
            }
        }
        return lines(paragraph) + [
            "///",
            .docComment(
                SwiftCommentText(
                    "More in Okta's API reference: \(linkBase.api)/openapi/okta-management/management/tag/\(slug)/")),
        ]
    }

    /// A note on an operation's release stage (`x-okta-lifecycle`), for stages other than GA.
    static func lifecycleNote(_ stage: String?) -> String? {
        switch stage?.uppercased() {
        case "EA"?:
            "Early Access: available only in orgs where the feature is turned on (Settings → Features)."
        case "LIMITED_GA"?: "Limited GA: available only to some orgs; ask Okta support to enable it."
        case "TOMBSTONE"?: "Retired: Okta has removed this operation; calls fail."
        case nil, "GA"?: nil
        case let other?: "Release stage: \(other)."
        }
    }

    /// Summary, description and a `- Parameters:` list.
    func operationLines(
        summary: String?, description: String?, parameters: [(name: SwiftIdentifier, text: String?)],
        lifecycle: String? = nil, returns: SwiftCommentText?, throwsText: SwiftCommentText?
    ) -> [SwiftCode] {
        var result = lines(summary)
        let body = lines(description)
        if !body.isEmpty, !result.isEmpty { result.append("///") }
        result += body
        if let note = Self.lifecycleNote(lifecycle) {
            if !result.isEmpty { result.append("///") }
            result += SwiftCode.docCommentLines("- Note: " + note)
        }
        let documented = parameters.filter { $0.text != nil }
        if !documented.isEmpty || returns != nil || throwsText != nil {
            if !result.isEmpty { result.append("///") }
        }
        if !documented.isEmpty {
            result.append("/// - Parameters:")
            for parameter in documented {
                result.append(.docComment("  - \(parameter.name): \(Self.firstLine(parameter.text.map(prose)))"))
            }
        }
        if let returns { result.append(.docComment("- Returns: \(returns)")) }
        if let throwsText { result.append(.docComment("- Throws: \(throwsText)")) }
        return result
    }

    /// `@available(*, deprecated, message: "…")` with the first line of the description as its message (a string
    /// literal: ``SwiftStringLiteral``), or a plain one when there is no description.
    func deprecationAttribute(_ description: String?) -> SwiftCode {
        // Only the first line is used: translate that, not the whole description (most properties have one).
        let line = prose(Self.firstLine(description).text)
        guard !line.isEmpty else { return "@available(*, deprecated, message: \"Deprecated in the API description.\")" }
        return "@available(*, deprecated, message: \(SwiftStringLiteral(String(line.prefix(200)))))"
    }

    /// The first line of a text after any leading line breaks, for one-line parameter docs.
    static func firstLine(_ text: String?) -> SwiftCommentText {
        guard let text else { return "" }
        let scalars = text.unicodeScalars
        let start = scalars.firstIndex { !SwiftCommentText.isLineBreak($0) } ?? scalars.endIndex
        // Only the first line is split and rewritten, not the whole text (every property's description is asked).
        let end = scalars[start...].firstIndex(where: SwiftCommentText.isLineBreak) ?? scalars.endIndex
        return SwiftCommentText.lines(String(scalars[start..<end])).first ?? ""
    }
}

extension String {
    /// Whether `needle` occurs, compared byte for byte in UTF-8. Not `contains(_:)`: with Foundation in the module,
    /// that is Foundation's, which bridges to `NSString` on Linux and made every doc comment cost more than its
    /// rendering (a quarter of the whole spec's instructions, measured with callgrind).
    func containsUTF8(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { text in
            needle.withUTF8 { pattern in
                guard let first = pattern.first else { return true }
                guard pattern.count <= text.count else { return false }
                var start = 0
                let last = text.count - pattern.count
                while start <= last {
                    if text[start] == first {
                        var matched = 1
                        while matched < pattern.count, text[start + matched] == pattern[matched] { matched += 1 }
                        if matched == pattern.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }

    /// Where `needle` first occurs, compared byte for byte in UTF-8; see ``Substring/firstUTF8Range(of:)``.
    func firstUTF8Range(of needle: String) -> Range<String.Index>? {
        self[...].firstUTF8Range(of: needle)
    }

    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return components(separatedBy: target).joined(separator: replacement)
    }

    func components(separatedBy separator: String) -> [String] {
        var result: [String] = []
        var rest = self[...]
        while let range = rest.firstUTF8Range(of: separator) {
            result.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        result.append(String(rest))
        return result
    }
}

extension Substring {
    /// Where `needle` first occurs, compared byte for byte in UTF-8. Not `firstRange(of:)`: the string-processing
    /// library's generic search compares `Character`s and cost about 100 times more on Okta's prose (callgrind).
    /// The range is on Unicode scalar boundaries (UTF-8 cannot match mid-scalar), which is all slicing needs.
    func firstUTF8Range(of needle: String) -> Range<String.Index>? {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return startIndex..<startIndex }
        let view = utf8
        let found: Int?? = view.withContiguousStorageIfAvailable { text -> Int? in
            guard pattern.count <= text.count else { return nil }
            var start = 0
            let last = text.count - pattern.count
            while start <= last {
                if text[start] == first {
                    var matched = 1
                    while matched < pattern.count, text[start + matched] == pattern[matched] { matched += 1 }
                    if matched == pattern.count { return start }
                }
                start += 1
            }
            return nil
        }
        let offset: Int?
        if let found {
            offset = found
        } else {
            // Not contiguous UTF-8 (a bridged string): walk the view.
            offset = view.indices.firstIndex { index in view[index...].starts(with: pattern) }
                .map { view.distance(from: view.startIndex, to: $0) }
        }
        guard let offset else { return nil }
        let lower = view.index(view.startIndex, offsetBy: offset)
        return lower..<view.index(lower, offsetBy: pattern.count)
    }
}
