import Store

/// A failure reported by libpq or the server, with the SQLSTATE when the server sent one.
///
/// Internal to the backend: `PostgresEventStore` turns it into an `EventStoreError` at its edge
/// (`.unavailable` for a lost or refused connection, `.io` for anything else).
struct PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Five-character SQLSTATE (`40001`, `40P01`, `23505`, …), or nil for a client-side failure.
    var sqlState: String?
    var message: String
    /// Whether the connection itself is gone (libpq reports `CONNECTION_BAD`).
    var connectionLost: Bool
    /// Set when this is no fault at all but a write the store refused (wrong expected version,
    /// deleted stream…), carried out of a transaction's body; the transaction still commits
    /// the batch's other writes.
    var refusal: EventStoreError?

    init(sqlState: String?, message: String, connectionLost: Bool) {
        self.sqlState = sqlState
        self.message = message
        self.connectionLost = connectionLost
    }

    /// A refusal to carry out of a transaction's body.
    static func refusal(_ error: EventStoreError) -> PostgresError {
        var wrapped = PostgresError(sqlState: nil, message: error.description, connectionLost: false)
        wrapped.refusal = error
        return wrapped
    }

    var description: String { message }

    /// A serialization failure or deadlock: the transaction may simply be run again.
    var isRetryableConflict: Bool { sqlState == "40001" || sqlState == "40P01" }
}
