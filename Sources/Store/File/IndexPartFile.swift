import Foundation

/// A saved index part (`IndexPart`), read in place: its file stays mapped (or, on a file layer
/// without mappings, read once into memory) and every question is answered from its tables,
/// by binary search over names sorted by their bytes.
///
/// Opening one checks its header and its top table of block checksums (`IndexPartBlocks`): a
/// few hundred bytes however big the part. Each 4 KiB block is checked against its checksum
/// when a question first reads it, and the table entries that start in it are checked for
/// order and bounds at the same time (`IndexPartFile+Checks`); a block that fails is a
/// `.corrupt(file:offset:reason:)` naming the part and the block, never an answer. `verify`
/// and the save that wrote the part check every block (`open(_:directory:fileSystem:thorough:)`).
///
/// Immutable once opened but for the record of checked blocks (atomic); the file closes when
/// the last reference goes, so a reader holding a part never sees its bytes vanish.
// @unchecked: the bytes are read-only and live as long as this object; `checked` and
// `ordered` are sets of atomics.
final class IndexPartFile: @unchecked Sendable {
    let name: String
    let range: Range<UInt64>
    /// The log's cursor after the part's last event.
    let cursor: LogScanner.Cursor
    let lastRecordCRC: UInt32
    /// The checksum the manifest names (of the top table).
    let checksum: UInt32
    let blocks: IndexPartBlocks
    private let file: (any StoreFile)?
    private let owned: UnsafeMutableRawBufferPointer?
    let bytes: UnsafeRawBufferPointer
    /// Body blocks (then block table blocks, numbered after them) whose checksum matched.
    let checked: BlockSet
    /// Body blocks whose table entries were checked for order and bounds.
    let ordered: BlockSet

    let streamCount: Int
    let categoryCount: Int
    let typeCount: Int
    let metadataCount: Int
    let firstsCount: Int
    let streamTotal: Int
    let listTotal: Int
    let nameBytes: Int
    let locationsAt: Int
    let streamsAt: Int
    let metadataAt: Int
    let listsAt: Int
    let streamPositionsAt: Int
    let tagsAt: Int
    let listPositionsAt: Int
    let firstsAt: Int
    let namesAt: Int
    let filterAt: Int
    /// Blocks of the stream filter (0 when the part has no streams).
    let filterBlocks: Int

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

    /// The counts section at the start of the body, and where each section starts.
    struct Layout {
        var counts: [Int]
        var offsets: [Int]
    }

    private init(name: String, file: (any StoreFile)?, owned: UnsafeMutableRawBufferPointer?, bytes: UnsafeRawBufferPointer,
                 header: (from: UInt64, cursor: LogScanner.Cursor, lastCRC: UInt32, checksum: UInt32), blocks: IndexPartBlocks,
                 checked: BlockSet, layout: Layout) {
        self.name = name
        self.file = file
        self.owned = owned
        self.bytes = bytes
        self.blocks = blocks
        self.checked = checked
        ordered = BlockSet(count: blocks.bodyBlocks)
        range = header.from..<header.cursor.position
        cursor = header.cursor
        lastRecordCRC = header.lastCRC
        checksum = header.checksum
        let counts = layout.counts, offsets = layout.offsets
        (streamCount, categoryCount, typeCount, metadataCount, firstsCount) = (counts[0], counts[1], counts[2], counts[3], counts[4])
        (streamTotal, listTotal, nameBytes) = (counts[5], counts[6], counts[7])
        (locationsAt, streamsAt, metadataAt, listsAt, streamPositionsAt) = (offsets[0], offsets[1], offsets[2], offsets[3], offsets[4])
        (tagsAt, listPositionsAt, firstsAt, namesAt, filterAt) = (offsets[5], offsets[6], offsets[7], offsets[8], offsets[9])
        filterBlocks = StreamFilter.words(forStreams: streamCount) / StreamFilter.blockWords
    }

    deinit {
        file?.close()
        owned?.deallocate()
    }

    // MARK: - Opening

