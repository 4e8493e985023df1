/// The store-wide stream filter: one blocked Bloom filter (`StreamFilter`'s blocks and hash)
/// over the stream names of every sealed index part, so that a new stream's first append asks
/// one filter whether the stream is in those parts instead of probing each part
/// (`IndexPartProbe`, one per 1–2 M events). A "maybe" (the names it holds, and about 1 % of
/// the others) is answered by the parts, as before; only a "no" spares them.
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
/// (`pageSize` bytes) of the filter, padded to 8, then a CRC32C of everything before it and a
/// zero u32; then the filter, `blocks` blocks of `StreamFilter.blockWords` u64 words. The last
/// location, cursor offset and CRC are those of the last covered event's record, which the log
/// must bear out (`IndexPartFile.isBorneOut`), as the last part's must when the store opens.
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
    /// The filter's words: a power of two of blocks.
    var words: [UInt64]

    var blocks: Int { words.count / StreamFilter.blockWords }
    var pages: Int { Self.pages(blocks: blocks) }

    static func pages(blocks: Int) -> Int { (blocks * blockBytes + pageSize - 1) / pageSize }

    /// Bytes before the filter's words, for `entries` covered parts and `pages` pages.
    static func headerLength(entries: Int, pages: Int) -> Int {
        fixedSize + entries * entrySize + IndexPartBlocks.padded(pages * 4) + 8
    }

    // MARK: - Building

    /// The filter of the sealed parts `parts` (each opened and checked, the last one borne out
    /// by the log): every stream name of each, hashed from the part's names table.
    static func build(over parts: [IndexPartFile]) throws(EventStoreError) -> StoreStreamFilter? {
        guard let last = parts.last else { return nil }
        let names = parts.reduce(0) { $0 + $1.streamCount }
        var words = [UInt64](repeating: 0, count: max(StreamFilter.blockWords, StreamFilter.words(forStreams: names)))
        let mask = UInt64(words.count / StreamFilter.blockWords - 1)
        try words.withUnsafeMutableBufferPointer { words throws(EventStoreError) in
            for part in parts {
                try part.forEachStreamName { name in
                    let hash = StreamFilter.Hash(name)
                    let base = Int(hash.block & mask) * StreamFilter.blockWords
                    for n in 0..<StreamFilter.bitsPerName {
                        let (word, bit) = hash.bit(n)
                        words[base + word] |= bit
                    }
                }
            }
        }
        let lastLocation = LogLocation(packed: try last.location(at: last.range.upperBound - 1))
        return StoreStreamFilter(entries: parts.map { IndexManifest.Entry(range: $0.range, checksum: $0.checksum) },
                                 lastLocation: lastLocation, cursorOffset: last.cursor.location.offset,
                                 lastRecordCRC: last.lastRecordCRC, names: names, words: words)
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
