/// How a `FileEventStore` is opened.
public struct FileStoreOptions: Sendable {
    /// `.fsync` (default): an append returns after fdatasync. `.os`: after the write() only.
    public var durability: Durability
    /// Open without the write lock: reads only, follows a running writer's progress.
    public var readOnly: Bool
    /// Fixed size of each segment file in bytes (pre-allocated when created).
    public var segmentSize: Int
    /// The source of `created` times.
    public var clock: any StoreClock
    /// The file layer; crash tests inject one that loses unsynced writes.
    public var fileSystem: any StoreFileSystem
    /// Largest event (type + data + metadata) accepted, in bytes; capped by what fits a segment.
    public var maxEventSize: Int
    /// How often a read-only store polls the checkpoint while waiting for new events.
    public var followInterval: Duration
    /// Events between automatic index snapshots (written in the background); 0 for only at
    /// close. Bounds how much of the log an open after a crash must read. A close saves the
    /// index only when at least a sixteenth of this is new (`closeSaveMinimum`): a smaller
    /// tail is read from the log by the next open in a few milliseconds, and a close after a
    /// few appends (one CLI `append`) pays no index save and its syncs.
    public var snapshotInterval: UInt64
    /// Most recently committed events a writable store keeps built in memory, so reads of the
    /// log's tail (subscriptions, followers) decode nothing; 0 turns this off.
    public var tailCacheEvents: Int
    /// Most bytes of data and metadata those kept events may hold.
    public var tailCacheBytes: Int

    /// Options with the defaults: fsync, writable, 64 MiB segments, the system clock, the real
    /// file system, 1 MiB events, 20 ms follow polling, a snapshot every 250,000 events, the last
    /// 16,384 events (at most 16 MiB of their bytes) kept for tail reads.
    /// Writable opens only: leaves the saved index aside, rebuilds it from the log and saves it
    /// anew, replacing every index part (`bank-console reindex`, after `verify` names a damaged
    /// one; the index is derived from the log, which this only reads).
    public var rebuildIndex = false

    public init(durability: Durability = .fsync, readOnly: Bool = false, segmentSize: Int = 64 << 20,
                clock: any StoreClock = SystemClock(), fileSystem: any StoreFileSystem = PosixFileSystem(),
                maxEventSize: Int = 1 << 20, followInterval: Duration = .milliseconds(20), snapshotInterval: UInt64 = 250_000,
                tailCacheEvents: Int = 16_384, tailCacheBytes: Int = 16 << 20) {
        self.durability = durability
        self.readOnly = readOnly
        self.segmentSize = segmentSize
        self.clock = clock
        self.fileSystem = fileSystem
        self.maxEventSize = maxEventSize
        self.followInterval = followInterval
        self.snapshotInterval = snapshotInterval
        self.tailCacheEvents = tailCacheEvents
        self.tailCacheBytes = tailCacheBytes
    }

    /// Events from which an index part is sealed: never merged into a bigger one, and covered
    /// by the store-wide stream filter (`StoreStreamFilter`). `IndexManifest.sealedEvents`;
    /// tests seal smaller parts.
    var sealedPartEvents = IndexManifest.sealedEvents

    /// Fewest new events for which a close saves the index (see `snapshotInterval`).
    var closeSaveMinimum: UInt64 { snapshotInterval / 16 }

    /// The event size limit actually enforced: `maxEventSize`, or less when segments are small.
    var effectiveMaxEventSize: Int {
        let room = segmentSize - LogFormat.segmentHeaderSize
            - LogFormat.recordSize(stream: StreamNames.maxLength + 2, type: 0, data: 0, metadata: 0)
        return max(0, min(maxEventSize, room))
    }
}
