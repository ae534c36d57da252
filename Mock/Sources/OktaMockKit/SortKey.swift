import Foundation

/// A `sortBy` value reduced to something totally ordered: by kind (booleans, numbers, timestamps, strings), strings
/// case-insensitively; missing and `null` values sort last whatever the direction.
struct SortKey: Sendable, Equatable {
    /// 0 bool, 1 number, 2 date, 3 string, 9 missing.
    var rank: Int
    var number: Double
    var text: String
    /// `text` lowercased, once: a sort compares each key many times.
    var folded: String

    init(rank: Int, number: Double, text: String) {
        self.rank = rank
        self.number = number
        self.text = text
        folded = text.lowercased()
    }

    /// The key of a value (the first element of an array).
    init(_ value: SearchValue?) {
        switch value {
        case .bool(let flag): self.init(rank: 0, number: flag ? 1 : 0, text: "")
        case .number(let number): self.init(rank: 1, number: number, text: "")
        case .date(let date): self.init(rank: 2, number: (date.timeIntervalSince1970 * 1000).rounded(), text: "")
        case .string(let text): self.init(rank: 3, number: 0, text: text)
        case .array(let values): self.init(values.first)
        case .null, nil: self.init(rank: 9, number: 0, text: "")
        }
    }

    /// Whether `lhs` comes before `rhs`; ties are broken by ID, always ascending.
    static func precedes(
        _ lhs: (key: SortKey, id: String), _ rhs: (key: SortKey, id: String), descending: Bool
    )
        -> Bool
    {
        if lhs.key != rhs.key {
            let ascending = lhs.key.isLess(than: rhs.key)
            // Missing values stay last in both directions.
            if lhs.key.rank == 9 || rhs.key.rank == 9 { return ascending }
            return descending ? !ascending : ascending
        }
        return lhs.id < rhs.id
    }

    private func isLess(than other: SortKey) -> Bool {
        if rank != other.rank { return rank < other.rank }
        if number != other.number { return number < other.number }
        return folded != other.folded ? folded < other.folded : text < other.text
    }
}