    /// Opens the part the manifest names; the reason when it is missing or cannot be trusted.
    /// Reads its header and top table (and the counts at the start of its body); `thorough`
    /// also checks every block and every table entry, O(the part's size), as `verify` and the
    /// save that wrote it do.
    static func open(_ entry: IndexManifest.Entry, directory: String, fileSystem: any StoreFileSystem,
                     thorough: Bool = false) throws(EventStoreError) -> Result<IndexPartFile, StoreVerifyReport.Problem> {
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
        let (checksum, blocks): (UInt32, IndexPartBlocks)
        switch checked {
        case .success(let found): (checksum, blocks) = found
        case .failure(let problem):
            file.close()
            return .failure(problem)
        }
        guard checksum == entry.checksum else {
            file.close()
            return problem(52, "index part is not the one the manifest names")
        }
        let opened: Result<IndexPartFile, StoreVerifyReport.Problem>
        // In place over the mapping when there is one (no copy; `dropResidentPages` lets go of
        // what opening touched), else read whole into memory.
        if let mapping = file.map(length: size) {
            opened = decode(mapping, name: name, file: file, owned: nil, blocks: blocks, checksum: checksum)
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
            opened = decode(UnsafeRawBufferPointer(owned), name: name, file: nil, owned: owned, blocks: blocks, checksum: checksum)
        }
        guard case .success(let part) = opened else { return opened }
        guard part.range == entry.range else {
            return problem(16, "index part covers \(part.range), the manifest says \(entry.range)")
        }
        if thorough {
            do throws(EventStoreError) {
                try part.checkEverything()
            } catch {
                guard case .corrupt(let file, let offset, let reason) = error else { throw error }
                return .failure(StoreVerifyReport.Problem(file: file, offset: offset, reason: reason))
            }
        }
        return opened
    }

    /// The header's checksum and the part's blocks, once its own checksum, magic, format and
    /// length are right.
    static func checkHeader(_ raw: UnsafeRawBufferPointer, size: Int,
                                    name: String) -> Result<(UInt32, IndexPartBlocks), StoreVerifyReport.Problem> {
        func problem(_ offset: Int, _ reason: String) -> Result<(UInt32, IndexPartBlocks), StoreVerifyReport.Problem> {
            .failure(StoreVerifyReport.Problem(file: name, offset: UInt64(offset), reason: reason))
        }
        guard raw.integer(at: 0, as: UInt64.self) == IndexPart.magic else { return problem(0, "not an index part") }
        guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<64])) == raw.integer(at: 64, as: UInt32.self) else {
            return problem(0, "index part header checksum mismatch")
        }
        guard raw.integer(at: 8, as: UInt32.self) == IndexPart.format else { return problem(8, "unknown index part format") }
        let bodyLength = raw.integer(at: 56, as: UInt64.self)
        guard bodyLength % 8 == 0, bodyLength <= UInt64(size) else { return problem(56, "index part body length \(bodyLength) is not possible") }
        let blocks = IndexPartBlocks(bodyLength: Int(bodyLength))
        guard blocks.fileSize == size else { return problem(56, "index part is \(size) bytes, header says \(blocks.fileSize)") }
        return .success((raw.integer(at: 52, as: UInt32.self), blocks))
    }

    /// Checks the top table against the header's checksum, then reads the counts at the start
    /// of the body (its first block checked) and where each section starts. O(1) in the
    /// events the part covers (its top table has one entry per 4 MiB of body).
    static func decode(_ raw: UnsafeRawBufferPointer, name: String, file: (any StoreFile)?, owned: UnsafeMutableRawBufferPointer?,
                       blocks: IndexPartBlocks, checksum: UInt32) -> Result<IndexPartFile, StoreVerifyReport.Problem> {
        func problem(_ offset: Int, _ reason: String) -> Result<IndexPartFile, StoreVerifyReport.Problem> {
            file?.close()
            owned?.deallocate()
            return .failure(StoreVerifyReport.Problem(file: name, offset: UInt64(offset), reason: reason))
        }
        let h = IndexPart.headerSize
        guard blocks.bodyLength >= IndexPart.countsSize else { return problem(h, "index part is cut short") }
        let top = UnsafeRawBufferPointer(rebasing: raw[blocks.topAt..<(blocks.topAt + blocks.topLength)])
        guard CRC32C.checksum(top) == checksum else { return problem(blocks.topAt, "index part checksum mismatch") }
        let checked = BlockSet(count: blocks.bodyBlocks + blocks.tableBlocks)
        if let failure = checkBlock(0, of: raw, blocks: blocks, checked: checked) { return problem(failure.offset, failure.reason) }
        let header = UnsafeRawBufferPointer(rebasing: raw[0..<h])
        let counts = UnsafeRawBufferPointer(rebasing: raw[h..<(h + IndexPart.countsSize)])
        switch layout(header: header, counts: counts, blocks: blocks, name: name) {
        case .failure(let failure):
            return problem(Int(failure.offset), failure.reason)
        case .success(let found):
            return .success(IndexPartFile(name: name, file: file, owned: owned, bytes: raw,
                                          header: (found.from, found.cursor, found.lastCRC, checksum), blocks: blocks,
                                          checked: checked, layout: found.layout))
        }
    }

    /// Lets the pages that opening or checking the part touched go from this process's memory:
    /// a mapped file's pages stay in the page cache and come back when a lookup needs them, so
    /// opening leaves no index resident.
    func dropResidentPages() {
        guard file != nil, let base = bytes.baseAddress else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base), bytes.count, MADV_DONTNEED)
    }
}
