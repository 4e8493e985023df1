import Dispatch
import Foundation
import Synchronization

/// The durable event store: an append-only log of fixed-size segment files in one directory.
///
/// Appends go through one group-commit writer thread: concurrent appends queue up, are decided
/// in order, written with one write() and made durable with one fdatasync, then acknowledged.
/// Readers see only durable events. The in-memory index keeps positions only; event bodies are
/// read from the (memory-mapped) segments, except the last ones committed, which the writer
/// keeps built (`FileStoreOptions.tailCacheEvents`) so that subscriptions reading right behind
/// the appends decode nothing. A directory has one writer at a time (a lock file
/// with its pid); any number of read-only stores may follow it.
///
/// Integrity: every record read is checked against its CRC32C (`.corrupt(file:offset:reason:)`
/// on a mismatch, never data). Failure: an I/O error (ENOSPC, EIO) stops the writer for good;
/// the appends it was writing fail, and failed means never committed: the stop is recorded
/// durably before they are answered and recovery drops what was written for them (when even
/// that record cannot be made, they get `.appendOutcomeUnknown`: retry with the same ids).
/// Space: segments are reserved on disk when made (`posix_fallocate`), so a full disk is an
/// append error, never a SIGBUS; reads go on. Privacy: the directory is 0700 and its files 0600.
///
/// Files: `segment-NNNNNN.log` (the log), `checkpoint` (durable end and writer generation),
/// `index.manifest` and `index-FROM-TO.part` (the index saved in parts, each written once and
/// read in place, so opening neither rescans the log nor loads the index, and a save writes
/// only what is new), `index.filter` (the stream names of the sealed parts, so that a new
/// stream's lookup asks one filter instead of every part: `StoreStreamFilter`), `lock`. Memory
/// holds the index of the events after the last save only.
public final class FileEventStore: EventStore {
    /// The store directory.
    public let directory: String
    /// The options it was opened with (`segmentSize` as found on disk for an existing store).
    let options: FileStoreOptions
    let fileSystem: any StoreFileSystem
    let clock: any StoreClock
    let maxEventSize: Int
    let state: Mutex<State>
    /// `State.head`, readable without the lock (`headPosition`, asked on every processor round):
    /// stored under the lock whenever `head` moves, after the state it covers is in place.
    let publishedHead: Atomic<UInt64>
    let queue = Mutex(WriteQueue())
    let wakeWriter = DispatchSemaphore(value: 0)
    /// Serialises index saves (background ones and the one at close).
    let snapshotQueue = DispatchQueue(label: "event-store-snapshot")
    let directoryLock: (any StoreDirectoryLock)?
    let writer: LogWriter?
    /// For read-only stores: where the last scan of the followed log stopped.
    let follow: Mutex<LogScanner.Cursor>

    /// Everything readers and the writer share, behind one lock.
    struct State {
        /// The saved index parts in force, read in place: the index up to `saved.end`.
        /// Changed only by saves, which run one at a time (at open, before the writer starts,
        /// then on `snapshotQueue`), together with the tail below.
        var saved = SavedIndex()
        /// The index of the events from `saved.end` on (the tail; its `nextPosition` is global).
        var index = StreamIndex()
        /// Event id by position from `saved.end`, including appends not yet durable (for
        /// idempotency checks; older ids are read from their records).
        var ids: [UUID] = []
        /// Packed `LogLocation` by position from `saved.end`; only durable events have one.
        var locations: [UInt64] = []
        /// Count of durable events: readers see positions below it.
        var head: UInt64 = 0
        var segments = SegmentList()
        var waiters = HeadWaiters()
        var closed = false
        /// Set when the writer stopped after an I/O error, or after a damaged index block met
        /// where it could not be thrown (`noteDamagedIndex`).
        var failure: String?
        var statistics = WriterStatistics()
        /// Position of the last snapshot taken (or found at open).
        var snapshotPosition: UInt64 = 0
        var snapshotFailure: String?
        /// The last committed events, built (empty in a read-only store).
        var tail = TailCache(capacity: 0, byteLimit: 0)
        /// The names of system indexes read lately, so that each read's `link`s share one
        /// string instead of building `$et-`/`$ce-` names anew (at most `linkNamesKept`).
        var linkNames: [ReadTarget: String] = [:]
    }

