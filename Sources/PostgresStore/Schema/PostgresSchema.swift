/// The backend's tables in one PostgreSQL schema, and the versioned migrations that create them.
///
/// `migrate` runs in one transaction under a transaction-scoped advisory lock, so two processes
/// opening a new database at once apply each migration exactly once; re-running it is a no-op.
struct PostgresSchema: Sendable {
    /// The schema's name: lower-case ASCII letters, digits and `_`, starting with a letter,
    /// so it can appear in SQL text as an identifier (values never do).
    let name: String

    /// Checks a schema name.
    /// - Throws: `EventStoreError.invalidSettings` for anything else.
    init?(_ name: String) {
        guard let first = name.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first), name.utf8.count <= 48,
              name.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }) else { return nil }
        self.name = name
    }

    var events: String { "\(name).events" }
    var streams: String { "\(name).streams" }
    var indexHeads: String { "\(name).index_heads" }
    /// The bank's personal-data keys, outside the log (`PostgresKeyTable`).
    var customerKeys: String { "\(name).customer_keys" }
    /// Files mirrored beside the events (`PostgresFileMirror`: the bank's saved read models).
    var mirroredFiles: String { "\(name).mirrored_files" }
    var positions: String { "\(name).events_position_seq" }
    /// The sequence the flusher sets to write WAL in a synchronously committed transaction.
    var flushes: String { "\(name).flush_seq" }
    /// The NOTIFY channel appenders signal on.
    var channel: String { "\(name)_appended" }

    /// The advisory-lock key every writer of events in this database takes for its
    /// transaction (see `PostgresEventStore` "Writing"): one key per database, so that every
    /// transaction with an xid that the `$all` horizon could wait on is serialised with the
    /// others, whatever schema it writes.
    static let writeLockKey: Int64 = 0x6261_6E6B_5F77_7231 // "bank_wr1"

    /// The migrations, in order; the n-th brings the schema to version n + 1.
    var migrations: [String] {
        [
            """
            CREATE SEQUENCE \(positions) MINVALUE 0 START 0;
            CREATE TABLE \(events) (
                position bigint PRIMARY KEY DEFAULT nextval('\(positions)'),
                tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
                stream text NOT NULL,
                version bigint NOT NULL,
                id uuid NOT NULL,
                type text NOT NULL,
                created float8 NOT NULL,
                data bytea NOT NULL,
                metadata bytea NOT NULL,
                category text,
                category_seq bigint,
                type_seq bigint,
                streams_seq bigint,
                UNIQUE (stream, version)
            );
            ALTER SEQUENCE \(positions) OWNED BY \(events).position;
            CREATE INDEX ON \(events) (stream, id);
            CREATE UNIQUE INDEX ON \(events) (category, category_seq) WHERE category IS NOT NULL;
            CREATE UNIQUE INDEX ON \(events) (type, type_seq) WHERE type_seq IS NOT NULL;
            CREATE UNIQUE INDEX ON \(events) (streams_seq) WHERE streams_seq IS NOT NULL;
            CREATE TABLE \(streams) (
                name text PRIMARY KEY,
                last_version bigint NOT NULL,
                last_position bigint NOT NULL,
                max_count bigint,
                max_age bigint,
                truncate_before bigint,
                tombstoned boolean NOT NULL DEFAULT false
            );
            CREATE TABLE \(indexHeads) (
                name text PRIMARY KEY,
                next bigint NOT NULL
            );
            """,
            // The partition keys (`GroupPartition.key`) a persistent group's read filters by;
            // NULL in events written before (the group checks those itself).
            """
            ALTER TABLE \(events) ADD COLUMN id_key int4, ADD COLUMN stream_key int4;
            """,
            // What `Flusher` sets: one row, whatever the number of flushes.
            """
            CREATE SEQUENCE \(flushes);
            """,
            // `PostgresKeyTable`'s (which, before this migration, created it itself when
            // missing: hence `IF NOT EXISTS`, here under the migrations' lock).
            """
            CREATE TABLE IF NOT EXISTS \(customerKeys) (
                owner text PRIMARY KEY,
                key_id text NOT NULL,
                key bytea NOT NULL,
                created timestamptz NOT NULL DEFAULT now()
            );
            """,
            // `PostgresFileMirror`'s: each file of a set as chunks by their offset in it.
            """
            CREATE TABLE \(mirroredFiles) (
                set_name text NOT NULL,
                name text NOT NULL,
                start bigint NOT NULL,
                bytes bytea NOT NULL,
                PRIMARY KEY (set_name, name, start)
            );
            """,
        ]
    }

    /// Creates the schema and applies the migrations it lacks, in one transaction.
    func migrate(on connection: PostgresConnection) throws(PostgresError) {
        try connection.transaction { connection throws(PostgresError) in
            try connection.execute("SELECT pg_advisory_xact_lock($1)", [.int64(Self.writeLockKey)])
            try connection.execute("CREATE SCHEMA IF NOT EXISTS \(name)")
            try connection.execute("CREATE TABLE IF NOT EXISTS \(name).migrations (version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())")
            let rows = try connection.execute("SELECT coalesce(max(version), 0)::int8 FROM \(name).migrations")
            let current = Int(rows.int64(0, 0) ?? 0)
            for (offset, sql) in migrations.enumerated() where offset + 1 > current {
                for statement in sql.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }) where !statement.isEmpty {
                    try connection.execute(statement)
                }
                try connection.execute("INSERT INTO \(name).migrations (version) VALUES ($1::int8::int4)", [.int64(Int64(offset + 1))])
            }
        }
    }

    /// The session advisory lock an exclusive writer holds on its writer connection.
    var writerLockKey: Int64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 // FNV-1a
        for byte in ("bank-writer:" + name).utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return Int64(bitPattern: hash)
    }

    /// Takes the exclusive writer's lock for the life of `connection`.
    /// - Throws: a refusal naming the schema when another process holds it.
    func lockWriter(on connection: PostgresConnection) throws(PostgresError) {
        let taken = try connection.execute("SELECT pg_try_advisory_lock($1)", [.int64(writerLockKey)])
        guard taken.bool(0, 0) == true else {
            throw .refusal(.unavailable("another process is writing schema \(name) of this database (it was opened as the only writer); read-only commands work beside it"))
        }
    }

    /// Drops the schema and everything in it (tests use one schema each).
    func drop(on connection: PostgresConnection) throws(PostgresError) {
        try connection.transaction { connection throws(PostgresError) in
            try connection.execute("SELECT pg_advisory_xact_lock($1)", [.int64(Self.writeLockKey)])
            try connection.execute("DROP SCHEMA IF EXISTS \(name) CASCADE")
        }
    }
}

import Foundation
