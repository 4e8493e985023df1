import Store

/// A failure reported by libpq or the server, with the SQLSTATE when the server sent one.
///
/// Internal to the backend: `PostgresEventStore` turns it into an `EventStoreError` at its edge
/// (`.unavailable` for a lost or refused connection, `.io` for anything else).
struct PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Five-character SQLSTATE (`40001`, `40P01`, `23505`, …), or nil for a client-side failure.
    var sqlState: String?
    var message: String
    /// The message's first line when libpq added hints after it ("Is the server running
    /// locally…?"): what went wrong, short enough for a status bar. Nil: `message` is all.
    var cause: String?
    /// Whether the connection itself is gone (libpq reports `CONNECTION_BAD`).
    var connectionLost: Bool
    /// Set when this is no fault at all but a write the store refused (wrong expected version,
    /// deleted stream…), carried out of a transaction's body; the transaction still commits
    /// the batch's other writes.
    var refusal: EventStoreError?

    init(sqlState: String?, message: String, cause: String? = nil, connectionLost: Bool) {
        self.sqlState = sqlState
        self.message = message
        self.cause = cause
        self.connectionLost = connectionLost
    }

    /// What went wrong in brief: the cause, else the message.
    var summary: String { cause ?? message }

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
