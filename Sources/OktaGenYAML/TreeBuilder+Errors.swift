import CYAML
import OktaGenDiagnostics

extension TreeBuilder {
    func parserError(_ parser: inout yaml_parser_t, _ buffer: UnsafeBufferPointer<UInt8>) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        if parser.error == YAML_READER_ERROR {
            let offset = min(parser.problem_offset, buffer.count)
            let (line, column) = Self.lineColumn(of: offset, in: buffer)
            var message = "invalid "
            if problem.hasPrefix("control characters") {
                message += "character"
            } else if parser.encoding == YAML_UTF16LE_ENCODING || parser.encoding == YAML_UTF16BE_ENCODING {
                message += "UTF-16"
            } else {
                message += "UTF-8"
            }
            message += ": \(problem)"
            if problem.hasPrefix("control characters") {
                message += " (" + codePoint(parser.problem_value) + ")"
            } else if parser.problem_value >= 0, parser.problem_value <= 0xFF {
                message += " (byte 0x" + hex(UInt8(parser.problem_value)) + ")"
            } else if parser.problem_value > 0xFF {
                message += " (code point " + codePoint(parser.problem_value) + ")"
            }
            // libyaml decodes ahead of the parser, so the open collection says nothing about where the byte is.
            return Diagnostic(.error, message, at: SourceLocation(file: path, line: line, column: column), pointer: nil)
        }
        if parser.error == YAML_MEMORY_ERROR {
            return Diagnostic(.error, "libyaml ran out of memory", at: nil, pointer: nil)
        }
        var message = "invalid YAML: \(problem)"
        if problem == "found character that cannot start any token",
            let found = Self.scalar(atIndex: parser.problem_mark.index, in: buffer)
        {
            // libyaml does not say which character; a tab is by far the most common one (YAML forbids tab indents).
            message =
                found == "\t"
                ? "invalid YAML: found a tab, which cannot start any token (indent YAML with spaces, not tabs)"
                : "invalid YAML: found '\(found)', which cannot start any token"
            if found != "\t" { message += " (quote the value if it is text)" }
            return Diagnostic(.error, message, at: location(parser.problem_mark), pointer: openPointer())
        }
        if let context = parser.context.map({ String(cString: $0) }) {
            let contextMark = parser.context_mark
            message += " \(context) (started at \(contextMark.line + 1):\(contextMark.column + 1))"
        }
        return Diagnostic(.error, message, at: location(parser.problem_mark), pointer: openPointer())
    }

    /// The Unicode scalar at a libyaml mark's index (counted in characters, after any byte order mark) of UTF-8
    /// input, or `nil` for UTF-16 input or an index past the end.
    static func scalar(atIndex index: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        var start = 0
        if buffer.count >= 2, buffer[0] == 0xFF && buffer[1] == 0xFE || buffer[0] == 0xFE && buffer[1] == 0xFF {
            return nil
        }
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
        var remaining = index
        var iterator = UnsafeBufferPointer(rebasing: buffer[start...]).makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if remaining == 0 { return scalar }
                remaining -= 1
            case .emptyInput, .error:
                return nil
            }
        }
    }

    /// 1-based line and column (in Unicode scalars) of a byte offset, in UTF-8 or (after its byte order mark) UTF-16.
    static func lineColumn(of offset: Int, in buffer: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        var line = 1
        var column = 1
        var index = 0
        let isUTF16 =
            buffer.count >= 2
            && (buffer[0] == 0xFF && buffer[1] == 0xFE || buffer[0] == 0xFE && buffer[1] == 0xFF)
        if isUTF16 {
            let littleEndian = buffer[0] == 0xFF
            index = 2
            while index < offset, index + 1 < buffer.count {
                let unit =
                    littleEndian
                    ? UInt16(buffer[index]) | UInt16(buffer[index + 1]) << 8
                    : UInt16(buffer[index]) << 8 | UInt16(buffer[index + 1])
                if unit == 0x0A {
                    line += 1
                    column = 1
                } else if !(0xDC00...0xDFFF).contains(unit) {
                    column += 1  // a low surrogate completes the character its high surrogate counted
                }
                index += 2
            }
            return (line, column)
        }
        // A UTF-8 byte order mark takes no column (libyaml skips it too).
        if offset >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { index = 3 }
        while index < offset {
            let byte = buffer[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return (line, column)
    }
}

/// `U+0001`, `U+D800`: a code point as Unicode writes it (at least four hex digits).
private func codePoint(_ value: Int32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

private func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
}
