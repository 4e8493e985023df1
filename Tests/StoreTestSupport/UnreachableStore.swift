import Store
import Synchronization

/// A store in front of `base` whose server can be taken away: while `down`, the reads
/// `affected` picks fail with `.unavailable`, as a PostgreSQL store's do during an outage.
/// `writerRetries` says whether it tries again by itself (a database does).
package final class UnreachableStore: ForwardingEventStore, @unchecked Sendable {
    package let base: any EventStore
    package let down: Mutex<Bool>
    package let writerRetries: Bool
    private let affected: @Sendable (ReadTarget) -> Bool

    package init(_ base: any EventStore, down: Bool = false, retries: Bool = true,
                 affecting affected: @escaping @Sendable (ReadTarget) -> Bool = { _ in true }) {
        self.base = base
        self.down = Mutex(down)
        writerRetries = retries
        self.affected = affected
    }

    package func read(_ target: ReadTarget, from start: StreamPosition, direction: ReadDirection, maxCount: Int) throws(EventStoreError) -> [RecordedEvent] {
        if affected(target), down.withLock({ $0 }) { throw .unavailable("connection refused") }
        return try base.read(target, from: start, direction: direction, maxCount: maxCount)
    }
}
