extension Array {
    /// The index of the first element for which `predicate` holds, in an array where it holds for a suffix.
    ///
    /// - Parameter predicate: False for a prefix of the array, true for the rest.
    /// - Returns: The first index of the suffix (`endIndex` if it is empty).
    func partitionPoint(where predicate: (Element) -> Bool) -> Int {
        var low = startIndex
        var high = endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
