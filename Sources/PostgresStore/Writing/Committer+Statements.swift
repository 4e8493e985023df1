import Foundation
import Store

/// The statements a round runs: each one round trip whatever the number of ops or events.
extension Committer {
    /// What a round reads before deciding, in one round trip.
    struct Loaded {
        /// The rows of the round's streams that exist.
        var rows: [String: StreamRow] = [:]
        /// For every `.any`/`.streamExists` append, the newest version of its stream holding
        /// its first event's id, if any (the idempotency search, all at once).
        var candidates: [String: [UUID: Int64]] = [:]
        /// Positions for every event the round may write, ascending (consecutive: taken under
        /// the write lock); those left unused go back to the sequence (`giveBack`).
        var positions: [UInt64] = []
        /// The index heads (`ce:`, `et:`, `streams`) the round's events may move.
        var heads: [String: Int64] = [:]
    }

    /// Reads the round's stream rows and idempotency candidates and takes its positions and
    /// index heads, in one round trip. The transaction's first round sends BEGIN, the write lock
    /// and the commit's `synchronous_commit` (off: the flusher makes the group durable before
    /// anyone is answered) in the same round trip.
    func load(_ round: ArraySlice<WriteOp>) throws(PostgresError) -> Loaded {
        var streams: [String] = []
        var ids: [UUID] = []
        var names: Set<String> = []
        var count = 0
        for op in round {
            switch op {
            case let .append(stream, expected, events):
                count += events.count
                if !stream.hasPrefix("$") {
                    if let category = StreamNames.category(of: stream) { names.insert("ce:" + category) }
                    for event in events { names.insert("et:" + event.type) }
                    names.insert("streams")
                }
                guard let first = events.first else { continue }
                switch expected {
                case .any, .streamExists:
                    streams.append(stream)
                    ids.append(first.id)
                case .noStream, .exact:
                    break
                }
            case .setMetadata, .delete, .tombstone:
                count += 1
            }
        }
        var statements: [PostgresConnection.Statement] = []
        if !notes.begun {
            statements.append(.init(sql: "BEGIN"))
            statements.append(.init(sql: "SELECT pg_advisory_xact_lock($1), set_config('synchronous_commit', $2, true)",
                                    parameters: [.int64(PostgresSchema.writeLockKey), .text(synchronous ? "on" : "off")]))
        }
        statements.append(.init(sql: Self.rowsAndCandidatesSQL(schema),
                                parameters: [.texts(Array(Set(round.flatMap(Self.touched(by:))))), .texts(streams), .uuids(ids)]))
        // Positions, with the head every earlier commit left (under the write lock every
        // earlier commit is visible: `IndexHeads` takes this transaction's heads only after
        // those), and the index heads, in one statement.
        statements.append(.init(sql: """
            SELECT NULL::text, nextval('\(schema.positions)'), (SELECT coalesce(max(position) + 1, 0) FROM \(schema.events))
            FROM generate_series(1, $1)
            UNION ALL SELECT name, next, NULL FROM \(schema.indexHeads) WHERE name = ANY($2)
            """, parameters: [.int64(Int64(count)), .texts(Array(names))]))
        let results = try connection.pipeline(statements)
        notes.begun = true
        guard results.count >= 2 else { return Loaded() }
        var loaded = Loaded()
        let found = results[results.count - 2]
        for index in 0..<found.count {
            guard let name = found.text(index, 0) else { continue }
            if let id = found.uuid(index, 7) {
                if let version = found.int64(index, 1) { loaded.candidates[name, default: [:]][id] = version }
            } else {
                loaded.rows[name] = StreamRow(found, index, first: 1)
            }
        }
        let taken = results[results.count - 1]
        for index in 0..<taken.count {
            if let name = taken.text(index, 0) {
                loaded.heads[name] = taken.int64(index, 1) ?? 0
            } else {
                loaded.positions.append(UInt64(max(0, taken.int64(index, 1) ?? 0)))
                if notes.prior == nil { notes.prior = UInt64(max(0, taken.int64(index, 2) ?? 0)) }
            }
        }
        loaded.positions.sort()
        guard loaded.positions.count == count else {
            throw PostgresError(sqlState: nil, message: "the position sequence returned \(loaded.positions.count) of \(count) values", connectionLost: false)
        }
        return loaded
    }

    /// The statement that reads the rows of the streams `$1` and, for each stream of `$2` with
    /// the event id at the same place in `$3`, the newest version holding that id.
    static func rowsAndCandidatesSQL(_ schema: PostgresSchema) -> String {
        """
        SELECT name, last_version, last_position, max_count, max_age, truncate_before, tombstoned, NULL::uuid
        FROM \(schema.streams) WHERE name = ANY($1)
        UNION ALL
        SELECT e.stream, max(e.version), NULL, NULL, NULL, NULL, NULL, e.id FROM \(schema.events) e
        JOIN unnest($2::text[], $3::uuid[]) AS k(stream, id) ON e.stream = k.stream AND e.id = k.id
        GROUP BY e.stream, e.id
        """
    }

    /// Gives the pending events the round's first positions, numbers their index entries from
    /// the heads loaded, and inserts them with one statement; returns their positions, in order.
    /// Also writes the rows of the `changed` streams, their last positions filled in.
    func insert(_ pending: inout [Pending], loaded: Loaded, rows: inout [String: StreamRow], changed: Set<String>, closing: Bool) throws(PostgresError) -> [UInt64] {
        guard !pending.isEmpty else { return [] }
        let positions = Array(loaded.positions.prefix(pending.count))
        for index in pending.indices where pending[index].isStoreEvent {
            pending[index].event.id = UUID(storeEventAt: positions[index])
        }
        // The index heads the events move: `$ce-`, `$et-` and `$streams` of user streams.
        let categories = pending.map { $0.stream.hasPrefix("$") ? nil : StreamNames.category(of: $0.stream) }
        var heads: [String: Int64] = [:]
        func take(_ name: String) -> Int64 {
            let next = heads[name] ?? loaded.heads[name] ?? 0
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
        // notifies (at commit) the new heads and the rows' versions: `IndexHeads` and
        // `StreamVersions` in every listening process.
        let headNames = Array(heads.keys)
        let notice = IndexHeads.Notice(head: (positions.last ?? 0) + 1, heads: headNames.map { ($0, heads[$0] ?? 0) },
                                       versions: saved.map { ($0.0, StreamVersions.isPlain($0.1) ? .version($0.1.visibleLastVersion) : .unknown) })
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
                // A pinned group's key: the stream the event is pinned to, else its own.
                .int32s(pending.map { Int32(GroupPartition.key(stream: $0.event.pinnedTo ?? $0.stream)) }),
                .texts(headNames), .int64s(headNames.map { heads[$0] }),
            ] + Self.rowParameters(saved) + [.text(schema.channel), .text(notice.payload)])
        _ = try connection.pipeline([insert] + giveBack(loaded, used: pending.count) + (closing ? [.init(sql: "COMMIT")] : []))
        notes.committed = closing
        return positions
    }

    /// The statement that returns the round's unused positions (those of refused or
    /// already-written appends, at the end of its range) to the sequence, so `$all` stays dense
    /// when nothing failed: under the write lock no other writer takes positions meanwhile. None
    /// when every position was used. (A transaction that rolls back still leaves a gap.)
    func giveBack(_ loaded: Loaded, used: Int) -> [PostgresConnection.Statement] {
        guard used < loaded.positions.count else { return [] }
        return [.init(sql: "SELECT setval('\(schema.positions)', $1, false)", parameters: [.int64(Int64(loaded.positions[used]))])]
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
