/// One stream's events as an append decision sees them (`StreamIndex.plan`): how many, where
/// each is, the fingerprints of their ids, and whether the stream is deleted. The in-memory
/// index's streams are one; the file store's saved parts plus its in-memory tail are another
/// (whose reads check the part blocks they touch, hence `throws`).
protocol StreamHistory {
    /// Events in the stream, including any not yet durable.
    var eventCount: Int { get }
    var isTombstoned: Bool { get }
    /// The stream's `$tb` (soft deletion), if set.
    var truncateBefore: Int64? { get }
    /// The global position of the event at `version` (`0 ..< eventCount`).
    func position(at version: Int) throws(EventStoreError) -> UInt64
    /// The highest version in `low ..< end` whose id's fingerprint (`StreamIndex.tag(of:)`) is
    /// `tag`, or nil; a history without fingerprints may answer any version in the range.
    func lastVersion(withTag tag: UInt16, below end: Int, atLeast low: Int) throws(EventStoreError) -> Int?
}

extension StreamIndex.Stream: StreamHistory {
    var eventCount: Int { positions.count }
    var isTombstoned: Bool { tombstoned }
    var truncateBefore: Int64? { metadata.truncateBefore }

    func position(at version: Int) -> UInt64 { positions[version] }

    func lastVersion(withTag tag: UInt16, below end: Int, atLeast low: Int) -> Int? {
        guard end > low else { return nil }
        guard tags.count == positions.count else { return end - 1 }
        // Over the raw buffer: no bounds checks in the two-byte scan.
        return tags.withUnsafeBufferPointer { tags in
            var i = end - 1
            while i >= low, tags[i] != tag { i -= 1 }
            return i >= low ? i : nil
        }
    }
}
