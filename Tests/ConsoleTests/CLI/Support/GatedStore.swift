import Foundation
import Store
import StoreTestSupport
import Synchronization

/// A `MemoryEventStore` whose appends wait at a gate until `open()`, to observe what is in flight.
final class GatedStore: ForwardingEventStore {
    let base: any EventStore
    private let state = Mutex<(open: Bool, waiting: [CheckedContinuation<Void, Never>], arrived: Int)>((false, [], 0))

    init(_ inner: MemoryEventStore) {
        base = inner
    }

    /// Appends that reached the gate so far.
    var arrived: Int { state.withLock { $0.arrived } }

    /// Lets every waiting and future append through.
    func open() {
        let waiting = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.open = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for waiter in waiting { waiter.resume() }
    }

    func append(to stream: String, expected: ExpectedVersion, events: [EventData]) async throws(EventStoreError) -> AppendResult {
        await withCheckedContinuation { continuation in
            let pass = state.withLock { state -> Bool in
                state.arrived += 1
                if state.open { return true }
                state.waiting.append(continuation)
                return false
            }
            if pass { continuation.resume() }
        }
        return try await base.append(to: stream, expected: expected, events: events)
    }
}
