import Foundation
import Store

/// Carries out one batch of writes in one transaction on the writer's connection: decide each
/// op against the tables (as they stand inside the transaction, earlier ops included), insert
/// its events, update the stream rows and index heads, notify listeners, commit.
///
/// Every event-writing transaction first takes `PostgresSchema.writeLockKey`, so positions
/// (taken from the sequence inside it) are handed out in commit order. A refused op (wrong
/// version, deleted stream…) is decided before anything of it is written and does not abort
/// the others; a server error aborts the whole transaction and is thrown.
struct Committer {
    let schema: PostgresSchema
    let connection: PostgresConnection
    let now: Date

    /// Stream rows read or written in this transaction.
    private var rows: [String: StreamRow?] = [:]

    init(schema: PostgresSchema, connection: PostgresConnection, now: Date) {
        self.schema = schema
        self.connection = connection
        self.now = now
    }

    /// Runs the batch; the results are valid once this returns (the transaction committed).
    static func commit(_ ops: [WriteOp], schema: PostgresSchema, connection: PostgresConnection, now: Date) throws(PostgresError) -> [Result<AppendResult, EventStoreError>] {
        try connection.transaction { connection throws(PostgresError) in
            try connection.execute("SELECT pg_advisory_xact_lock($1)", [.int64(PostgresSchema.writeLockKey)])
            var committer = Committer(schema: schema, connection: connection, now: now)
            var results: [Result<AppendResult, EventStoreError>] = []
            results.reserveCapacity(ops.count)
            var head: UInt64?
            for op in ops {
                let result = try committer.run(op)
                if case .success(let appended) = result { head = max(head ?? 0, appended.lastPosition + 1) }
                results.append(result)
            }
            if let head {
                try connection.execute("SELECT pg_notify($1, $2)", [.text(schema.channel), .text(String(head))])
            }
            return results
        }
    }

    // MARK: - Ops

    /// One op's outcome: a refusal is its result; a server fault aborts the batch (thrown).
    private mutating func run(_ op: WriteOp) throws(PostgresError) -> Result<AppendResult, EventStoreError> {
        do throws(PostgresError) {
            return .success(try perform(op))
        } catch {
            if let refusal = error.refusal { return .failure(refusal) }
            throw error
        }
    }

    private mutating func perform(_ op: WriteOp) throws(PostgresError) -> AppendResult {
        switch op {
        case let .append(stream, expected, events):
            let row = try row(of: stream)
            let decision = try decide(stream: stream, row: row, expected: expected, ids: events.map(\.id))
            switch decision {
            case .alreadyWritten(let result): return result
            case .write(let firstVersion): return try write(events, to: stream, firstVersion: firstVersion)
            }
        case let .setMetadata(stream, metadata):
            return try writeStoreEvent(type: StreamIndex.metadataType, data: metadata.json, about: stream)
        case let .delete(stream, expected):
            let row = try row(of: stream)
            let last = try check(expected.lastVersionForDeletion(of: stream, last: row?.visibleLastVersion, tombstoned: row?.tombstoned ?? false))
            var metadata = row?.metadata ?? StreamMetadata()
            metadata.truncateBefore = last + 1
            return try writeStoreEvent(type: StreamIndex.metadataType, data: metadata.json, about: stream)
        case let .tombstone(stream, expected):
            let row = try row(of: stream)
            _ = try check(expected.lastVersionForDeletion(of: stream, last: row?.visibleLastVersion, tombstoned: row?.tombstoned ?? false))
            return try writeStoreEvent(type: StreamIndex.tombstoneType, data: Data(), about: stream)
        }
    }

    /// Marks a refusal so `run` reports it as the op's result rather than a server fault.
    private func check<T>(_ body: @autoclosure () throws(EventStoreError) -> T) throws(PostgresError) -> T {
        do throws(EventStoreError) {
            return try body()
        } catch {
            throw PostgresError.refusal(error)
        }
    }