    struct WriteQueue {
        var requests: [WriteRequest] = []
        var closing = false
        /// The writer found nothing to do and waits for a signal.
        var writerIdle = false
        var exited = false
        var exitWaiters: [CheckedContinuation<Void, Never>] = []
    }

    init(directory: String, options: FileStoreOptions, recovered: Recovered, lock: (any StoreDirectoryLock)?, writer: LogWriter?) {
        self.directory = directory
        self.options = options
        self.fileSystem = options.fileSystem
        self.clock = options.clock
        self.maxEventSize = options.effectiveMaxEventSize
        var state = State()
        state.saved = recovered.saved
        state.index = recovered.index
        state.ids = recovered.ids
        state.locations = recovered.locations
        state.head = recovered.saved.end + UInt64(recovered.locations.count)
        state.segments = recovered.segments
        state.snapshotPosition = recovered.cursor.position
        if writer != nil {
            state.tail = TailCache(capacity: options.tailCacheEvents, byteLimit: options.tailCacheBytes)
        }
        self.publishedHead = Atomic(state.head)
        self.state = Mutex(state)
        self.follow = Mutex(recovered.cursor)
        self.directoryLock = lock
        self.writer = writer
    }

    /// The index as of a durable point with nothing pending, captured under the lock (the
    /// tail's lists are shared copy-on-write and the parts are immutable, so capturing is cheap).
    struct SnapshotSource {
        var cursor: LogScanner.Cursor
        var saved: SavedIndex
        var tail: StreamIndex
        var locations: [UInt64]
        var segments: SegmentList
    }

    /// Captures the current index; `cursor` must be the durable end of the log.
    static func snapshotSource(of state: State, cursor: LogScanner.Cursor) -> SnapshotSource? {
        let end = state.saved.end
        guard end + UInt64(state.ids.count) == cursor.position, state.locations.count == state.ids.count else { return nil }
        return SnapshotSource(cursor: cursor, saved: state.saved, tail: state.index, locations: state.locations, segments: state.segments)
    }

    /// Saves the index as of `source`: one new part for the events since the last save (or
    /// for them and the small parts it replaces, see `IndexManifest.ranges(extendedTo:)`),
    /// then the manifest naming it, then removes the files no longer named; then the store
    /// reads those events' index from the new part and drops them from its in-memory tail.
    /// Writes O(events since the last save) bytes (plus, now and then, small parts again); a
    /// crash at any point leaves the old or the new manifest, each with its parts. With
    /// `replacingDamaged`, the manifest is written even when there is nothing new, so that
    /// parts found untrustworthy at open are no longer named.
    func writeSnapshot(_ source: SnapshotSource, replacingDamaged: Bool = false) throws(EventStoreError) {
        // Saves run one at a time, and only they change `saved`: this is the current one,
        // which an earlier save may have moved past `source.saved`.
        let current = state.withLock { $0.saved }
        let manifest = current.manifest
        var next = current
        if current.end >= source.saved.end, let range = manifest.ranges(extendedTo: source.cursor.position, sealedEvents: options.sealedPartEvents).last,
           range.upperBound > current.end {
            var locations: [UInt64] = []
            locations.reserveCapacity(range.count)
            var delta = StreamIndex()
            let merged = current.parts.filter { $0.range.lowerBound >= range.lowerBound }
            for saved in merged {
                let part = try saved.file()
                delta.absorb(try part.delta())
                try part.appendLocations(part.range, to: &locations)
            }
            delta.absorb(source.tail.delta(since: current.end))
            let tailFrom = Int(current.end - source.saved.end)
            locations.append(contentsOf: source.locations[tailFrom...])
            var lastCRC: UInt32 = 0
            if let last = locations.last {
                let location = LogLocation(packed: last)
                let frame = try source.segments[location.segment].file.readBytes(count: LogFormat.frameHeaderSize, at: location.offset)
                lastCRC = frame.withUnsafeBytes { $0.integer(at: 4) }
            }
            let part = IndexPart(from: range.lowerBound, cursor: source.cursor, lastRecordCRC: lastCRC,
                                 locations: locations, index: delta)
            let checksum = try part.write(directory: directory, fileSystem: fileSystem)
            try fileSystem.syncDirectory(directory)
            let entry = IndexManifest.Entry(range: range, checksum: checksum)
            var nextManifest = manifest
            nextManifest.entries.removeAll { $0.range.upperBound > range.lowerBound }
            nextManifest.entries.append(entry)
            try nextManifest.write(directory: directory, fileSystem: fileSystem)
            // Every block and table entry of the new part is checked once, here: what the
            // parts' lazy checks then guard against is damage after this, not a wrong write.
            let opened = try IndexPartFile.open(entry, directory: directory, fileSystem: fileSystem, thorough: true)
            switch opened {
            case .success(let file):
                file.dropResidentPages()
                next.replace(from: range.lowerBound, with: file)
            case .failure(let problem):
                throw .corrupt(file: problem.file, offset: problem.offset, reason: problem.reason)
            }
        } else if replacingDamaged {
            try manifest.write(directory: directory, fileSystem: fileSystem)
        } else {
            return
        }
        let saved = next
        state.withLock { state in
            let dropped = Int(saved.end - state.saved.end)
            state.saved = saved
            guard dropped > 0 else { return }
            state.index = state.index.delta(since: saved.end)
            state.ids.removeFirst(dropped)
            state.locations.removeFirst(dropped)
        }
        try removeUnnamedIndexFiles(keeping: saved.manifest)
        // The save is done: a filter that cannot be written (a sealed part found damaged on the
        // way) leaves the parts to answer for themselves, which is the store without it; the
        // reason is kept, as for a save that fails in the background.
        do throws(EventStoreError) {
            try saveFilter(of: saved, segments: source.segments)
        } catch {
            state.withLock { $0.snapshotFailure = "the stream filter could not be written: \(error)" }
        }
    }

