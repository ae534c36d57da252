/// A small, fast JSON encoder for the IR: it streams `Encodable` values straight to pretty-printed UTF-8 text, with
/// keys in the order the types encode them (declaration order for synthesized conformances), so the output is
/// deterministic and readable (`operationId` before `parameters`). It avoids Foundation, whose encoder costs more
/// than the whole parse on a large model.
public enum JSONStreamEncoder {
    /// Encodes a value as pretty-printed JSON (two-space indentation, a final newline).
    /// - Parameter value: The value.
    /// - Returns: The JSON text.
    /// - Throws: What the value's `encode(to:)` throws.
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encodeBytes(value), as: UTF8.self)
    }

    /// Encodes a value as pretty-printed JSON UTF-8 bytes (two-space indentation, a final newline).
    public static func encodeBytes<T: Encodable>(_ value: T) throws -> [UInt8] {
        let sink = JSONSink()
        try sink.encodeValue(value, codingPath: [])
        sink.bytes.append(0x0A)
        return sink.bytes
    }
}

final class JSONSink {
    // Accesses are never overlapping (one writer, strictly nested calls); skipping the dynamic exclusivity checks
    // halves the cost of writing.
    @exclusivity(unchecked) var bytes: [UInt8] = []
    @exclusivity(unchecked) var depth = 0

    init() { bytes.reserveCapacity(1 << 20) }

    @inline(__always) func write(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    func newline() {
        bytes.append(0x0A)
        for _ in 0..<depth {
            bytes.append(0x20)
            bytes.append(0x20)
        }
    }

    func writeString(_ string: String) {
        bytes.append(0x22)
        var string = string
        let clean = string.withUTF8 { buffer in
            for byte in buffer where byte < 0x20 || byte == 0x22 || byte == 0x5C { return false }
            bytes.append(contentsOf: buffer)
            return true
        }
        if clean {
            bytes.append(0x22)
            return
        }
        for byte in string.utf8 {
            switch byte {
            case 0x22: write("\\\"")
            case 0x5C: write("\\\\")
            case 0x0A: write("\\n")
            case 0x0D: write("\\r")
            case 0x09: write("\\t")
            case 0x00..<0x20:
                write("\\u00")
                let digits: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
    }

    func writeInteger(_ value: Int64) {
        bytes.append(contentsOf: String(value).utf8)
    }

    func writeDouble(_ value: Double) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "JSON has no \(value)"))
        }
        if value == value.rounded(), abs(value) < 1e15 {
            bytes.append(contentsOf: String(Int64(value)).utf8)
        } else {
            bytes.append(contentsOf: String(value).utf8)
        }
    }

    /// Writes one value: primitives directly, everything else through its `encode(to:)`.
    func encodeValue<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws {
        let encoder = StreamEncoder(sink: self, codingPath: codingPath)
        try value.encode(to: encoder)
        encoder.finish()
    }
}

/// One value being encoded; it opens at most one container and closes it in ``finish()``.
final class StreamEncoder: Encoder {
    enum State {
        case empty
        case object(count: Int)
        case array(count: Int)
        case single
    }

    let sink: JSONSink
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    @exclusivity(unchecked) var state = State.empty
    /// A nested container handed out and not yet closed.
    @exclusivity(unchecked) var openChild: StreamEncoder?

    init(sink: JSONSink, codingPath: [any CodingKey]) {
        self.sink = sink
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .empty = state {
            sink.write("{")
            sink.depth += 1
            state = .object(count: 0)
        }
        return KeyedEncodingContainer(KeyedStreamContainer(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .empty = state {
            sink.write("[")
            sink.depth += 1
            state = .array(count: 0)
        }
        return UnkeyedStreamContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleStreamContainer(encoder: self)
    }

    func closeChild() {
        if let child = openChild {
            openChild = nil
            child.finish()
        }
    }

    /// Starts the next member of an object.
    func beginMember(_ key: String) {
        closeChild()
        guard case .object(let count) = state else { return }
        if count > 0 { sink.write(",") }
        sink.newline()
        sink.writeString(key)
        sink.write(": ")
        state = .object(count: count + 1)
    }

    /// Starts the next element of an array.
    func beginElement() {
        closeChild()
        guard case .array(let count) = state else { return }
        if count > 0 { sink.write(",") }
        sink.newline()
        state = .array(count: count + 1)
    }

    func finish() {
        closeChild()
        switch state {
        case .empty:
            sink.write("{}")
        case .object(let count):
            sink.depth -= 1
            if count > 0 { sink.newline() }
            sink.write("}")
        case .array(let count):
            sink.depth -= 1
            if count > 0 { sink.newline() }
            sink.write("]")
        case .single:
            break
        }
        state = .single
    }

    func child(_ path: [any CodingKey]) -> StreamEncoder {
        let child = StreamEncoder(sink: sink, codingPath: path)
        openChild = child
        return child
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

struct KeyedStreamContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: StreamEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil(forKey key: Key) throws {
        encoder.beginMember(key.stringValue)
        encoder.sink.write("null")
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        encoder.beginMember(key.stringValue)
        try encoder.sink.encodeValue(value, codingPath: codingPath + [key])
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        encoder.beginMember(key.stringValue)
        encoder.sink.writeString(value)
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        encoder.beginMember(key.stringValue)
        encoder.sink.write(value ? "true" : "false")
    }

    mutating func encode(_ value: Int, forKey key: Key) throws {
        encoder.beginMember(key.stringValue)
        encoder.sink.writeInteger(Int64(value))
    }

    mutating func encode(_ value: Int64, forKey key: Key) throws {
        encoder.beginMember(key.stringValue)
        encoder.sink.writeInteger(value)
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        encoder.beginMember(key.stringValue)
        try encoder.sink.writeDouble(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        encoder.beginMember(key.stringValue)
        return encoder.child(codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.beginMember(key.stringValue)
        return encoder.child(codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        encoder.beginMember("super")
        return encoder.child(codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        encoder.beginMember(key.stringValue)
        return encoder.child(codingPath + [key])
    }
}

struct UnkeyedStreamContainer: UnkeyedEncodingContainer {
    let encoder: StreamEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int {
        if case .array(let count) = encoder.state { return count }
        return 0
    }

    mutating func encodeNil() throws {
        encoder.beginElement()
        encoder.sink.write("null")
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.beginElement()
        try encoder.sink.encodeValue(value, codingPath: codingPath)
    }

    mutating func encode(_ value: String) throws {
        encoder.beginElement()
        encoder.sink.writeString(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<
        NestedKey
    > {
        encoder.beginElement()
        return encoder.child(codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        encoder.beginElement()
        return encoder.child(codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        encoder.beginElement()
        return encoder.child(codingPath)
    }
}

struct SingleStreamContainer: SingleValueEncodingContainer {
    let encoder: StreamEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws {
        encoder.state = .single
        encoder.sink.write("null")
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.state = .single
        try encoder.sink.encodeValue(value, codingPath: codingPath)
    }

    mutating func encode(_ value: String) throws {
        encoder.state = .single
        encoder.sink.writeString(value)
    }

    mutating func encode(_ value: Bool) throws {
        encoder.state = .single
        encoder.sink.write(value ? "true" : "false")
    }

    mutating func encode(_ value: Int) throws {
        encoder.state = .single
        encoder.sink.writeInteger(Int64(value))
    }

    mutating func encode(_ value: Int64) throws {
        encoder.state = .single
        encoder.sink.writeInteger(value)
    }

    mutating func encode(_ value: Double) throws {
        encoder.state = .single
        try encoder.sink.writeDouble(value)
    }
}