    private func decide(stream: String, row: StreamRow?, expected: ExpectedVersion, ids: [UUID]) throws(PostgresError) -> AppendDecision {
        let connection = connection
        let events = schema.events
        var lookupFault: PostgresError?
        let lookups = AppendDecision.Lookups(
            eventsFrom: { version, count throws(EventStoreError) in
                do throws(PostgresError) {
                    let rows = try connection.execute(
                        "SELECT version, id, position FROM \(events) WHERE stream = $1 AND version >= $2 ORDER BY version LIMIT $3",
                        [.text(stream), .int64(version), .int64(Int64(count))])
                    return (0..<rows.count).map { (rows.int64($0, 0) ?? -1, rows.uuid($0, 1) ?? UUID(), UInt64(rows.int64($0, 2) ?? 0)) }
                } catch {
                    lookupFault = error
                    throw .unavailable(error.message)
                }
            },
            newestVersion: { id, minVersion throws(EventStoreError) in
                do throws(PostgresError) {
                    let rows = try connection.execute(
                        "SELECT version FROM \(events) WHERE stream = $1 AND id = $2 AND version >= $3 ORDER BY version DESC LIMIT 1",
                        [.text(stream), .uuid(id), .int64(minVersion)])
                    return rows.count == 0 ? nil : rows.int64(0, 0)
                } catch {
                    lookupFault = error
                    throw .unavailable(error.message)
                }
            })
        do throws(EventStoreError) {
            return try AppendDecision.decide(stream: stream, row: row, expected: expected, ids: ids, lookups: lookups)
        } catch {
            if let lookupFault { throw lookupFault }
            throw PostgresError.refusal(error)
        }
    }

    // MARK: - Rows

    private mutating func row(of stream: String) throws(PostgresError) -> StreamRow? {
        if let cached = rows[stream] { return cached }
        let loaded = try StreamRow.load(stream, schema: schema, connection: connection)
        rows[stream] = .some(loaded)
        return loaded
    }

    // MARK: - Inserting

    /// Inserts `events` at `firstVersion…` and returns where they landed.
    private mutating func write(_ events: [EventData], to stream: String, firstVersion: Int64, positions explicit: [UInt64]? = nil) throws(PostgresError) -> AppendResult {
        let isSystem = stream.hasPrefix("$")
        let category = isSystem ? nil : StreamNames.category(of: stream)
        var categoryNext: Int64?
        var typeNext: [String: Int64] = [:]
        var streamsSeq: Int64?
        if !isSystem {
            if let category { categoryNext = try reserve("ce:" + category, count: events.count) }
            var counts: [String: Int] = [:]
            for event in events { counts[event.type, default: 0] += 1 }
            for (type, count) in counts.sorted(by: { $0.key < $1.key }) { typeNext[type] = try reserve("et:" + type, count: count) }
            if firstVersion == 0 { streamsSeq = try reserve("streams", count: 1) }
        }
        let created = PostgresValue.double(now.timeIntervalSinceReferenceDate)
        var positions: [UInt64] = []
        positions.reserveCapacity(events.count)
        let columnsPerRow = 12
        let chunkSize = 60_000 / columnsPerRow
        var start = 0
        while start < events.count {
            let end = min(events.count, start + chunkSize)
            var values: [PostgresValue] = []
            values.reserveCapacity((end - start) * columnsPerRow)
            var tuples: [String] = []
            for index in start..<end {
                let event = events[index]
                let base = values.count
                tuples.append("(" + (1...columnsPerRow).map { "$\(base + $0)" }.joined(separator: ",") + ")")
                let position: PostgresValue = explicit.map { .int64(Int64($0[index])) } ?? .null(oid: 20)
                let typeSeq = typeNext[event.type].map { next -> PostgresValue in
                    typeNext[event.type] = next + 1
                    return .int64(next)
                } ?? .null(oid: 20)
                let categorySeq = categoryNext.map { next -> PostgresValue in
                    categoryNext = next + 1
                    return .int64(next)
                } ?? .null(oid: 20)
                values += [position, .text(stream), .int64(firstVersion + Int64(index)), .uuid(event.id), .text(event.type), created,
                           .bytes(event.data), .bytes(event.metadata), category.map(PostgresValue.text) ?? .null(oid: 25),
                           categorySeq, typeSeq, index == 0 ? (streamsSeq.map(PostgresValue.int64) ?? .null(oid: 20)) : .null(oid: 20)]
            }
            let sql = """
                INSERT INTO \(schema.events) (position, stream, version, id, type, created, data, metadata, category, category_seq, type_seq, streams_seq)
                SELECT coalesce(v.p, nextval('\(schema.positions)')), v.s, v.v, v.i, v.t, v.c, v.d, v.m, v.ca, v.cs, v.ts, v.ss
                FROM (VALUES \(tuples.joined(separator: ","))) AS v(p, s, v, i, t, c, d, m, ca, cs, ts, ss)
                ORDER BY v.v
                RETURNING position, version
                """
            let rows = try connection.execute(sql, values)
            var byVersion: [Int64: UInt64] = [:]
            for row in 0..<rows.count { byVersion[rows.int64(row, 1) ?? -1] = UInt64(rows.int64(row, 0) ?? 0) }
            for index in start..<end { positions.append(byVersion[firstVersion + Int64(index)] ?? 0) }
            start = end
        }
        let lastVersion = firstVersion + Int64(events.count) - 1
        let lastPosition = positions[positions.count - 1]
        try connection.execute("""
            INSERT INTO \(schema.streams) (name, last_version, last_position) VALUES ($1, $2, $3)
            ON CONFLICT (name) DO UPDATE SET last_version = EXCLUDED.last_version, last_position = EXCLUDED.last_position
            """, [.text(stream), .int64(lastVersion), .int64(Int64(lastPosition))])
        var row = (rows[stream] ?? nil) ?? StreamRow()
        row.lastVersion = lastVersion
        row.lastPosition = lastPosition
        rows[stream] = .some(row)
        if stream.hasPrefix("$$") {
            for event in events { try applyToSubject(String(stream.dropFirst(2)), type: event.type, data: event.data) }
        }
        return AppendResult(firstVersion: firstVersion, lastVersion: lastVersion, firstPosition: positions[0], lastPosition: lastPosition)
    }

