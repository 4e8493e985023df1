import Foundation
import Synchronization

/// A thread's inbox: producers add items; the thread takes all that are waiting at once (the
/// writer takes every queued batch for one transaction, the flusher every committed group for
/// one WAL flush).
///
/// Thread-safe. `take` blocks the consuming thread (never a task) until there is work or the
/// queue is closed.
final class WorkQueue<Item: Sendable>: Sendable {
    private struct State {
        var waiting: [Item] = []
        var closed = false
    }
    private let state = Mutex(State())
    private let signal = DispatchSemaphore(value: 0)

    /// Adds an item; false when the queue is closed (the caller answers it itself).
    func add(_ item: Item) -> Bool {
        let added = state.withLock { state -> Bool in
            guard !state.closed else { return false }
            state.waiting.append(item)
            return true
        }
        if added { signal.signal() }
        return added
    }

    /// Every waiting item, blocking until there is one; nil once closed and drained.
    func take() -> [Item]? {
        while true {
            let (items, closed) = state.withLock { state in
                defer { state.waiting.removeAll() }
                return (state.waiting, state.closed)
            }
            if !items.isEmpty { return items }
            if closed { return nil }
            signal.wait()
        }
    }

    /// Refuses new items and lets the consumer finish what is queued; false when it already was.
    func close() -> Bool {
        let first = state.withLock { state -> Bool in
            defer { state.closed = true }
            return !state.closed
        }
        signal.signal()
        return first
    }

    var isClosed: Bool { state.withLock { $0.closed } }
}
