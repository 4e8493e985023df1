import Foundation

/// One part of the saved index, as written: what the events at positions `from ..<
/// cursor.position` added to the index (a delta, `StreamIndex.delta(since:)`) and their log
/// locations. Written once, never changed: a later save writes a new part for the events after
/// it (or one that replaces a run of small parts, see `IndexManifest.ranges(extendedTo:)`), and
/// `IndexManifest` names the parts in force. A part is read in place (`IndexPartFile`), never
/// loaded whole. Not the index of a log segment: a part covers a range of positions.
///
/// File `index-FROM-TO.part`. A 72-byte header (`magic u64 | format u32 | generation u32 | from
/// u64 | to u64 | segment u32 | zero u32 | offset u64 | last record CRC u32 | checksum u32 |
/// body length u64 | header CRC32C u32 | zero u32`; `to`, segment, offset and generation are
/// the log's cursor after the part's last event; the checksum is that of the top table), then
/// the body, every section padded to 8 bytes, then the block checksums (`IndexPartBlocks`):
///
/// - counts: `streams u32 | categories u32 | types u32 | metadata u32 | stream positions u64 |
///   list positions u64 | firsts u64 | name bytes u64`
/// - locations: a packed `LogLocation` (u64) per position, in position order
/// - streams, sorted by the bytes of their names: `name offset u32 | name length u16 | flags
///   u16 (1 tombstoned, 2 metadata set) | first stream position u32 | count u32`
/// - metadata, for the streams whose flags say so, by stream slot: `slot u32 | zero u32 |
///   maxCount i64 | maxAge i64 | truncateBefore i64` (-1 for none)
/// - categories then event types, each sorted by name: `name offset u32 | name length u16 |
///   zero u16 | first list position u32 | count u32`
/// - stream positions (u32, minus `from`) of every stream in slot order, then their id
///   fingerprints (u16), then the list positions (u32, minus `from`) of every category and
///   type, then the first positions of the streams the part made (`$streams`, u32 minus `from`)
/// - the names
/// - the filter of the stream names (`StreamFilter`), u64 words.
///
/// Opened when its header and top table checksums match, the manifest names the same checksum
/// and the log bears out its last record (`SavedIndex+Trust`); otherwise its events are read
/// again from the log. Each block is checked when first read, its tables' order with it
/// (`IndexPartFile`): a damaged one is a `.corrupt` error naming the part and the offset.
struct IndexPart {
    static let magic: UInt64 = 0x3150_5849_4B4E_4142 // "BANKIXP1"
    static let headerSize = 72
    /// Version of the part layout (a part of another version is rebuilt, not read).
    static let format: UInt32 = 3
    static let countsSize = 48
    static let streamEntrySize = 16
    static let metadataEntrySize = 32
    static let listEntrySize = 16
    static let tombstonedFlag: UInt16 = 1
    static let metadataFlag: UInt16 = 2

    /// The first position the part covers.
    var from: UInt64
    /// The log's cursor after the part's last event (`cursor.position` is one past it).
    var cursor: LogScanner.Cursor
    /// The CRC of the part's last record, as the log holds it.
    var lastRecordCRC: UInt32
    /// The packed log location of each position in `range`.
    var locations: [UInt64]
    /// What the part's events added to the index (positions within `range`).
    var index: StreamIndex

    /// The events the part covers.
    var range: Range<UInt64> { from..<cursor.position }

    /// The file name of the part covering `range`.
    static func fileName(_ range: Range<UInt64>) -> String {
        "index-" + padded(range.lowerBound) + "-" + padded(range.upperBound) + ".part"
    }

    /// Whether `name` is a part file (or one being written).
    static func isPartName(_ name: String) -> Bool {
        name.hasPrefix("index-") && (name.hasSuffix(".part") || name.hasSuffix(".part.tmp"))
    }

