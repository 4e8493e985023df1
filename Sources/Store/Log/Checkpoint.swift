/// How far the log is known durable, and the writer generation, kept in the `checkpoint` file.
///
/// The file has three 40-byte slots (at 0, 512 and 1024, so one torn write damages one slot):
/// slot 0 is written and synced when a writer opens the store (it carries the new generation);
/// slots 1 and 2 are rewritten alternately, unsynced, after every group commit. Each slot:
/// `magic u64 | generation u32 | segment u32 | offset u64 | position u64 | flags u32 | CRC32C u32`.
/// The position is the count of durable events; segment and offset locate the end of the last one.
///
/// Slot 0 is also a fence. Every record a writer writes lies at or after the place where it
/// started, so records there of an older generation are stale. And when a write fails, the
/// writer rewrites slot 0 (synced) with `stopped` set and the place where the failed group
/// began, before it reports the failure: recovery then drops that generation's records from
/// there on, so an append reported failed never comes back as committed.
struct Checkpoint: Equatable, Sendable {
    var generation: UInt32
    var end: LogLocation
    var position: UInt64
    /// The writer of `generation` stopped here after a failed write (flag bit 0).
    var stopped = false

    static let fileName = "checkpoint"
    static let slotOffsets: [UInt64] = [0, 512, 1024]
    static let slotSize = 40
    static let magic: UInt64 = 0x3150_4B43_4B4E_4142 // "BANKCKP1"

    func encoded() -> [UInt8] {
        let out = ByteWriter(capacity: Self.slotSize)
        out.put(Self.magic)
        out.put(generation)
        out.put(UInt32(end.segment))
        out.put(end.offset)
        out.put(position)
        out.put(UInt32(stopped ? 1 : 0))
        out.put(CRC32C.checksum(UnsafeRawBufferPointer(start: out.base, count: 36)))
        return Array(out.bytes)
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) -> Checkpoint? {
        guard bytes.count >= slotSize, bytes.integer(at: 0, as: UInt64.self) == magic,
              CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<36])) == bytes.integer(at: 36, as: UInt32.self)
        else { return nil }
        return Checkpoint(generation: bytes.integer(at: 8),
                          end: LogLocation(segment: Int(bytes.integer(at: 12, as: UInt32.self)), offset: bytes.integer(at: 16)),
                          position: bytes.integer(at: 24), stopped: bytes.integer(at: 32, as: UInt32.self) & 1 != 0)
    }

    /// What slot 0 says of the records after its place: those of an older generation than this
    /// are stale, or (when `stopped`) were never acknowledged.
    var fence: LogScanner.Fence {
        LogScanner.Fence(location: end, minimumGeneration: stopped ? generation &+ 1 : generation)
    }

    /// The valid slots of a checkpoint file (index, value); damaged or empty slots are left out.
    static func readSlots(_ file: any StoreFile) throws(EventStoreError) -> [(slot: Int, checkpoint: Checkpoint)] {
        let buffer = try file.readBytes(count: Int(slotOffsets[2]) + slotSize, at: 0)
        let count = buffer.count
        var result: [(slot: Int, checkpoint: Checkpoint)] = []
        for (slot, offset) in slotOffsets.enumerated() where Int(offset) + slotSize <= count {
            let decoded = buffer.withUnsafeBytes { Checkpoint.decode(UnsafeRawBufferPointer(rebasing: $0[Int(offset)...])) }
            if let decoded { result.append((slot, decoded)) }
        }
        return result
    }

    /// The furthest durable point and the highest generation recorded in the file, if any slot is valid.
    static func read(_ file: any StoreFile) throws(EventStoreError) -> (durable: Checkpoint, generation: UInt32)? {
        let slots = try readSlots(file)
        guard let best = slots.max(by: { $0.checkpoint.position < $1.checkpoint.position }) else { return nil }
        return (best.checkpoint, slots.map(\.checkpoint.generation).max() ?? best.checkpoint.generation)
    }

    func write(to file: any StoreFile, slot: Int) throws(EventStoreError) {
        try file.write(encoded(), at: Self.slotOffsets[slot])
    }
}
