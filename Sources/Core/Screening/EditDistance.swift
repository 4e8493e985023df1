/// Typing-slip distance between two words: the optimal-string-alignment form of
/// Damerau–Levenshtein (a letter changed, lost or added, or two neighbours swapped, each one
/// edit), which is what one slip of a clerk's or payer's hand does to a name.
public enum EditDistance {
    /// Whether `a` and `b` are at most `limit` edits apart. Words are at most
    /// `NameToken.maxLength` scalars; allocates nothing and stops as soon as a row exceeds `limit`.
    public static func within(_ a: [UInt32], _ b: [UInt32], limit: Int) -> Bool {
        let la = min(a.count, NameToken.maxLength), lb = min(b.count, NameToken.maxLength)
        if abs(la - lb) > limit { return false }
        if la == 0 || lb == 0 { return max(la, lb) <= limit }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * (lb + 1)) { rows in
            // Three rows: the one before the previous (for swaps), the previous and the current.
            var before = 0, previous = lb + 1, current = 2 * (lb + 1)
            for j in 0...lb { rows[previous + j] = j }
            for i in 1...la {
                rows[current] = i
                var rowMinimum = i
                for j in 1...lb {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var value = min(rows[previous + j] + 1, rows[current + j - 1] + 1, rows[previous + j - 1] + cost)
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                        value = min(value, rows[before + j - 2] + 1)
                    }
                    rows[current + j] = value
                    rowMinimum = min(rowMinimum, value)
                }
                if rowMinimum > limit { return false }
                (before, previous, current) = (previous, current, before)
            }
            return rows[previous + lb] <= limit
        }
    }
}
