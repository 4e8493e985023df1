import Foundation
import Store

/// A table of secret keys beside a bank's events, `SCHEMA.customer_keys (owner, key_id, key)`:
/// one key per owner, outside the append-only log, where `DELETE` removes it (the bank's
/// personal-data keys; see the README's "Forgetting a customer" for what the server's WAL,
/// dead tuples until `VACUUM`, and backups still hold).
///
/// Thread-safe: each call borrows a pooled connection; the table comes with the schema's migrations.
public final class PostgresKeyTable: Sendable {
    private let pool: ConnectionPool
    private let table: String

    private init(pool: ConnectionPool, table: String) {
        self.pool = pool
        self.table = table
    }

    /// The key table in `schema` of the database at `uri`, which gets the schema (its
    /// migrations, safe when several processes open a new database at once) when missing.
    public static func open(uri: String, schema name: String) throws(EventStoreError) -> PostgresKeyTable {
        guard let schema = PostgresSchema(name) else { throw .invalidSettings("bad schema name \(name)") }
        let keys = PostgresKeyTable(pool: ConnectionPool(conninfo: uri, maxOpen: 2), table: schema.customerKeys)
        do {
            try keys.run { connection throws(PostgresError) in try schema.migrate(on: connection) }
        } catch {
            keys.close()
            throw error
        }
        return keys
    }

    /// The owner's key (its id and bytes), or nil.
    public func key(of owner: String) throws(EventStoreError) -> (id: String, bytes: Data)? {
        try run { connection throws(PostgresError) in
            let rows = try connection.execute("SELECT key_id, key FROM \(table) WHERE owner = $1", [.text(owner)])
            guard rows.count > 0, let id = rows.text(0, 0), let bytes = rows.bytes(0, 1) else { return nil }
            return (id, bytes)
        }
    }

    /// Stores a key for `owner` unless it has one already; returns the one it has now.
    public func insert(owner: String, id: String, bytes: Data) throws(EventStoreError) -> (id: String, bytes: Data) {
        try run { connection throws(PostgresError) in
            _ = try connection.execute("INSERT INTO \(table) (owner, key_id, key) VALUES ($1, $2, $3) ON CONFLICT (owner) DO NOTHING",
                                       [.text(owner), .text(id), .bytes(bytes)])
            let rows = try connection.execute("SELECT key_id, key FROM \(table) WHERE owner = $1", [.text(owner)])
            guard rows.count > 0, let stored = rows.text(0, 0), let key = rows.bytes(0, 1) else {
                throw PostgresError.refusal(.io(path: table, reason: "the key of \(owner) vanished as it was stored"))
            }
            return (stored, key)
        }
    }

    /// Deletes the owner's key (committed when this returns). False when it had none.
    public func delete(owner: String) throws(EventStoreError) -> Bool {
        try run { connection throws(PostgresError) in
            try connection.execute("DELETE FROM \(table) WHERE owner = $1 RETURNING owner", [.text(owner)]).count > 0
        }
    }

    /// Closes the pooled connections.
    public func close() { pool.close() }

    private func run<T>(_ body: (PostgresConnection) throws(PostgresError) -> T) throws(EventStoreError) -> T {
        do {
            return try pool.withConnection(body)
        } catch {
            throw error.refusal ?? .unavailable(error.message)
        }
    }
}
