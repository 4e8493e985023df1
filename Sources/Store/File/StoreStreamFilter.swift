/// The store-wide stream filter: the stream filters (`StreamFilter`'s blocks and hash) of every
/// sealed index part in one file, block by block, so that a lookup reads one group of blocks,
/// the one its hash picks in each part's filter, side by side, and learns which sealed parts
/// may hold the stream, instead of probing each part (`IndexPartProbe`, one per 1–2 M events)
/// for its own filter block. A new stream's first append (which every part rules out, but
/// about 1 % each) and a lookup of a stream held by one part (which is then the only one
/// asked, with about 1 % of the others) cost that one read, however many sealed parts there are.
///
/// It covers sealed parts only (`IndexManifest.ranges(extendedTo:sealedEvents:)`: never merged
/// again, so what it covers stays in force), and it names them: the manifest's entry (range
/// and checksum) of each, which must be the first entries of the index in force for it to be
/// used at all (`SavedIndex.filterRulesOut`). Written by the save that seals a part (from the
/// names of every sealed part, each opened and borne out by the log), after the manifest, so a
/// crash in between leaves the filter of the parts sealed before: still the first entries,
/// still used for them, and the next save writes it again. Derived, like the parts: a missing,
/// stale or damaged filter is never trusted, only not used (the parts answer), and rewritten by
/// the next save.
///
/// File `index.filter`: `magic u64 | format u32 | entries u32 | blocks u32 | pages u32 | names
/// u64 | last location u64 | cursor offset u64 | last record CRC u32 | zero u32`, then per
/// covered part `from u64 | to u64 | checksum u32 | zero u32`, then a CRC32C (u32) per page
/// (`pageSize` bytes) of the filters, padded to 8, then a CRC32C of everything before it and a
/// zero u32; then the filters: for each of `blocks` block numbers, that block of each part's
/// filter (`StreamFilter.blockWords` u64 words), in the order of the entries. Every part's
/// filter has `blocks` blocks, enough for the part with the most names. The last location,
/// cursor offset and CRC are those of the last covered event's record, which the log must
/// bear out (`IndexPartFile.isBorneOut`), as the last part's must when the store opens.
struct StoreStreamFilter {
    static let fileName = "index.filter"
    static let magic: UInt64 = 0x3146_5849_4B4E_4142 // "BANKIXF1"
    static let format: UInt32 = 1
    /// Bytes of filter per checksum: a lookup reads and checks the one page holding its block.
    static let pageSize = 4096
    static let fixedSize = 56
    static let entrySize = 24
    static let blockBytes = StreamFilter.blockWords * 8

    /// The covered parts, in position order from position 0.
    var entries: [IndexManifest.Entry]
    /// The log's record of the last covered event: where it is, where it ends, its CRC.
    var lastLocation: LogLocation
    var cursorOffset: UInt64
    var lastRecordCRC: UInt32
    /// Names hashed in (a stream in several parts counts once per part).
    var names: Int
    /// Blocks of each part's filter: a power of two.
    var blocks: Int
    /// The filters' words, block number by block number (see the file's layout).
    var words: [UInt64]

    var pages: Int { Self.pages(blocks: blocks, parts: entries.count) }

    static func pages(blocks: Int, parts: Int) -> Int { (blocks * parts * blockBytes + pageSize - 1) / pageSize }

    /// Bytes before the filter's words, for `entries` covered parts and `pages` pages.
    static func headerLength(entries: Int, pages: Int) -> Int {
        fixedSize + entries * entrySize + IndexPartBlocks.padded(pages * 4) + 8
    }

    // MARK: - Building

    /// The filters of the sealed parts `parts` (each opened and checked, the last one borne
    /// out by the log): every stream name of each, hashed from the part's names table.
    static func build(over parts: [IndexPartFile]) throws(EventStoreError) -> StoreStreamFilter? {
        guard let last = parts.last else { return nil }
        let most = parts.map(\.streamCount).max() ?? 0
        let blocks = max(1, StreamFilter.words(forStreams: most) / StreamFilter.blockWords)
        let group = parts.count * StreamFilter.blockWords
        var words = [UInt64](repeating: 0, count: blocks * group)
        let mask = UInt64(blocks - 1)
        try words.withUnsafeMutableBufferPointer { words throws(EventStoreError) in
            for (n, part) in parts.enumerated() {
                try part.forEachStreamName { name in
                    let hash = StreamFilter.Hash(name)
                    let base = Int(hash.block & mask) * group + n * StreamFilter.blockWords
                    for k in 0..<StreamFilter.bitsPerName {
                        let (word, bit) = hash.bit(k)
                        words[base + word] |= bit
                    }
                }
            }
        }
        let lastLocation = LogLocation(packed: try last.location(at: last.range.upperBound - 1))
        return StoreStreamFilter(entries: parts.map { IndexManifest.Entry(range: $0.range, checksum: $0.checksum) },
                                 lastLocation: lastLocation, cursorOffset: last.cursor.location.offset,
                                 lastRecordCRC: last.lastRecordCRC, names: parts.reduce(0) { $0 + $1.streamCount },
                                 blocks: blocks, words: words)
    }

    // MARK: - Writing

    func encoded() -> ByteWriter {
        let pages = self.pages
        let out = ByteWriter(capacity: Self.headerLength(entries: entries.count, pages: pages) + words.count * 8)
        out.put(Self.magic)
        out.put(Self.format)
        out.put(UInt32(entries.count))
        out.put(UInt32(blocks))
        out.put(UInt32(pages))
        out.put(UInt64(names))
        out.put(lastLocation.packed)
        out.put(cursorOffset)
        out.put(lastRecordCRC)
        out.put(UInt32(0))
        for entry in entries {
            out.put(entry.range.lowerBound)
            out.put(entry.range.upperBound)
            out.put(entry.checksum)
            out.put(UInt32(0))
        }
        words.withUnsafeBytes { filter in
            for page in IndexPartBlocks.checksums(of: filter, size: Self.pageSize) { out.put(page) }
        }
        out.put(zeros: (8 - out.count % 8) % 8)
        out.put(CRC32C.checksum(out.bytes))
        out.put(UInt32(0))
        words.withUnsafeBytes { out.put($0) }
        return out
    }

    /// Writes the filter atomically (temporary file, sync, rename, directory sync).
    func write(directory: String, fileSystem: any StoreFileSystem) throws(EventStoreError) {
        try fileSystem.replace(directory + "/" + Self.fileName, with: encoded())
        try fileSystem.syncDirectory(directory)
    }
}
