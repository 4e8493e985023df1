import Foundation
import Store
import StoreTestSupport
import Synchronization

/// A store that forwards everything to another one, except that it can hold one
/// persistent-subscription checkpoint write until the test releases it: a write under way at
/// a moment the test chooses, without sleeping.
final class GatedStore: ForwardingEventStore {
    private struct Gate {
        var armed = false
        var held: CheckedContinuation<Void, Never>?
        var heldWaiters: [CheckedContinuation<Void, Never>] = []
    }

    let base: any EventStore
    private let gate = Mutex(Gate())

    init(_ base: any EventStore) { self.base = base }

    /// The next checkpoint write waits in the gate until `release()`.
    func holdNextCheckpointWrite() { gate.withLock { $0.armed = true } }

    /// Returns once a checkpoint write waits in the gate.
    func waitUntilHeld() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let held = gate.withLock { gate -> Bool in
                if gate.held == nil { gate.heldWaiters.append(continuation) }
                return gate.held != nil
            }
            if held { continuation.resume() }
        }
    }

    /// Lets the held write go on to the store.
    func release() {
        let held = gate.withLock { gate -> CheckedContinuation<Void, Never>? in
            defer { gate.held = nil }
            return gate.held
        }
        held?.resume()
    }

    private func passGate(_ stream: String) async {
        guard stream.hasSuffix("-checkpoint"), !stream.hasPrefix("$$") else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let waiters = gate.withLock { gate -> [CheckedContinuation<Void, Never>]? in
                guard gate.armed else { return nil }
                gate.armed = false
                gate.held = continuation
                defer { gate.heldWaiters.removeAll() }
                return gate.heldWaiters
            }
            guard let waiters else { return continuation.resume() }
            for waiter in waiters { waiter.resume() }
        }
    }

    func append(_ appends: [StreamAppend]) async -> [Result<AppendResult, EventStoreError>] {
        await base.append(appends)
    }

    func appendToSystemStream(_ stream: String, expected: ExpectedVersion, events: [EventData]) async throws(EventStoreError) -> AppendResult {
        await passGate(stream)
        return try await base.appendToSystemStream(stream, expected: expected, events: events)
    }
}
