import Foundation
import Store

extension PostgresEventStore {
    /// The columns every event read selects, in `RecordedEvent`'s order.
    static let eventColumns = "position, stream, version, id, type, created, data, metadata"

    /// The `$all` horizon: only rows of transactions older than every one still running (a
    /// sub-select, so the server takes the snapshot once per statement, not once per row).
    static let horizon = "tx < (SELECT pg_snapshot_xmin(pg_current_snapshot()))"

    // MARK: - Reading

    /// Reads a page: `$all` by position below the horizon, a stream by version, a system index
    /// by its entry number. Each is one indexed query: O(log n + maxCount).
    public func read(_ target: ReadTarget, from start: StreamPosition, direction: ReadDirection, maxCount: Int) throws(EventStoreError) -> [RecordedEvent] {
        let events = try readPage(target, from: start, direction: direction, maxCount: maxCount)
        observe(events)
        return events
    }

    /// Notes the events a read returned as seen (`observedHead`).
    func observe(_ events: [RecordedEvent]) {
        if let highest = events.lazy.map(\.position).max() { observedHead.raise(to: highest + 1) }
    }

    private func readPage(_ target: ReadTarget, from start: StreamPosition, direction: ReadDirection, maxCount: Int) throws(EventStoreError) -> [RecordedEvent] {
        guard maxCount > 0 else { return [] }
        let limit = Int64(min(maxCount, Int(Int64.max)))
        switch target {
        case .all:
            return try readAll(from: start, direction: direction, limit: limit)
        case .stream(let name):
            return try readStream(name, from: start, direction: direction, limit: limit)
        case .category(let category):
            return try readIndex(target, column: "category_seq", filter: "category = $1", key: .text(category), from: start, direction: direction, limit: limit)
        case .eventType(let type):
            return try readIndex(target, column: "type_seq", filter: "type = $1 AND type_seq IS NOT NULL", key: .text(type), from: start, direction: direction, limit: limit)
        case .streams:
            return try readIndex(target, column: "streams_seq", filter: "streams_seq IS NOT NULL AND $1::text IS NULL", key: .null(oid: 25), from: start, direction: direction, limit: limit)
        }
    }

    private func readAll(from start: StreamPosition, direction: ReadDirection, limit: Int64) throws(EventStoreError) -> [RecordedEvent] {
        let (condition, order, bound) = Self.range(column: "position", start: start, direction: direction)
        guard let condition else { return [] }
        let sql = "SELECT \(Self.eventColumns) FROM \(schema.events) WHERE \(Self.horizon) AND \(condition("$1")) ORDER BY position \(order) LIMIT $2"
        return try query { connection throws(PostgresError) in
            Self.events(try connection.execute(sql, [.int64(bound), .int64(limit)]))
        }
    }

    private func readIndex(_ target: ReadTarget, column: String, filter: String, key: PostgresValue, from start: StreamPosition, direction: ReadDirection, limit: Int64) throws(EventStoreError) -> [RecordedEvent] {
        let (condition, order, bound) = Self.range(column: column, start: start, direction: direction)
        guard let condition else { return [] }
        let sql = "SELECT \(Self.eventColumns), \(column) FROM \(schema.events) WHERE \(filter) AND \(condition("$2")) ORDER BY \(column) \(order) LIMIT $3"
        let name = target.description
        return try query { connection throws(PostgresError) in
            let rows = try connection.execute(sql, [key, .int64(bound), .int64(limit)])
            var events = Self.events(rows)
            for index in events.indices {
                events[index].link = IndexEntry(stream: name, version: rows.int64(index, 8) ?? -1)
            }
            return events
        }
    }

    private func readStream(_ name: String, from start: StreamPosition, direction: ReadDirection, limit: Int64) throws(EventStoreError) -> [RecordedEvent] {
        let sql = "SELECT \(Self.eventColumns) FROM \(schema.events) WHERE stream = $1 AND version BETWEEN $2 AND $3 ORDER BY version \(direction == .forward ? "ASC" : "DESC") LIMIT $4"
        let schema = schema
        return try query { connection throws(PostgresError) -> [RecordedEvent] in
            guard let row = try StreamRow.load(name, schema: schema, connection: connection), row.lastVersion >= 0 || row.tombstoned else {
                throw .refusal(.streamNotFound(name))
            }
            if row.tombstoned { throw .refusal(.streamDeleted(name)) }
            if row.isSoftDeleted { throw .refusal(.streamNotFound(name)) }
            let page = PageBounds(first: row.firstReadableVersion, last: row.lastVersion, start: start, direction: direction)
            guard let page else { return [] }
            let rows = try connection.execute(sql, [.text(name), .int64(page.low), .int64(page.high), .int64(limit)])
            var events = Self.events(rows)
            if let maxAge = row.metadata.maxAge {
                let oldest = clock.now().addingTimeInterval(-TimeInterval(maxAge))
                events.removeAll { $0.created < oldest }
            }
            return events
        }
    }

    /// The SQL condition on `column` a page starts from, its order, and the bound to bind;
    /// a nil condition when the page is empty (forward from the end).
    static func range(column: String, start: StreamPosition, direction: ReadDirection) -> (condition: ((String) -> String)?, order: String, bound: Int64) {
        switch (direction, start) {
        case (.forward, .start): ({ "\(column) >= \($0)" }, "ASC", 0)
        case (.forward, .version(let v)): ({ "\(column) >= \($0)" }, "ASC", v)
        case (.forward, .end): (nil, "ASC", 0)
        case (.backward, .end): ({ "\(column) <= \($0)" }, "DESC", Int64.max)
        case (.backward, .version(let v)): ({ "\(column) <= \($0)" }, "DESC", v)
        // Backward from the start is the first entry alone (as the other backends page it).
        case (.backward, .start): ({ "\(column) >= \($0)" }, "ASC", 0)
        }
    }

