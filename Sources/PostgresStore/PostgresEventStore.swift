import Foundation
import Store
import Synchronization

/// The event store on a PostgreSQL database, shared by every process that opens it.
///
/// Events live in one table (`position bigserial`, `tx xid8`, stream, version, id, type,
/// created, data and metadata as bytes); stream rows hold each stream's last version and
/// metadata; `$ce-`/`$et-`/`$streams` are indexed columns numbered densely at append.
/// - Writing: appends queue for one writer thread with its own connection, which commits
///   everything waiting in one transaction under a database-wide advisory lock (one commit for
///   many appenders; positions handed out in commit order) without waiting for its WAL flush;
///   a flusher thread with its own connection makes every group committed meanwhile durable
///   with one flush, then answers them (`Flusher`). Expected versions and idempotency are
///   decided inside the transaction (`AppendDecision`).
/// - Reading: on pooled connections, blocking. `$all` (and `headPosition`) see only events
///   whose transaction is below `pg_snapshot_xmin(pg_current_snapshot())`, so a transaction
///   that commits late is never skipped by a reader that already passed its position.
/// - Waiting: a listener thread LISTENs on the schema's channel and wakes `waitForEvents`;
///   the waiters then ask the table again.
///
/// `headPosition`, `lastVersion` and `streams` cannot throw (the `EventStore` protocol): when
/// the server stays unreachable through the retries they answer with what was last known
/// (`headPosition`), nil or empty, and `writerFailure` says the store is unavailable. Nothing
/// is decided on those answers: every append checks its expected version in its transaction.
/// Thread-safe.
public final class PostgresEventStore: EventStore {
    /// Largest event (type + data + metadata) accepted, in bytes, as the memory store.
    public static let maxEventSize = 1 << 20

    let schema: PostgresSchema
    let access: PostgresStoreOptions.Access
    /// `PostgresStoreOptions.visibleBeforeFlush`.
    let visibleBeforeFlush: Bool
    let pool: ConnectionPool
    let clock: any StoreClock
    let queue = WorkQueue<WriteBatch>()
    let waiters = Waiters()
    /// The last head read or written, for `headPosition` when the server is unreachable.
    let knownHead = Atomic<UInt64>(0)
    /// One past the highest position this process has read (any read, above the horizon too),
    /// been told is the head, or written, through any store on the schema: `lastVersion`
    /// answers from `StreamVersions` only when the notifications cover it.
    let observedHead: ObservedHead
    /// Why the server cannot be reached, while it cannot.
    let unavailableReason = Mutex<String?>(nil)
    let writerDone = DispatchSemaphore(value: 0)
    /// The head read for the waiters at a number of wake-ups (`head(at:)`).
    let sharedHead = Mutex<(generation: UInt64, head: UInt64)?>(nil)
    /// How many times a waiter has gone to sleep to ask again because the horizon held events
    /// back (`waitForEvents`).
    let horizonRechecks = Atomic<Int>(0)
    let listener: Listener
    let flusher: Flusher

    /// A location that reads as a PostgreSQL connection URI (`postgresql://` or `postgres://`).
    public static func isURI(_ location: String) -> Bool {
        location.hasPrefix("postgresql://") || location.hasPrefix("postgres://")
    }

