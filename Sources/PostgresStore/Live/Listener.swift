import CLibpq
import Foundation
import Synchronization

/// A thread with its own connection that LISTENs on the store's channel and calls `onWake`
/// for every notification, and after every reconnect (a notification may have been missed
/// while it was away). It never reads events: the waiters ask the table. It keeps `heads`
/// (the index heads, `IndexHeads`) and `versions` (streams' last versions, `StreamVersions`)
/// from the notifications, seeding them whenever it starts listening and forgetting them
/// whenever it stops.
final class Listener: Sendable {
    private let conninfo: String
    private let channel: String
    private let schema: PostgresSchema
    let heads = IndexHeads()
    let versions = StreamVersions()
    private let stopped = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)

    init(conninfo: String, schema: PostgresSchema) {
        self.conninfo = conninfo
        self.schema = schema
        channel = schema.channel
    }

    func start(onWake: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            var attempt = 0
            while !stopped.load(ordering: .relaxed) {
                do throws(PostgresError) {
                    let connection = try PostgresConnection.connect(conninfo)
                    try connection.execute("LISTEN \(channel)")
                    try seed(on: connection)
                    attempt = 0
                    onWake()
                    try listen(on: connection, onWake: onWake)
                } catch {
                    heads.forget()
                    versions.forget()
                    attempt += 1
                    ConnectionPool.backOff(attempt: min(attempt, 6))
                }
            }
            done.signal()
        }
        thread.name = "postgres-listener"
        thread.start()
    }

    /// Waits on the socket (in slices of 200 ms, to notice `stop`) and drains notifications.
    private func listen(on connection: PostgresConnection, onWake: @Sendable () -> Void) throws(PostgresError) {
        let socket = PQsocket(connection.handle)
        while !stopped.load(ordering: .relaxed) {
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 200)
            if ready < 0, errno != EINTR {
                throw PostgresError(sqlState: nil, message: "poll failed: errno \(errno)", connectionLost: true)
            }
            guard ready > 0 else { continue }
            guard PQconsumeInput(connection.handle) == 1 else {
                throw connection.lostError
            }
            var notified = false
            var current = true
            while let notification = PQnotifies(connection.handle) {
                notified = true
                let payload = notification.pointee.extra.map { String(cString: $0) } ?? ""
                PQfreemem(notification)
                guard current else { continue }
                if let notice = IndexHeads.Notice(payload) {
                    // Versions first: a waiter that finds the heads past its position (see
                    // `PostgresEventStore.waitForEvents`) finds the versions there too.
                    versions.apply(notice)
                    heads.apply(notice)
                } else {
                    current = false
                }
            }
            if !current { try seed(on: connection) }
            if notified { onWake() }
        }
    }

    /// Takes every index head and the head position in one snapshot, after LISTEN: every
    /// commit after it notifies this connection.
    private func seed(on connection: PostgresConnection) throws(PostgresError) {
        heads.forget()
        versions.forget()
        let rows = try connection.execute("""
            SELECT NULL::text, (SELECT coalesce(max(position) + 1, 0) FROM \(schema.events))
            UNION ALL SELECT name, next FROM \(schema.indexHeads)
            """)
        var covered: UInt64 = 0
        var known: [String: Int64] = [:]
        for row in 0..<rows.count {
            let value = rows.int64(row, 1) ?? 0
            if let name = rows.text(row, 0) { known[name] = value } else { covered = UInt64(max(0, value)) }
        }
        versions.seed(covered: covered)
        heads.seed(known, covered: covered)
    }

    /// Stops the thread and waits for it (at most one poll slice).
    func stop() {
        requestStop()
        done.wait()
    }

    /// Asks the thread to stop without waiting for it.
    func requestStop() {
        stopped.store(true, ordering: .relaxed)
    }
}
