import Synchronization

/// The saved store-wide stream filter (`StoreStreamFilter`), opened and checked on its first
/// use rather than when the store opens, then read with one `pread` of the page a lookup needs
/// (the group of blocks its hash picks in every covered part's filter).
///
/// The first use checks the file as strictly as the probes of the parts it stands for
/// (`IndexPartProbe`) are checked: its size, its header's checksum, magic and format, that its
/// entries are parts from position 0 on, one after the other, and that the log bears out the
/// record of the last event they cover (`IndexPartFile.isBorneOut`); each page a lookup reads
/// is checked against its checksum before its bits are used. Whether its entries are the
/// index's in force is the caller's to check (`SavedIndex.filterRulesOut`). A filter that fails
/// any of these is not trusted for the rest of the store's life (`problem` says why): the parts
/// answer instead, and the next save writes it again. It is derived: a damaged one is never an
/// error, only not used.
///
/// Holds the file open once checked, its header (a few KiB at most: one checksum per 4 KiB of
/// filter) and nothing of the filter itself.
// @unchecked: every stored property is immutable but `state`, which a mutex guards; the file is
// only read (`pread`), from any thread.
final class StoreStreamFilterFile: @unchecked Sendable {
    private let directory: String
    private let fileSystem: any StoreFileSystem
    /// The log's segments as the store found them when it opened (the filter covers only them).
    private let segments: SegmentList
    private let state = Mutex(State.unchecked)

    private enum State {
        case unchecked
        case trusted(Checked)
        /// Missing, damaged or not borne out by the log: why.
        case untrusted(String)
    }

    /// What the first use read and checked.
    private struct Checked {
        let file: any StoreFile
        let entries: [IndexManifest.Entry]
        let blocks: Int
        let wordsAt: Int
        let size: Int
        let pages: [UInt32]
    }

    init(directory: String, fileSystem: any StoreFileSystem, segments: SegmentList) {
        self.directory = directory
        self.fileSystem = fileSystem
        self.segments = segments
    }

    deinit {
        if case .trusted(let checked) = state.withLock({ $0 }) { checked.file.close() }
    }

    /// The covered parts, checked on the first call; nil when the filter is not to be trusted.
    func entries() -> [IndexManifest.Entry]? {
        guard let checked = checked() else { return nil }
        return checked.entries
    }

    /// Why the filter is not used, once a use found that it cannot be (nil while trusted or
    /// not yet used).
    var problem: String? {
        if case .untrusted(let reason) = state.withLock({ $0 }) { return reason }
        return nil
    }

    /// Which of the covered parts, in the order of `entries()`, may hold the stream whose name
    /// has `hash` (false: that part does not); nil when the filter cannot be trusted (it is
    /// then never asked again). Reads the pages holding the hash's group of blocks (one, but
    /// for more than 64 parts), each checked.
    func partsMayHoldStream(_ hash: StreamFilter.Hash) -> [Bool]? {
        guard let checked = checked() else { return nil }
        let groupBytes = checked.entries.count * StoreStreamFilter.blockBytes
        let group = Int(hash.block & UInt64(checked.blocks - 1)) * groupBytes
        let firstPage = group / StoreStreamFilter.pageSize, lastPage = (group + groupBytes - 1) / StoreStreamFilter.pageSize
        let start = firstPage * StoreStreamFilter.pageSize
        let count = min((lastPage + 1) * StoreStreamFilter.pageSize, checked.size - checked.wordsAt) - start
        let bytes: [UInt8]
        do throws(EventStoreError) {
            bytes = try checked.file.readBytes(count: count, at: UInt64(checked.wordsAt + start))
        } catch {
            return distrust("\(error)")
        }
        guard bytes.count == count else { return distrust("\(StoreStreamFilter.fileName): cut short at offset \(checked.wordsAt + start)") }
        for page in firstPage...lastPage {
            let from = (page - firstPage) * StoreStreamFilter.pageSize
            let piece = bytes[from..<min(from + StoreStreamFilter.pageSize, bytes.count)]
            guard piece.withUnsafeBytes({ CRC32C.checksum($0) }) == checked.pages[page] else {
                return distrust("\(StoreStreamFilter.fileName): page checksum mismatch at offset \(checked.wordsAt + page * StoreStreamFilter.pageSize)")
            }
        }
        return bytes.withUnsafeBytes { raw in
            (0..<checked.entries.count).map { part in
                let at = group - start + part * StoreStreamFilter.blockBytes
                return StreamFilter.passes(hash, block: UnsafeRawBufferPointer(rebasing: raw[at..<(at + StoreStreamFilter.blockBytes)]))
            }
        }
    }

    private func distrust(_ reason: String) -> [Bool]? {
        let file = state.withLock { state -> (any StoreFile)? in
            defer { state = .untrusted(reason) }
            if case .trusted(let checked) = state { return checked.file }
            return nil
        }
        file?.close()
        return nil
    }

