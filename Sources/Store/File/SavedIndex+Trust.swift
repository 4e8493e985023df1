extension SavedIndex {
    // MARK: - Trusting saved parts

    /// Whether the log bears the saved parts out, checked at a few places per segment rather than
    /// by reading the log (which is what the snapshot saves): every segment it covers has a
    /// sound header naming it and the position of its first record; the last record of each
    /// is where the snapshot says, at the position it says, with a matching CRC; each sealed
    /// segment ends right after that record (the zero end frame); and the log's last record
    /// carries the CRC the snapshot saved. Cost: two or three small reads per segment.
    ///
    /// A record damaged elsewhere is found when it is read (every read checks its CRC) or by
    /// `verify()`. When this says no, the index is rebuilt from the log, and that scan refuses
    /// damage before the durable tail with its file and offset.
    func isBorneOut(by segments: [Segment], segmentSize: Int) throws(EventStoreError) -> Bool {
        guard end > 0, let cursor, let lastRecordCRC = parts.last?.lastRecordCRC else { return true }
        let count = Int(end)
        func locations(_ position: Int) -> UInt64 { location(at: UInt64(position)) }
        let lastSegment = LogLocation(packed: locations(count - 1)).segment
        guard lastSegment < segments.count, cursor.location.segment == lastSegment else { return false }
        var first = 0
        for index in 0...lastSegment {
            let segment = segments[index]
            // The records of this segment are `first ..< end` (locations grow with positions).
            var low = first, high = count
            while low < high {
                let middle = (low + high) / 2
                if LogLocation(packed: locations(middle)).segment <= index { low = middle + 1 } else { high = middle }
            }
            let end = low
            let header = try segment.file.readBytes(count: LogFormat.segmentHeaderSize, at: 0)
            let decoded = header.withUnsafeBytes { SegmentHeader.decode($0) }
            guard case .success(let found) = decoded, found.segment == index, found.firstPosition == UInt64(first) else { return false }
            guard end > first else { return false }
            let place = LogLocation(packed: locations(end - 1))
            guard let next = try Self.recordEnd(in: segment, at: place.offset, position: UInt64(end - 1)) else { return false }
            if index < lastSegment {
                let room = UInt64(segmentSize) - min(UInt64(segmentSize), next)
                let marker = try segment.file.readBytes(count: Int(min(room, UInt64(LogFormat.frameHeaderSize))), at: next)
                guard UInt64(marker.count) == min(room, UInt64(LogFormat.frameHeaderSize)), marker.allSatisfy({ $0 == 0 }) else { return false }
            } else {
                let frame = try segment.file.readBytes(count: LogFormat.frameHeaderSize, at: place.offset)
                guard frame.withUnsafeBytes({ $0.integer(at: 4, as: UInt32.self) }) == lastRecordCRC, next == cursor.location.offset else {
                    return false
                }
            }
            first = end
        }
        return first == count
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
        let place = LogLocation(packed: location(at: range.upperBound - 1))
        guard place.segment < segments.count, cursor.location.segment == place.segment else { return false }
        let segment = segments[place.segment]
        let frame = try segment.file.readBytes(count: LogFormat.frameHeaderSize, at: place.offset)
        guard frame.count == LogFormat.frameHeaderSize, frame.withUnsafeBytes({ $0.integer(at: 4, as: UInt32.self) }) == lastRecordCRC,
              let next = try SavedIndex.recordEnd(in: segment, at: place.offset, position: cursor.position - 1) else { return false }
        return next == cursor.location.offset
    }
}
