import Foundation
import Store

/// The statements a round runs: each one round trip whatever the number of ops or events.
extension Committer {
    /// The rows of the streams the round touches that exist, and for every `.any`/
    /// `.streamExists` append the newest version of its stream holding its first event's id,
    /// if any (the idempotency search, all at once), in one statement. The transaction's first
    /// round sends BEGIN and the write lock in the same round trip.
    func loadRowsAndCandidates(_ round: ArraySlice<WriteOp>) throws(PostgresError) -> ([String: StreamRow], [String: [UUID: Int64]]) {
        var streams: [String] = []
        var ids: [UUID] = []
        for case let .append(stream, expected, events) in round where !events.isEmpty {
            switch expected {
            case .any, .streamExists:
                streams.append(stream)
                ids.append(events[0].id)
            case .noStream, .exact:
                break
            }
        }
        var statements: [PostgresConnection.Statement] = []
        if !notes.begun {
            statements.append(.init(sql: "BEGIN"))
            statements.append(.init(sql: "SELECT pg_advisory_xact_lock($1)", parameters: [.int64(PostgresSchema.writeLockKey)]))
        }
        statements.append(.init(sql: """
            SELECT name, last_version, last_position, max_count, max_age, truncate_before, tombstoned, NULL::uuid
            FROM \(schema.streams) WHERE name = ANY($1)
            UNION ALL
            SELECT e.stream, max(e.version), NULL, NULL, NULL, NULL, NULL, e.id FROM \(schema.events) e
            JOIN unnest($2::text[], $3::uuid[]) AS k(stream, id) ON e.stream = k.stream AND e.id = k.id
            GROUP BY e.stream, e.id
            """, parameters: [.texts(Array(Set(round.flatMap(Self.touched(by:))))), .texts(streams), .uuids(ids)]))
        let results = try connection.pipeline(statements)
        notes.begun = true
        guard let result = results.last else { return ([:], [:]) }
        var rows: [String: StreamRow] = [:]
        var candidates: [String: [UUID: Int64]] = [:]
        for index in 0..<result.count {
            guard let name = result.text(index, 0) else { continue }
            if let id = result.uuid(index, 7) {
                if let version = result.int64(index, 1) { candidates[name, default: [:]][id] = version }
            } else {
                rows[name] = StreamRow(result, index, first: 1)
            }
        }
        return (rows, candidates)
    }

    /// Takes positions for the pending events, numbers their index entries, and inserts them
    /// with one statement; returns their positions, in order.
    /// Also writes the rows of the `changed` streams, their last positions filled in.
    func insert(_ pending: inout [Pending], rows: inout [String: StreamRow], changed: Set<String>, closing: Bool) throws(PostgresError) -> [UInt64] {
        guard !pending.isEmpty else { return [] }
        // The index heads the events move: `$ce-`, `$et-` and `$streams` of user streams.
        var names: Set<String> = []
        let categories = pending.map { $0.stream.hasPrefix("$") ? nil : StreamNames.category(of: $0.stream) }
        for (index, row) in pending.enumerated() where !row.stream.hasPrefix("$") {
            if let category = categories[index] { names.insert("ce:" + category) }
            names.insert("et:" + row.event.type)
            if row.version == 0 { names.insert("streams") }
        }
        // Positions, with the head every earlier commit left (under the write lock, no commit
        // is under way: `IndexHeads` takes this transaction's heads only after those), and the
        // index heads, in one statement.
        let taken = try connection.execute("""
            SELECT NULL::text, nextval('\(schema.positions)'), (SELECT coalesce(max(position) + 1, 0) FROM \(schema.events))
            FROM generate_series(1, $1)
            UNION ALL SELECT name, next, NULL FROM \(schema.indexHeads) WHERE name = ANY($2)
            """, [.int64(Int64(pending.count)), .texts(Array(names))])
        var positions: [UInt64] = []
        var heads: [String: Int64] = [:]
        for index in 0..<taken.count {
            if let name = taken.text(index, 0) {
                heads[name] = taken.int64(index, 1) ?? 0
            } else {
                positions.append(UInt64(max(0, taken.int64(index, 1) ?? 0)))
                if notes.prior == nil { notes.prior = UInt64(max(0, taken.int64(index, 2) ?? 0)) }
            }
        }
        positions.sort()
        guard positions.count == pending.count else {
            throw PostgresError(sqlState: nil, message: "the position sequence returned \(positions.count) of \(pending.count) values", connectionLost: false)
        }
        for index in pending.indices where pending[index].isStoreEvent {
            pending[index].event.id = UUID(storeEventAt: positions[index])
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

        // The events, the index heads and the round's stream rows in one statement, which also
        // notifies (at commit) the new heads: `IndexHeads` in every listening process.
        let headNames = Array(heads.keys)
        let notice = IndexHeads.Notice(head: (positions.last ?? 0) + 1, heads: headNames.map { ($0, heads[$0] ?? 0) })
        notes.notices.append(notice)
        let insert = PostgresConnection.Statement(sql: """
            WITH inserted AS (
                INSERT INTO \(schema.events) (position, stream, version, id, type, created, data, metadata, category, category_seq, type_seq, streams_seq,
                                              id_key, stream_key)
                SELECT * FROM unnest($1::int8[], $2::text[], $3::int8[], $4::uuid[], $5::text[], $6::float8[], $7::bytea[], $8::bytea[],
                                     $9::text[], $10::int8[], $11::int8[], $12::int8[], $13::int4[], $14::int4[])
            ), heads AS (
                INSERT INTO \(schema.indexHeads) (name, next) SELECT * FROM unnest($15::text[], $16::int8[])
                ON CONFLICT (name) DO UPDATE SET next = EXCLUDED.next
            ), saved AS (
                \(Self.saveRowsSQL(schema, firstParameter: 17))
            )
            SELECT pg_notify($24, $25)
            """, parameters: [
                .int64s(positions.map { Int64($0) }), .texts(pending.map(\.stream)), .int64s(pending.map(\.version)),
                .uuids(pending.map(\.event.id)), .texts(pending.map(\.event.type)),
                .doubles([Double](repeating: now.timeIntervalSinceReferenceDate, count: pending.count)),
                .byteas(pending.map(\.event.data)), .byteas(pending.map(\.event.metadata)),
                .texts(categories), .int64s(categorySeqs), .int64s(typeSeqs), .int64s(streamsSeqs),
                .int32s(pending.map { Int32(GroupPartition.key(id: $0.event.id)) }),
                .int32s(pending.map { Int32(GroupPartition.key(stream: $0.stream)) }),
                .texts(headNames), .int64s(headNames.map { heads[$0] }),
            ] + Self.rowParameters(saved) + [.text(schema.channel), .text(notice.payload)])
        _ = try connection.pipeline(closing ? [insert, .init(sql: "COMMIT")] : [insert])
        notes.committed = closing
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
