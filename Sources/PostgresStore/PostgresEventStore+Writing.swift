import Foundation
import Store

extension PostgresEventStore {
    // MARK: - Appending

    public func append(to stream: String, expected: ExpectedVersion, events: [EventData]) async throws(EventStoreError) -> AppendResult {
        try StreamNames.validateUserStream(stream)
        try Self.validate(events)
        return try await submitOne(.append(stream: stream, expected: expected, events: events))
    }

    public func appendToSystemStream(_ stream: String, expected: ExpectedVersion, events: [EventData]) async throws(EventStoreError) -> AppendResult {
        try StreamNames.validateSystemStream(stream)
        try Self.validate(events)
        return try await submitOne(.append(stream: stream, expected: expected, events: events))
    }

    /// Validates each append, then commits the valid ones in one transaction.
    public func append(_ appends: [StreamAppend]) async -> [Result<AppendResult, EventStoreError>] {
        var results = [Result<AppendResult, EventStoreError>?](repeating: nil, count: appends.count)
        var ops: [WriteOp] = []
        var slots: [Int] = []
        for (index, append) in appends.enumerated() {
            do throws(EventStoreError) {
                try StreamNames.validateUserStream(append.stream)
                try Self.validate(append.events)
                ops.append(.append(stream: append.stream, expected: append.expected, events: append.events))
                slots.append(index)
            } catch {
                results[index] = .failure(error)
            }
        }
        if !ops.isEmpty {
            for (slot, result) in zip(slots, await submit(ops)) { results[slot] = result }
        }
        return results.map { $0 ?? .failure(.closed) }
    }

    public func setMetadata(_ metadata: StreamMetadata, of stream: String) async throws(EventStoreError) {
        try StreamNames.validateUserStream(stream)
        _ = try await submitOne(.setMetadata(stream: stream, metadata: metadata))
    }

    public func delete(stream: String, expected: ExpectedVersion) async throws(EventStoreError) {
        try StreamNames.validateUserStream(stream)
        _ = try await submitOne(.delete(stream: stream, expected: expected))
    }

    public func tombstone(stream: String, expected: ExpectedVersion) async throws(EventStoreError) {
        try StreamNames.validateUserStream(stream)
        _ = try await submitOne(.tombstone(stream: stream, expected: expected))
    }

    /// Checks types and sizes; an empty batch is refused by the decision (`emptyAppend`).
    static func validate(_ events: [EventData]) throws(EventStoreError) {
        if events.isEmpty { throw .emptyAppend }
        for event in events { try event.check(maxEventSize: maxEventSize) }
    }

    private func submitOne(_ op: WriteOp) async throws(EventStoreError) -> AppendResult {
        guard let result = await submit([op]).first else { throw .closed }
        return try result.get()
    }

    /// Queues ops for the writer thread and waits for their transaction.
    private func submit(_ ops: [WriteOp]) async -> [Result<AppendResult, EventStoreError>] {
        if access == .readOnly { return ops.map { _ in .failure(.readOnly) } }
        return await withCheckedContinuation { continuation in
            let added = queue.add(WriteBatch(ops: ops, resume: { continuation.resume(returning: $0) }))
            if !added { continuation.resume(returning: ops.map { _ in .failure(.closed) }) }
        }
    }

    // MARK: - The writer thread

    /// How long the writer keeps retrying a batch on a lost connection before answering
    /// `.unavailable` (then the outcome is unknown; a retry with the same ids is safe).
    static let writerRetryAttempts = 12

    /// Starts the thread that owns `connection` and commits queued batches until closed.
    func startWriter(_ connection: UnsafeSendable<PostgresConnection>) {
        // The thread holds the queue, not the store: a store dropped without `close()` is
        // deinitialised, which closes the queue, and the thread ends.
        let queue = queue
        let done = writerDone
        let flusher = flusher
        let thread = Thread { [weak self] in
            var writer: PostgresConnection? = connection.value
            while let batches = queue.take() {
                guard let self else {
                    for batch in batches { batch.resume(batch.ops.map { _ in .failure(.closed) }) }
                    continue
                }
                self.commit(batches, writer: &writer)
            }
            flusher.close()
            done.signal()
        }
        thread.name = "postgres-writer"
        thread.start()
    }

