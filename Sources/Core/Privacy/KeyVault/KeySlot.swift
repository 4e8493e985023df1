import Store

/// One 64-byte slot of the key vault: empty, a live key, or a forgotten one.
///
/// Layout: `tag u8 | owner name [15] | key-id random [12] | key [32] | CRC32C u32` (the CRC
/// covers the 60 bytes before it). The tag is the owner name's length (1...15) for a live key,
/// `0xFF` for a forgotten slot (every other byte zero but its CRC: no key material is left),
/// and an all-zero slot is empty (never used). Any other content, or a CRC that does not match,
/// is a damaged slot — a torn write or a changed disk block — never read as a key.
enum KeySlot: Equatable {
    case empty
    case live(CustomerKey)
    case forgotten

    static let size = 64
    static let maxOwnerName = 15
    private static let forgottenTag: UInt8 = 0xFF
    private static let nameStart = 1, randomStart = 16, keyStart = 28, crcStart = 60

    /// The slot in `bytes` (exactly `size` of them); nil when it is damaged.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> KeySlot? {
        let tag = bytes[0]
        if tag == 0 { return bytes.allSatisfy { $0 == 0 } ? .empty : nil }
        guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<crcStart])) == bytes.loadUnaligned(fromByteOffset: crcStart, as: UInt32.self).littleEndian
        else { return nil }
        if tag == forgottenTag { return bytes[1..<crcStart].allSatisfy { $0 == 0 } ? .forgotten : nil }
        guard Int(tag) <= maxOwnerName,
              let owner = KeyOwner(stored: String(decoding: bytes[nameStart..<(nameStart + Int(tag))], as: UTF8.self))
        else { return nil }
        return .live(CustomerKey(owner: owner, idRandom: Array(bytes[randomStart..<keyStart]), bytes: Array(bytes[keyStart..<crcStart])))
    }

    /// The slot's 64 bytes. A live key's owner name must fit (`fits`).
    var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: Self.size)
        switch self {
        case .empty: return out
        case .forgotten: out[0] = Self.forgottenTag
        case .live(let key):
            let name = Array(key.owner.name.utf8)
            out[0] = UInt8(name.count)
            out.replaceSubrange(Self.nameStart..<(Self.nameStart + name.count), with: name)
            // `KeyVaultTable.place` writes only keys whose id has its 12 random bytes.
            if let random = key.idRandom { out.replaceSubrange(Self.randomStart..<Self.keyStart, with: random) }
            out.replaceSubrange(Self.keyStart..<Self.crcStart, with: key.bytes)
        }
        let crc = out.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<Self.crcStart])) }
        withUnsafeBytes(of: crc.littleEndian) { out.replaceSubrange(Self.crcStart..<Self.size, with: $0) }
        return out
    }

    /// Whether `owner`'s keys fit a slot (customers, `bank` and `read-models` do).
    static func fits(_ owner: KeyOwner) -> Bool { owner.name.utf8.count <= maxOwnerName }
}

/// The vault's first 64 bytes: `magic "PIIKEYS1" | capacity u64 | used u64 | live u64 | zeros | CRC32C u32`.
///
/// `capacity` is the number of slots in the table (a power of two); `used` counts the slots
/// that are not empty (live or forgotten: both lengthen probes) and `live` the keys. The counts
/// steer growth only: a header whose counts lag a crash is still a correct table.
struct KeyVaultHeader: Equatable, Sendable {
    var capacity: Int
    var used: Int
    var live: Int

    private static let magic: [UInt8] = Array("PIIKEYS1".utf8)

    /// The header in `bytes` (64 of them); nil when it is not a vault header or is damaged.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> KeyVaultHeader? {
        guard bytes.count >= KeySlot.size, Array(bytes[0..<8]) == magic,
              CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<60])) == bytes.loadUnaligned(fromByteOffset: 60, as: UInt32.self).littleEndian
        else { return nil }
        let capacity = Int(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        let used = Int(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self)))
        let live = Int(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self)))
        guard capacity > 0, capacity & (capacity - 1) == 0, used <= capacity, live <= used else { return nil }
        return KeyVaultHeader(capacity: capacity, used: used, live: live)
    }

    var bytes: [UInt8] {
        var out = Self.magic
        for value in [capacity, used, live] { withUnsafeBytes(of: UInt64(value).littleEndian) { out.append(contentsOf: $0) } }
        out.append(contentsOf: [UInt8](repeating: 0, count: 60 - out.count))
        let crc = out.withUnsafeBytes { CRC32C.checksum($0) }
        withUnsafeBytes(of: crc.littleEndian) { out.append(contentsOf: $0) }
        return out
    }
}
