import Foundation
import OktaRuntime
import Synchronization

/// One request okta-mock received, as `GET /__mock/requests` lists it.
public struct JournalEntry: Codable, Sendable, Hashable {
    /// The request's position since the server started (1, 2, …); it keeps counting after a clear.
    public var sequence: Int
    /// When the request arrived.
    public var time: Date
    /// `GET`, `POST`, …
    public var method: String
    /// The path, without the query.
    public var path: String
    /// The query, without `?`, as sent (percent-encoded); `nil` when there was none.
    public var query: String?
    /// The header fields of ``RequestJournal/recordedHeaderFields`` the request had (lowercased names). Never
    /// `Authorization` or `Cookie`.
    public var headers: [String: String]
    /// The body as text, secrets replaced by ``RequestJournal/redacted``; a body that is not JSON is described, not
    /// kept; `nil` when there was none.
    public var body: String?
    /// Whether ``body`` was cut at ``RequestJournal/bodyLimit`` bytes.
    public var bodyTruncated: Bool
    /// The status okta-mock answered.
    public var status: Int
    /// The `X-Okta-Request-Id` okta-mock answered with.
    public var requestId: String
}

/// The last requests okta-mock received, for tests to assert what their app sent (`GET /__mock/requests`).
///
/// Bounded: the newest ``capacity`` requests (default 1,000) are kept, bodies cut at ``bodyLimit`` (64 KiB). Nothing
/// secret is kept: of the header fields only ``recordedHeaderFields`` (never `Authorization`), and in JSON bodies the
/// password values, hashes and recovery answers are replaced by ``redacted``. Requests to `/__mock/…` are not kept.
///
/// A `Mutex`, not an actor: every API request records itself, and a lock held for an append costs less than a hop to
/// an actor's executor and back. The entries are a ring, so that a full journal drops its oldest entry in constant
/// time (an array's `removeFirst` moved the other 999 on every request).
final class RequestJournal: Sendable {
    /// The most requests kept by default.
    static let defaultCapacity = 1000
    /// The most bytes of a body kept.
    static let bodyLimit = 64 * 1024
    /// What replaces a secret.
    static let redacted = "[REDACTED]"
    /// The header fields kept: those that say what a client asked for. Anything carrying a credential is left out.
    static let recordedHeaderFields: [HTTPField.Name] = [
        .accept, .contentType, .contentLength, .userAgent, .init("Prefer")!, .init("If-Match")!,
        .init("X-Okta-User-Agent-Extended")!, .init("X-Forwarded-For")!,
    ]
    /// The members whose object holds a password (`value`, `hash`).
    private static let passwordMembers: Set<String> = ["password", "oldPassword", "newPassword"]

    /// The most requests kept.
    let capacity: Int
    /// The kept entries, a ring of up to ``capacity`` whose oldest entry is at `start`; and the next sequence number.
    private let ring = Mutex<(entries: [JournalEntry], start: Int, nextSequence: Int)>(([], 0, 1))

    /// Makes a journal.
    ///
    /// - Parameter capacity: The most requests kept; 0 keeps none.
    init(capacity: Int = defaultCapacity) {
        self.capacity = max(0, capacity)
    }

    /// Records a request, dropping the oldest past ``capacity``.
    func record(
        time: Date, method: String, path: String, query: String?, headerFields: HTTPFields, body: Data?, status: Int,
        requestID: String
    ) {
        guard capacity > 0 else {
            ring.withLock { $0.nextSequence += 1 }
            return
        }
        var headers: [String: String] = [:]
        for name in Self.recordedHeaderFields {
            let values = headerFields[values: name]
            if !values.isEmpty { headers[name.canonicalName] = values.joined(separator: ", ") }
        }
        let (text, truncated) = body.map(Self.describe) ?? (nil, false)
        var entry = JournalEntry(
            sequence: 0, time: time, method: method, path: path, query: query, headers: headers,
            body: text, bodyTruncated: truncated, status: status, requestId: requestID)
        let capacity = capacity
        ring.withLock { ring in
            entry.sequence = ring.nextSequence
            ring.nextSequence += 1
            if ring.entries.count < capacity {
                ring.entries.append(entry)
            } else {
                ring.entries[ring.start] = entry
                ring.start = (ring.start + 1) % capacity
            }
        }
    }

    /// The kept requests, oldest first.
    var all: [JournalEntry] {
        ring.withLock { ring in Array(ring.entries[ring.start...] + ring.entries[..<ring.start]) }
    }

    /// Forgets every kept request.
    func clear() {
        ring.withLock { ring in
            ring.entries.removeAll()
            ring.start = 0
        }
    }

    /// A body as kept: JSON with secrets redacted, cut at ``bodyLimit`` on a character boundary.
    ///
    /// - Parameter body: The body as received.
    /// - Returns: The text and whether it was cut.
    static func describe(_ body: Data) -> (String?, Bool) {
        guard !body.isEmpty else { return (nil, false) }
        // A body that is not JSON may hold anything, a password included, and cannot be redacted: only its size is
        // kept.
        guard let json = try? JSONDecoder.okta.decode(JSONValue.self, from: body),
            let encoded = try? JSONEncoder.okta.encode(redact(json))
        else { return ("(\(body.count) bytes, not JSON: not recorded)", false) }
        let text = String(decoding: encoded, as: UTF8.self)
        guard encoded.count > bodyLimit else { return (text, false) }
        var cut = ""
        var size = 0
        for character in text {
            size += character.utf8.count
            if size > bodyLimit { break }
            cut.append(character)
        }
        return (cut, true)
    }

    /// A JSON value with its secrets replaced: the `value` and `hash` of `password`, `oldPassword` and `newPassword`
    /// objects, and every `answer` (recovery answers), at any depth.
    static func redact(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            var result = object
            for name in object.keys {
                guard let member = object[name] else { continue }
                if name == "answer", !member.isNull {
                    result[name] = .string(redacted)
                } else if passwordMembers.contains(name), case .object(var password) = member {
                    for secret in ["value", "hash"] where password[secret].map({ !$0.isNull }) == true {
                        password[secret] = .string(redacted)
                    }
                    result[name] = redact(.object(password))
                } else {
                    result[name] = redact(member)
                }
            }
            return .object(result)
        case .array(let items):
            return .array(items.map(redact))
        default:
            return value
        }
    }
}
