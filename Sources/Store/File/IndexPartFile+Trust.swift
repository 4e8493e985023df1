extension IndexPartFile {
    // MARK: - Trusting a saved part

    /// Whether the log bears the part out where it ends: the record at its last location is
    /// whole, holds its last position and the CRC it saved, and ends where its cursor says.
    /// One record read, whatever the part's size, when the part is first used (`SavedPart`).
    ///
    /// Every other record is checked when it is read (its CRC, and that it holds the position
    /// the part places there): a part that places an event where the log has another is a
    /// `.corrupt` error at that read, never an answer; `verify()` compares every location.
    func isBorneOut(by segments: SegmentList) throws(EventStoreError) -> Bool {
        try Self.isBorneOut(last: LogLocation(packed: try location(at: range.upperBound - 1)), position: range.upperBound - 1,
                            cursor: cursor, lastRecordCRC: lastRecordCRC, by: segments)
    }

    /// Whether the log holds, at `last`, a whole record of `position` with the CRC
    /// `lastRecordCRC`, ending at `cursor`: what `isBorneOut(by:)` checks of a part whose last
    /// location, position, cursor and CRC these are (an opened part's, or a probed one's,
    /// `IndexPartProbe`).
    static func isBorneOut(last: LogLocation, position: UInt64, cursor: LogScanner.Cursor, lastRecordCRC: UInt32,
                           by segments: SegmentList) throws(EventStoreError) -> Bool {
        guard last.segment < segments.count, cursor.location.segment == last.segment else { return false }
        return try recordEnd(in: segments[last.segment], at: last.offset, position: position, crc: lastRecordCRC) == cursor.location.offset
    }

    /// Bytes read at a record's offset to check it: the whole record in most logs (a bank's
    /// are a few hundred bytes); a longer one is read again, whole.
    static let recordReadSize = 512

    /// Where the record at `offset` ends, when it is whole, its CRC matches (and is `crc`, when
    /// given), and it holds `position`.
    static func recordEnd(in segment: Segment, at offset: UInt64, position: UInt64, crc: UInt32? = nil) throws(EventStoreError) -> UInt64? {
        var bytes = try segment.file.readBytes(count: recordReadSize, at: offset)
        guard bytes.count >= LogFormat.frameHeaderSize else { return nil }
        if let crc, bytes.withUnsafeBytes({ $0.integer(at: 4, as: UInt32.self) }) != crc { return nil }
        let length = UInt64(bytes.withUnsafeBytes { $0.integer(at: 0, as: UInt32.self) })
        guard length >= UInt64(LogFormat.fixedPayloadSize) else { return nil }
        let whole = UInt64(LogFormat.frameHeaderSize) + length
        if UInt64(bytes.count) < whole {
            guard offset + whole <= (try segment.file.size()) else { return nil }
            bytes = try segment.file.readBytes(count: Int(whole), at: offset)
            guard UInt64(bytes.count) == whole else { return nil }
        }
        return bytes.withUnsafeBytes { raw -> UInt64? in
            let record = UnsafeRawBufferPointer(rebasing: raw[0..<Int(whole)])
            guard case .record(let found, let size) = LogFrame.read(record, at: 0), found.position == position else { return nil }
            return offset + UInt64(size)
        }
    }
}
