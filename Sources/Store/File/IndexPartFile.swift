import Foundation

/// A saved index part (`IndexPart`), read in place: its file stays mapped (or, on a file layer
/// without mappings, read once into memory) and every question is answered from its tables,
/// by binary search over names sorted by their bytes. Opening one checks its checksums and the
/// shape of its tables, O(its streams); it never builds an in-memory index.
///
/// Immutable once opened; the file closes when the last reference goes, so a reader holding a
/// part never sees its bytes vanish.
// @unchecked: the bytes are read-only and live as long as this object.
final class IndexPartFile: @unchecked Sendable {
    let name: String
    let range: Range<UInt64>
    /// The log's cursor after the part's last event.
    let cursor: LogScanner.Cursor
    let lastRecordCRC: UInt32
    let bodyChecksum: UInt32
    private let file: (any StoreFile)?
    private let owned: UnsafeMutableRawBufferPointer?
    private let bytes: UnsafeRawBufferPointer

    let streamCount: Int
    let categoryCount: Int
    let typeCount: Int
    private let metadataCount: Int
    private let locationsAt: Int
    private let streamsAt: Int
    private let metadataAt: Int
    private let listsAt: Int
    private let streamPositionsAt: Int
    private let tagsAt: Int
    private let listPositionsAt: Int
    private let firstsAt: Int
    private let namesAt: Int
    let firstsCount: Int

    /// Which list table a name is looked up in.
    enum Table {
        case categories
        case types
    }

    /// A run of positions of one list of the part: `count` entries from `start` of its area.
    struct Run {
        enum Area {
            case streams
            case lists
            case firsts
        }

        var area: Area
        var start: Int
        var count: Int
    }

    private init(name: String, file: (any StoreFile)?, owned: UnsafeMutableRawBufferPointer?, bytes: UnsafeRawBufferPointer,
                 header: (from: UInt64, cursor: LogScanner.Cursor, lastCRC: UInt32, bodyChecksum: UInt32),
                 counts: [Int], offsets: [Int]) {
        self.name = name
        self.file = file
        self.owned = owned
        self.bytes = bytes
        range = header.from..<header.cursor.position
        cursor = header.cursor
        lastRecordCRC = header.lastCRC
        bodyChecksum = header.bodyChecksum
        (streamCount, categoryCount, typeCount, metadataCount, firstsCount) = (counts[0], counts[1], counts[2], counts[3], counts[4])
        (locationsAt, streamsAt, metadataAt, listsAt, streamPositionsAt) = (offsets[0], offsets[1], offsets[2], offsets[3], offsets[4])
        (tagsAt, listPositionsAt, firstsAt, namesAt) = (offsets[5], offsets[6], offsets[7], offsets[8])
    }

    deinit {
        file?.close()
        owned?.deallocate()
    }

    // MARK: - Opening

