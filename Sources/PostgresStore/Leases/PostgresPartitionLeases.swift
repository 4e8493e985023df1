import Foundation
import Store
import Synchronization

/// A member's partition leases as PostgreSQL session advisory locks on a connection of its own.
///
/// Membership is a shared lock every member holds on `(memberKey, 0)`, so the members are the
/// sessions `pg_locks` lists for it; partition `i` is an exclusive lock on `(partitionKey, i)`.
/// Both keys derive from the schema and the scope, so stores in other schemas never meet. A
/// session lock ends with its session: a process killed with SIGKILL closes its socket, the
/// server ends the backend and the locks go at once, with no expiry to wait for. A member
/// that loses its connection has lost its leases too; `renew` then reconnects and joins
/// again holding nothing, and the caller stops what it ran under them.
///
/// Thread-safe: calls take turns on the one connection.
final class PostgresPartitionLeases: PartitionLeases {
    private let conninfo: String
    private let memberKey: Int64
    private let partitionKey: Int64
    // The connection is used by one caller at a time, under the lock.
    private let session = Mutex<UnsafeSendable<PostgresConnection>?>(nil)

    /// Connects and joins as a member.
    init(conninfo: String, schema: PostgresSchema, scope: String) throws(EventStoreError) {
        self.conninfo = conninfo
        memberKey = Self.key("bank-members:\(schema.name):\(scope)")
        partitionKey = Self.key("bank-partitions:\(schema.name):\(scope)")
        try withSession { _ throws(PostgresError) in }
    }

    deinit { close() }

    /// A non-negative `int4` from a name (advisory locks take two `int4` keys).
    static func key(_ name: String) -> Int64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 // FNV-1a
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return Int64(hash & 0x7FFF_FFFF)
    }

    /// The advisory locks of this database held with `key1` (two-key form), as `pg_locks` shows them.
    private static let locksSQL = """
        FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND classid::int8 = $1
        """

    func renew() throws(EventStoreError) -> LeaseStatus {
        try withSession { connection throws(PostgresError) in
            let members = try connection.execute("SELECT count(*) \(Self.locksSQL) AND objid::int8 = 0", [.int64(memberKey)])
            let held = try connection.execute("SELECT objid::int8 \(Self.locksSQL) AND pid = pg_backend_pid()", [.int64(partitionKey)])
            return LeaseStatus(members: max(1, Int(members.int64(0, 0) ?? 1)),
                               held: Set((0..<held.count).compactMap { held.int64($0, 0).map(Int.init) }))
        }
    }

    func acquire(_ index: Int) throws(EventStoreError) -> Bool {
        try withSession { connection throws(PostgresError) in
            // Session locks count: taking one already held would need two unlocks, so look first.
            let held = try connection.execute("SELECT EXISTS (SELECT 1 \(Self.locksSQL) AND objid::int8 = $2 AND pid = pg_backend_pid())",
                                              [.int64(partitionKey), .int64(Int64(index))])
            if held.bool(0, 0) == true { return true }
            let taken = try connection.execute("SELECT pg_try_advisory_lock($1::int8::int4, $2::int8::int4)",
                                               [.int64(partitionKey), .int64(Int64(index))])
            return taken.bool(0, 0) == true
        }
    }

    func release(_ index: Int) throws(EventStoreError) {
        try withSession { connection throws(PostgresError) in
            _ = try connection.execute("SELECT pg_advisory_unlock($1::int8::int4, $2::int8::int4)", [.int64(partitionKey), .int64(Int64(index))])
        }
    }

    func close() {
        session.withLock { $0 = nil } // PQfinish ends the session and every lock with it
    }

    /// Runs `body` on the member's session, connecting and joining first when there is none
    /// (or it broke: its leases are gone, so it joins afresh).
    private func withSession<T>(_ body: (PostgresConnection) throws(PostgresError) -> T) throws(EventStoreError) -> T {
        do throws(PostgresError) {
            return try session.withLock { session throws(PostgresError) -> T in
                if let current = session, !current.value.isBroken { return try body(current.value) }
                session = nil
                let connection = try PostgresConnection.connect(conninfo)
                _ = try connection.execute("SELECT pg_advisory_lock_shared($1::int8::int4, 0)", [.int64(memberKey)])
                session = UnsafeSendable(connection)
                return try body(connection)
            }
        } catch {
            throw error.refusal ?? .unavailable(error.message)
        }
    }
}

extension PostgresEventStore: PartitionLeasing {
    /// A shared writer's store has other writers; an exclusive one's has none; a read-only
    /// store may be read while others write.
    public var hasOtherWriters: Bool { access != .exclusiveWriter }

    /// Leases for a store opened as a shared writer; nil for an exclusive writer (it runs every
    /// partition itself) or a read-only store.
    public func openLeases(scope: String) throws(EventStoreError) -> (any PartitionLeases)? {
        guard access == .sharedWriter else { return nil }
        return try PostgresPartitionLeases(conninfo: pool.conninfo, schema: schema, scope: scope)
    }
}

extension PostgresEventStore {
    /// How many partitions of `scope` each member of the schema holds now (one entry per member
    /// session, holding none included), as `pg_locks` shows the leases: for a caller that must
    /// know the members have settled their shares (`bank-bench payments` starts its clock only
    /// then), not for deciding anything a lease guards.
    public static func partitionsHeld(uri: String, schema name: String, scope: String) throws(EventStoreError) -> [Int] {
        guard let schema = PostgresSchema(name) else { throw .invalidSettings("bad schema name \(name)") }
        let memberKey = PostgresPartitionLeases.key("bank-members:\(schema.name):\(scope)")
        let partitionKey = PostgresPartitionLeases.key("bank-partitions:\(schema.name):\(scope)")
        let sql = """
            SELECT m.pid, count(p.pid) FROM pg_locks m LEFT JOIN pg_locks p ON p.pid = m.pid AND p.locktype = 'advisory'
                AND p.granted AND p.objsubid = 2 AND p.database = m.database AND p.classid::int8 = $2 AND p.mode = 'ExclusiveLock'
            WHERE m.locktype = 'advisory' AND m.granted AND m.objsubid = 2 AND m.classid::int8 = $1 AND m.objid::int8 = 0
                AND m.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            GROUP BY m.pid
            """
        do throws(PostgresError) {
            let rows = try PostgresConnection.connect(uri).execute(sql, [.int64(memberKey), .int64(partitionKey)])
            return (0..<rows.count).map { Int(rows.int64($0, 1) ?? 0) }
        } catch {
            throw error.refusal ?? .unavailable(error.message)
        }
    }
}
