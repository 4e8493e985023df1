/// One stream as the file store holds it: its runs in the saved parts, then its entry in the
/// in-memory tail, with the metadata and tombstone of the newest that set them.
struct StoredStream: StreamHistory {
    struct Piece {
        var part: IndexPartFile
        var run: IndexPartFile.Run
    }

    var pieces: [Piece] = []
    var tail: StreamIndex.Stream?
    /// Events in the saved parts.
    var savedCount = 0
    var metadata = StreamMetadata()
    var tombstoned = false

    /// Gathers the stream from the saved parts and the tail; nil when neither knows it.
    init?(_ name: String, saved: SavedIndex, tail: StreamIndex) throws(EventStoreError) {
        let found = try saved.pieces(of: name)
        let tailStream = tail.streams[name]
        guard !found.isEmpty || tailStream != nil else { return nil }
        for (part, slot) in found {
            let run = try part.run(ofStream: slot)
            if run.count > 0 { pieces.append(Piece(part: part, run: run)) }
            savedCount += run.count
            if try part.flags(slot) & IndexPart.tombstonedFlag != 0 { tombstoned = true }
            if let set = try part.metadata(ofStream: slot) { metadata = set }
        }
        if let tailStream {
            self.tail = tailStream
            tombstoned = tombstoned || tailStream.tombstoned
            if tailStream.metadataSet { metadata = tailStream.metadata }
        }
    }

    var eventCount: Int { savedCount + (tail?.positions.count ?? 0) }
    var isTombstoned: Bool { tombstoned }
    var truncateBefore: Int64? { metadata.truncateBefore }

    func position(at version: Int) throws(EventStoreError) -> UInt64 {
        if version >= savedCount, let tail { return tail.positions[version - savedCount] }
        var v = version
        for piece in pieces {
            if v < piece.run.count { return try piece.part.position(.streams, piece.run.start + v) }
            v -= piece.run.count
        }
        return UInt64.max // out of range: callers stay below eventCount
    }

    func lastVersion(withTag tag: UInt16, below end: Int, atLeast low: Int) throws(EventStoreError) -> Int? {
        guard end > low else { return nil }
        if let tail, end > savedCount {
            let found = tail.lastVersion(withTag: tag, below: end - savedCount, atLeast: max(0, low - savedCount))
            if let found { return found + savedCount }
        }
        var pieceEnd = savedCount
        for piece in pieces.reversed() {
            let pieceStart = pieceEnd - piece.run.count
            defer { pieceEnd = pieceStart }
            let upper = min(end, pieceEnd), lower = max(low, pieceStart)
            guard upper > lower else { continue }
            var v = upper - 1
            while v >= lower {
                if try piece.part.tag(piece.run.start + v - pieceStart) == tag { return v }
                v -= 1
            }
        }
        return nil
    }

    /// The positions of the stream, saved then tail.
    func positionList() -> PositionList {
        var list = PositionList()
        for piece in pieces { list.append(.saved(piece.part, piece.run)) }
        if let tail { list.append(.tail(tail.positions[...])) }
        return list
    }

    /// Events whose position is below `head` (the tail may hold some not yet durable).
    func visibleCount(head: UInt64) -> Int {
        guard let tail else { return savedCount }
        return savedCount + StreamIndex.firstIndex(in: tail.positions, atOrAfter: head)
    }

    func isSoftDeleted(head: UInt64) -> Bool {
        guard let tb = metadata.truncateBefore else { return false }
        return tb >= Int64(visibleCount(head: head)) && tb > 0
    }
}
