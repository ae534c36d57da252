/// Turns spec prose into `///` comment lines, through ``SwiftCommentText`` (SwiftSource.swift).
enum DocComments {
    /// `///` lines for a text: one per source line (split at every line break Swift or an editor honours), trailing
    /// spaces removed, tabs widened, blank lines kept as `///`, leading and trailing blank lines dropped.
    static func lines(_ text: String?) -> [SwiftCode] {
        guard let text, !text.isEmpty else { return [] }
        return SwiftCode.docCommentLines(text)
    }

    /// Summary, description and a `- Parameters:` list.
    static func operationLines(
        summary: String?, description: String?, parameters: [(name: SwiftIdentifier, text: String?)],
        returns: SwiftCommentText?, throwsText: SwiftCommentText?
    ) -> [SwiftCode] {
        var result = lines(summary)
        let body = lines(description)
        if !body.isEmpty, !result.isEmpty { result.append("///") }
        result += body
        let documented = parameters.filter { $0.text != nil }
        if !documented.isEmpty || returns != nil || throwsText != nil {
            if !result.isEmpty { result.append("///") }
        }
        if !documented.isEmpty {
            result.append("/// - Parameters:")
            for parameter in documented {
                result.append(.docComment("  - \(parameter.name): \(firstLine(parameter.text))"))
            }
        }
        if let returns { result.append(.docComment("- Returns: \(returns)")) }
        if let throwsText { result.append(.docComment("- Throws: \(throwsText)")) }
        return result
    }

    /// `@available(*, deprecated, message: "…")` with the first line of the description as its message (a string
    /// literal: ``SwiftStringLiteral``), or a plain one when there is no description.
    static func deprecationAttribute(_ description: String?) -> SwiftCode {
        let line = firstLine(description).text
        guard !line.isEmpty else { return "@available(*, deprecated, message: \"Deprecated in the API description.\")" }
        return "@available(*, deprecated, message: \(SwiftStringLiteral(String(line.prefix(200)))))"
    }

    /// The first line of a text after any leading line breaks, for one-line parameter docs.
    static func firstLine(_ text: String?) -> SwiftCommentText {
        guard let text else { return "" }
        let start = text.unicodeScalars.firstIndex { !SwiftCommentText.isLineBreak($0) } ?? text.endIndex
        return SwiftCommentText.lines(String(text[start...])).first ?? ""
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return components(separatedBy: target).joined(separator: replacement)
    }

    func components(separatedBy separator: String) -> [String] {
        var result: [String] = []
        var rest = self[...]
        while let range = rest.firstRange(of: separator) {
            result.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        result.append(String(rest))
        return result
    }
}
