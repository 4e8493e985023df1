import Foundation
import Synchronization

/// A small pool of blocking libpq connections to one server, guarded by a `Mutex`.
///
/// `withConnection` lends an idle connection (opening one when none is idle) to one caller and
/// takes it back afterwards; a broken connection is dropped, not returned. At most `maxOpen`
/// are lent at once: a caller beyond that blocks until one comes back (a query's time).
/// Thread-safe. Lost connections and serialization failures are
/// retried with back-off (`attempts` times) before the error reaches the caller.
final class ConnectionPool: Sendable {
    let conninfo: String
    private let maxOpen: Int
    /// One permit per connection that may be lent.
    private let permits: DispatchSemaphore
    private let attempts: Int
    // Connections are handed to one borrower at a time under the lock.
    private let idle = Mutex<[UnsafeSendable<PostgresConnection>]>([])
    private let closed = Atomic<Bool>(false)

    init(conninfo: String, maxOpen: Int = 8, attempts: Int = 5) {
        self.conninfo = conninfo
        self.maxOpen = maxOpen
        permits = DispatchSemaphore(value: maxOpen)
        self.attempts = attempts
    }

    /// Runs `body` on a pooled connection, retrying it on a fresh connection when the old one
    /// was lost or the server reports a serialization failure or deadlock. `body` must be safe
    /// to run again (a read, or a transaction that rolled back).
    func withConnection<T>(_ body: (PostgresConnection) throws(PostgresError) -> T) throws(PostgresError) -> T {
        var attempt = 0
        while true {
            attempt += 1
            permits.wait()
            let connection: PostgresConnection
            do throws(PostgresError) {
                connection = try borrow()
            } catch {
                permits.signal()
                let retryable = error.connectionLost && error.refusal == nil
                guard retryable, attempt < attempts, !closed.load(ordering: .relaxed) else { throw error }
                Self.backOff(attempt: attempt)
                continue
            }
            do {
                let value = try body(connection)
                giveBack(connection)
                permits.signal()
                return value
            } catch {
                if !connection.isBroken { giveBack(connection) }
                permits.signal()
                let retryable = error.connectionLost || error.isRetryableConflict
                guard retryable, attempt < attempts, !closed.load(ordering: .relaxed) else { throw error }
                Self.backOff(attempt: attempt)
            }
        }
    }

    /// Sleeps 10 ms, 20 ms, 40 ms… (at most 1 s) before another attempt. Not a wait for state:
    /// a pause before asking the server again.
    static func backOff(attempt: Int) {
        let milliseconds = min(1000, 10 << min(attempt, 7))
        Thread.sleep(forTimeInterval: Double(milliseconds) / 1000)
    }

    private func borrow() throws(PostgresError) -> PostgresConnection {
        if closed.load(ordering: .relaxed) {
            throw PostgresError.refusal(.closed)
        }
        if let pooled = idle.withLock({ $0.popLast() }) { return pooled.value }
        return try PostgresConnection.connect(conninfo)
    }

    private func giveBack(_ connection: PostgresConnection) {
        guard !connection.isBroken, !closed.load(ordering: .relaxed) else { return }
        // A connection not kept is closed when its last reference goes.
        idle.withLock { idle in
            if idle.count < maxOpen { idle.append(UnsafeSendable(connection)) }
        }
    }

    /// Closes every idle connection and refuses to lend more.
    func close() {
        closed.store(true, ordering: .relaxed)
        idle.withLock { $0.removeAll() }
    }
}

/// Moves a non-Sendable value across threads where a lock or a single owner makes it safe.
// @unchecked: the holder guarantees exclusive access (the pool's mutex, or one thread).
struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
