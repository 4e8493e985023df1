extension ChunkedArray: Equatable where Element: Equatable {
    /// Equal when they hold equal elements in the same order (chunk sizes may differ).
    public static func == (lhs: ChunkedArray, rhs: ChunkedArray) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for index in 0..<lhs.count where lhs[index] != rhs[index] { return false }
        return true
    }
}

extension ShardedDictionary: Equatable where Value: Equatable {
    /// Equal when they map the same keys to equal values.
    public static func == (lhs: ShardedDictionary, rhs: ShardedDictionary) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.all.allSatisfy { rhs[$0.key] == $0.value }
    }
}
