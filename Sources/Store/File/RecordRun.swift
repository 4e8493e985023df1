/// The mapped records of a run of up to 64 index locations that a read decodes together,
/// checked exactly as `Segment.record(at:position:)` checks one — frame, CRC32C, field lengths,
/// position — but with the CRCs of three records computed side by side
/// (`CRC32C.checksums`), as a record's own checksum is one chain of dependent instructions.
///
/// `add` only reads each frame's header, so the run's first touches of its records overlap
/// their cache misses; `verify` checksums them; `record` then hands out each one in order, or
/// throws the fault its record has, as reading them one by one would (callers take them in
/// order, so the first faulty record in reading order is the one reported).
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
    }

    /// What one slot holds: its payload (empty unless `.frame`), its frame's CRC and length.
    private struct Slot {
        var found: Found
        var payload: UnsafeRawBufferPointer
        var crc: UInt32
        var length: Int
    }

    private var slots: [Slot] = []
    /// Bit i: slot i's CRC does not match its payload (set by `verify`).
    private var mismatches: UInt64 = 0

    init() {
        slots.reserveCapacity(Self.capacity)
    }

    var count: Int { slots.count }

    mutating func removeAll() {
        slots.removeAll(keepingCapacity: true)
        mismatches = 0
    }

    /// Adds the record at `offset` of a segment whose bytes are `mapping` (nil when it is not
    /// mapped), reading only its frame. At most `capacity` records.
    mutating func add(_ mapping: UnsafeRawBufferPointer?, offset: UInt64) {
        let none = UnsafeRawBufferPointer(start: nil, count: 0)
        guard let bytes = mapping else { return slots.append(Slot(found: .unmapped, payload: none, crc: 0, length: 0)) }
        let offset = Int(offset)
        guard offset + LogFormat.frameHeaderSize <= bytes.count else {
            return slots.append(Slot(found: .noRecord, payload: none, crc: 0, length: 0))
        }
        let length = Int(bytes.integer(at: offset, as: UInt32.self))
        let crc = bytes.integer(at: offset + 4, as: UInt32.self)
        if length == 0 && crc == 0 { return slots.append(Slot(found: .noRecord, payload: none, crc: 0, length: 0)) }
        let start = offset + LogFormat.frameHeaderSize
        guard length >= LogFormat.fixedPayloadSize, start + length <= bytes.count else {
            return slots.append(Slot(found: .badLength, payload: none, crc: crc, length: length))
        }
        slots.append(Slot(found: .frame, payload: UnsafeRawBufferPointer(rebasing: bytes[start..<(start + length)]), crc: crc, length: length))
    }

    /// Checks every frame's CRC32C, three at a time.
    mutating func verify() {
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
            let (a, b, c) = CRC32C.checksums(slots[waiting.0].payload, slots[waiting.1].payload, slots[waiting.2].payload)
            if a != slots[waiting.0].crc { mismatches |= 1 << UInt64(waiting.0) }
            if b != slots[waiting.1].crc { mismatches |= 1 << UInt64(waiting.1) }
            if c != slots[waiting.2].crc { mismatches |= 1 << UInt64(waiting.2) }
            held = 0
        }
        if held > 0, CRC32C.checksum(slots[waiting.0].payload) != slots[waiting.0].crc { mismatches |= 1 << UInt64(waiting.0) }
        if held > 1, CRC32C.checksum(slots[waiting.1].payload) != slots[waiting.1].crc { mismatches |= 1 << UInt64(waiting.1) }
    }

    /// The record of slot `index`, which must hold `position`; nil when its segment is not
    /// mapped. A fault names `file()` and `offset`. Call after `verify`.
    func record(_ index: Int, position: UInt64, file: () -> String, offset: UInt64) throws(EventStoreError) -> LogRecord? {
        let slot = slots[index]
        switch slot.found {
        case .unmapped:
            return nil
        case .noRecord:
            throw .corrupt(file: file(), offset: offset, reason: "no record where the index points")
        case .badLength:
            throw .corrupt(file: file(), offset: offset, reason: "record length \(slot.length) does not fit")
        case .frame:
            if mismatches & (1 << UInt64(index)) != 0 { throw .corrupt(file: file(), offset: offset, reason: "checksum mismatch") }
            guard let record = LogRecord(payload: slot.payload) else {
                throw .corrupt(file: file(), offset: offset, reason: "field lengths do not add up")
            }
            guard record.position == position else {
                throw .corrupt(file: file(), offset: offset, reason: "record holds position \(record.position), expected \(position)")
            }
            return record
        }
    }
}
