import Store

/// How `PostgresEventStore.open` connects and what it uses on the server.
public struct PostgresStoreOptions: Sendable {
    /// The schema holding the store's tables (created on first use). Lower-case letters,
    /// digits and `_`, starting with a letter.
    public var schema: String
    /// The store's clock: `created` of appended events and `$maxAge` are measured by it.
    public var clock: any StoreClock
    /// The most read connections open at once (readers beyond it wait for one); they stay
    /// open between reads. The writer and the listener have one each besides.
    public var readConnections: Int
    /// Who else may write the schema while this store is open.
    public var access: Access
    /// Whether a group of appends may be seen by other readers before its WAL flush. Off (the
    /// default): each group commits synchronously under the write lock, so a reader anywhere
    /// sees only durable events, as the `EventStore` contract says. On: groups commit
    /// asynchronously and the flusher makes them durable before anyone is answered, so the
    /// lock is free during the flush; but another process may read a group in that moment,
    /// and a server crash then loses events it has already acted on or shown (their appenders
    /// get an error, never success). For measuring the trade-off (`bank-bench store`).
    public var visibleBeforeFlush: Bool

    /// Who may write a schema at the same time.
    public enum Access: Sendable, Hashable {
        /// This store is the schema's only writer, as a file store is its directory's: its
        /// writer connection holds a session advisory lock, and another exclusive open is
        /// refused. For a program that keeps state about the store in its own memory alone.
        case exclusiveWriter
        /// Writes beside other writers (every append is still checked in its transaction), and
        /// shares consumer groups with them by lease (`openLeases`). The bank runs this way.
        case sharedWriter
        /// No writes (`readOnly` errors); works beside a writer at any time.
        case readOnly
    }

    public init(schema: String = "bank", clock: any StoreClock = SystemClock(), readConnections: Int = 8, access: Access = .exclusiveWriter,
                visibleBeforeFlush: Bool = false) {
        self.schema = schema
        self.clock = clock
        self.readConnections = readConnections
        self.access = access
        self.visibleBeforeFlush = visibleBeforeFlush
    }
}
