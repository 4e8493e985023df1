import Foundation

/// The records of a run of index locations that a read decodes together (at most `capacity`
/// records, whose frames fit in a chunk of `RecordChunks`), copied out of the mapped log into one
/// buffer and checked there exactly as `Segment.record(at:position:)` checks one — frame,
/// CRC32C, field lengths, position — with the CRCs of three records computed side by side
/// (`CRC32C.checksums`), as a record's own checksum is one chain of dependent instructions.
///
/// `add` only reads each frame's header, so the run's first touches of its records overlap
/// their cache misses; `copyAndVerify` copies the frames (records that follow each other in
/// the log in one copy) and checksums the copies, so the bytes checked are the bytes handed
/// out (`block`), whatever later happens to the file; `record` then hands out each one in
/// order, or throws the fault its record has, as reading them one by one would (callers take
/// them in order, so the first faulty record in reading order is the one reported).
struct RecordRun {
    static let capacity = 64

    /// What `add` found where a record should be.
    private enum Found: UInt8 {
        /// The segment is not mapped: the record is read from the file (`Segment.event`).
        case unmapped
        case frame
        /// Zeros, or no room for a frame.
        case noRecord
        /// A length that does not fit (in the slot's `length`).
        case badLength
        /// The location names a segment the log does not have.
        case pastTheLog
    }

    /// What one slot holds: where its frame starts in the mapping (nil unless `.frame`), its
    /// frame's CRC and payload length, and where its payload starts in the copy.
    private struct Slot {
        var found: Found
        var frame: UnsafeRawPointer?
        var crc: UInt32
        var length: Int
        var copied: Int
    }

    private var slots: [Slot] = []
    /// Bytes of the frames (headers and payloads) of the `.frame` slots.
    private var size = 0
    /// Bit i: slot i's CRC does not match its copied payload (set by `copyAndVerify`).
    private var mismatches: UInt64 = 0
    /// The copies of the run's frames, and where their storage starts.
    private var bytes = Data()
    private var base: UnsafeRawPointer?

    init() {
        slots.reserveCapacity(Self.capacity)
    }

    var count: Int { slots.count }

    mutating func removeAll() {
        slots.removeAll(keepingCapacity: true)
        size = 0
        mismatches = 0
        bytes = Data()
        base = nil
    }

    /// Adds the record at `offset` of a segment whose bytes are `mapping` (nil when it is not
    /// mapped), reading only its frame; false, adding nothing, when the run is full: it holds
    /// `capacity` records, or this record's frame would take its bytes past a chunk (a run
    /// always takes its first record).
    mutating func add(_ mapping: UnsafeRawBufferPointer?, offset: UInt64) -> Bool {
        guard slots.count < Self.capacity else { return false }
        guard let bytes = mapping else {
            slots.append(Slot(found: .unmapped, frame: nil, crc: 0, length: 0, copied: 0))
            return true
        }
        let offset = Int(offset)
        guard offset + LogFormat.frameHeaderSize <= bytes.count, let start = bytes.baseAddress else {
            slots.append(Slot(found: .noRecord, frame: nil, crc: 0, length: 0, copied: 0))
            return true
        }
        let length = Int(bytes.integer(at: offset, as: UInt32.self))
        let crc = bytes.integer(at: offset + 4, as: UInt32.self)
        guard length != 0 || crc != 0 else {
            slots.append(Slot(found: .noRecord, frame: nil, crc: 0, length: 0, copied: 0))
            return true
        }
        guard length >= LogFormat.fixedPayloadSize, offset + LogFormat.frameHeaderSize + length <= bytes.count else {
            slots.append(Slot(found: .badLength, frame: nil, crc: crc, length: length, copied: 0))
            return true
        }
        let frameSize = LogFormat.frameHeaderSize + length
        guard size == 0 || size + frameSize <= RecordChunks.size else { return false }
        slots.append(Slot(found: .frame, frame: start + offset, crc: crc, length: length, copied: 0))
        size += frameSize
        return true
    }

    /// Adds a location whose segment the log does not have; false, adding nothing, when the
    /// run holds `capacity` records.
    mutating func addPastTheLog() -> Bool {
        guard slots.count < Self.capacity else { return false }
        slots.append(Slot(found: .pastTheLog, frame: nil, crc: 0, length: 0, copied: 0))
        return true
    }

