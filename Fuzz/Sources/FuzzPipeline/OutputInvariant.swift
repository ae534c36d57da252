import OktaGenIR

/// The property FuzzPipeline checks on every input that generates: no spec text runs as code.
///
/// swift-syntax is too slow to parse every fuzzed output, so the harness checks an invariant a small lexer can decide,
/// which the generator's escaping layer (Sources/OktaGenRender/SwiftSource.swift) guarantees and which together
/// implies the property:
///
/// 1. No raw character that ends a line for Swift or an editor other than LF (CR, VT, FF, NEL, LS, PS), no other
///    control character but tab, and no bidirectional or invisible format character, anywhere in a file. So the lines
///    split at LF are the lines the compiler and a reviewer see.
/// 2. Each line lexes as code, `"…"` string literals (with `\` escapes) that close on the same line, and at most one
///    `//` comment running to the line's end. The generator writes no block comment, multi-line literal or raw string,
///    so `/*`, `"""` and `#"` in code are violations too.
/// 3. No line of prose from the spec (descriptions, summaries, title, version, tag names, 16 bytes or more with a space
///    in them) appears in the code part of any line: prose can only be in comments or literals. (The prose of a
///    mutated spec practically never equals a piece of the generator's code; a finding here is worth a look either
///    way.)
///
/// A violation traps, so libFuzzer records the input as a crash.
enum OutputInvariant {
    static func check(_ files: [String: String], model: IRModel) {
        let prose = proseLines(model)
        for (path, text) in files {
            for scalar in text.unicodeScalars where isForbidden(scalar) {
                fail(path, "raw U+\(String(scalar.value, radix: 16, uppercase: true)) in the output")
            }
            for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                let code = codePart(Array(line), path: path)
                guard code.count >= 16 else { continue }
                let codeText = String(decoding: code, as: UTF8.self)
                for piece in prose where codeText.contains(piece) {
                    fail(
                        path,
                        "spec text outside a comment or literal: \(piece.debugDescription) in \(codeText.debugDescription)"
                    )
                }
            }
        }
    }

    static func fail(_ path: String, _ message: String) -> Never {
        fatalError("FuzzPipeline output invariant: \(path): \(message)")
    }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x08, 0x0B...0x1F, 0x7F...0x9F, 0x061C, 0x180E, 0x200B...0x200F, 0x2028...0x202E,
            0x2060...0x206F, 0xFEFF, 0xFFF9...0xFFFB:
            true
        default: false
        }
    }

    /// The bytes of a line outside its comment and string literals (a space stands for each literal); traps on a
    /// block comment, a multi-line or raw literal, or a literal that does not close on its line.
    static func codePart(_ line: [UInt8], path: String) -> [UInt8] {
        var code: [UInt8] = []
        var index = 0
        let quote = UInt8(ascii: "\"")
        let slash = UInt8(ascii: "/")
        let star = UInt8(ascii: "*")
        while index < line.count {
            let byte = line[index]
            let next: UInt8? = index + 1 < line.count ? line[index + 1] : nil
            if byte == slash, next == slash { break }
            if byte == slash, next == star { fail(path, "a block comment: \(String(decoding: line, as: UTF8.self))") }
            if byte == UInt8(ascii: "#"), next == quote {
                fail(path, "a raw string: \(String(decoding: line, as: UTF8.self))")
            }
            guard byte == quote else {
                code.append(byte)
                index += 1
                continue
            }
            if next == quote, index + 2 < line.count, line[index + 2] == quote {
                fail(path, "a multi-line literal: \(String(decoding: line, as: UTF8.self))")
            }
            // A string literal: to its closing quote, skipping escaped characters.
            index += 1
            var closed = false
            while index < line.count {
                if line[index] == UInt8(ascii: "\\") {
                    index += 2
                    continue
                }
                if line[index] == quote {
                    closed = true
                    index += 1
                    break
                }
                index += 1
            }
            if !closed { fail(path, "a literal that does not close: \(String(decoding: line, as: UTF8.self))") }
            code.append(UInt8(ascii: " "))
        }
        return code
    }

    /// Lines of prose from the spec: 16 bytes or more, with a space, trimmed.
    static func proseLines(_ model: IRModel) -> [String] {
        var texts: [String?] = [model.source.title, model.source.version, model.source.description]
        for tag in model.tags { texts += [tag.name, tag.description] }
        for operation in model.operations {
            texts += [operation.summary, operation.description, operation.requestBody?.description]
            texts += operation.parameters.map(\.description)
        }
        for type in model.types {
            texts.append(type.description)
            if case .object(let object) = type.kind { texts += object.properties.map(\.description) }
        }
        var lines: Set<String> = []
        for case let text? in texts {
            var current = ""
            func flush() {
                let trimmed = current.trimmingCharacters(in: " \t")
                if trimmed.utf8.count >= 16, trimmed.contains(" ") { lines.insert(trimmed) }
                current = ""
            }
            for scalar in text.unicodeScalars {
                switch scalar.value {
                case 0x0A...0x0D, 0x85, 0x2028, 0x2029: flush()
                default: current.unicodeScalars.append(scalar)
                }
            }
            flush()
        }
        return lines.sorted()
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, set.unicodeScalars.contains(first) { scalars.removeFirst() }
        while let last = scalars.last, set.unicodeScalars.contains(last) { scalars.removeLast() }
        return String(scalars)
    }
}
