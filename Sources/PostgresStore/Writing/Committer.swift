import Foundation
import Store

/// Carries out one batch of writes in one transaction on the writer's connection.
///
/// Every event-writing transaction first takes `PostgresSchema.writeLockKey`, so positions
/// (taken from the sequence inside it) are handed out in commit order. The batch is split into
/// rounds in which no stream is touched twice; each round costs two round trips whatever its
/// size (stream rows, idempotency candidates, positions and index heads read together; events,
/// stream rows and index heads written with `unnest`, with COMMIT after the last round), and a
/// later round sees the earlier ones. A refused op (wrong version, deleted stream…) is decided
/// before anything of it is written and does not abort the others; a server error aborts the
/// whole transaction and is thrown.
///
/// Unless `synchronous`, the transaction commits without waiting for its WAL flush, so the lock
/// is free again as soon as the commit record is written; the group is not durable yet, and
/// nobody is answered until `Flusher` has made it so (its next flush covers every commit before
/// it).
struct Committer {
    let schema: PostgresSchema
    let connection: PostgresConnection
    let now: Date
    /// Whether COMMIT waits for the WAL flush itself (else `Flusher` makes it durable).
    let synchronous: Bool
    let notes = Notes()

    /// What a committed transaction tells `IndexHeads` of its own process at once (the
    /// listener hears it later): the head position before it and each round's notice.
    final class Notes {
        /// The head position every earlier commit left, taken under the write lock.
        var prior: UInt64?
        var notices: [IndexHeads.Notice] = []
        /// Whether the transaction was begun (and the lock taken), and committed.
        var begun = false
        var committed = false
        /// Whether an append was found already written (its events' commit may not be durable yet).
        var foundWritten = false
    }

    /// Runs the batch; the results are valid once this returns (the transaction committed) and
    /// final once the flusher flushed the WAL past it.
    static func commit(_ ops: [WriteOp], schema: PostgresSchema, connection: PostgresConnection, now: Date, synchronous: Bool = false) throws(PostgresError) -> (results: [Result<AppendResult, EventStoreError>], notes: Notes) {
        // BEGIN and the lock go in the first round's first round trip, COMMIT in its last one
        // (after the insert) when there is one.
        let committer = Committer(schema: schema, connection: connection, now: now, synchronous: synchronous)
        do {
            var results: [Result<AppendResult, EventStoreError>] = []
            results.reserveCapacity(ops.count)
            let rounds = rounds(ops)
            for (number, round) in rounds.enumerated() {
                results += try committer.run(round, closing: number == rounds.count - 1)
            }
            // Each round's statement queued its notification; it is sent at commit.
            if committer.notes.begun && !committer.notes.committed { try connection.execute("COMMIT") }
            return (results, committer.notes)
        } catch {
            if committer.notes.begun, !connection.isBroken {
                do { try connection.execute("ROLLBACK") } catch {
                    // The batch's error is the one to report; a connection that cannot roll back
                    // is broken, and the writer reconnects.
                }
            }
            throw error
        }
    }

    /// The streams an op reads or writes: its stream, and the subject of a `$$` stream.
    static func touched(by op: WriteOp) -> [String] {
        switch op {
        case .append(let stream, _, _):
            stream.hasPrefix("$$") ? [stream, String(stream.dropFirst(2))] : [stream]
        case .setMetadata(let stream, _), .delete(let stream, _), .tombstone(let stream, _):
            [stream, StreamNames.metadataStream(of: stream)]
        }
    }

    /// Consecutive runs of ops in which no stream is touched twice, in order.
    static func rounds(_ ops: [WriteOp]) -> [ArraySlice<WriteOp>] {
        var rounds: [ArraySlice<WriteOp>] = []
        var start = 0
        var seen: Set<String> = []
        for (index, op) in ops.enumerated() {
            let streams = touched(by: op)
            if streams.contains(where: seen.contains) {
                rounds.append(ops[start..<index])
                start = index
                seen = []
            }
            seen.formUnion(streams)
        }
        if start < ops.count { rounds.append(ops[start...]) }
        return rounds
    }

    // MARK: - A round

    /// An event decided on, waiting for its position.
    struct Pending {
        var stream: String
        var version: Int64
        var event: EventData
        /// Written by the store itself: its id comes from its position.
        var isStoreEvent: Bool
    }

    /// What one op of a round comes to before the round's events are inserted.
    private enum Outcome {
        case done(Result<AppendResult, EventStoreError>)
        /// Pending rows `rows`, at versions from `firstVersion`.
        case planned(rows: Range<Int>, firstVersion: Int64)
    }