    /// Hands out `count` consecutive entry numbers of a system index; returns the first.
    private func reserve(_ index: String, count: Int) throws(PostgresError) -> Int64 {
        let rows = try connection.execute("""
            INSERT INTO \(schema.indexHeads) (name, next) VALUES ($1, $2)
            ON CONFLICT (name) DO UPDATE SET next = \(schema.indexHeads).next + EXCLUDED.next
            RETURNING next - $2
            """, [.text(index), .int64(Int64(count))])
        return rows.int64(0, 0) ?? 0
    }

    /// Writes one of the store's own events (metadata, tombstone) to `$$stream`, its id
    /// derived from its position as the other backends do.
    private mutating func writeStoreEvent(type: String, data: Data, about stream: String) throws(PostgresError) -> AppendResult {
        let metadataStream = StreamNames.metadataStream(of: stream)
        let row = try row(of: metadataStream)
        let rows = try connection.execute("SELECT nextval('\(schema.positions)')")
        let position = UInt64(rows.int64(0, 0) ?? 0)
        let event = EventData(id: UUID(storeEventAt: position), type: type, data: data)
        return try write([event], to: metadataStream, firstVersion: (row?.lastVersion ?? -1) + 1, positions: [position])
    }

    /// Applies an event of `$$subject` to the subject's row: a tombstone, or metadata that
    /// parses (anything else leaves the row as it was, as `StreamIndex` does).
    private mutating func applyToSubject(_ subject: String, type: String, data: Data) throws(PostgresError) {
        var row = (try self.row(of: subject)) ?? StreamRow()
        if type == StreamIndex.tombstoneType {
            row.tombstoned = true
        } else if type == StreamIndex.metadataType {
            do throws(EventStoreError) { row.metadata = try StreamMetadata(json: data) } catch { return }
        } else {
            return
        }
        try row.save(subject, schema: schema, connection: connection)
        rows[subject] = .some(row)
    }
}
