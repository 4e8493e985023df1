extension IndexPartFile {
    // MARK: - Trusting a saved part

    /// Whether the log bears the part out, checked at a few places rather than by reading the
    /// log (which is what the part saves): the record at its last location is whole, holds its
    /// last position and the CRC it saved, and ends where its cursor says; each segment it
    /// covers has a sound header naming it, starting where the part says (the first segment
    /// at or before the part's first position, at 0 for segment 0; each later one inside the
    /// part, after the one before); and the record before each later segment's first is, in
    /// the segment before, whole, with a matching CRC, and that sealed segment ends right
    /// after it (the zero end frame). Cost: a few small reads and one index block per segment
    /// the part covers, once, when the part is first used (`SavedPart`); the parts together
    /// check every segment up to the saved end.
    ///
    /// A record damaged elsewhere is found when it is read (every read checks its CRC) or by
    /// `verify()`.
    func isBorneOut(by segments: [Segment], segmentSize: Int) throws(EventStoreError) -> Bool {
        let last = LogLocation(packed: try location(at: range.upperBound - 1))
        guard last.segment < segments.count, cursor.location.segment == last.segment else { return false }
        let frame = try segments[last.segment].file.readBytes(count: LogFormat.frameHeaderSize, at: last.offset)
        guard frame.count == LogFormat.frameHeaderSize, frame.withUnsafeBytes({ $0.integer(at: 4, as: UInt32.self) }) == lastRecordCRC,
              try Self.recordEnd(in: segments[last.segment], at: last.offset, position: range.upperBound - 1) == cursor.location.offset else {
            return false
        }
        let first = LogLocation(packed: try location(at: range.lowerBound)).segment
        guard first <= last.segment else { return false }
        var previous: UInt64?
        for index in first...last.segment {
            let header = try segments[index].file.readBytes(count: LogFormat.segmentHeaderSize, at: 0)
            guard case .success(let found) = header.withUnsafeBytes({ SegmentHeader.decode($0) }), found.segment == index,
                  (found.firstPosition == 0) == (index == 0) else { return false }
            guard let before = previous else {
                guard found.firstPosition <= range.lowerBound else { return false }
                previous = found.firstPosition
                continue
            }
            guard found.firstPosition > max(before, range.lowerBound), found.firstPosition < range.upperBound else { return false }
            previous = found.firstPosition
            // The segment before ends with the record before this one's first.
            let place = LogLocation(packed: try location(at: found.firstPosition - 1))
            let sealed = segments[index - 1]
            guard place.segment == index - 1,
                  let recordEnd = try Self.recordEnd(in: sealed, at: place.offset, position: found.firstPosition - 1) else { return false }
            let room = UInt64(segmentSize) - min(UInt64(segmentSize), recordEnd)
            let marker = try sealed.file.readBytes(count: Int(min(room, UInt64(LogFormat.frameHeaderSize))), at: recordEnd)
            guard UInt64(marker.count) == min(room, UInt64(LogFormat.frameHeaderSize)), marker.allSatisfy({ $0 == 0 }) else { return false }
        }
        return true
    }

    /// Where the record at `offset` ends, when it is whole, its CRC matches, and it holds `position`.
    static func recordEnd(in segment: Segment, at offset: UInt64, position: UInt64) throws(EventStoreError) -> UInt64? {
        let frame = try segment.file.readBytes(count: LogFormat.frameHeaderSize, at: offset)
        guard frame.count == LogFormat.frameHeaderSize else { return nil }
        let length = UInt64(frame.withUnsafeBytes { $0.integer(at: 0, as: UInt32.self) })
        guard length >= UInt64(LogFormat.fixedPayloadSize), offset + UInt64(LogFormat.frameHeaderSize) + length <= (try segment.file.size()) else {
            return nil
        }
        let bytes = try segment.file.readBytes(count: LogFormat.frameHeaderSize + Int(length), at: offset)
        return bytes.withUnsafeBytes { raw -> UInt64? in
            guard case .record(let record, let size) = LogFrame.read(raw, at: 0), record.position == position else { return nil }
            return offset + UInt64(size)
        }
    }
}
