import CLibpq
import Foundation
import Synchronization

/// A thread with its own connection that LISTENs on the store's channel and calls `onWake`
/// for every notification, and after every reconnect (a notification may have been missed
/// while it was away). It never reads events: the waiters ask the table.
final class Listener: Sendable {
    private let conninfo: String
    private let channel: String
    private let stopped = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)

    /// `channel` must be a plain identifier (the schema validated it).
    init(conninfo: String, channel: String) {
        self.conninfo = conninfo
        self.channel = channel
    }

    func start(onWake: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            var attempt = 0
            while !stopped.load(ordering: .relaxed) {
                do throws(PostgresError) {
                    let connection = try PostgresConnection.connect(conninfo)
                    try connection.execute("LISTEN \(channel)")
                    attempt = 0
                    onWake()
                    try listen(on: connection, onWake: onWake)
                } catch {
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
                throw PostgresError(sqlState: nil, message: connection.lastMessage, connectionLost: true)
            }
            var notified = false
            while let notification = PQnotifies(connection.handle) {
                notified = true
                PQfreemem(notification)
            }
            if notified { onWake() }
        }
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
