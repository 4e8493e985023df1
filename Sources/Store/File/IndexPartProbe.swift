import Synchronization

/// A saved part not yet opened, asked only whether it may hold a stream (its stream filter,
/// `StreamFilter`): read with a few `pread`s of the blocks that answer, instead of mapped
/// whole (`IndexPartFile`). A new stream's first append asks every part (`SavedIndex.pieces`),
/// one per 1–2 M events, and nearly every answer is "not here"; mapping each part, faulting
/// in the pages its checks read and unmapping it at close (a TLB shootdown to the other
/// cores) was about 70 % of the cost of asking it (`perf` of open, append, close at 10 M
/// events: 7 parts).
///
/// Before its first answer it checks all that opening the part checks (`IndexPartFile.open`,
/// then `isBorneOut`), over the same bytes: the header (its checksum, magic, format and
/// length), that the part's checksum is the one the manifest names, the top table against it,
/// the first block and the counts it holds, that the part covers the manifest's range, the
/// block holding its last event's location and, in the log, the record there. A filter block
/// is checked against its checksum (and the block table block holding that, against the top
/// table) before its bits are used. What fails is the error opening the part would have been;
/// a part whose filter lets the stream through is opened (`SavedPart.file()`) and asked.
///
/// Holds the part's file open, its top table and the block table blocks it has checked (one
/// per 4 MiB of the part's body: usually the one covering the filter).
// @unchecked: the stored properties are set by `check`, before the probe is shared, and then
// only read, but `tables`, which a mutex guards; the file is only read (`pread`), from any thread.
final class IndexPartProbe: @unchecked Sendable {
    let name: String
    private let file: any StoreFile
    private var blocks = IndexPartBlocks(bodyLength: 0)
    /// The top table, checked against the header's checksum (the manifest's).
    private var top: [UInt8] = []
    private var filterAt = 0
    private var filterBlocks = 0
    /// Block table blocks checked so far, by number.
    private let tables = Mutex<[Int: [UInt8]]>([:])

    /// A probe over `file`, which it closes when released; not to be asked before `check`.
    private init(name: String, file: any StoreFile) {
        self.name = name
        self.file = file
    }

    deinit { file.close() }

    /// Opens and checks the part the manifest's `entry` names over the log's `segments`; the
    /// reason when it is missing, damaged, not the one named, or not borne out by the log
    /// ("index part does not match the log"). A block damaged on the way is the `.corrupt`
    /// error reading it through a mapped part would be.
    static func open(_ entry: IndexManifest.Entry, directory: String, fileSystem: any StoreFileSystem,
                     segments: SegmentList) throws(EventStoreError) -> Result<IndexPartProbe, StoreVerifyReport.Problem> {
        let name = IndexPart.fileName(entry.range)
        let path = directory + "/" + name
        guard fileSystem.fileExists(path) else {
            return .failure(StoreVerifyReport.Problem(file: name, offset: 0, reason: "index part is missing"))
        }
        let probe = IndexPartProbe(name: name, file: try fileSystem.open(path, mode: .readOnly))
        if let problem = try probe.check(entry, segments: segments) { return .failure(problem) }
        return .success(probe)
    }

    /// The checks of `open`, reading what they need; sets what the answers need. Nil when
    /// every check passes.
    private func check(_ entry: IndexManifest.Entry, segments: SegmentList) throws(EventStoreError) -> StoreVerifyReport.Problem? {
        func problem(_ offset: Int, _ reason: String) -> StoreVerifyReport.Problem {
            StoreVerifyReport.Problem(file: name, offset: UInt64(offset), reason: reason)
        }
        let size = Int(try file.size())
        guard size >= IndexPart.headerSize else { return problem(0, "not an index part") }
        let header = try file.readBytes(count: IndexPart.headerSize, at: 0)
        guard header.count == IndexPart.headerSize else { return problem(header.count, "index part is cut short") }
        let checksum: UInt32
        switch header.withUnsafeBytes({ IndexPartFile.checkHeader($0, size: size, name: name) }) {
        case .success(let found): (checksum, blocks) = found
        case .failure(let failure): return failure
        }
        guard checksum == entry.checksum else { return problem(52, "index part is not the one the manifest names") }
        guard blocks.bodyLength >= IndexPart.countsSize else { return problem(IndexPart.headerSize, "index part is cut short") }
        top = try file.readBytes(count: blocks.topLength, at: UInt64(blocks.topAt))
        guard top.count == blocks.topLength else { return problem(blocks.topAt + top.count, "index part is cut short") }
        guard CRC32C.checksum(top) == checksum else { return problem(blocks.topAt, "index part checksum mismatch") }

        let first: [UInt8]
        switch try checkedBlock(0) {
        case .success(let bytes): first = bytes
        case .failure(let failure): return failure
        }
        let layout = header.withUnsafeBytes { header in
            first.withUnsafeBytes { body in
                IndexPartFile.layout(header: header, counts: UnsafeRawBufferPointer(rebasing: body[0..<IndexPart.countsSize]),
                                     blocks: blocks, name: name)
            }
        }
        let described: IndexPartFile.Described
        switch layout {
        case .success(let found): described = found
        case .failure(let failure): return failure
        }
        let range = described.from..<described.cursor.position
        guard range == entry.range else { return problem(16, "index part covers \(range), the manifest says \(entry.range)") }
        filterAt = described.layout.offsets[9]
        filterBlocks = StreamFilter.words(forStreams: described.layout.counts[0]) / StreamFilter.blockWords

        let locationsAt = described.layout.offsets[0]
        let last = try read(locationsAt + (range.count - 1) * 8, count: 8).withUnsafeBytes { $0.integer(at: 0, as: UInt64.self) }
        guard try IndexPartFile.isBorneOut(last: LogLocation(packed: last), position: range.upperBound - 1, cursor: described.cursor,
                                           lastRecordCRC: described.lastCRC, by: segments) else {
            return problem(0, "index part does not match the log")
        }
        return nil
    }

