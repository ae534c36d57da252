import Foundation

/// The `after` cursor of a sorted search: the sort key and ID of the last user of the page, opaque to clients
/// (`s1.` followed by base64url JSON).
struct SortCursor: Sendable {
    var key: SortKey
    var id: String

    private struct Payload: Codable {
        var r: Int
        var n: Double
        var t: String
        var i: String
    }

    init(key: SortKey, id: String) {
        self.key = key
        self.id = id
    }

    /// Reads a cursor okta-mock issued.
    ///
    /// - Parameter text: The `after` value.
    init?(_ text: String) {
        guard text.hasPrefix("s1.") else { return nil }
        var base64 = String(text.dropFirst(3)).replacingOccurrences(of: "-", with: "+")
            .replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64),
            let payload = try? JSONDecoder().decode(Payload.self, from: data)
        else { return nil }
        self.init(key: SortKey(rank: payload.r, number: payload.n, text: payload.t), id: payload.i)
    }

    /// The cursor as text.
    var text: String {
        let payload = Payload(r: key.rank, n: key.number, t: key.text, i: id)
        let data = (try? JSONEncoder().encode(payload)) ?? Data()
        let base64 = data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return "s1." + base64
    }
}
