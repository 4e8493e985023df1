import Store

/// One row of the `streams` table: what an append decides against and a read pages by.
struct StreamRow: Sendable, Equatable {
    /// Version of the last event written (-1 when none).
    var lastVersion: Int64 = -1
    var lastPosition: UInt64 = 0
    var metadata = StreamMetadata()
    var tombstoned = false

    /// Soft-deleted: `$tb` at or past the end of a stream that had events (as `StreamIndex`).
    var isSoftDeleted: Bool {
        guard let tb = metadata.truncateBefore else { return false }
        return tb >= lastVersion + 1 && tb > 0
    }

    /// The last version a reader sees, nil when there is none or the stream was deleted.
    var visibleLastVersion: Int64? {
        lastVersion < 0 || tombstoned || isSoftDeleted ? nil : lastVersion
    }

    /// The first version a stream read may return (`$tb` and `$maxCount` applied).
    var firstReadableVersion: Int64 {
        var first: Int64 = 0
        if let tb = metadata.truncateBefore { first = max(first, tb) }
        if let maxCount = metadata.maxCount { first = max(first, lastVersion + 1 - maxCount) }
        return min(first, lastVersion + 1)
    }
}

// MARK: - Loading and saving

extension StreamRow {
    /// The row of `stream`, or nil when the stream has never been written or described.
    static func load(_ stream: String, schema: PostgresSchema, connection: PostgresConnection) throws(PostgresError) -> StreamRow? {
        let rows = try connection.execute("""
            SELECT last_version, last_position, max_count, max_age, truncate_before, tombstoned
            FROM \(schema.streams) WHERE name = $1
            """, [.text(stream)])
        return rows.count == 0 ? nil : StreamRow(rows, 0)
    }

    /// Decodes columns `first…first+5` of a row selected as `load` selects it.
    init(_ rows: PostgresRows, _ row: Int, first: Int = 0) {
        self.init(lastVersion: rows.int64(row, first) ?? -1, lastPosition: UInt64(max(0, rows.int64(row, first + 1) ?? 0)),
                  metadata: StreamMetadata(maxCount: rows.int64(row, first + 2), maxAge: rows.int64(row, first + 3),
                                           truncateBefore: rows.int64(row, first + 4)),
                  tombstoned: rows.bool(row, first + 5) ?? false)
    }
}