    private static func padded(_ value: UInt64) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    }

    /// Whether `a`'s UTF-8 bytes sort before `b`'s (the order of a part's tables).
    static func precedes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in compare(UnsafeRawBufferPointer(x), UnsafeRawBufferPointer(y)) < 0 } }
    }

    /// memcmp order, a shorter name first when it is a prefix of the other.
    static func compare(_ x: UnsafeRawBufferPointer, _ y: UnsafeRawBufferPointer) -> Int {
        let common = min(x.count, y.count)
        if common > 0, let a = x.baseAddress, let b = y.baseAddress {
            let result = memcmp(a, b, common)
            if result != 0 { return Int(result) }
        }
        return x.count - y.count
    }

    // MARK: - Writing

    /// The part's bytes and its checksum (of its top table, see `IndexPartBlocks`).
    func encoded() -> (bytes: ByteWriter, checksum: UInt32) {
        let count = Int(cursor.position - from)
        let names = index.streams.keys.sorted(by: Self.precedes)
        let categories = index.categories.keys.sorted(by: Self.precedes)
        let types = index.types.keys.sorted(by: Self.precedes)
        var streamTotal = 0, listTotal = 0, nameBytes = 0, metadataCount = 0
        for name in names {
            let stream = index.streams[name].unsafelyUnwrapped
            streamTotal += stream.positions.count
            nameBytes += name.utf8.count
            if stream.metadataSet { metadataCount += 1 }
        }
        for name in categories { listTotal += index.categories[name]?.count ?? 0; nameBytes += name.utf8.count }
        for name in types { listTotal += index.types[name]?.count ?? 0; nameBytes += name.utf8.count }

        let out = ByteWriter(capacity: Self.headerSize + Self.countsSize + count * 8 + names.count * 16 + nameBytes
                             + streamTotal * 6 + listTotal * 4 + index.firsts.count * 4 + 4096)
        func pad() { out.put(zeros: (8 - out.count % 8) % 8) }
        func relative(_ position: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: position - from) }
        out.put(zeros: Self.headerSize)
        out.put(UInt32(names.count))
        out.put(UInt32(categories.count))
        out.put(UInt32(types.count))
        out.put(UInt32(metadataCount))
        out.put(UInt64(streamTotal))
        out.put(UInt64(listTotal))
        out.put(UInt64(index.firsts.count))
        out.put(UInt64(nameBytes))
        out.put(array: locations)
        var nameOffset = 0, listStart = 0
        for name in names {
            let stream = index.streams[name].unsafelyUnwrapped
            let length = name.utf8.count
            out.put(UInt32(nameOffset))
            out.put(UInt16(length))
            out.put((stream.tombstoned ? Self.tombstonedFlag : 0) | (stream.metadataSet ? Self.metadataFlag : 0))
            out.put(UInt32(listStart))
            out.put(UInt32(stream.positions.count))
            nameOffset += length
            listStart += stream.positions.count
        }
        for (slot, name) in names.enumerated() {
            let stream = index.streams[name].unsafelyUnwrapped
            guard stream.metadataSet else { continue }
            out.put(UInt32(slot))
            out.put(UInt32(0))
            for value in [stream.metadata.maxCount, stream.metadata.maxAge, stream.metadata.truncateBefore] { out.put(value ?? -1) }
        }
        listStart = 0
        for (lists, keys) in [(index.categories, categories), (index.types, types)] {
            for name in keys {
                let length = name.utf8.count
                let listCount = lists[name]?.count ?? 0
                out.put(UInt32(nameOffset))
                out.put(UInt16(length))
                out.put(UInt16(0))
                out.put(UInt32(listStart))
                out.put(UInt32(listCount))
                nameOffset += length
                listStart += listCount
            }
        }
        for name in names {
            for position in index.streams[name].unsafelyUnwrapped.positions { out.put(relative(position)) }
        }
        pad()
        for name in names {
            let stream = index.streams[name].unsafelyUnwrapped
            if stream.tags.count == stream.positions.count {
                out.put(array: stream.tags)
            } else {
                out.put(zeros: stream.positions.count * 2)
            }
        }
        pad()
        for (lists, keys) in [(index.categories, categories), (index.types, types)] {
            for name in keys {
                for position in lists[name] ?? [] { out.put(relative(position)) }
            }
        }
        pad()
        for position in index.firsts { out.put(relative(position)) }
        pad()
        for name in names + categories + types {
            var name = name
            name.withUTF8 { out.put(UnsafeRawBufferPointer($0)) }
        }
        pad()
        out.put(array: StreamFilter.words(of: names))

        let bodyLength = out.count - Self.headerSize
        let blocks = IndexPartBlocks(bodyLength: bodyLength)
        out.put(array: IndexPartBlocks.checksums(of: UnsafeRawBufferPointer(rebasing: out.bytes[Self.headerSize...])))
        pad()
        out.put(array: IndexPartBlocks.checksums(of: UnsafeRawBufferPointer(rebasing: out.bytes[blocks.tableAt..<blocks.topAt])))
        pad()
        let checksum = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: out.bytes[blocks.topAt..<blocks.fileSize]))
        let header = ByteWriter(capacity: Self.headerSize)
        header.put(Self.magic)
        header.put(Self.format)
        header.put(cursor.generation)
        header.put(from)
        header.put(cursor.position)
        header.put(UInt32(cursor.location.segment))
        header.put(UInt32(0))
        header.put(cursor.location.offset)
        header.put(lastRecordCRC)
        header.put(checksum)
        header.put(UInt64(bodyLength))
        header.put(CRC32C.checksum(header.bytes))
        header.put(UInt32(0))
        out.base.copyMemory(from: header.base, byteCount: Self.headerSize)
        return (out, checksum)
    }

    /// Writes the part durably under its name (temporary file, sync, rename; the caller syncs
    /// the directory) and returns its checksum, for the manifest.
    func write(directory: String, fileSystem: any StoreFileSystem) throws(EventStoreError) -> UInt32 {
        let (out, checksum) = encoded()
        try fileSystem.replace(directory + "/" + Self.fileName(range), with: out)
        return checksum
    }
}
