extension IndexPartFile {
    // MARK: - Trusting a saved part

    /// Whether the log bears the part out where it ends: the record at its last location is
    /// whole, holds its last position and the CRC it saved, and ends where its cursor says.
    /// One record read, whatever the part's size, when the part is first used (`SavedPart`).
    ///
    /// Every other record is checked when it is read (its CRC, and that it holds the position
    /// the part places there): a part that places an event where the log has another is a
    /// `.corrupt` error at that read, never an answer; `verify()` compares every location.
    func isBorneOut(by segments: [Segment]) throws(EventStoreError) -> Bool {
        let last = LogLocation(packed: try location(at: range.upperBound - 1))
        guard last.segment < segments.count, cursor.location.segment == last.segment else { return false }
        let frame = try segments[last.segment].file.readBytes(count: LogFormat.frameHeaderSize, at: last.offset)
        guard frame.count == LogFormat.frameHeaderSize, frame.withUnsafeBytes({ $0.integer(at: 4, as: UInt32.self) }) == lastRecordCRC else {
            return false
        }
        return try Self.recordEnd(in: segments[last.segment], at: last.offset, position: range.upperBound - 1) == cursor.location.offset
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
