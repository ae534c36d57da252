import Foundation

/// A request or response body that is not JSON: raw text (`text/plain`, `text/xml`, `application/secevent+jwt`),
/// raw bytes (`application/pkcs10`, certificates, `application/octet-stream`), a multipart form
/// (``OktaMultipartForm``) or URL-encoded form fields (``OktaFormFields``). Generated clients send it with
/// ``encodedBody()`` under ``contentType(for:)`` and read it with ``decodeBody(_:contentType:)``; generated servers
/// read it with ``OktaServerRequest/body(_:required:)`` and answer with ``OktaServerResponse/raw(_:mediaType:status:headers:)``.
public protocol OktaRawBody: Sendable {
    /// The bytes on the wire.
    func encodedBody() throws -> Data
    /// The `Content-Type` to send the body under, for the media type the operation documents (a multipart form adds
    /// its boundary).
    func contentType(for mediaType: String) -> String
    /// Decodes received bytes.
    /// - Parameters:
    ///   - data: The body.
    ///   - contentType: The `Content-Type` it came with, if any.
    /// - Throws: ``OktaBodyError`` when the bytes are not a body of this kind.
    static func decodeBody(_ data: Data, contentType: String?) throws -> Self
}

/// A body that cannot be read as the kind the operation documents.
public struct OktaBodyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, for a client's message and a server's `errorCauses`.
    public var description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}

extension String: OktaRawBody {
    /// The text's UTF-8 bytes.
    public func encodedBody() -> Data { Data(utf8) }

    /// The media type as documented.
    public func contentType(for mediaType: String) -> String { mediaType }

    /// Text in UTF-8 (invalid UTF-8 is an error, not replaced).
    public static func decodeBody(_ data: Data, contentType: String?) throws -> String {
        guard let text = String(data: data, encoding: .utf8) else { throw OktaBodyError("the body is not UTF-8 text") }
        return text
    }
}

extension Data: OktaRawBody {
    /// The bytes themselves.
    public func encodedBody() -> Data { self }

    /// The media type as documented.
    public func contentType(for mediaType: String) -> String { mediaType }

    /// The bytes as received.
    public static func decodeBody(_ data: Data, contentType: String?) -> Data { data }
}

/// `Content-Type` values, as generated code compares them.
public enum OktaMediaType {
    /// The media type of a `Content-Type` value: lowercased, without parameters (`Multipart/Form-Data; boundary=x`
    /// → `multipart/form-data`); empty when there is none.
    public static func of(_ contentType: String?) -> String {
        guard let contentType else { return "" }
        let end = contentType.firstIndex(of: ";") ?? contentType.endIndex
        return contentType[..<end].trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// A parameter of a `Content-Type` value (`boundary`), unquoted.
    static func parameter(_ name: String, in contentType: String?) -> String? {
        guard let contentType else { return nil }
        for item in contentType.split(separator: ";").dropFirst() {
            let parts = item.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == name else {
                continue
            }
            var value = parts[1].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }
}

/// URL-encoded form fields (`application/x-www-form-urlencoded`), in order; a name may repeat.
///
/// Encoded as the WHATWG URL standard's form serializer does: `*-._`, digits and ASCII letters as they are, a space
/// as `+`, every other byte of the UTF-8 text as `%XX`.
public struct OktaFormFields: OktaRawBody, Hashable {
    /// One field.
    public struct Field: Sendable, Hashable {
        /// The name.
        public var name: String
        /// The value.
        public var value: String

        /// Creates a field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The fields, in order.
    public var fields: [Field]

    /// Creates a form from its fields.
    public init(_ fields: [Field] = []) { self.fields = fields }

    /// The first value of a field.
    public subscript(name: String) -> String? { fields.first { $0.name == name }?.value }

    /// Adds a field.
    public mutating func append(_ name: String, _ value: String) { fields.append(Field(name: name, value: value)) }

    /// `name=value&…`.
    public func encodedBody() -> Data {
        var bytes: [UInt8] = []
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: "&")) }
            Self.escape(field.name, into: &bytes)
            bytes.append(UInt8(ascii: "="))
            Self.escape(field.value, into: &bytes)
        }
        return Data(bytes)
    }

    /// The media type as documented.
    public func contentType(for mediaType: String) -> String { mediaType }

    /// Parses `name=value&…` (`+` is a space; a `%` not followed by two hex digits stays as it is).
    public static func decodeBody(_ data: Data, contentType: String?) throws -> OktaFormFields {
        var fields: [Field] = []
        for pair in data.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = try unescape(parts[0])
            let value = parts.count > 1 ? try unescape(parts[1]) : ""
            fields.append(Field(name: name, value: value))
        }
        return OktaFormFields(fields)
    }

    static func escape(_ text: String, into bytes: inout [UInt8]) {
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "*"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"):
                bytes.append(byte)
            case UInt8(ascii: " "):
                bytes.append(UInt8(ascii: "+"))
            default:
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xF)])
            }
        }
    }

    static func unescape(_ bytes: Data.SubSequence) throws -> String {
        func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        let input = Array(bytes)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "+") {
                output.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < input.count, let high = hexValue(input[index + 1]),
                let low = hexValue(input[index + 2])
            {
                output.append(high << 4 | low)
                index += 2
            } else {
                output.append(byte)
            }
            index += 1
        }
        guard let text = String(bytes: output, encoding: .utf8) else {
            throw OktaBodyError("a form field is not UTF-8 text once decoded")
        }
        return text
    }
}
