import Foundation

/// The checked records of one run of a read (`RecordRun`), copied out of the log into one
/// buffer that the run's events share: such a `RecordedEvent` is this block and a `Place`, and
/// decodes a field from these bytes only when it is asked for.
///
/// The bytes are a copy, checked after copying: what an event hands out is exactly what was
/// checksummed, whatever later happens to the file. Names longer than a small string are made
/// once, when the block is built (`names`), so asking for one is a retain, not an allocation.
/// Not a cache: an event kept long keeps its block alive, at most one run (`RecordChunks.size`).
// @unchecked: `base` points into `bytes`' storage, which nothing writes after init and which
// lives as long as `bytes`.
final class RecordBlock: EventStorage, @unchecked Sendable {
    /// Where an event's record sits in its block, and its names made for the block.
    struct Place: Hashable, Sendable {
        /// `none` in a name's slot: the name is a small string, made when asked for.
        static let none: UInt16 = .max

        /// Offset of the record's payload (frame excluded) in `bytes`.
        var offset: UInt32
        var streamSlot: UInt16
        var typeSlot: UInt16
    }

    /// The copied frames and payloads; `data` and `metadata` are slices of it.
    private let bytes: Data
    private let base: UnsafeRawPointer
    /// The block's long stream and type names, by slot.
    private let names: [String]

    /// A block over `bytes`, whose storage starts at `base`.
    init(bytes: Data, base: UnsafeRawPointer, names: [String]) {
        self.bytes = bytes
        self.base = base
        self.names = names
    }

    /// The record at `place` (checked when the block was built).
    private func record(_ place: Place) -> LogRecord {
        LogRecord(checkedAt: base + Int(place.offset))
    }

    func stream(_ place: Place) -> String {
        place.streamSlot == Place.none ? String(decoding: record(place).streamBytes, as: UTF8.self) : names[Int(place.streamSlot)]
    }

    func version(_ place: Place) -> Int64 { record(place).version }

    func position(_ place: Place) -> UInt64 { record(place).position }

    func id(_ place: Place) -> UUID { record(place).id }

    func type(_ place: Place) -> String {
        place.typeSlot == Place.none ? String(decoding: record(place).typeBytes, as: UTF8.self) : names[Int(place.typeSlot)]
    }

    func created(_ place: Place) -> Date { record(place).created }

    func data(_ place: Place) -> Data { slice(record(place).dataBytes) }

    func metadata(_ place: Place) -> Data { slice(record(place).metadataBytes) }

    /// Never: an attachment is the appender's, kept only with events built in memory.
    var attachment: (any AnyObject & Sendable)? { nil }

    /// Fields this small live inline in `Data` (no allocation, and not keeping the block alive).
    static let inlineLimit = 14

    /// `field` (which lies in `bytes`) as a slice of `bytes`, or inline when it is small.
    private func slice(_ field: UnsafeRawBufferPointer) -> Data {
        guard let start = field.baseAddress, !field.isEmpty else { return Data() }
        if field.count <= Self.inlineLimit { return Data(bytes: start, count: field.count) }
        let from = start - base
        return bytes[from..<(from + field.count)]
    }
}