    /// Connects, creates or migrates the schema, and starts the writer and listener threads.
    /// - Throws: `.unavailable` when the server cannot be reached or refuses the connection;
    ///   `.invalidSettings` for a bad schema name.
    public static func open(uri: String, options: PostgresStoreOptions = PostgresStoreOptions()) throws(EventStoreError) -> PostgresEventStore {
        guard let schema = PostgresSchema(options.schema) else {
            throw .invalidSettings("schema \"\(options.schema)\" must be lower-case letters, digits and _, starting with a letter")
        }
        let writer: PostgresConnection
        let flushing: PostgresConnection?
        do throws(PostgresError) {
            writer = try connectWriter(uri)
            try schema.migrate(on: writer)
            if options.access == .exclusiveWriter { try schema.lockWriter(on: writer) }
            flushing = options.access == .readOnly ? nil : try Flusher.connect(uri)
        } catch {
            throw error.refusal ?? .unavailable(error.message)
        }
        let store = PostgresEventStore(schema: schema, pool: ConnectionPool(conninfo: uri, maxOpen: max(1, options.readConnections)),
                                       clock: options.clock, listener: Listener(conninfo: uri, schema: schema), access: options.access,
                                       visibleBeforeFlush: options.visibleBeforeFlush)
        store.flusher.start(UnsafeSendable(flushing)) { [weak store] head in store?.noteAnswered(head: head) }
        store.startWriter(UnsafeSendable(writer))
        store.listener.start { [weak store] in store?.waiters.wakeAll() }
        _ = store.headPosition
        return store
    }

    /// Whether the schema holds a store with at least one event (false when it does not exist).
    /// - Throws: `.unavailable` when the server cannot be reached.
    public static func hasEvents(uri: String, schema name: String) throws(EventStoreError) -> Bool {
        guard let schema = PostgresSchema(name) else { throw .invalidSettings("bad schema name \(name)") }
        do throws(PostgresError) {
            let connection = try PostgresConnection.connect(uri)
            let exists = try connection.execute("SELECT to_regclass($1) IS NOT NULL", [.text(schema.events)])
            guard exists.bool(0, 0) == true else { return false }
            return try connection.execute("SELECT EXISTS (SELECT 1 FROM \(schema.events))").bool(0, 0) == true
        } catch {
            throw .unavailable(error.message)
        }
    }

    /// Drops a schema and everything in it (tests give each store a schema of its own).
    public static func dropSchema(_ name: String, uri: String) throws(EventStoreError) {
        guard let schema = PostgresSchema(name) else { throw .invalidSettings("bad schema name \(name)") }
        do throws(PostgresError) {
            try schema.drop(on: PostgresConnection.connect(uri))
        } catch {
            throw .unavailable(error.message)
        }
    }

    private init(schema: PostgresSchema, pool: ConnectionPool, clock: any StoreClock, listener: Listener, access: PostgresStoreOptions.Access,
                 visibleBeforeFlush: Bool) {
        self.access = access
        self.visibleBeforeFlush = visibleBeforeFlush
        self.schema = schema
        self.pool = pool
        self.clock = clock
        self.listener = listener
        flusher = Flusher(conninfo: pool.conninfo, schema: schema)
        observedHead = ObservedHead.shared(conninfo: pool.conninfo, schema: schema.name)
    }

    /// A store dropped without `close()` still stops its threads.
    deinit {
        _ = queue.close()
        listener.requestStop()
        pool.close()
    }

    public var writerFailure: String? {
        unavailableReason.withLock { $0 }.map { "the database is unavailable: \($0)" }
    }

    /// The writer, the reads and the listener reconnect with back-off: an unreachable server
    /// is waited for.
    public var writerRetries: Bool { true }

    /// Runs a read on a pooled connection, retried on a lost connection; notes the outcome.
    func query<T>(_ body: (PostgresConnection) throws(PostgresError) -> T) throws(EventStoreError) -> T {
        do throws(PostgresError) {
            let value = try pool.withConnection(body)
            unavailableReason.withLock { $0 = nil }
            return value
        } catch {
            if let refusal = error.refusal { throw refusal }
            if error.connectionLost { unavailableReason.withLock { $0 = error.summary } }
            throw .unavailable(error.message)
        }
    }

    // MARK: - Waiting and closing