    /// Decides a round and inserts its events; `closing`: the transaction's last round, whose
    /// insert takes COMMIT with it.
    private func run(_ round: ArraySlice<WriteOp>, closing: Bool) throws(PostgresError) -> [Result<AppendResult, EventStoreError>] {
        let loaded = try load(round)
        var rows = loaded.rows
        let candidates = loaded.candidates
        var pending: [Pending] = []
        var changed: Set<String> = []
        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(round.count)

        func plan(_ events: [EventData], to stream: String, firstVersion: Int64, storeEvents: Bool) -> Outcome {
            let start = pending.count
            for (offset, event) in events.enumerated() {
                pending.append(Pending(stream: stream, version: firstVersion + Int64(offset), event: event, isStoreEvent: storeEvents))
            }
            var row = rows[stream] ?? StreamRow()
            row.lastVersion = firstVersion + Int64(events.count) - 1
            rows[stream] = row
            changed.insert(stream)
            if stream.hasPrefix("$$") {
                let subject = String(stream.dropFirst(2))
                var subjectRow = rows[subject] ?? StreamRow()
                var applied = false
                for event in events { applied = Self.apply(event, to: &subjectRow) || applied }
                if applied {
                    rows[subject] = subjectRow
                    changed.insert(subject)
                }
            }
            return .planned(rows: start..<pending.count, firstVersion: firstVersion)
        }
        func storeEvent(_ type: String, _ data: Data, about stream: String) -> Outcome {
            let metadataStream = StreamNames.metadataStream(of: stream)
            let event = EventData(id: UUID(), type: type, data: data)
            return plan([event], to: metadataStream, firstVersion: (rows[metadataStream]?.lastVersion ?? -1) + 1, storeEvents: true)
        }

        for op in round {
            do throws(PostgresError) {
                switch op {
                case let .append(stream, expected, events):
                    let decision = try decide(stream: stream, row: rows[stream], expected: expected, ids: events.map(\.id), candidates: candidates)
                    switch decision {
                    case .alreadyWritten(let result):
                        notes.foundWritten = true
                        outcomes.append(.done(.success(result)))
                    case .write(let firstVersion): outcomes.append(plan(events, to: stream, firstVersion: firstVersion, storeEvents: false))
                    }
                case let .setMetadata(stream, metadata):
                    outcomes.append(storeEvent(StreamIndex.metadataType, metadata.json, about: stream))
                case let .delete(stream, expected):
                    let row = rows[stream]
                    let last = try Self.refusing { () throws(EventStoreError) in
                        try expected.lastVersionForDeletion(of: stream, last: row?.visibleLastVersion, tombstoned: row?.tombstoned ?? false)
                    }
                    var metadata = row?.metadata ?? StreamMetadata()
                    metadata.truncateBefore = last + 1
                    outcomes.append(storeEvent(StreamIndex.metadataType, metadata.json, about: stream))
                case let .tombstone(stream, expected):
                    let row = rows[stream]
                    _ = try Self.refusing { () throws(EventStoreError) in
                        try expected.lastVersionForDeletion(of: stream, last: row?.visibleLastVersion, tombstoned: row?.tombstoned ?? false)
                    }
                    outcomes.append(storeEvent(StreamIndex.tombstoneType, Data(), about: stream))
                }
            } catch {
                guard let refusal = error.refusal else { throw error }
                outcomes.append(.done(.failure(refusal)))
            }
        }

        let positions: [UInt64]
        if pending.isEmpty {
            // Nothing to insert: the positions taken go back before anything else is written.
            let back = giveBack(loaded, used: 0)
            if !back.isEmpty { _ = try connection.pipeline(back) }
            positions = []
        } else {
            positions = try insert(&pending, loaded: loaded, rows: &rows, changed: changed, closing: closing)
        }
        return outcomes.map { outcome in
            switch outcome {
            case .done(let result):
                return result
            case let .planned(range, firstVersion):
                return .success(AppendResult(firstVersion: firstVersion, lastVersion: firstVersion + Int64(range.count) - 1,
                                             firstPosition: positions[range.lowerBound], lastPosition: positions[range.upperBound - 1]))
            }
        }
    }

    /// Applies an event of `$$subject` to the subject's row: a tombstone, or metadata that
    /// parses (anything else leaves it as it was, as `StreamIndex` does). Whether it changed.
    private static func apply(_ event: EventData, to row: inout StreamRow) -> Bool {
        if event.type == StreamIndex.tombstoneType {
            row.tombstoned = true
            return true
        }
        guard event.type == StreamIndex.metadataType else { return false }
        do throws(EventStoreError) {
            row.metadata = try StreamMetadata(json: event.data)
            return true
        } catch {
            return false
        }
    }

    /// Carries a refusal out as a `PostgresError` whose `refusal` is set.
    private static func refusing<T>(_ body: () throws(EventStoreError) -> T) throws(PostgresError) -> T {
        do throws(EventStoreError) {
            return try body()
        } catch {
            throw .refusal(error)
        }
    }

    // MARK: - Deciding

    private func decide(stream: String, row: StreamRow?, expected: ExpectedVersion, ids: [UUID], candidates: [String: [UUID: Int64]]) throws(PostgresError) -> AppendDecision {
        let connection = connection
        let events = schema.events
        var fault: PostgresError?
        let lookups = AppendDecision.Lookups(
            eventsFrom: { version, count throws(EventStoreError) in
                do throws(PostgresError) {
                    let rows = try connection.execute(
                        "SELECT version, id, position FROM \(events) WHERE stream = $1 AND version >= $2 ORDER BY version LIMIT $3",
                        [.text(stream), .int64(version), .int64(Int64(count))])
                    return (0..<rows.count).map { (rows.int64($0, 0) ?? -1, rows.uuid($0, 1) ?? UUID(), UInt64(rows.int64($0, 2) ?? 0)) }
                } catch {
                    fault = error
                    throw .unavailable(error.message)
                }
            },
            newestVersion: { id, minVersion in
                guard let version = candidates[stream]?[id], version >= minVersion else { return nil }
                return version
            })
        do throws(EventStoreError) {
            return try AppendDecision.decide(stream: stream, row: row, expected: expected, ids: ids, lookups: lookups)
        } catch {
            if let fault { throw fault }
            throw .refusal(error)
        }
    }
}
