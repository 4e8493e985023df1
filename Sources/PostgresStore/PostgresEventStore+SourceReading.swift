import Foundation
import Store
import Synchronization

extension PostgresEventStore: PartitionedSourceReading {
    /// A persistent group's read of an index (`$et-`, `$ce-`, `$streams`): nothing at all when
    /// the index heads the listener keeps say there is nothing past `cursor`; otherwise one
    /// query that returns only the partition's events (by the `id_key`/`stream_key` columns,
    /// events written before they existed are returned for the group to check) with the
    /// index's head in the same snapshot, so the group skips the other partitions' entries.
    /// `$all` and single streams: nil (the group reads them with `read`).
    public func readSource(_ source: ReadTarget, from cursor: Int64, maxCount: Int, partition: GroupPartition?,
                           strategy: ConsumerStrategy) throws(EventStoreError) -> SourcePage? {
        let index: (name: String, column: String, filter: String, key: PostgresValue)
        switch source {
        case .all, .stream:
            return nil
        case .eventType(let type):
            index = ("et:" + type, "type_seq", "type = $1 AND type_seq IS NOT NULL", .text(type))
        case .category(let category):
            index = ("ce:" + category, "category_seq", "category = $1", .text(category))
        case .streams:
            index = ("streams", "streams_seq", "streams_seq IS NOT NULL AND $1::text IS NULL", .null(oid: 25))
        }
        guard maxCount > 0 else { return SourcePage(events: []) }
        let cursor = max(0, cursor)
        if let head = listener.heads.head(of: index.name, covering: knownHead.load(ordering: .relaxed)), cursor >= head {
            return SourcePage(events: [])
        }
        // A partition whose count divides the keys' modulus is filtered here; any other is
        // read whole (modulus 1) and filtered by the group.
        let keyed = partition.map(\.isKeyed) ?? false
        let modulus = keyed ? Int64(partition?.count ?? 1) : 1
        let remainder = keyed ? Int64(partition?.index ?? 0) : 0
        let keyColumn = strategy == .pinned ? "stream_key" : "id_key"
        let sql = """
            SELECT e.position, e.stream, e.version, e.id, e.type, e.created, e.data, e.metadata, e.seq, h.next, e.key
            FROM (SELECT coalesce((SELECT next FROM \(schema.indexHeads) WHERE name = $2), 0) AS next) h
            LEFT JOIN LATERAL (
                SELECT \(Self.eventColumns), \(index.column) AS seq, \(keyColumn)::int8 AS key FROM \(schema.events)
                WHERE \(index.filter) AND \(index.column) >= $3 AND (\(keyColumn) IS NULL OR \(keyColumn) % $4 = $5)
                ORDER BY \(index.column) LIMIT $6
            ) e ON true
            """
        let limit = Int64(min(maxCount, Int(Int64.max)))
        let link = source.description
        return try query { connection throws(PostgresError) -> SourcePage in
            let rows = try connection.execute(sql, [index.key, .text(index.name), .int64(cursor), .int64(modulus), .int64(remainder), .int64(limit)])
            guard rows.count > 0, !rows.isNull(0, 0) else {
                return SourcePage(events: [], scannedTo: rows.count > 0 ? rows.int64(0, 9) : nil)
            }
            var events = Self.events(rows)
            for row in events.indices {
                events[row].link = IndexEntry(stream: link, version: rows.int64(row, 8) ?? -1)
                // The key the partition was filtered by (an event may be pinned to another
                // stream's partition), so the group's own check agrees with the server's.
                if strategy == .pinned { events[row].partitionKey = rows.int64(row, 10) }
            }
            observe(events)
            // Fewer than asked for: every entry up to the head was looked at.
            return SourcePage(events: events, scannedTo: events.count < maxCount ? rows.int64(0, 9) : nil)
        }
    }
}