    /// Returns when `headPosition > position`, the store closes, or the task is cancelled.
    ///
    /// Woken by commits here and NOTIFY from other processes. While another transaction in the
    /// cluster holds the horizon back (events committed above it), no notification may come
    /// when it ends, so the waiter asks again every `horizonRecheck` until the horizon moves
    /// (and every `failedCheckPause` while the server cannot say: `recheck(above:)`).
    ///
    /// A waiter asks the server only when the notifications say something was committed at or
    /// past `position` (`IndexHeads.committedHead`; always while the listener is not listening),
    /// and the waiters woken together share one read of the head (`head(at:)`): every commit
    /// wakes every waiter of the process, and each asking on its own cost a query per waiter per
    /// commit.
    public func waitForEvents(beyond position: UInt64) async {
        while !Task.isCancelled {
            let recheck = Mutex<Duration?>(nil)
            await waiters.wait { generation in
                if self.queue.isClosed { return true }
                if let committed = self.listener.heads.committedHead, committed <= position { return false }
                if self.head(at: generation) > position { return true }
                let pause = self.recheck(above: position)
                recheck.withLock { $0 = pause }
                return pause != nil
            }
            if queue.isClosed || headPosition > position || Task.isCancelled { return }
            horizonRechecks.add(1, ordering: .relaxed)
            do { try await Task.sleep(for: recheck.withLock { $0 } ?? Self.horizonRecheck) } catch { return }
            // The horizon may have moved without a wake-up: the head shared at this number of
            // wake-ups is no longer the server's, so the next look reads it again.
            sharedHead.withLock { $0 = nil }
        }
    }

    /// `headPosition`, read once for every waiter asking after the same number of wake-ups
    /// (`Waiters`): each wake-up after the read (a commit here, a notification) reads it again.
    /// A horizon that moves without a commit is what `waitForEvents`' recheck is for.
    func head(at generation: UInt64) -> UInt64 {
        if let shared = sharedHead.withLock({ $0 }), shared.generation == generation { return shared.head }
        let head = headPosition
        sharedHead.withLock { shared in
            if (shared?.generation ?? 0) <= generation { shared = (generation, head) }
        }
        return head
    }

    /// How often a waiter asks again while the horizon is held back.
    static let horizonRecheck = Duration.milliseconds(50)
    /// How long a waiter waits before asking again when the server could not answer.
    static let failedCheckPause = Duration.milliseconds(500)

    /// When a waiter that found the head at or below `position` must ask again without a
    /// wake-up: soon when events are committed at or above `position` that the horizon still
    /// hides (it moves without a notification), later when the server could not say (a read
    /// connection lost while the listener's is not brings no wake-up either); nil when nothing
    /// is committed there, so the next commit's wake-up is the one to wait for.
    func recheck(above position: UInt64) -> Duration? {
        let sql = Self.committedAtOrAboveSQL(schema)
        let result = Result { () throws(EventStoreError) -> Bool in
            try query { connection throws(PostgresError) in try connection.execute(sql, [.int64(Int64(position))]).bool(0, 0) == true }
        }
        switch result {
        case .success(let held): return held ? Self.horizonRecheck : nil
        case .failure: return Self.failedCheckPause
        }
    }

    /// Whether any committed event is at or above `$1`: the newest position read backward from
    /// the primary key's end, O(log n) whatever the plan's estimates. (`EXISTS (… WHERE position
    /// >= $1)` was planned, once generic, as a sequential scan that stops at the first match:
    /// the whole table when there is none, on every waiter's wake-up.)
    static func committedAtOrAboveSQL(_ schema: PostgresSchema) -> String {
        "SELECT coalesce(max(position) >= $1, false) FROM \(schema.events)"
    }

    public func close() async {
        guard queue.close() else { return }
        // Waiting for the threads blocks, so it happens on a thread of its own, not the caller's.
        let done = UnsafeSendable(writerDone)
        let listener = listener
        let flusher = flusher
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                done.value.wait()
                flusher.wait()
                listener.stop()
                continuation.resume()
            }
        }
        pool.close()
        waiters.wakeAll()
    }
}