    /// Copies every frame into one new buffer, frames that follow each other in a segment in
    /// one copy, then checks every copied payload's CRC32C, three at a time.
    mutating func copyAndVerify() {
        // A frame takes more than the 14 bytes a `Data` would keep inline, so `bytes` keeps the buffer.
        guard size > 0 else { return }
        let buffer: UnsafeMutableRawPointer
        (bytes, buffer) = RecordChunks.buffer(count: size)
        base = UnsafeRawPointer(buffer)
        // The frames not yet copied: `pending` bytes from `from`, to go at `filled`.
        var filled = 0
        var from: UnsafeRawPointer?
        var pending = 0
        for index in slots.indices where slots[index].found == .frame {
            // A `.frame` slot always has its frame.
            let frame = slots[index].frame.unsafelyUnwrapped
            let frameSize = LogFormat.frameHeaderSize + slots[index].length
            if let start = from, start + pending == frame {
                pending += frameSize
            } else {
                if let start = from { (buffer + filled).copyMemory(from: start, byteCount: pending) }
                filled += pending
                from = frame
                pending = frameSize
            }
            slots[index].copied = filled + pending - slots[index].length
        }
        if let start = from { (buffer + filled).copyMemory(from: start, byteCount: pending) }
        verify(UnsafeRawPointer(buffer))
    }

    /// Checks the CRC32C of every copied payload at `base`, three at a time.
    private mutating func verify(_ base: UnsafeRawPointer) {
        func payload(_ index: Int) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(start: base + slots[index].copied, count: slots[index].length)
        }
        var waiting = (0, 0, 0)
        var held = 0
        for index in slots.indices where slots[index].found == .frame {
            switch held {
            case 0: waiting.0 = index
            case 1: waiting.1 = index
            default: waiting.2 = index
            }
            held += 1
            guard held == 3 else { continue }
            let (a, b, c) = CRC32C.checksums(payload(waiting.0), payload(waiting.1), payload(waiting.2))
            if a != slots[waiting.0].crc { mismatches |= 1 << UInt64(waiting.0) }
            if b != slots[waiting.1].crc { mismatches |= 1 << UInt64(waiting.1) }
            if c != slots[waiting.2].crc { mismatches |= 1 << UInt64(waiting.2) }
            held = 0
        }
        if held > 0, CRC32C.checksum(payload(waiting.0)) != slots[waiting.0].crc { mismatches |= 1 << UInt64(waiting.0) }
        if held > 1, CRC32C.checksum(payload(waiting.1)) != slots[waiting.1].crc { mismatches |= 1 << UInt64(waiting.1) }
    }

    /// The copied record of slot `index`, which must hold `position`; nil when its segment is
    /// not mapped. A fault names `file()` and `offset`. Call after `copyAndVerify`.
    func record(_ index: Int, position: UInt64, file: () -> String, offset: UInt64) throws(EventStoreError) -> LogRecord? {
        let slot = slots[index]
        switch slot.found {
        case .unmapped:
            return nil
        case .noRecord:
            throw .corrupt(file: file(), offset: offset, reason: "no record where the index points")
        case .badLength:
            throw .corrupt(file: file(), offset: offset, reason: "record length \(slot.length) does not fit")
        case .pastTheLog:
            throw .corrupt(file: file(), offset: offset, reason: "the index points past the log")
        case .frame:
            if mismatches & (1 << UInt64(index)) != 0 { throw .corrupt(file: file(), offset: offset, reason: "checksum mismatch") }
            // A `.frame` slot was copied, so the copy exists.
            let payload = UnsafeRawBufferPointer(start: base.unsafelyUnwrapped + slot.copied, count: slot.length)
            guard let record = LogRecord(payload: payload) else {
                throw .corrupt(file: file(), offset: offset, reason: "field lengths do not add up")
            }
            guard record.position == position else {
                throw .corrupt(file: file(), offset: offset, reason: "record holds position \(record.position), expected \(position)")
            }
            return record
        }
    }

    /// Where slot `index`'s payload starts in the copy.
    func copiedOffset(_ index: Int) -> Int { slots[index].copied }

    /// The block of the run's copied records, with `names`; nil when none was mapped.
    func block(names: [String]) -> RecordBlock? {
        guard let base else { return nil }
        return RecordBlock(bytes: bytes, base: base, names: names)
    }
}
