import Foundation

/// Places the checked records of one read in their blocks (`RecordBlock`), making at read time
/// only the names a later request for them would have to allocate.
///
/// A stream or type name of at most `smallString` bytes is made when asked for (a small string
/// is stored in place: making one allocates nothing), so the read does nothing for it. A longer
/// one is made once and kept in the block's `names`: the decoder keeps the last long stream name
/// and a few long types it made (seeded with the stream or type the read is about) and hands
/// out the same `String` (a retain, not a new validated string) when a record's bytes match one.
struct RecordDecoder {
    /// Names this short are small strings, stored in place: making one allocates nothing.
    static let smallString = 15
    /// Most long types remembered.
    static let typeSlots = 8

    private var stream: String?
    /// The slot of `stream` in the block being built, or `none`.
    private var streamSlot = RecordBlock.Place.none
    private var types: [String] = []
    /// The slot of each of `types` in the block being built, or `none`.
    private var typeSlots: [UInt16] = []
    private var nextType = 0
    /// The long names of the block being built.
    private var names: [String] = []

    /// A decoder for a read of `target`: its stream, or its type, is known before any record.
    init(for target: ReadTarget) {
        switch target {
        case .stream(let name) where name.utf8.count > Self.smallString:
            stream = name
        case .eventType(let type) where type.utf8.count > Self.smallString:
            types.append(type)
            typeSlots.append(RecordBlock.Place.none)
        default:
            break
        }
    }

    /// Where `record`, copied at `offset` of the block being built, sits in it; its long names
    /// join the block's.
    mutating func place(of record: LogRecord, at offset: Int) -> RecordBlock.Place {
        let stream = record.streamBytes, type = record.typeBytes
        return RecordBlock.Place(offset: UInt32(offset),
                                 streamSlot: stream.count > Self.smallString ? streamSlot(stream) : RecordBlock.Place.none,
                                 typeSlot: type.count > Self.smallString ? typeSlot(type) : RecordBlock.Place.none)
    }

    /// The long names of the block being built; the next record starts a new block.
    mutating func takeNames() -> [String] {
        defer {
            names = []
            streamSlot = RecordBlock.Place.none
            for index in typeSlots.indices { typeSlots[index] = RecordBlock.Place.none }
        }
        return names
    }

    /// A long stream name's slot: reads of `$all` and of indexes meet streams in turn, so only
    /// the last one is remembered.
    private mutating func streamSlot(_ bytes: UnsafeRawBufferPointer) -> UInt16 {
        if let stream, Self.matches(stream, bytes) {
            if streamSlot == RecordBlock.Place.none { streamSlot = add(stream) }
            return streamSlot
        }
        let name = String(decoding: bytes, as: UTF8.self)
        stream = name
        streamSlot = add(name)
        return streamSlot
    }

    /// A long type's slot: reads see few types, so comparing bytes with the remembered ones is
    /// cheaper than validating them into a new string.
    private mutating func typeSlot(_ bytes: UnsafeRawBufferPointer) -> UInt16 {
        for index in types.indices where Self.matches(types[index], bytes) {
            if typeSlots[index] == RecordBlock.Place.none { typeSlots[index] = add(types[index]) }
            return typeSlots[index]
        }
        let name = String(decoding: bytes, as: UTF8.self)
        let slot = add(name)
        if types.count < Self.typeSlots {
            types.append(name)
            typeSlots.append(slot)
        } else {
            types[nextType] = name
            typeSlots[nextType] = slot
            nextType = (nextType + 1) % Self.typeSlots
        }
        return slot
    }

    /// Adds a name to the block's; its slot. A block holds at most two names a record, far
    /// fewer than a slot can number.
    private mutating func add(_ name: String) -> UInt16 {
        names.append(name)
        return UInt16(names.count - 1)
    }

    /// Whether `string`'s UTF-8 is exactly `bytes`.
    private static func matches(_ string: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let utf8 = string.utf8
        guard utf8.count == bytes.count else { return false }
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return true }
        // The counts are equal and not zero, so the string's storage has an address.
        return utf8.withContiguousStorageIfAvailable { memcmp($0.baseAddress.unsafelyUnwrapped, base, bytes.count) == 0 }
            ?? utf8.elementsEqual(bytes)
    }
}
