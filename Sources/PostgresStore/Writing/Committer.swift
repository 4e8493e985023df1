import Foundation
import Store

/// Carries out one batch of writes in one transaction on the writer's connection.
///
/// Every event-writing transaction first takes `PostgresSchema.writeLockKey`, so positions
/// (taken from the sequence inside it) are handed out in commit order. The batch is split into
/// rounds in which no stream is touched twice; each round costs a fixed handful of statements
/// whatever its size (stream rows and idempotency candidates fetched with `= ANY`, events,
/// stream rows and index heads written with `unnest`), and a later round sees the earlier ones.
/// A refused op (wrong version, deleted stream…) is decided before anything of it is written
/// and does not abort the others; a server error aborts the whole transaction and is thrown.
struct Committer {
    let schema: PostgresSchema
    let connection: PostgresConnection
    let now: Date

    /// Runs the batch; the results are valid once this returns (the transaction committed).
    static func commit(_ ops: [WriteOp], schema: PostgresSchema, connection: PostgresConnection, now: Date) throws(PostgresError) -> [Result<AppendResult, EventStoreError>] {
        // BEGIN and the lock in one round trip, NOTIFY and COMMIT in another: the script holds
        // only the backend's own constant, channel (a validated identifier) and a number.
        try connection.executeScript("BEGIN; SELECT pg_advisory_xact_lock(\(PostgresSchema.writeLockKey))")
        do {
            let committer = Committer(schema: schema, connection: connection, now: now)
            var results: [Result<AppendResult, EventStoreError>] = []
            results.reserveCapacity(ops.count)
            for round in rounds(ops) {
                results += try committer.run(round)
            }
            var head: UInt64?
            for case .success(let appended) in results { head = max(head ?? 0, appended.lastPosition) }
            let notify = head.map { "NOTIFY \(schema.channel), '\($0 + 1)'; " } ?? ""
            try connection.executeScript(notify + "COMMIT")
            return results
        } catch {
            if !connection.isBroken {
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
    private struct Pending {
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

    private func run(_ round: ArraySlice<WriteOp>) throws(PostgresError) -> [Result<AppendResult, EventStoreError>] {
        var rows = try loadRows(Array(Set(round.flatMap(Self.touched(by:)))))
        let candidates = try loadCandidates(round, rows: rows)
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
                    case .alreadyWritten(let result): outcomes.append(.done(.success(result)))
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

        let positions = try insert(&pending, rows: &rows, changed: changed)
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

    // MARK: - Statements

    /// The rows of `streams` that exist.
    private func loadRows(_ streams: [String]) throws(PostgresError) -> [String: StreamRow] {
        let result = try connection.execute("""
            SELECT last_version, last_position, max_count, max_age, truncate_before, tombstoned, name
            FROM \(schema.streams) WHERE name = ANY($1)
            """, [.texts(streams)])
        var rows: [String: StreamRow] = [:]
        for index in 0..<result.count { rows[result.text(index, 6) ?? ""] = StreamRow(result, index) }
        return rows
    }

    /// For every `.any`/`.streamExists` append to an existing stream: the newest version of
    /// the stream holding its first event's id, if any (the idempotency search, all at once).
    private func loadCandidates(_ round: ArraySlice<WriteOp>, rows: [String: StreamRow]) throws(PostgresError) -> [String: [UUID: Int64]] {
        var streams: [String] = []
        var ids: [UUID] = []
        for case let .append(stream, expected, events) in round where rows[stream] != nil && !events.isEmpty {
            switch expected {
            case .any, .streamExists:
                streams.append(stream)
                ids.append(events[0].id)
            case .noStream, .exact:
                break
            }
        }
        guard !streams.isEmpty else { return [:] }
        let result = try connection.execute("""
            SELECT e.stream, e.id, max(e.version) FROM \(schema.events) e
            JOIN unnest($1::text[], $2::uuid[]) AS k(stream, id) ON e.stream = k.stream AND e.id = k.id
            GROUP BY e.stream, e.id
            """, [.texts(streams), .uuids(ids)])
        var candidates: [String: [UUID: Int64]] = [:]
        for index in 0..<result.count {
            guard let stream = result.text(index, 0), let id = result.uuid(index, 1), let version = result.int64(index, 2) else { continue }
            candidates[stream, default: [:]][id] = version
        }
        return candidates
    }

    /// Takes positions for the pending events, numbers their index entries, and inserts them
    /// with one statement; returns their positions, in order.
    /// Also writes the rows of the `changed` streams, their last positions filled in.
    private func insert(_ pending: inout [Pending], rows: inout [String: StreamRow], changed: Set<String>) throws(PostgresError) -> [UInt64] {
        guard !pending.isEmpty else { return [] }
        let taken = try connection.execute("SELECT nextval('\(schema.positions)') FROM generate_series(1, $1)", [.int64(Int64(pending.count))])
        let positions = (0..<taken.count).map { UInt64(taken.int64($0, 0) ?? 0) }.sorted()
        guard positions.count == pending.count else {
            throw PostgresError(sqlState: nil, message: "the position sequence returned \(positions.count) of \(pending.count) values", connectionLost: false)
        }
        for index in pending.indices where pending[index].isStoreEvent {
            pending[index].event.id = UUID(storeEventAt: positions[index])
        }

        // Index entry numbers: `$ce-`, `$et-` and `$streams` of user streams.
        var heads: [String: Int64] = [:]
        var names: Set<String> = []
        let categories = pending.map { $0.stream.hasPrefix("$") ? nil : StreamNames.category(of: $0.stream) }
        for (index, row) in pending.enumerated() where !row.stream.hasPrefix("$") {
            if let category = categories[index] { names.insert("ce:" + category) }
            names.insert("et:" + row.event.type)
            if row.version == 0 { names.insert("streams") }
        }
        if !names.isEmpty {
            let result = try connection.execute("SELECT name, next FROM \(schema.indexHeads) WHERE name = ANY($1)", [.texts(Array(names))])
            for index in 0..<result.count { heads[result.text(index, 0) ?? ""] = result.int64(index, 1) ?? 0 }
        }
        func take(_ name: String) -> Int64 {
            let next = heads[name] ?? 0
            heads[name] = next + 1
            return next
        }
        var categorySeqs: [Int64?] = [], typeSeqs: [Int64?] = [], streamsSeqs: [Int64?] = []
        for (index, row) in pending.enumerated() {
            let isUser = !row.stream.hasPrefix("$")
            categorySeqs.append(isUser ? categories[index].map { take("ce:" + $0) } : nil)
            typeSeqs.append(isUser ? take("et:" + row.event.type) : nil)
            streamsSeqs.append(isUser && row.version == 0 ? take("streams") : nil)
        }

        for row in pending.indices {
            // The pending row at a stream's last version holds its last position.
            let stream = pending[row].stream
            if rows[stream]?.lastVersion == pending[row].version { rows[stream]?.lastPosition = positions[row] }
        }
        let saved = changed.map { ($0, rows[$0] ?? StreamRow()) }

        // The events, the index heads and the round's stream rows in one statement.
        let headNames = Array(heads.keys)
        try connection.execute("""
            WITH inserted AS (
                INSERT INTO \(schema.events) (position, stream, version, id, type, created, data, metadata, category, category_seq, type_seq, streams_seq)
                SELECT * FROM unnest($1::int8[], $2::text[], $3::int8[], $4::uuid[], $5::text[], $6::float8[], $7::bytea[], $8::bytea[],
                                     $9::text[], $10::int8[], $11::int8[], $12::int8[])
            ), heads AS (
                INSERT INTO \(schema.indexHeads) (name, next) SELECT * FROM unnest($13::text[], $14::int8[])
                ON CONFLICT (name) DO UPDATE SET next = EXCLUDED.next
            )
            \(Self.saveRowsSQL(schema, firstParameter: 15))
            """, [
                .int64s(positions.map { Int64($0) }), .texts(pending.map(\.stream)), .int64s(pending.map(\.version)),
                .uuids(pending.map(\.event.id)), .texts(pending.map(\.event.type)),
                .doubles([Double](repeating: now.timeIntervalSinceReferenceDate, count: pending.count)),
                .byteas(pending.map(\.event.data)), .byteas(pending.map(\.event.metadata)),
                .texts(categories), .int64s(categorySeqs), .int64s(typeSeqs), .int64s(streamsSeqs),
                .texts(headNames), .int64s(headNames.map { heads[$0] }),
            ] + Self.rowParameters(saved))
        return positions
    }

    /// The statement that upserts stream rows from seven arrays starting at `$firstParameter`.
    static func saveRowsSQL(_ schema: PostgresSchema, firstParameter n: Int) -> String {
        """
        INSERT INTO \(schema.streams) (name, last_version, last_position, max_count, max_age, truncate_before, tombstoned)
        SELECT * FROM unnest($\(n)::text[], $\(n + 1)::int8[], $\(n + 2)::int8[], $\(n + 3)::int8[], $\(n + 4)::int8[],
                             $\(n + 5)::int8[], $\(n + 6)::bool[])
        ON CONFLICT (name) DO UPDATE SET last_version = EXCLUDED.last_version, last_position = EXCLUDED.last_position,
            max_count = EXCLUDED.max_count, max_age = EXCLUDED.max_age, truncate_before = EXCLUDED.truncate_before,
            tombstoned = EXCLUDED.tombstoned
        """
    }

    /// The seven arrays `saveRowsSQL` binds.
    static func rowParameters(_ rows: [(String, StreamRow)]) -> [PostgresValue] {
        [
            .texts(rows.map(\.0)), .int64s(rows.map(\.1.lastVersion)), .int64s(rows.map { Int64($0.1.lastPosition) }),
            .int64s(rows.map(\.1.metadata.maxCount)), .int64s(rows.map(\.1.metadata.maxAge)),
            .int64s(rows.map(\.1.metadata.truncateBefore)), .bools(rows.map(\.1.tombstoned)),
        ]
    }

}
