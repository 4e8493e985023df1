import Foundation
import Store
import Synchronization

/// Answers committed groups once the server's write-ahead log holds them on disk.
///
/// The writer commits each group asynchronously (`synchronous_commit` off for its transaction),
/// so the write lock is held for the group's work, not for its WAL flush, and the writer starts
/// the next group at once. This thread, on a connection of its own, takes every group committed
/// meanwhile and runs one synchronously committed transaction that writes WAL (`setval` on the
/// schema's flush sequence): when it returns, the WAL is on disk past its commit record, hence
/// past every group committed before it. Only then is anyone answered, so nothing acknowledged
/// can be lost (a group the writer committed synchronously is answered without a flush of its
/// own, after those before it, or by the writer itself when none is before it). Others may see a group before it is durable (a crash in between loses it, and
/// every later commit, which depends on it, with it; its appenders get an error, never success).
///
/// When the connection is lost, the flush runs again on a new one, and each group's appends are
/// looked up before they are answered (the server may have restarted and lost them): an append
/// whose last event is there at its position is answered, any other fails with `.unavailable`
/// (retrying it with the same event ids is safe). Thread-safe.
final class Flusher: Sendable {
    /// A committed group waiting for its flush: the batches and their results, in order.
    struct Group: Sendable {
        var batches: [WriteBatch]
        var results: [Result<AppendResult, EventStoreError>]
        /// `epoch` when the writer began the group's transaction.
        var epoch: UInt64
        /// Committed synchronously: on disk already, nothing to flush for it.
        var durable = false
    }

    private let conninfo: String
    private let schema: PostgresSchema
    private let queue = WorkQueue<Group>()
    private let done = DispatchSemaphore(value: 0)
    private let sessions = Atomic<UInt64>(0)
    /// Groups queued or being flushed.
    private let unanswered = Atomic<Int>(0)

    /// Whether no group waits for a flush (the writer may then commit a lone batch synchronously).
    var isIdle: Bool { unanswered.load(ordering: .relaxed) == 0 }

    /// How many times the flusher connected again: a group begun in an earlier epoch may have
    /// been committed on a server that restarted since, so it is looked up before it is answered.
    var epoch: UInt64 { sessions.load(ordering: .acquiring) }

    /// How many times a flush is tried on a lost connection before its groups' appends fail.
    static let attempts = 12

    init(conninfo: String, schema: PostgresSchema) {
        self.conninfo = conninfo
        self.schema = schema
    }

    /// Starts the thread on `connection` (nil for a read-only store, which commits nothing);
    /// `answered` is called after every round of answers
    /// with the head past the appends it answered with success (nil when none).
    func start(_ connection: UnsafeSendable<PostgresConnection?>, answered: @escaping @Sendable (UInt64?) -> Void) {
        let thread = Thread { [self] in
            var session: PostgresConnection? = connection.value
            while let groups = queue.take() {
                let head = Self.answer(groups, with: durable(groups, session: &session))
                unanswered.subtract(groups.count, ordering: .relaxed)
                answered(head)
            }
            done.signal()
        }
        thread.name = "postgres-flusher"
        thread.start()
    }

    /// Answers every batch of the groups with its share of `results`, in order; returns the
    /// head past the successes (nil when none).
    static func answer(_ groups: [Group], with results: [[Result<AppendResult, EventStoreError>]]) -> UInt64? {
        var head: UInt64?
        for (group, results) in zip(groups, results) {
            var offset = 0
            for batch in group.batches {
                let slice = Array(results[offset..<(offset + batch.ops.count)])
                offset += batch.ops.count
                for case .success(let appended) in slice { head = max(head ?? 0, appended.lastPosition + 1) }
                batch.resume(slice)
            }
        }
        return head
    }

