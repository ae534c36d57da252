/// The report as a standalone HTML page.
extension APIDiff {
    /// HTML: a title, the summary, then a table of every change (severity, impact, what changed, Swift symbol, hint,
    /// spec locations), most severe first. Every text that comes from a spec or a file name is HTML-escaped.
    public var html: String {
        func escaped(_ text: String) -> String {
            var result = ""
            result.reserveCapacity(text.utf8.count)
            for character in text {
                switch character {
                case "&": result += "&amp;"
                case "<": result += "&lt;"
                case ">": result += "&gt;"
                case "\"": result += "&quot;"
                case "'": result += "&#39;"
                default: result.append(character)
                }
            }
            return result
        }
        func code(_ text: String) -> String { "<code>" + escaped(text) + "</code>" }
        /// A change's detail with all of it escaped, not only the names it quotes: statuses, media types and type
        /// descriptions come from the spec too. Quoted names are marked with private-use characters (taken out of
        /// the text first), escaped with the rest, then put in `<code>`.
        func detail(_ change: APIChange) -> String {
            let (open, close) = ("\u{F8F0}", "\u{F8F1}")
            let text = change.detail {
                open + $0.replacingOccurrences(of: open, with: "").replacingOccurrences(of: close, with: "") + close
            }
            return escaped(text).replacingOccurrences(of: open, with: "<code>").replacingOccurrences(
                of: close, with: "</code>")
        }
        var lines = [
            "<!DOCTYPE html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<title>API changes: \(escaped(title))</title>",
            "<style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
                + "padding:4px;text-align:left;vertical-align:top}.ERR{color:#b00}.WARN{color:#a60}.INFO{color:#555}"
                + "</style>",
            "</head>",
            "<body>",
            "<h1>API changes: \(escaped(title))</h1>",
            "<p>Compared \(code(old.file)) with \(code(new.file)) for "
                + (tags == ["all"] ? "every operation" : "the tags " + tags.map(code).joined(separator: ", "))
                + ".</p>",
            "<p>\(escaped(summaryLine))<br>\(escaped(impactLine))</p>",
        ]
        if changes.isEmpty {
            lines.append("<p>No changes.</p>")
        } else {
            lines.append("<table>")
            lines.append(
                "<tr><th>Severity</th><th>Impact</th><th>Change</th><th>Swift</th><th>What to do</th>"
                    + "<th>Old</th><th>New</th></tr>")
            let ordered = changes.enumerated().sorted {
                ($0.element.severity, $0.offset) < ($1.element.severity, $1.offset)
            }
            for (_, change) in ordered {
                let subject =
                    change.operation.map { "operation " + code($0) } ?? change.schema.map { "schema " + code($0) } ?? ""
                var swift = change.symbol.map(code) ?? ""
                if let old = change.oldSymbol { swift += "<br>was " + code(old) }
                lines.append(
                    "<tr class=\"\(change.severity.rawValue)\"><td>\(change.severity.rawValue)</td>"
                        + "<td>\(change.impact.rawValue)</td><td>\(subject): \(detail(change))</td><td>\(swift)</td>"
                        + "<td>\(escaped(change.hint ?? ""))</td><td>\(escaped(change.oldSource ?? ""))</td>"
                        + "<td>\(escaped(change.newSource ?? ""))</td></tr>")
            }
            lines.append("</table>")
        }
        lines += ["</body>", "</html>"]
        return lines.joined(separator: "\n") + "\n"
    }
}
