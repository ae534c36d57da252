/// Turns spec prose into `///` comment lines.
enum DocComments {
    /// `///` lines for a text: one per source line, trailing spaces removed, blank lines kept as `///`, leading and
    /// trailing blank lines dropped.
    static func lines(_ text: String?) -> [String] {
        guard let text else { return [] }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var line = String(line)
            while line.last == " " || line.last == "\t" || line.last == "\r" { line.removeLast() }
            return line.replacingOccurrences(of: "\t", with: "    ")
        }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { $0.isEmpty ? "///" : "/// " + $0 }
    }

    /// Summary, description and a `- Parameters:` list.
    static func operationLines(
        summary: String?, description: String?, parameters: [(name: String, text: String?)], returns: String?,
        throwsText: String?
    ) -> [String] {
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
                let text = firstLine(parameter.text)
                result.append("///   - \(parameter.name): \(text)")
            }
        }
        if let returns { result.append("/// - Returns: \(returns)") }
        if let throwsText { result.append("/// - Throws: \(throwsText)") }
        return result
    }

    /// The first line of a text, for one-line parameter docs.
    static func firstLine(_ text: String?) -> String {
        let line = text?.split(separator: "\n").first.map(String.init) ?? ""
        var trimmed = line
        while trimmed.last == " " { trimmed.removeLast() }
        return trimmed
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

    /// A Swift string literal for the text.
    var swiftLiteral: String {
        var result = "\""
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
