import Synchronization

/// The checksummed blocks of an index part (`IndexPart`, format 3), so that opening a part
/// checks a few hundred bytes instead of the whole part, and each block is checked when it is
/// first read (`IndexPartFile`).
///
/// The body is cut into blocks of `size` bytes (the last one shorter); after the body comes the
/// block table, a CRC32C (u32) per body block, padded to 8 bytes; after it the top table, a
/// CRC32C per `size` bytes of the padded block table, padded to 8. The header holds the CRC32C
/// of the padded top table, which the manifest names, so every byte after the header counts: the top table vouches for the block table, which
/// vouches for the body. A part of 1 M events (about 37 MB) has a top table of 9 entries.
struct IndexPartBlocks: Equatable {
    /// Bytes of body per checked block: one page, so a lookup's probes check little.
    static let size = 4096

    /// Length of the body (a multiple of 8).
    let bodyLength: Int

    var bodyBlocks: Int { (bodyLength + Self.size - 1) / Self.size }
    /// Bytes of the block table, with its padding (which its checksums cover too).
    var tableLength: Int { Self.padded(bodyBlocks * 4) }
    var tableBlocks: Int { (tableLength + Self.size - 1) / Self.size }
    /// Bytes of the top table, with its padding (which the header's checksum covers too).
    var topLength: Int { Self.padded(tableBlocks * 4) }
    /// File offsets of the block table and the top table, and the file's size.
    var tableAt: Int { IndexPart.headerSize + bodyLength }
    var topAt: Int { tableAt + tableLength }
    var fileSize: Int { topAt + topLength }

    static func padded(_ size: Int) -> Int { (size + 7) & ~7 }

    /// The file bytes of body block `block`.
    func body(_ block: Int) -> Range<Int> {
        let start = IndexPart.headerSize + block * Self.size
        return start..<min(start + Self.size, IndexPart.headerSize + bodyLength)
    }

    /// The file bytes of block table block `block`.
    func table(_ block: Int) -> Range<Int> {
        let start = tableAt + block * Self.size
        return start..<min(start + Self.size, tableAt + tableLength)
    }

    /// The CRC32C of each `size` bytes of `bytes` (the last piece shorter).
    static func checksums(of bytes: UnsafeRawBufferPointer, size: Int = size) -> [UInt32] {
        stride(from: 0, to: bytes.count, by: size).map { start in
            CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[start..<min(start + size, bytes.count)]))
        }
    }
}

/// A set of block numbers that many threads read and add to: which blocks of a part were
/// checked. Adding is idempotent, so two threads checking the same block at once is harmless.
// @unchecked: the words are atomics, allocated once and freed with the object.
final class BlockSet: @unchecked Sendable {
    private let words: UnsafeMutablePointer<Atomic<UInt64>>
    private let wordCount: Int

    init(count: Int) {
        wordCount = max(1, (count + 63) / 64)
        words = .allocate(capacity: wordCount)
        for n in 0..<wordCount { (words + n).initialize(to: Atomic(0)) }
    }

    deinit {
        words.deinitialize(count: wordCount)
        words.deallocate()
    }

    func contains(_ block: Int) -> Bool {
        words[block >> 6].load(ordering: .acquiring) & (1 << UInt64(block & 63)) != 0
    }

    func insert(_ block: Int) {
        words[block >> 6].bitwiseOr(1 << UInt64(block & 63), ordering: .releasing)
    }
}
