/// "Did you mean …?" suggestions: the candidate closest to a mistyped name by edit distance.
///
/// The one helper every layer uses for them: the `$ref` resolver (a missing key), the IR (an unknown tag), the
/// template checker (a context key), the settings file (a key or a value) and the command line (an option's value).
public enum EditDistance {
    /// The candidate closest to `name` by edit distance (case-insensitive), if close enough to be a likely typo;
    /// among equally close ones, the first in sorted order.
    /// - Parameters:
    ///   - name: The name as written.
    ///   - candidates: The names it may have meant.
    ///   - limit: The largest distance taken; by default a quarter of the name's length, at least 1.
    ///   - maxLengthDifference: Candidates whose length differs more than this are skipped without computing it.
    /// - Returns: The suggestion, or `nil` when no candidate is close enough.
    public static func closest(
        to name: String, among candidates: [String], limit: Int? = nil, maxLengthDifference: Int = 3
    ) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        let limit = limit ?? max(1, target.count / 4)
        var best: (String, Int)?
        for candidate in candidates.sorted() {
            let other = Array(candidate.lowercased().unicodeScalars)
            guard abs(other.count - target.count) <= maxLengthDifference else { continue }
            // Only a strictly closer candidate can replace the best one: the distance is needed only up to there.
            let bound = min(limit, (best?.1 ?? Int.max) - 1)
            if bound < 0 { break }
            if let distance = distance(target, other, limit: bound) { best = (candidate, distance) }
        }
        return best?.0
    }

    /// The edit distance (Levenshtein) of two texts if it is at most `limit`, else `nil`.
    ///
    /// Only the cells within `limit` of the diagonal can hold a distance of at most `limit` (Ukkonen's band), so a
    /// row costs `2 * limit + 1` cells instead of the whole length, and the work stops at a row whose cells all
    /// exceed the limit. Cells outside the band count as `limit + 1`.
    public static func distance(_ lhs: [Unicode.Scalar], _ rhs: [Unicode.Scalar], limit: Int) -> Int? {
        let width = rhs.count
        guard limit >= 0, abs(lhs.count - width) <= limit else { return nil }
        if lhs.isEmpty || width == 0 { return max(lhs.count, width) }
        let outside = limit + 1
        var previous = (0...width).map { $0 <= limit ? $0 : outside }
        var current = [Int](repeating: outside, count: width + 1)
        for row in 1...lhs.count {
            let low = max(1, row - limit)
            let high = min(width, row + limit)
            current[0] = row <= limit ? row : outside
            current[low - 1] = low > 1 ? outside : current[0]
            var rowMinimum = current[0]
            for column in low...high {
                let substitution = previous[column - 1] + (lhs[row - 1] == rhs[column - 1] ? 0 : 1)
                let value = min(previous[column] + 1, current[column - 1] + 1, substitution, outside)
                current[column] = value
                rowMinimum = min(rowMinimum, value)
            }
            if high < width { current[high + 1] = outside }
            if rowMinimum > limit { return nil }
            swap(&previous, &current)
        }
        return previous[width] <= limit ? previous[width] : nil
    }
}
