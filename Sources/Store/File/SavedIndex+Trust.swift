extension SavedIndex {
    // MARK: - Trusting saved parts

    /// Whether the log bears the saved parts out, checked at a few places per segment rather than
    /// by reading the log (which is what the parts save): every segment they cover has a sound
    /// header naming it and the position of its first record (the first at 0, each after the
    /// one before); the record before the next segment's first (the saved end's, for the last)
    /// is where the parts say, in that segment, at that position, whole and with a matching
    /// CRC; each sealed segment ends right after it (the zero end frame); and the log's last
    /// saved record carries the CRC the parts saved. Cost: a few small reads and one index
    /// block per segment.
    ///
    /// A record damaged elsewhere is found when it is read (every read checks its CRC) or by
    /// `verify()`. When this says no, the index is rebuilt from the log, and that scan refuses
    /// damage before the durable tail with its file and offset.
    func isBorneOut(by segments: [Segment], segmentSize: Int) throws(EventStoreError) -> Bool {
        guard end > 0, let cursor, let lastRecordCRC = parts.last?.lastRecordCRC else { return true }
        let lastSegment = cursor.location.segment
        guard lastSegment < segments.count else { return false }
        var firsts: [UInt64] = []
        for index in 0...lastSegment {
            let header = try segments[index].file.readBytes(count: LogFormat.segmentHeaderSize, at: 0)
            let decoded = header.withUnsafeBytes { SegmentHeader.decode($0) }
            guard case .success(let found) = decoded, found.segment == index, found.firstPosition < end,
                  index == 0 ? found.firstPosition == 0 : found.firstPosition > firsts[index - 1] else { return false }
            firsts.append(found.firstPosition)
        }
        for index in 0...lastSegment {
            let segment = segments[index]
            // The records of this segment are `firsts[index] ..< next`.
            let next = index < lastSegment ? firsts[index + 1] : end
            guard next > firsts[index] else { return false }
            let place = LogLocation(packed: try location(at: next - 1))
            guard place.segment == index, let recordEnd = try Self.recordEnd(in: segment, at: place.offset, position: next - 1) else { return false }
            if index < lastSegment {
                let room = UInt64(segmentSize) - min(UInt64(segmentSize), recordEnd)
                let marker = try segment.file.readBytes(count: Int(min(room, UInt64(LogFormat.frameHeaderSize))), at: recordEnd)
                guard UInt64(marker.count) == min(room, UInt64(LogFormat.frameHeaderSize)), marker.allSatisfy({ $0 == 0 }) else { return false }
            } else {
                let frame = try segment.file.readBytes(count: LogFormat.frameHeaderSize, at: place.offset)
                guard frame.withUnsafeBytes({ $0.integer(at: 4, as: UInt32.self) }) == lastRecordCRC, recordEnd == cursor.location.offset else {
                    return false
                }
            }
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

extension IndexPartFile {
    /// Whether the log bears the part out where it ends: the record at its last location is
    /// whole, holds its last position and the CRC it saved, and ends where its cursor says.
    /// One record read; the parts together are then checked per segment
    /// (`SavedIndex.isBorneOut(by:segmentSize:)`).
    func isBorneOut(by segments: [Segment]) throws(EventStoreError) -> Bool {
        let place = LogLocation(packed: try location(at: range.upperBound - 1))
        guard place.segment < segments.count, cursor.location.segment == place.segment else { return false }
        let segment = segments[place.segment]
        let frame = try segment.file.readBytes(count: LogFormat.frameHeaderSize, at: place.offset)
        guard frame.count == LogFormat.frameHeaderSize, frame.withUnsafeBytes({ $0.integer(at: 4, as: UInt32.self) }) == lastRecordCRC,
              let next = try SavedIndex.recordEnd(in: segment, at: place.offset, position: cursor.position - 1) else { return false }
        return next == cursor.location.offset
    }
}
