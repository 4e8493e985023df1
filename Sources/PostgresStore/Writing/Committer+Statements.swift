import Foundation
import Store

/// The statements a round runs: each one round trip whatever the number of ops or events.
extension Committer {
    /// The rows of `streams` that exist.
    func loadRows(_ streams: [String]) throws(PostgresError) -> [String: StreamRow] {
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
    func loadCandidates(_ round: ArraySlice<WriteOp>, rows: [String: StreamRow]) throws(PostgresError) -> [String: [UUID: Int64]] {
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
    func insert(_ pending: inout [Pending], rows: inout [String: StreamRow], changed: Set<String>) throws(PostgresError) -> [UInt64] {
        guard !pending.isEmpty else { return [] }
        // With the positions, the head every earlier commit left (under the write lock, no
        // commit is under way): `IndexHeads` takes this transaction's heads only after those.
        let taken = try connection.execute("""
            SELECT nextval('\(schema.positions)'), (SELECT coalesce(max(position) + 1, 0) FROM \(schema.events))
            FROM generate_series(1, $1)
            """, [.int64(Int64(pending.count))])
        let positions = (0..<taken.count).map { UInt64(taken.int64($0, 0) ?? 0) }.sorted()
        if notes.prior == nil, taken.count > 0 { notes.prior = UInt64(max(0, taken.int64(0, 1) ?? 0)) }
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

        // The events, the index heads and the round's stream rows in one statement, which also
        // notifies (at commit) the new heads: `IndexHeads` in every listening process.
        let headNames = Array(heads.keys)
        let notice = IndexHeads.Notice(head: (positions.last ?? 0) + 1, heads: headNames.map { ($0, heads[$0] ?? 0) })
        notes.notices.append(notice)
        try connection.execute("""
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
            """, [
                .int64s(positions.map { Int64($0) }), .texts(pending.map(\.stream)), .int64s(pending.map(\.version)),
                .uuids(pending.map(\.event.id)), .texts(pending.map(\.event.type)),
                .doubles([Double](repeating: now.timeIntervalSinceReferenceDate, count: pending.count)),
                .byteas(pending.map(\.event.data)), .byteas(pending.map(\.event.metadata)),
                .texts(categories), .int64s(categorySeqs), .int64s(typeSeqs), .int64s(streamsSeqs),
                .int32s(pending.map { Int32(GroupPartition.key(id: $0.event.id)) }),
                .int32s(pending.map { Int32(GroupPartition.key(stream: $0.stream)) }),
                .texts(headNames), .int64s(headNames.map { heads[$0] }),
            ] + Self.rowParameters(saved) + [.text(schema.channel), .text(notice.payload)])
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