    /// Removes index parts the manifest does not name and the legacy whole-index snapshot.
    private func removeUnnamedIndexFiles(keeping manifest: IndexManifest) throws(EventStoreError) {
        let named = Set(manifest.entries.map { IndexPart.fileName($0.range) })
        var removed = false
        for name in try fileSystem.contentsOfDirectory(directory)
        where (IndexPart.isPartName(name) && !named.contains(name)) || name.hasPrefix(IndexSnapshot.legacyFileName) {
            try fileSystem.remove(path(of: name))
            removed = true
        }
        if removed { try fileSystem.syncDirectory(directory) }
    }

    /// Writes a snapshot on the snapshot queue (after any earlier one); a failure is kept in
    /// `snapshotFailure`, as the store works without a fresh snapshot (opening just reads more).
    func writeSnapshotInBackground(_ source: SnapshotSource) {
        snapshotQueue.async { [self] in
            do throws(EventStoreError) {
                try writeSnapshot(source)
            } catch {
                state.withLock { $0.snapshotFailure = error.description }
            }
        }
    }

    /// Why the last index snapshot could not be written, if it could not.
    public var snapshotFailure: String? { state.withLock { $0.snapshotFailure } }

    /// A store dropped without `close()`: stop the writer thread (nothing can be queued, as an
    /// appender holds the store while it waits); files and the lock close with their owners.
    deinit {
        let wake = queue.withLock { queue -> Bool in
            defer {
                queue.closing = true
                queue.writerIdle = false
            }
            return queue.writerIdle
        }
        if wake { wakeWriter.signal() }
    }

    /// Position one past the last durable event.
    public var headPosition: UInt64 { publishedHead.load(ordering: .acquiring) }
    /// Read from memory; moves under the lock whenever events become visible (appended here or
    /// followed from the log another process writes).
    public var headIsLocal: Bool { true }

    /// Why the writer stopped (an I/O error), or nil while it is healthy. Appends then fail with
    /// `.writerFailed`; reads keep working.
    public var writerFailure: String? { state.withLock { $0.failure } }

    /// What the group-commit writer has done since open.
    public var writerStatistics: WriterStatistics { state.withLock { $0.statistics } }

    /// Whether this store was opened read-only.
    public var isReadOnly: Bool { options.readOnly }

    func path(of name: String) -> String { directory + "/" + name }
}

/// Counters of the group-commit writer.
public struct WriterStatistics: Sendable, Hashable {
    /// Groups written (each one write per segment touched and one sync).
    public var groups: UInt64 = 0
    /// Events written by those groups.
    public var events: UInt64 = 0
    /// Append requests answered (written, retried idempotently, or refused).
    public var requests: UInt64 = 0

    public init() {}
}
