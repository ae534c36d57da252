import Foundation

/// A `multipart/form-data` body (RFC 7578): named parts, each text or a file with a file name and a media type.
///
/// Buffered, not streamed: Okta's uploads (logos, theme images) are a few megabytes at most, and a generated server
/// reads at most ``OktaServerRequest/maximumBodySize``. swift-openapi-runtime's `MultipartBody` streams, but its
/// serializer is only reachable through the runtime's `@_spi(Generated)` interface, which has no stability promise;
/// this type is the small encoder and decoder the generated code needs instead (docs/SDK.md, "Media types").
public struct OktaMultipartForm: OktaRawBody, Hashable {
    /// One part.
    public struct Part: Sendable, Hashable {
        /// The form field's name.
        public var name: String
        /// The file name, for a file part.
        public var filename: String?
        /// The part's `Content-Type` (none: text).
        public var contentType: String?
        /// The part's bytes.
        public var data: Data

        /// Creates a part.
        public init(name: String, filename: String? = nil, contentType: String? = nil, data: Data) {
            self.name = name
            self.filename = filename
            self.contentType = contentType
            self.data = data
        }

        /// Creates a text part.
        public init(name: String, text: String) {
            self.init(name: name, data: Data(text.utf8))
        }

        /// The part's bytes as UTF-8 text, if they are.
        public var text: String? { String(data: data, encoding: .utf8) }
    }

    /// The parts, in order.
    public var parts: [Part]
    /// The boundary between parts on the wire: random, made when the form is (not part of its value).
    public let boundary: String

    /// Creates a form.
    /// - Parameters:
    ///   - parts: The parts.
    ///   - boundary: The boundary (default: `OktaFormBoundary` and 24 random letters and digits).
    public init(_ parts: [Part] = [], boundary: String? = nil) {
        self.parts = parts
        self.boundary = boundary ?? Self.randomBoundary()
    }

    /// The first part of a name.
    public subscript(name: String) -> Part? { parts.first { $0.name == name } }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.parts == rhs.parts }
    public func hash(into hasher: inout Hasher) { hasher.combine(parts) }

    static func randomBoundary() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return "OktaFormBoundary" + String((0..<24).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// `multipart/form-data; boundary=…`.
    public func contentType(for mediaType: String) -> String { "\(mediaType); boundary=\(boundary)" }

    /// The parts between boundaries.
    /// - Throws: ``OktaBodyError`` when a part's bytes contain the boundary (choose another one).
    public func encodedBody() throws -> Data {
        let delimiter = Data("--\(boundary)".utf8)
        var data = Data()
        for part in parts {
            guard part.data.range(of: delimiter) == nil else {
                throw OktaBodyError("the part '\(part.name)' contains the boundary '\(boundary)'")
            }
            var header = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.quoted(part.name))\""
            if let filename = part.filename { header += "; filename=\"\(Self.quoted(filename))\"" }
            header += "\r\n"
            if let contentType = part.contentType { header += "Content-Type: \(Self.headerValue(contentType))\r\n" }
            data.append(Data((header + "\r\n").utf8))
            data.append(part.data)
            data.append(Data("\r\n".utf8))
        }
        data.append(Data("--\(boundary)--\r\n".utf8))
        return data
    }

    /// Parses a form; its boundary comes from `contentType`.
    /// - Throws: ``OktaBodyError`` without a boundary, or when the parts are not well-formed.
    public static func decodeBody(_ data: Data, contentType: String?) throws -> OktaMultipartForm {
        guard let boundary = OktaMediaType.parameter("boundary", in: contentType), !boundary.isEmpty else {
            throw OktaBodyError("the multipart body has no boundary in its Content-Type")
        }
        let bytes = [UInt8](data)
        let delimiter = Array("--\(boundary)".utf8)
        let crlf: [UInt8] = [13, 10]
        // The first delimiter starts the body or a line (a preamble before it is ignored).
        guard var position = find(delimiter, in: bytes, from: 0) else {
            throw OktaBodyError("the multipart body has no part boundary")
        }
        var parts: [Part] = []
        while true {
            position += delimiter.count
            if bytes[position...].starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")]) { break }
            // Transport padding, then the line end.
            guard let lineEnd = find(crlf, in: bytes, from: position) else {
                throw OktaBodyError("the multipart body ends inside a boundary line")
            }
            guard let headersEnd = find(crlf + crlf, in: bytes, from: lineEnd) else {
                throw OktaBodyError("a part of the multipart body has no end to its headers")
            }
            let headers = lineEnd + 2 <= headersEnd ? Array(bytes[(lineEnd + 2)..<headersEnd]) : []
            let start = headersEnd + 4
            guard let next = find(crlf + delimiter, in: bytes, from: start) else {
                throw OktaBodyError("the multipart body has no closing boundary")
            }
            parts.append(try part(headers: headers, body: Data(bytes[start..<next])))
            position = next + 2
        }
        return OktaMultipartForm(parts, boundary: boundary)
    }

    static func part(headers: [UInt8], body: Data) throws -> Part {
        var name: String?
        var filename: String?
        var contentType: String?
        let text = String(decoding: headers, as: UTF8.self)
        for line in text.components(separatedBy: "\r\n") where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else {
                throw OktaBodyError("a part header of the multipart body has no ':'")
            }
            let field = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch field {
            case "content-disposition":
                name = OktaMediaType.parameter("name", in: value).map(unquoted)
                filename = OktaMediaType.parameter("filename", in: value).map(unquoted)
            case "content-type": contentType = value
            default: continue
            }
        }
        guard let name else { throw OktaBodyError("a part of the multipart body has no name") }
        return Part(name: name, filename: filename, contentType: contentType, data: body)
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else {
            return nil
        }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }

    /// A name in a quoted header parameter, as browsers write it: `"`, CR and LF percent-encoded.
    static func quoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "%22").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func unquoted(_ text: String) -> String {
        text.replacingOccurrences(of: "%22", with: "\"").replacingOccurrences(of: "%0D", with: "\r")
            .replacingOccurrences(of: "%0A", with: "\n")
    }

    /// A header value without line breaks (a part's media type cannot start another header).
    static func headerValue(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != "\r" && $0 != "\n" }.map(Character.init))
    }
}
