import Foundation

/// One event as laid out in the log, read in place from a buffer without copying.
///
/// Payload layout (after the 8-byte frame), little-endian:
/// `generation u32 | flags u8 | 3 zero bytes | position u64 | version i64 | id 16 bytes |
/// created (Date's reference-date seconds as Double bits) u64 | stream length u16 |
/// type length u16 | data length u32 | metadata length u32 | stream | type | data | metadata`.
struct LogRecord {
    /// The payload bytes (frame excluded).
    let payload: UnsafeRawBufferPointer

    var generation: UInt32 { payload.integer(at: 0) }
    var flags: UInt8 { payload.integer(at: 4) }
    var isCommit: Bool { flags & LogFormat.commitFlag != 0 }
    var position: UInt64 { payload.integer(at: 8) }
    var version: Int64 { payload.integer(at: 16) }
    var id: UUID { UUID(uuid: payload.loadUnaligned(fromByteOffset: 24, as: uuid_t.self)) }
    var created: Date { Date(timeIntervalSinceReferenceDate: Double(bitPattern: payload.integer(at: 40))) }
    private var streamLength: Int { Int(payload.integer(at: 48, as: UInt16.self)) }
    private var typeLength: Int { Int(payload.integer(at: 50, as: UInt16.self)) }
    private var dataLength: Int { Int(payload.integer(at: 52, as: UInt32.self)) }
    private var metadataLength: Int { Int(payload.integer(at: 56, as: UInt32.self)) }

    var streamBytes: UnsafeRawBufferPointer { slice(LogFormat.fixedPayloadSize, streamLength) }
    var typeBytes: UnsafeRawBufferPointer { slice(LogFormat.fixedPayloadSize + streamLength, typeLength) }
    var dataBytes: UnsafeRawBufferPointer { slice(LogFormat.fixedPayloadSize + streamLength + typeLength, dataLength) }
    var metadataBytes: UnsafeRawBufferPointer {
        slice(LogFormat.fixedPayloadSize + streamLength + typeLength + dataLength, metadataLength)
    }

    var stream: String { String(decoding: streamBytes, as: UTF8.self) }
    var type: String { String(decoding: typeBytes, as: UTF8.self) }
    var data: Data { Self.copy(dataBytes) }
    var metadata: Data { Self.copy(metadataBytes) }

    /// A copy of the bytes (through the pointer initialiser: the generic `Sequence` one is slow).
    private static func copy(_ bytes: UnsafeRawBufferPointer) -> Data {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return Data() }
        return Data(bytes: base, count: bytes.count)
    }

    private func slice(_ start: Int, _ count: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: payload[start..<(start + count)])
    }

    /// Wraps a payload whose CRC was checked (or is trusted); nil when its lengths do not add up.
    init?(payload: UnsafeRawBufferPointer) {
        guard payload.count >= LogFormat.fixedPayloadSize else { return nil }
        self.payload = payload
        let total = LogFormat.fixedPayloadSize + streamLength + typeLength + dataLength + metadataLength
        guard total == payload.count else { return nil }
    }

    /// The record whose payload starts at `start` and was checked when it was read (its CRC and
    /// lengths, as `init(payload:)` checks them): its length is taken from its own fields.
    init(checkedAt start: UnsafeRawPointer) {
        let header = UnsafeRawBufferPointer(start: start, count: LogFormat.fixedPayloadSize)
        let variable = Int(header.integer(at: 48, as: UInt16.self)) + Int(header.integer(at: 50, as: UInt16.self))
            + Int(header.integer(at: 52, as: UInt32.self)) + Int(header.integer(at: 56, as: UInt32.self))
        payload = UnsafeRawBufferPointer(start: start, count: LogFormat.fixedPayloadSize + variable)
    }

    func recorded(link: IndexEntry? = nil) -> RecordedEvent {
        RecordedEvent(stream: stream, version: version, position: position, id: id, type: type,
                      created: created, data: data, metadata: metadata, link: link)
    }

    // MARK: - Encoding

    /// Appends one framed record to `out`; returns its size.
    @discardableResult
    static func encode(into out: ByteWriter, generation: UInt32, commit: Bool, position: UInt64, version: Int64,
                       stream: String, event: EventData, createdBits: UInt64) -> Int {
        let start = out.count
        var stream = stream
        var type = event.type
        let streamCount = stream.utf8.count, typeCount = type.utf8.count
        let size = LogFormat.recordSize(stream: streamCount, type: typeCount, data: event.data.count, metadata: event.metadata.count)
        out.reserve(size)
        out.put(UInt32(size - LogFormat.frameHeaderSize))
        out.put(UInt32(0)) // CRC, filled in below
        out.put(generation)
        out.put(UInt32(commit ? LogFormat.commitFlag : 0))
        out.put(position)
        out.put(version)
        withUnsafeBytes(of: event.id.uuid) { out.put($0) }
        out.put(createdBits)
        out.put(UInt16(streamCount))
        out.put(UInt16(typeCount))
        out.put(UInt32(event.data.count))
        out.put(UInt32(event.metadata.count))
        stream.withUTF8 { out.put(UnsafeRawBufferPointer($0)) }
        type.withUTF8 { out.put(UnsafeRawBufferPointer($0)) }
        event.data.withUnsafeBytes { out.put($0) }
        event.metadata.withUnsafeBytes { out.put($0) }
        let payload = UnsafeRawBufferPointer(start: out.base + start + LogFormat.frameHeaderSize, count: size - LogFormat.frameHeaderSize)
        out.set(CRC32C.checksum(payload), at: start + 4)
        return size
    }
}

/// What sits at an offset of a segment.
enum LogFrame {
    case record(LogRecord, size: Int)
    /// Zeros (or too few bytes left): no more records in this segment.
    case end
    case invalid(String)

    /// Reads the frame at `offset` of a segment's bytes, checking its CRC when `verify`.
    static func read(_ bytes: UnsafeRawBufferPointer, at offset: Int, verify: Bool = true) -> LogFrame {
        guard offset + LogFormat.frameHeaderSize <= bytes.count else { return .end }
        let length = Int(bytes.integer(at: offset, as: UInt32.self))
        let crc = bytes.integer(at: offset + 4, as: UInt32.self)
        if length == 0 && crc == 0 { return .end }
        guard length >= LogFormat.fixedPayloadSize, offset + LogFormat.frameHeaderSize + length <= bytes.count else {
            return .invalid("record length \(length) does not fit")
        }
        let payload = UnsafeRawBufferPointer(rebasing: bytes[(offset + LogFormat.frameHeaderSize)..<(offset + LogFormat.frameHeaderSize + length)])
        if verify, CRC32C.checksum(payload) != crc { return .invalid("checksum mismatch") }
        guard let record = LogRecord(payload: payload) else { return .invalid("field lengths do not add up") }
        return .record(record, size: LogFormat.frameHeaderSize + length)
    }
}
