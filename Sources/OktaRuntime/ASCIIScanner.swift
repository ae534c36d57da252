/// A cursor over the UTF-8 bytes of a string, for the hand-written parsers of dates and `Link` headers.
///
/// Only used inside `withContiguousStorageIfAvailable`-style closures, so the buffer outlives the scanner.
struct ASCIIScanner {
    /// The bytes being scanned.
    let bytes: UnsafeBufferPointer<UInt8>
    /// The position of the next byte to read.
    var position: Int = 0

    /// Makes a scanner at the start of `bytes`.
    ///
    /// - Parameter bytes: The bytes to scan; must stay valid while the scanner is used.
    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Whether every byte has been read.
    var isAtEnd: Bool { position >= bytes.count }

    /// The next byte, without consuming it, or `nil` at the end.
    var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    /// Consumes `byte` if it is next.
    ///
    /// - Parameter byte: The expected byte.
    /// - Returns: Whether it was there.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        position += 1
        return true
    }

    /// Consumes the next byte if `predicate` accepts it.
    ///
    /// - Parameter predicate: The test.
    /// - Returns: The byte, or `nil` if there was none or it was rejected.
    mutating func consume(where predicate: (UInt8) -> Bool) -> UInt8? {
        guard let byte = peek, predicate(byte) else { return nil }
        position += 1
        return byte
    }

    /// Consumes exactly `count` ASCII digits.
    ///
    /// - Parameter count: How many digits, at most 18.
    /// - Returns: Their decimal value, or `nil` (consuming nothing) if fewer than `count` digits follow.
    mutating func digits(_ count: Int) -> Int? {
        guard position + count <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<count {
            let byte = bytes[position + offset]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        position += count
        return value
    }

    /// Consumes bytes while `predicate` accepts them.
    ///
    /// - Parameter predicate: The test.
    /// - Returns: The range of consumed positions (possibly empty).
    @discardableResult
    mutating func skip(while predicate: (UInt8) -> Bool) -> Range<Int> {
        let start = position
        while let byte = peek, predicate(byte) { position += 1 }
        return start..<position
    }

    /// The bytes in `range` as a string (invalid UTF-8 is repaired).
    ///
    /// - Parameter range: Positions within the buffer.
    /// - Returns: The decoded text.
    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}

extension StringProtocol {
    /// Runs `body` over the string's UTF-8 bytes, copying them only if the string is not stored contiguously.
    ///
    /// - Parameter body: The work to do with the bytes.
    /// - Returns: What `body` returns.
    func withASCIIScanner<Result>(_ body: (inout ASCIIScanner) -> Result) -> Result {
        let run = { (buffer: UnsafeBufferPointer<UInt8>) -> Result in
            var scanner = ASCIIScanner(buffer)
            return body(&scanner)
        }
        if let result = utf8.withContiguousStorageIfAvailable(run) { return result }
        return Array(utf8).withUnsafeBufferPointer(run)
    }
}
