/// One element of a list decoded leniently: the value, or why it did not decode with the JSON kept.
///
/// A page of 200 users in which one fails to decode (a member of an unexpected type, a required member missing)
/// fails as a whole with the strict client methods. The lenient methods and paging helpers (`…Lenient`,
/// `…LenientSequence`) decode each element on its own: the rest of the page still arrives, and the failures say which
/// element failed and why. A failed element encodes back as the JSON received.
public enum OktaLenient<Value> {
    case value(Value)
    case failure(OktaElementFailure)

    /// The value, or `nil` for an element that did not decode.
    public var value: Value? {
        if case .value(let value) = self { return value }
        return nil
    }

    /// Why the element did not decode, or `nil` when it did.
    public var failure: OktaElementFailure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}

/// An element of a list that did not decode: its JSON as received and the decoding error.
public struct OktaElementFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The element as received.
    public var json: JSONValue
    /// The decoding error's description.
    public var reason: String

    public init(json: JSONValue, reason: String) {
        self.json = json
        self.reason = reason
    }

    public var description: String { "element did not decode: \(reason)" }
}

extension OktaLenient: Sendable where Value: Sendable {}
extension OktaLenient: Equatable where Value: Equatable {}
extension OktaLenient: Hashable where Value: Hashable {}

extension OktaLenient: Decodable where Value: Decodable {
    /// Decodes a `Value`, or keeps the JSON and the error: only a value that is not JSON at all fails.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        do {
            self = .value(try container.decode(Value.self))
        } catch {
            self = .failure(OktaElementFailure(json: try container.decode(JSONValue.self), reason: "\(error)"))
        }
    }
}

extension OktaLenient: Encodable where Value: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .value(let value): try container.encode(value)
        case .failure(let failure): try container.encode(failure.json)
        }
    }
}

extension Array {
    /// The elements that decoded, in order (of a lenient page).
    public func oktaValues<Value>() -> [Value] where Element == OktaLenient<Value> { compactMap(\.value) }

    /// The elements that did not decode, with their positions in the page.
    public func oktaFailures<Value>() -> [(index: Int, failure: OktaElementFailure)]
    where Element == OktaLenient<Value> {
        enumerated().compactMap { item in item.element.failure.map { (item.offset, $0) } }
    }
}
