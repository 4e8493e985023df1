import Synchronization

/// A part the manifest names, opened on its first use rather than when the store opens, so
/// that opening a store costs the same however many parts its index has.
///
/// What opening a part checks (`IndexPartFile.open`: its header, that its checksum is the one
/// the manifest names, its top table and first block; then `isBorneOut(by:)`: that the log
/// holds its last record where it says) is checked here, at that first use, before anything
/// is read from it: a fixed cost, whatever the part's size. A part
/// that fails is `.corrupt(file:offset:reason:)` naming it, for that use and every later one
/// (it is opened again each time, never trusted); `verify` checks every part whole.
///
/// A part asked only whether it may hold a stream (a new stream's first append asks every
/// part) is not opened for that: its probe (`IndexPartProbe`) makes the same checks and reads
/// the filter block with `pread`s, and the part is opened only when the filter lets the name
/// through.
///
/// Holds the manifest's record of the part (its range and checksum) and, once opened, the part
/// (or, once probed, its probe): memory per part not used is this small record.
// @unchecked: every stored property is immutable but `opened` and `probed`, which mutexes guard.
final class SavedPart: @unchecked Sendable {
    /// The manifest's record: the positions the part covers and its checksum.
    let entry: IndexManifest.Entry
    private let directory: String
    private let fileSystem: (any StoreFileSystem)?
    /// The log's segments as the store found them when it opened (the part covers only them).
    private let segments: SegmentList
    private let opened: Mutex<IndexPartFile?>
    /// The part's probe, while the part is not opened.
    private let probed: Mutex<IndexPartProbe?>

    /// A part to open when first used.
    init(entry: IndexManifest.Entry, directory: String, fileSystem: any StoreFileSystem, segments: SegmentList) {
        self.entry = entry
        self.directory = directory
        self.fileSystem = fileSystem
        self.segments = segments
        opened = Mutex(nil)
        probed = Mutex(nil)
    }

    /// A part already opened and checked (by the save that wrote it).
    init(opened file: IndexPartFile) {
        entry = IndexManifest.Entry(range: file.range, checksum: file.checksum)
        directory = ""
        fileSystem = nil
        segments = SegmentList()
        opened = Mutex(file)
        probed = Mutex(nil)
    }

    var range: Range<UInt64> { entry.range }

    /// The part's file name (made when asked: opening makes one of these per part).
    var name: String { IndexPart.fileName(entry.range) }

    /// Whether the part has been opened (by a use, or by the save that wrote it).
    var isOpen: Bool { opened.withLock { $0 != nil } }

    /// Whether the part has been probed (asked only whether it may hold a stream) and not opened.
    var isProbed: Bool { probed.withLock { $0 != nil } }

    /// The part, opened and checked on the first call; `.corrupt` naming it when it is missing,
    /// damaged, not the one the manifest names, or not borne out by the log. Two threads that
    /// first use it at once may both open it; one of the two is kept.
    func file() throws(EventStoreError) -> IndexPartFile {
        if let file = opened.withLock({ $0 }) { return file }
        let file = try open()
        probed.withLock { $0 = nil }
        return opened.withLock { current in
            if let current { return current }
            current = file
            return file
        }
    }

    /// Whether the part may hold the stream whose name has `hash` (`StreamFilter`: false means
    /// it does not): asked of the part when it is open, else of its probe, made and checked on
    /// the first call (`IndexPartProbe`); `.corrupt` naming the part when opening it would be.
    func mayHoldStream(_ hash: StreamFilter.Hash) throws(EventStoreError) -> Bool {
        if let file = opened.withLock({ $0 }) { return try file.mayHoldStream(hash) }
        return try probe().mayHoldStream(hash)
    }

    /// The part's probe, made and checked on the first call; like `file()`, a part that fails
    /// is tried again at each call, never trusted.
    private func probe() throws(EventStoreError) -> IndexPartProbe {
        if let probe = probed.withLock({ $0 }) { return probe }
        guard let fileSystem else { throw .corrupt(file: name, offset: 0, reason: "index part is not open") }
        switch try IndexPartProbe.open(entry, directory: directory, fileSystem: fileSystem, segments: segments) {
        case .failure(let problem):
            throw .corrupt(file: problem.file, offset: problem.offset, reason: problem.reason + Self.remedy)
        case .success(let probe):
            return probed.withLock { current in
                if let current { return current }
                current = probe
                return probe
            }
        }
    }

    /// What an operator can do about a damaged part: the index is derived from the log.
    static let remedy = " (the index is derived from the log, which this does not touch: bank-console reindex rebuilds it)"

    private func open() throws(EventStoreError) -> IndexPartFile {
        guard let fileSystem else { throw .corrupt(file: name, offset: 0, reason: "index part is not open") }
        switch try IndexPartFile.open(entry, directory: directory, fileSystem: fileSystem) {
        case .failure(let problem):
            throw .corrupt(file: problem.file, offset: problem.offset, reason: problem.reason + Self.remedy)
        case .success(let file):
            guard try file.isBorneOut(by: segments) else {
                throw .corrupt(file: name, offset: 0, reason: "index part does not match the log" + Self.remedy)
            }
            return file
        }
    }
}