    /// Opens the part the manifest names; the reason when it is missing or cannot be trusted.
    static func open(_ entry: IndexManifest.Entry, directory: String,
                     fileSystem: any StoreFileSystem) throws(EventStoreError) -> Result<IndexPartFile, StoreVerifyReport.Problem> {
        let name = IndexPart.fileName(entry.range)
        let path = directory + "/" + name
        func problem(_ offset: Int, _ reason: String) -> Result<IndexPartFile, StoreVerifyReport.Problem> {
            .failure(StoreVerifyReport.Problem(file: name, offset: UInt64(offset), reason: reason))
        }
        guard fileSystem.fileExists(path) else { return problem(0, "index part is missing") }
        let file = try fileSystem.open(path, mode: .readOnly)
        let size = Int(try file.size())
        guard size >= IndexPart.headerSize else {
            file.close()
            return problem(0, "not an index part")
        }
        let header = try file.readBytes(count: IndexPart.headerSize, at: 0)
        let checked = header.withUnsafeBytes { raw in checkHeader(raw, size: size, name: name) }
        let bodyChecksum: UInt32
        switch checked {
        case .success(let found): bodyChecksum = found
        case .failure(let problem):
            file.close()
            return .failure(problem)
        }
        // Over the mapping when there is one (no copy; `dropResidentPages` lets its pages go
        // once every check is done), else read a MiB at a time.
        let mapping = file.map(length: size)
        let found = if let mapping {
            CRC32C.checksum(UnsafeRawBufferPointer(rebasing: mapping[IndexPart.headerSize...]))
        } else {
            try checksum(of: file, from: IndexPart.headerSize, to: size)
        }
        guard found == bodyChecksum else {
            file.close()
            return problem(IndexPart.headerSize, "index part body checksum mismatch")
        }
        guard bodyChecksum == entry.checksum else {
            file.close()
            return problem(52, "index part is not the one the manifest names")
        }
        let opened: Result<IndexPartFile, StoreVerifyReport.Problem>
        if let mapping {
            opened = decode(mapping, name: name, file: file, owned: nil)
        } else {
            let owned = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
            let read: Int
            do throws(EventStoreError) {
                read = try file.read(into: owned, at: 0)
            } catch {
                owned.deallocate()
                file.close()
                throw error
            }
            file.close()
            guard read == size else {
                owned.deallocate()
                return problem(read, "index part is cut short")
            }
            opened = decode(UnsafeRawBufferPointer(owned), name: name, file: nil, owned: owned)
        }
        guard case .success(let part) = opened else { return opened }
        guard part.range == entry.range else {
            return problem(16, "index part covers \(part.range), the manifest says \(entry.range)")
        }
        return opened
    }