    /// Whether the part may hold the stream whose name has `hash` (see
    /// `IndexPartFile.mayHoldStream`), from the one filter block the hash picks, checked.
    func mayHoldStream(_ hash: StreamFilter.Hash) throws(EventStoreError) -> Bool {
        guard filterBlocks > 0 else { return false }
        let block = try read(filterAt + StreamFilter.blockOffset(of: hash, blocks: filterBlocks), count: StreamFilter.blockWords * 8)
        return block.withUnsafeBytes { StreamFilter.passes(hash, block: $0) }
    }

    // MARK: - Checked reads

    /// The file bytes `at ..< at + count` of the body, from the blocks holding them, each read
    /// whole and checked (a filter block may straddle two); `.corrupt` naming the part and the
    /// block when one fails, as `IndexPartFile.ensure` would.
    private func read(_ at: Int, count: Int) throws(EventStoreError) -> [UInt8] {
        let start = at - IndexPart.headerSize
        guard start >= 0, count > 0, start + count <= blocks.bodyLength else {
            throw .corrupt(file: name, offset: UInt64(at), reason: "index part is inconsistent: bytes \(at) ..< \(at + count) are outside its body")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        for block in (start / IndexPartBlocks.size)...((start + count - 1) / IndexPartBlocks.size) {
            switch try checkedBlock(block) {
            case .success(let body):
                let range = blocks.body(block)
                let from = max(at, range.lowerBound), to = min(at + count, range.upperBound)
                bytes.append(contentsOf: body[(from - range.lowerBound)..<(to - range.lowerBound)])
            case .failure(let failure):
                throw .corrupt(file: failure.file, offset: failure.offset, reason: failure.reason)
            }
        }
        return bytes
    }

    /// Body block `block`, read and checked against the block table, whose block holding its
    /// checksum is checked against the top table first (as `IndexPartFile.checkBlock` does,
    /// with the same reasons and offsets when they fail).
    private func checkedBlock(_ block: Int) throws(EventStoreError) -> Result<[UInt8], StoreVerifyReport.Problem> {
        let tableBlock = block * 4 / IndexPartBlocks.size
        var table = tables.withLock { $0[tableBlock] }
        if table == nil {
            let range = blocks.table(tableBlock)
            let bytes = try file.readBytes(count: range.count, at: UInt64(range.lowerBound))
            let expected = top.withUnsafeBytes { $0.integer(at: tableBlock * 4, as: UInt32.self) }
            guard bytes.count == range.count, CRC32C.checksum(bytes) == expected else {
                return .failure(StoreVerifyReport.Problem(file: name, offset: UInt64(range.lowerBound), reason: "index part block table checksum mismatch"))
            }
            tables.withLock { $0[tableBlock] = bytes }
            table = bytes
        }
        let range = blocks.body(block)
        let bytes = try file.readBytes(count: range.count, at: UInt64(range.lowerBound))
        let expected = table.unsafelyUnwrapped.withUnsafeBytes { $0.integer(at: (block * 4) % IndexPartBlocks.size, as: UInt32.self) }
        guard bytes.count == range.count, CRC32C.checksum(bytes) == expected else {
            return .failure(StoreVerifyReport.Problem(file: name, offset: UInt64(range.lowerBound), reason: "index part block checksum mismatch"))
        }
        return .success(bytes)
    }
}