    public func event(at position: UInt64) throws(EventStoreError) -> RecordedEvent {
        let sql = "SELECT \(Self.eventColumns) FROM \(schema.events) WHERE position = $1"
        guard position <= UInt64(Int64.max) else { throw .positionNotFound(position) }
        let found = try query { connection throws(PostgresError) in Self.events(try connection.execute(sql, [.int64(Int64(position))])) }
        guard let event = found.first else { throw .positionNotFound(position) }
        observe(found)
        return event
    }

    // MARK: - Streams

    /// Every stream with events whose name starts with `prefix`, in byte order of the name.
    /// Empty when the server stays unreachable (see the type's note; `writerFailure` says so).
    public func streams(prefix: String?) -> [StreamInfo] {
        let sql = """
            SELECT name, last_version, last_position, max_count, max_age, truncate_before, tombstoned FROM \(schema.streams)
            WHERE last_version >= 0 AND ($1::text IS NULL OR starts_with(name, $1)) ORDER BY name COLLATE "C"
            """
        let result = Result { () throws(EventStoreError) -> [StreamInfo] in
            try query { connection throws(PostgresError) in
                let rows = try connection.execute(sql, [prefix.map(PostgresValue.text) ?? .null(oid: 25)])
                return (0..<rows.count).map { index in
                    let row = StreamRow(rows, index, first: 1)
                    return StreamInfo(name: rows.text(index, 0) ?? "", lastVersion: row.lastVersion, lastPosition: row.lastPosition,
                                      isDeleted: row.tombstoned || row.isSoftDeleted)
                }
            }
        }
        switch result {
        case .success(let streams): return streams
        case .failure: return []
        }
    }

    /// The stream's last visible version; nil when it has none, was deleted, or the server
    /// stays unreachable (see the type's note).
    /// Answered from the versions the notifications bring (`StreamVersions`) when they cover
    /// everything this process has seen, else by a query (whose answer is kept for the next
    /// time when no notification named the stream meanwhile).
    public func lastVersion(of stream: String) -> Int64? {
        let versions = listener.versions
        let seen = max(observedHead.position, knownHead.load(ordering: .acquiring))
        if case .version(let version) = versions.lookup(stream, covering: seen) { return version }
        let ticket = versions.ticket()
        switch Result(catching: { () throws(EventStoreError) -> StreamRow? in try self.row(of: stream) }) {
        case .success(let row):
            if let ticket { versions.record(stream, row: row, ticket: ticket) }
            return row?.visibleLastVersion
        case .failure: return nil
        }
    }

    public func metadata(of stream: String) throws(EventStoreError) -> StreamMetadata {
        try row(of: stream)?.metadata ?? StreamMetadata()
    }

    private func row(of stream: String) throws(EventStoreError) -> StreamRow? {
        let schema = schema
        return try query { connection throws(PostgresError) in try StreamRow.load(stream, schema: schema, connection: connection) }
    }

    /// One past the last event below the horizon; the last known head when the server stays
    /// unreachable (see the type's note).
    public var headPosition: UInt64 {
        let sql = "SELECT coalesce(max(position) + 1, 0) FROM \(schema.events) WHERE \(Self.horizon)"
        let result = Result { () throws(EventStoreError) -> UInt64 in
            try query { connection throws(PostgresError) in UInt64(max(0, try connection.execute(sql).int64(0, 0) ?? 0)) }
        }
        switch result {
        case .success(let head):
            knownHead.max(head)
            observedHead.raise(to: head)
            return head
        case .failure:
            return knownHead.load(ordering: .relaxed)
        }
    }

    // MARK: - Decoding

    /// Rows selected with `eventColumns` as events.
    static func events(_ rows: PostgresRows) -> [RecordedEvent] {
        var stream: (bytes: UnsafeRawBufferPointer, text: String)?
        var type: (bytes: UnsafeRawBufferPointer, text: String)?
        return (0..<rows.count).map { row in
            RecordedEvent(stream: rows.text(row, 1, repeating: &stream) ?? "", version: rows.int64(row, 2) ?? -1,
                          position: UInt64(max(0, rows.int64(row, 0) ?? 0)),
                          id: rows.uuid(row, 3) ?? UUID(), type: rows.text(row, 4, repeating: &type) ?? "",
                          created: Date(timeIntervalSinceReferenceDate: rows.double(row, 5) ?? 0),
                          data: rows.bytes(row, 6) ?? Data(), metadata: rows.bytes(row, 7) ?? Data())
        }
    }
}

/// The versions `low…high` a stream page covers (read forward or backward from `start`
/// within `first…last`), or nil when it covers none.
struct PageBounds {
    var low: Int64
    var high: Int64

    init?(first: Int64, last: Int64, start: StreamPosition, direction: ReadDirection) {
        guard last >= first else { return nil }
        switch (direction, start) {
        case (.forward, .start): (low, high) = (first, last)
        case (.forward, .end): return nil
        case (.forward, .version(let v)): (low, high) = (max(v, first), last)
        case (.backward, .start): (low, high) = (first, first)
        case (.backward, .end): (low, high) = (first, last)
        case (.backward, .version(let v)): (low, high) = (first, min(v, last))
        }
        guard low <= high else { return nil }
    }
}
