import Foundation

/// One segment file of the log, mapped for reading when the file layer allows it: open, or
/// (a sealed one found at open, `SealedSegmentFile`) opened and mapped on its first use.
///
/// Immutable after creation; the file (and mapping) is closed when the last reference goes,
/// so a reader holding a segment can never see its mapping vanish.
// @unchecked: the mapping pointer is read-only and lives as long as this object.
final class Segment: @unchecked Sendable {
    let index: Int
    let file: any StoreFile
    /// The mapping of a segment opened when made.
    private let mapped: UnsafeRawBufferPointer?
    private let mappedLength: Int
    /// The file opens on first use (`SealedSegmentFile`).
    let opensOnDemand: Bool

    init(index: Int, file: any StoreFile, mappedLength: Int) {
        self.index = index
        self.file = file
        self.mappedLength = mappedLength
        opensOnDemand = false
        mapped = file.map(length: mappedLength)
    }

    /// A sealed segment whose file opens, and is checked, on first use.
    init(sealed index: Int, directory: String, fileSystem: any StoreFileSystem, segmentSize: Int) {
        self.index = index
        file = SealedSegmentFile(directory: directory, index: index, fileSystem: fileSystem, segmentSize: segmentSize)
        mappedLength = segmentSize
        opensOnDemand = true
        mapped = nil
    }

    /// The segment's file name (made when asked: opening makes a segment per file of the log).
    var name: String { LogFormat.segmentName(index) }

    /// The segment's bytes mapped, or nil when the file layer does not map (or the file
    /// cannot be opened: reading it then meets the reason).
    var mapping: UnsafeRawBufferPointer? { opensOnDemand ? file.map(length: mappedLength) : mapped }

    deinit { file.close() }

    /// Runs `body` over the segment's written bytes (up to `limit`): the mapping, or a copy read
    /// from the file.
    ///
    /// The bytes end where the file's written data ends (`StoreFile.dataEnd`): what follows is
    /// a hole that reads as zeros, the end of the log, and a sparse segment's unbacked pages are
    /// never touched through the mapping (on a full tmpfs that would be a SIGBUS).
    func withBytes<R>(limit: Int, _ body: (UnsafeRawBufferPointer) throws(EventStoreError) -> R) throws(EventStoreError) -> R {
        let written = Int(min(UInt64(limit), try file.dataEnd()))
        if let mapping {
            return try body(UnsafeRawBufferPointer(rebasing: mapping[0..<min(written, mapping.count)]))
        }
        let size = written
        let copy = try file.readBytes(count: size, at: 0)
        let result = copy.withUnsafeBytes { bytes in
            Result { () throws(EventStoreError) -> R in try body(bytes) }
        }
        return try result.get()
    }

    /// The event whose record starts at `offset`, which must be the one at `position`.
    ///
    /// The record's CRC is checked, then its structure and position: a mismatch is
    /// `.corrupt(file:offset:reason:)`, never data.
    func event(at offset: UInt64, position: UInt64, link: IndexEntry?) throws(EventStoreError) -> RecordedEvent {
        if let mapping {
            return try Self.decode(LogFrame.read(mapping, at: Int(offset)), position: position, link: link, file: name, offset: offset)
        }
        let frame = try file.readBytes(count: LogFormat.frameHeaderSize, at: offset)
        guard frame.count == LogFormat.frameHeaderSize else {
            throw .corrupt(file: name, offset: offset, reason: "no record where the index points")
        }
        let length = frame.withUnsafeBytes { Int($0.integer(at: 0, as: UInt32.self)) }
        guard length >= LogFormat.fixedPayloadSize, offset + UInt64(LogFormat.frameHeaderSize + length) <= (try file.size()) else {
            throw .corrupt(file: name, offset: offset, reason: "record length \(length) is invalid")
        }
        let bytes = try file.readBytes(count: LogFormat.frameHeaderSize + length, at: offset)
        let frameRead = bytes.withUnsafeBytes { raw in
            Result { () throws(EventStoreError) -> RecordedEvent in
                try Self.decode(LogFrame.read(raw, at: 0), position: position, link: link, file: name, offset: offset)
            }
        }
        return try frameRead.get()
    }

    /// The mapped record that starts at `offset`, which must be the one at `position` (its CRC
    /// and position checked as `event` checks them); nil when the segment is not mapped
    /// (`event` then reads the file). `RecordRun` checks many the same way.
    func record(at offset: UInt64, position: UInt64) throws(EventStoreError) -> LogRecord? {
        guard let mapping else { return nil }
        switch LogFrame.read(mapping, at: Int(offset)) {
        case .record(let record, _):
            guard record.position == position else {
                throw .corrupt(file: name, offset: offset, reason: "record holds position \(record.position), expected \(position)")
            }
            return record
        case .end:
            throw .corrupt(file: name, offset: offset, reason: "no record where the index points")
        case .invalid(let reason):
            throw .corrupt(file: name, offset: offset, reason: reason)
        }
    }

    private static func decode(_ frame: LogFrame, position: UInt64, link: IndexEntry?, file: String,
                               offset: UInt64) throws(EventStoreError) -> RecordedEvent {
        switch frame {
        case .record(let record, _):
            guard record.position == position else {
                throw .corrupt(file: file, offset: offset, reason: "record holds position \(record.position), expected \(position)")
            }
            return record.recorded(link: link)
        case .end:
            throw .corrupt(file: file, offset: offset, reason: "no record where the index points")
        case .invalid(let reason):
            throw .corrupt(file: file, offset: offset, reason: reason)
        }
    }
}