    /// Commits the batches taken together and hands them to the flusher, which answers each
    /// once the commit is durable. By default every group commits synchronously (its COMMIT
    /// waits for the WAL flush, under the write lock), so no reader sees it before it is
    /// durable; such a group is answered here at once when the flusher has nothing before it
    /// (a thread's wake-up less per group). With `visibleBeforeFlush`, only an exclusive
    /// writer's lone batch while the flusher has nothing to do commits synchronously (one hop
    /// less for a lone appender); any other group leaves its flush to the flusher, so the lock
    /// is free meanwhile for the next group and for other processes' writers.
    private func commit(_ batches: [WriteBatch], writer: inout PostgresConnection?) {
        let epoch = flusher.epoch
        let synchronous = !visibleBeforeFlush || (access == .exclusiveWriter && batches.count == 1 && flusher.isIdle)
        let (results, durable) = commitWithRetries(batches.flatMap(\.ops), synchronous: synchronous, writer: &writer)
        let group = Flusher.Group(batches: batches, results: results, epoch: epoch, durable: durable)
        if durable && flusher.isIdle {
            noteAnswered(head: Flusher.answer([group], with: [results]))
        } else {
            flusher.add(group)
        }
    }

    /// After a round of answers: the head past the successes (nil when none) is known, and
    /// every waiter looks again.
    func noteAnswered(head: UInt64?) {
        if let head {
            knownHead.max(head)
            observedHead.raise(to: head)
        }
        waiters.wakeAll()
    }

    /// Connects a session for the writer, whose every statement looks rows up by key: its
    /// plans use the indexes whatever the planner's estimates (no sequential scans, hash or
    /// merge joins), and are made once per statement (`plan_cache_mode`). Left to itself, the
    /// server planned each transaction's statements anew (their array parameters, one element
    /// per event, make a plan for the actual sizes look cheaper) and, while the events table
    /// was young or its statistics stale, joined the idempotency keys to a scan of the whole
    /// table: the server's cost of a group grew with the log.
    static func connectWriter(_ conninfo: String) throws(PostgresError) -> PostgresConnection {
        let connection = try PostgresConnection.connect(conninfo)
        try connection.execute("""
            SELECT set_config('plan_cache_mode', 'force_generic_plan', false), set_config('enable_seqscan', 'off', false),
                   set_config('enable_hashjoin', 'off', false), set_config('enable_mergejoin', 'off', false)
            """)
        return connection
    }

    /// One batch, retried (reconnecting) on a lost connection, a serialization failure or a
    /// deadlock. A retry after a commit whose answer was lost finds the events already written
    /// (idempotent by event id) and answers with their original positions.
    /// Also whether the results are durable already: a synchronous commit that wrote every
    /// success itself (one that found some already written may rest on an unflushed commit).
    private func commitWithRetries(_ ops: [WriteOp], synchronous: Bool, writer: inout PostgresConnection?) -> (results: [Result<AppendResult, EventStoreError>], durable: Bool) {
        var attempt = 0
        while true {
            attempt += 1
            do throws(PostgresError) {
                let connection = try PostgresConnection.reusing(&writer) { () throws(PostgresError) in
                    let connection = try Self.connectWriter(pool.conninfo)
                    // A new session: an exclusive writer takes its lock again before writing,
                    // or writes nothing (another process may have taken over meanwhile).
                    if access == .exclusiveWriter { try schema.lockWriter(on: connection) }
                    return connection
                }
                let (results, notes) = try Committer.commit(ops, schema: schema, connection: connection, now: clock.now(), synchronous: synchronous)
                // The index heads move before anyone is woken: a group looking next reads them.
                if let prior = notes.prior {
                    listener.heads.applyOwn(after: prior, notes.notices)
                    listener.versions.applyOwn(after: prior, notes.notices)
                }
                unavailableReason.withLock { $0 = nil }
                return (results, synchronous && !notes.foundWritten)
            } catch {
                if let refusal = error.refusal {
                    unavailableReason.withLock { $0 = refusal.description }
                    return (ops.map { _ in .failure(refusal) }, true)
                }
                let retryable = error.connectionLost || error.isRetryableConflict
                if error.connectionLost { unavailableReason.withLock { $0 = error.summary } }
                guard retryable, attempt < Self.writerRetryAttempts else {
                    return (ops.map { _ in .failure(.unavailable(error.message)) }, true)
                }
                ConnectionPool.backOff(attempt: attempt)
            }
        }
    }
}

extension Atomic<UInt64> {
    /// Raises the value to `value` if it is lower.
    func max(_ value: UInt64) {
        var current = load(ordering: .relaxed)
        while current < value {
            let (exchanged, original) = compareExchange(expected: current, desired: value, ordering: .relaxed)
            if exchanged { return }
            current = original
        }
    }
}

import Synchronization