    /// Queues a committed group; answers it at once with `.closed` when the flusher is closed.
    func add(_ group: Group) {
        unanswered.add(1, ordering: .relaxed)
        guard !queue.add(group) else { return }
        unanswered.subtract(1, ordering: .relaxed)
        for batch in group.batches { batch.resume(batch.ops.map { _ in .failure(.closed) }) }
    }

    /// Lets the thread answer what is queued, then end.
    func close() {
        _ = queue.close()
    }

    /// Blocks until the thread ended (after `close`).
    func wait() {
        done.wait()
    }

    /// Connects a session for flushing: its commits wait for the local flush whatever the
    /// server's default.
    static func connect(_ conninfo: String) throws(PostgresError) -> PostgresConnection {
        let connection = try PostgresConnection.connect(conninfo)
        try connection.execute("SELECT set_config('synchronous_commit', 'on', false)")
        return connection
    }

    // MARK: - Flushing

    /// The groups' results once the WAL is flushed past them; on a lost connection, checked
    /// against the table (see the type's note).
    private func durable(_ groups: [Group], session: inout PostgresConnection?) -> [[Result<AppendResult, EventStoreError>]] {
        let results = groups.map(\.results)
        let succeeded = results.contains { $0.contains { if case .success = $0 { true } else { false } } }
        guard succeeded, groups.contains(where: { !$0.durable }) else { return results }
        var attempt = 0
        while true {
            attempt += 1
            do throws(PostgresError) {
                let connection = try PostgresConnection.reusing(&session) { () throws(PostgresError) in
                    sessions.add(1, ordering: .releasing)
                    return try Self.connect(conninfo)
                }
                try flush(on: connection)
                let current = epoch
                guard groups.contains(where: { $0.epoch != current }) else { return results }
                return try checked(groups, on: connection)
            } catch {
                guard attempt < Self.attempts else {
                    let failure = EventStoreError.unavailable("the append committed but could not be confirmed durable: \(error.message)")
                    return results.map { $0.map { $0.flatMap { _ in .failure(failure) } } }
                }
                ConnectionPool.backOff(attempt: attempt)
            }
        }
    }

    /// One synchronously committed transaction that writes WAL: when it returns, the WAL is
    /// flushed past every commit before it.
    func flush(on connection: PostgresConnection) throws(PostgresError) {
        try connection.execute("SELECT setval('\(schema.flushes)', 1)")
    }

    /// The results, each success kept only when its last event is in the table at its position.
    private func checked(_ groups: [Group], on connection: PostgresConnection) throws(PostgresError) -> [[Result<AppendResult, EventStoreError>]] {
        var witnesses: [Int64: UUID] = [:]
        for group in groups {
            for (op, result) in zip(group.batches.flatMap(\.ops), group.results) {
                if case .success(let appended) = result { witnesses[Int64(appended.lastPosition)] = Self.lastId(of: op, at: appended.lastPosition) }
            }
        }
        let rows = try connection.execute("SELECT position, id FROM \(schema.events) WHERE position = ANY($1)", [.int64s(Array(witnesses.keys))])
        var found: [Int64: UUID] = [:]
        for row in 0..<rows.count {
            if let position = rows.int64(row, 0), let id = rows.uuid(row, 1) { found[position] = id }
        }
        let lost = EventStoreError.unavailable("the connection was lost before the append was durable and it is not in the store: retrying with the same event ids is safe")
        return groups.map { group in
            zip(group.batches.flatMap(\.ops), group.results).map { op, result in
                guard case .success(let appended) = result else { return result }
                let position = Int64(appended.lastPosition)
                return found[position] != nil && found[position] == witnesses[position] ? result : .failure(lost)
            }
        }
    }

    /// The id of an op's last event at `position`: the appender's, or the store's own (from its
    /// position) for metadata, deletes and tombstones.
    static func lastId(of op: WriteOp, at position: UInt64) -> UUID? {
        switch op {
        case .append(_, _, let events): events.last?.id
        case .setMetadata, .delete, .tombstone: UUID(storeEventAt: position)
        }
    }
}