    /// The header's body checksum, once its own checksum, magic, format and length are right.
    private static func checkHeader(_ raw: UnsafeRawBufferPointer, size: Int, name: String) -> Result<UInt32, StoreVerifyReport.Problem> {
        func problem(_ offset: Int, _ reason: String) -> Result<UInt32, StoreVerifyReport.Problem> {
            .failure(StoreVerifyReport.Problem(file: name, offset: UInt64(offset), reason: reason))
        }
        guard raw.integer(at: 0, as: UInt64.self) == IndexPart.magic else { return problem(0, "not an index part") }
        guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<64])) == raw.integer(at: 64, as: UInt32.self) else {
            return problem(0, "index part header checksum mismatch")
        }
        guard raw.integer(at: 8, as: UInt32.self) == IndexPart.format else { return problem(8, "unknown index part format") }
        let bodyLength = Int(raw.integer(at: 56, as: UInt64.self))
        guard bodyLength == size - IndexPart.headerSize else {
            return problem(56, "index part is \(size) bytes, header says \(IndexPart.headerSize + bodyLength)")
        }
        return .success(raw.integer(at: 52, as: UInt32.self))
    }

    /// The CRC32C of the file's bytes `from ..< to`, read a MiB at a time.
    static func checksum(of file: any StoreFile, from: Int, to: Int) throws(EventStoreError) -> UInt32 {
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        var crc: UInt32 = 0
        var offset = from
        while offset < to {
            let wanted = min(chunk, to - offset)
            let read = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted]), at: UInt64(offset))
            guard read > 0 else { break }
            crc = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: buffer[0..<read]), continuing: crc)
            offset += read
        }
        return crc
    }

    /// Reads the part's sections from its (checksummed) bytes and checks that its tables are
    /// well formed: every list and name inside its area, lists back to back, names in order,
    /// metadata only for streams flagged so. O(streams + categories + types).
    static func decode(_ raw: UnsafeRawBufferPointer, name: String, file: (any StoreFile)?,
                       owned: UnsafeMutableRawBufferPointer?) -> Result<IndexPartFile, StoreVerifyReport.Problem> {
        func problem(_ offset: Int, _ reason: String) -> Result<IndexPartFile, StoreVerifyReport.Problem> {
            file?.close()
            owned?.deallocate()
            return .failure(StoreVerifyReport.Problem(file: name, offset: UInt64(offset), reason: reason))
        }
        let h = IndexPart.headerSize
        guard raw.count >= h + IndexPart.countsSize else { return problem(h, "index part is cut short") }
        let from: UInt64 = raw.integer(at: 16)
        let cursor = LogScanner.Cursor(location: LogLocation(segment: Int(raw.integer(at: 32, as: UInt32.self)), offset: raw.integer(at: 40)),
                                       position: raw.integer(at: 24), generation: raw.integer(at: 12))
        guard from < cursor.position, cursor.position - from < UInt64(UInt32.max) else { return problem(16, "index part covers no events") }
        let events = Int(cursor.position - from)
        let streams = Int(raw.integer(at: h, as: UInt32.self)), categories = Int(raw.integer(at: h + 4, as: UInt32.self))
        let types = Int(raw.integer(at: h + 8, as: UInt32.self)), metadata = Int(raw.integer(at: h + 12, as: UInt32.self))
        let streamTotal = raw.integer(at: h + 16, as: UInt64.self), listTotal = raw.integer(at: h + 24, as: UInt64.self)
        let firsts = raw.integer(at: h + 32, as: UInt64.self), nameBytes = raw.integer(at: h + 40, as: UInt64.self)
        let limit = UInt64(raw.count)
        guard streamTotal <= UInt64(events), listTotal <= 2 * UInt64(events), firsts <= UInt64(events), nameBytes < limit,
              metadata <= streams else {
            return problem(h, "index part does not match its header")
        }
        func padded(_ size: Int) -> Int { (size + 7) & ~7 }
        var offsets: [Int] = []
        var at = h + IndexPart.countsSize
        for size in [events * 8, streams * IndexPart.streamEntrySize, metadata * IndexPart.metadataEntrySize,
                     (categories + types) * IndexPart.listEntrySize, Int(streamTotal) * 4, Int(streamTotal) * 2,
                     Int(listTotal) * 4, Int(firsts) * 4, Int(nameBytes)] {
            offsets.append(at)
            at += padded(size)
        }
        guard at == raw.count else { return problem(h, "index part does not match its header") }
        let part = IndexPartFile(name: name, file: file, owned: owned, bytes: raw,
                                 header: (from, cursor, raw.integer(at: 48), raw.integer(at: 52)),
                                 counts: [streams, categories, types, metadata, Int(firsts)], offsets: offsets)
        guard part.isWellFormed(streamTotal: Int(streamTotal), listTotal: Int(listTotal), nameBytes: Int(nameBytes)) else {
            // The part owns the file and buffer now; they go with it.
            return .failure(StoreVerifyReport.Problem(file: name, offset: UInt64(h), reason: "index part is inconsistent"))
        }
        return .success(part)
    }

    private func isWellFormed(streamTotal: Int, listTotal: Int, nameBytes: Int) -> Bool {
        let streamsEnd = namedEntries(at: streamsAt, size: IndexPart.streamEntrySize, count: streamCount, from: 0, nameBytes: nameBytes)
        guard streamsEnd == streamTotal else { return false }
        var lastSlot = -1
        for n in 0..<metadataCount {
            let slot = Int(bytes.integer(at: metadataAt + n * IndexPart.metadataEntrySize, as: UInt32.self))
            guard slot > lastSlot, slot < streamCount, flags(slot) & IndexPart.metadataFlag != 0 else { return false }
            lastSlot = slot
        }
        // The two lists' entries follow one another, and so do their runs of events.
        guard let categoriesEnd = namedEntries(at: listsAt, size: IndexPart.listEntrySize, count: categoryCount, from: 0, nameBytes: nameBytes) else { return false }
        let typesAt = listsAt + categoryCount * IndexPart.listEntrySize
        return namedEntries(at: typesAt, size: IndexPart.listEntrySize, count: typeCount, from: categoriesEnd, nameBytes: nameBytes) == listTotal
    }

    /// Checks a table of `count` entries of `size` bytes from `start`, each a name (offset u32,
    /// length u16 into the names), where its run of events starts (u32, at 8) and how long it is
    /// (u32, at 12): every name within `nameBytes` and after the one before, every run starting
    /// where the one before ended, the first at `first`. Where the last run ends; nil when not so.
    private func namedEntries(at start: Int, size: Int, count: Int, from first: Int, nameBytes: Int) -> Int? {
        var next = first
        var previous: UnsafeRawBufferPointer?
        for entry in 0..<count {
            let at = start + entry * size
            let offset = Int(bytes.integer(at: at, as: UInt32.self)), length = Int(bytes.integer(at: at + 4, as: UInt16.self))
            guard offset + length <= nameBytes, Int(bytes.integer(at: at + 8, as: UInt32.self)) == next else { return nil }
            next += Int(bytes.integer(at: at + 12, as: UInt32.self))
            let name = nameAt(offset, length)
            if let previous, IndexPart.compare(previous, name) >= 0 { return nil }
            previous = name
        }
        return next
    }

    /// Lets the pages that checking the part touched (its tables, a few locations) go from
    /// this process's memory: a mapped file's pages stay in the page cache and come back when
    /// a lookup needs them, so opening leaves no index resident.
    func dropResidentPages() {
        guard file != nil, let base = bytes.baseAddress else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base), bytes.count, MADV_DONTNEED)
    }

    // MARK: - Positions and locations

    /// The packed log location of `position` (in `range`).
    func location(at position: UInt64) -> UInt64 {
        bytes.integer(at: locationsAt + Int(position - range.lowerBound) * 8)
    }

    /// Appends the locations of `positions` (within `range`) to `list`.
    func appendLocations(_ positions: Range<UInt64>, to list: inout [UInt64]) {
        let start = locationsAt + Int(positions.lowerBound - range.lowerBound) * 8
        let count = positions.count
        guard count > 0, let base = bytes.baseAddress else { return }
        // The section starts 8-byte aligned in a page-aligned mapping (or 16-aligned buffer),
        // and the machine is little-endian, as every build is: one copy.
        list.append(contentsOf: UnsafeBufferPointer(start: (base + start).assumingMemoryBound(to: UInt64.self), count: count))
    }

    /// The position at `index` of an area (a stream's, a list's or the firsts').
    func position(_ area: Run.Area, _ index: Int) -> UInt64 {
        let at = switch area {
        case .streams: streamPositionsAt
        case .lists: listPositionsAt
        case .firsts: firstsAt
        }
        return range.lowerBound + UInt64(bytes.integer(at: at + index * 4, as: UInt32.self))
    }

    /// The id fingerprint of the stream position at `index`.
    func tag(_ index: Int) -> UInt16 { bytes.integer(at: tagsAt + index * 2) }

    // MARK: - Streams

    /// The name bytes at `offset` of the names area.
    private func nameAt(_ offset: Int, _ length: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[(namesAt + offset)..<(namesAt + offset + length)])
    }

    private func streamName(_ slot: Int) -> UnsafeRawBufferPointer {
        let at = streamsAt + slot * IndexPart.streamEntrySize
        return nameAt(Int(bytes.integer(at: at, as: UInt32.self)), Int(bytes.integer(at: at + 4, as: UInt16.self)))
    }

    /// The name of the stream in `slot`.
    func name(ofStream slot: Int) -> String { String(decoding: streamName(slot), as: UTF8.self) }

    /// The slot of the stream named by `utf8`, or nil when the part holds nothing of it.
    func slot(ofStream utf8: UnsafeRawBufferPointer) -> Int? {
        var low = 0, high = streamCount
        while low < high {
            let middle = (low + high) / 2
            let order = IndexPart.compare(streamName(middle), utf8)
            if order == 0 { return middle }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// The slots of the streams whose names start with `prefix`.
    func slots(withPrefix prefix: UnsafeRawBufferPointer) -> Range<Int> {
        func order(_ slot: Int) -> Int {
            let name = streamName(slot)
            let head = UnsafeRawBufferPointer(rebasing: name[0..<min(name.count, prefix.count)])
            let result = IndexPart.compare(head, prefix)
            return result != 0 ? result : (name.count < prefix.count ? -1 : 0)
        }
        var low = 0, high = streamCount
        while low < high {
            let middle = (low + high) / 2
            if order(middle) < 0 { low = middle + 1 } else { high = middle }
        }
        var end = low
        high = streamCount
        while end < high {
            let middle = (end + high) / 2
            if order(middle) <= 0 { end = middle + 1 } else { high = middle }
        }
        return low..<end
    }

    /// The run of the stream in `slot` within the streams area.
    func run(ofStream slot: Int) -> Run {
        let at = streamsAt + slot * IndexPart.streamEntrySize
        return Run(area: .streams, start: Int(bytes.integer(at: at + 8, as: UInt32.self)), count: Int(bytes.integer(at: at + 12, as: UInt32.self)))
    }

    func flags(_ slot: Int) -> UInt16 { bytes.integer(at: streamsAt + slot * IndexPart.streamEntrySize + 6) }

    /// The metadata the part's events set on the stream in `slot`, if they set any.
    func metadata(ofStream slot: Int) -> StreamMetadata? {
        guard flags(slot) & IndexPart.metadataFlag != 0 else { return nil }
        var low = 0, high = metadataCount
        while low < high {
            let middle = (low + high) / 2
            let at = metadataAt + middle * IndexPart.metadataEntrySize
            let found = Int(bytes.integer(at: at, as: UInt32.self))
            if found == slot {
                func optional(_ value: Int64) -> Int64? { value < 0 ? nil : value }
                return StreamMetadata(maxCount: optional(bytes.integer(at: at + 8)), maxAge: optional(bytes.integer(at: at + 16)),
                                      truncateBefore: optional(bytes.integer(at: at + 24)))
            }
            if found < slot { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    // MARK: - Categories, types, new streams

    /// The run of the category or event type named `utf8` within the lists area, if any.
    func run(of table: Table, named utf8: UnsafeRawBufferPointer) -> Run? {
        var (low, high) = table == .categories ? (0, categoryCount) : (categoryCount, categoryCount + typeCount)
        while low < high {
            let middle = (low + high) / 2
            let at = listsAt + middle * IndexPart.listEntrySize
            let order = IndexPart.compare(nameAt(Int(bytes.integer(at: at, as: UInt32.self)), Int(bytes.integer(at: at + 4, as: UInt16.self))), utf8)
            if order == 0 {
                return Run(area: .lists, start: Int(bytes.integer(at: at + 8, as: UInt32.self)), count: Int(bytes.integer(at: at + 12, as: UInt32.self)))
            }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// The names and runs of a list table, in name order.
    func lists(_ table: Table) -> [(name: String, run: Run)] {
        let (first, count) = table == .categories ? (0, categoryCount) : (categoryCount, typeCount)
        return (first..<(first + count)).map { entry in
            let at = listsAt + entry * IndexPart.listEntrySize
            let name = String(decoding: nameAt(Int(bytes.integer(at: at, as: UInt32.self)), Int(bytes.integer(at: at + 4, as: UInt16.self))), as: UTF8.self)
            return (name, Run(area: .lists, start: Int(bytes.integer(at: at + 8, as: UInt32.self)), count: Int(bytes.integer(at: at + 12, as: UInt32.self))))
        }
    }

    // MARK: - As a delta

    /// The part as an in-memory delta (what `StreamIndex.delta(since:)` gave when it was
    /// written), for merging parts into a bigger one. O(the part's size).
    func delta() -> StreamIndex {
        var index = StreamIndex()
        index.nextPosition = range.upperBound
        index.streams.reserveCapacity(streamCount)
        for slot in 0..<streamCount {
            let run = run(ofStream: slot)
            var stream = StreamIndex.Stream()
            stream.positions = (run.start..<(run.start + run.count)).map { position(.streams, $0) }
            stream.tags = (run.start..<(run.start + run.count)).map { tag($0) }
            stream.tombstoned = flags(slot) & IndexPart.tombstonedFlag != 0
            if let metadata = metadata(ofStream: slot) {
                stream.metadata = metadata
                stream.metadataSet = true
            }
            index.streams[name(ofStream: slot)] = stream
        }
        for (name, run) in lists(.categories) { index.categories[name] = (run.start..<(run.start + run.count)).map { position(.lists, $0) } }
        for (name, run) in lists(.types) { index.types[name] = (run.start..<(run.start + run.count)).map { position(.lists, $0) } }
        index.firsts = (0..<firstsCount).map { position(.firsts, $0) }
        return index
    }
}
