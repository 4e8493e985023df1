extension ChunkedArray: Equatable where Element: Equatable {
    /// Equal when they hold equal elements in the same order (chunk sizes may differ).
    public static func == (lhs: ChunkedArray, rhs: ChunkedArray) -> Bool {
        lhs.count == rhs.count && lhs.all == rhs.all
    }
}
