/// Turns spec prose into `///` comment lines.
enum DocComments {
    /// `///` lines for a text: one per source line, trailing spaces removed, blank lines kept as `///`, leading and
    /// trailing blank lines dropped.
    static func lines(_ text: String?) -> [String] {
        guard var text, !text.isEmpty else { return [] }
        // Works on UTF-8 bytes: a line break, a space, a tab and a carriage return are single ASCII bytes, never part of
        // a multi-byte sequence, so splitting and trimming at them keeps every other character whole.
        var lines: [String] = []
        text.withUTF8 { bytes in
            var start = 0
            var index = 0
            var buffer: [UInt8] = []
            func finish(_ end: Int) {
                var last = end
                while last > start, bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09 || bytes[last - 1] == 0x0D {
                    last -= 1
                }
                guard last > start else {
                    lines.append("///")
                    return
                }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<last])
                if !line.contains(0x09) {
                    // No tab to widen: "/// " and the line, written once into a string of the right size.
                    lines.append(String(unsafeUninitializedCapacity: line.count + 4) { target in
                        target[0] = 0x2F
                        target[1] = 0x2F
                        target[2] = 0x2F
                        target[3] = 0x20
                        _ = UnsafeMutableBufferPointer(rebasing: target[4...]).initialize(from: line)
                        return line.count + 4
                    })
                    return
                }
                buffer.removeAll(keepingCapacity: true)
                buffer.append(0x2F)
                buffer.append(0x2F)
                buffer.append(0x2F)
                buffer.append(0x20)
                for byte in line {
                    if byte == 0x09 {
                        for _ in 0..<4 { buffer.append(0x20) }
                    } else {
                        buffer.append(byte)
                    }
                }
                lines.append(String(decoding: buffer, as: UTF8.self))
            }
            while index < bytes.count {
                if bytes[index] == 0x0A {
                    finish(index)
                    start = index + 1
                }
                index += 1
            }
            finish(bytes.count)
        }
        let first = lines.firstIndex { $0 != "///" } ?? lines.endIndex
        let last = lines.lastIndex { $0 != "///" }.map { $0 + 1 } ?? first
        return first < last ? Array(lines[first..<last]) : []
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
        guard let text else { return "" }
        // The first non-empty line, without trailing spaces (bytes, as in `lines`).
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count, bytes[start] == 0x0A { start += 1 }
        var end = start
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        while end > start, bytes[end - 1] == 0x20 { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
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
    ///
    /// On UTF-8 bytes: every character escaped is ASCII, and every byte of a multi-byte character is >= 0x80, so the
    /// others are copied as they are.
    var swiftLiteral: String {
        var result: [UInt8] = [UInt8(ascii: "\"")]
        result.reserveCapacity(utf8.count + 2)
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): result += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): result += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): result += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): result += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): result += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20, 0x7F: result += Array("\\u{\(String(byte, radix: 16))}".utf8)
            default: result.append(byte)
            }
        }
        result.append(UInt8(ascii: "\""))
        return String(decoding: result, as: UTF8.self)
    }
}