    // MARK: - Checking

    private func checked() -> Checked? {
        switch state.withLock({ $0 }) {
        case .trusted(let checked): return checked
        case .untrusted: return nil
        case .unchecked: break
        }
        let found: State
        do throws(EventStoreError) {
            found = try check()
        } catch {
            found = .untrusted("\(error)")
        }
        let (kept, extra) = state.withLock { state -> (State, (any StoreFile)?) in
            if case .unchecked = state {
                state = found
                return (found, nil)
            }
            if case .trusted(let mine) = found { return (state, mine.file) }
            return (state, nil)
        }
        extra?.close()
        if case .trusted(let checked) = kept { return checked }
        return nil
    }

    /// Opens the file and checks its header and the log's record of its last event.
    private func check() throws(EventStoreError) -> State {
        let name = StoreStreamFilter.fileName
        let path = directory + "/" + name
        guard fileSystem.fileExists(path) else { return .untrusted("\(name) is missing") }
        let file = try fileSystem.open(path, mode: .readOnly)
        let result: State
        do throws(EventStoreError) {
            result = try Self.check(file, segments: segments)
        } catch {
            file.close()
            throw error
        }
        if case .untrusted(let reason) = result {
            file.close()
            return .untrusted(name + ": " + reason)
        }
        return result
    }

    /// The checks of the first use, over `file`; `.untrusted` with the reason when one fails.
    private static func check(_ file: any StoreFile, segments: SegmentList) throws(EventStoreError) -> State {
        let size = Int(try file.size())
        let fixed = try file.readBytes(count: StoreStreamFilter.fixedSize, at: 0)
        guard fixed.count == StoreStreamFilter.fixedSize else { return .untrusted("cut short") }
        let (magic, format, count, blocks, pages) = fixed.withUnsafeBytes { raw in
            (raw.integer(at: 0, as: UInt64.self), raw.integer(at: 8, as: UInt32.self), Int(raw.integer(at: 12, as: UInt32.self)),
             Int(raw.integer(at: 16, as: UInt32.self)), Int(raw.integer(at: 20, as: UInt32.self)))
        }
        guard magic == StoreStreamFilter.magic else { return .untrusted("not a stream filter") }
        guard blocks > 0, blocks & (blocks - 1) == 0, count > 0, pages == StoreStreamFilter.pages(blocks: blocks, parts: count) else {
            return .untrusted("header is inconsistent")
        }
        let headerLength = StoreStreamFilter.headerLength(entries: count, pages: pages)
        guard size == headerLength + blocks * count * StoreStreamFilter.blockBytes else {
            return .untrusted("\(size) bytes for \(count) parts and \(blocks) blocks")
        }
        let header = try file.readBytes(count: headerLength, at: 0)
        guard header.count == headerLength else { return .untrusted("cut short") }
        let crcAt = headerLength - 8
        var entries: [IndexManifest.Entry] = []
        var checksums: [UInt32] = []
        var last = LogLocation(segment: 0, offset: 0)
        var cursorOffset: UInt64 = 0, lastRecordCRC: UInt32 = 0
        let reason = header.withUnsafeBytes { raw -> String? in
            guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<crcAt])) == raw.integer(at: crcAt, as: UInt32.self) else {
                return "header checksum mismatch"
            }
            guard format == StoreStreamFilter.format else { return "unknown format" }
            for n in 0..<count {
                let at = StoreStreamFilter.fixedSize + n * StoreStreamFilter.entrySize
                let from: UInt64 = raw.integer(at: at), to: UInt64 = raw.integer(at: at + 8)
                guard from == (entries.last?.range.upperBound ?? 0), to > from else { return "parts do not follow each other" }
                entries.append(IndexManifest.Entry(range: from..<to, checksum: raw.integer(at: at + 16)))
            }
            let pagesAt = StoreStreamFilter.fixedSize + count * StoreStreamFilter.entrySize
            checksums = (0..<pages).map { raw.integer(at: pagesAt + $0 * 4, as: UInt32.self) }
            last = LogLocation(packed: raw.integer(at: 32, as: UInt64.self))
            cursorOffset = raw.integer(at: 40)
            lastRecordCRC = raw.integer(at: 48)
            return nil
        }
        if let reason { return .untrusted(reason) }
        let end = entries[entries.count - 1].range.upperBound
        let cursor = LogScanner.Cursor(location: LogLocation(segment: last.segment, offset: cursorOffset), position: end, generation: 0)
        guard try IndexPartFile.isBorneOut(last: last, position: end - 1, cursor: cursor, lastRecordCRC: lastRecordCRC, by: segments) else {
            return .untrusted("does not match the log")
        }
        return .trusted(Checked(file: file, entries: entries, blocks: blocks, wordsAt: headerLength, size: size, pages: checksums))
    }
}
