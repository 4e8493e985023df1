import Foundation
import Store
import Synchronization

/// A `MemoryEventStore` whose appends wait at a gate until `open()`, to observe what is in flight.
final class GatedStore: EventStore {
    let inner: MemoryEventStore
    private let state = Mutex<(open: Bool, waiting: [CheckedContinuation<Void, Never>], arrived: Int)>((false, [], 0))

    init(_ inner: MemoryEventStore) {
        self.inner = inner
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

    var headPosition: UInt64 { inner.headPosition }

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
        return try await inner.append(to: stream, expected: expected, events: events)
    }

    func appendToSystemStream(_ stream: String, expected: ExpectedVersion, events: [EventData]) async throws(EventStoreError) -> AppendResult {
        try await inner.appendToSystemStream(stream, expected: expected, events: events)
    }

    func read(_ target: ReadTarget, from start: StreamPosition, direction: ReadDirection, maxCount: Int) throws(EventStoreError) -> [RecordedEvent] {
        try inner.read(target, from: start, direction: direction, maxCount: maxCount)
    }

    func event(stream: String, version: Int64) throws(EventStoreError) -> RecordedEvent { try inner.event(stream: stream, version: version) }
    func event(at position: UInt64) throws(EventStoreError) -> RecordedEvent { try inner.event(at: position) }
    func streams(prefix: String?) -> [StreamInfo] { inner.streams(prefix: prefix) }
    func lastVersion(of stream: String) -> Int64? { inner.lastVersion(of: stream) }
    func metadata(of stream: String) throws(EventStoreError) -> StreamMetadata { try inner.metadata(of: stream) }
    func setMetadata(_ metadata: StreamMetadata, of stream: String) async throws(EventStoreError) { try await inner.setMetadata(metadata, of: stream) }
    func delete(stream: String, expected: ExpectedVersion) async throws(EventStoreError) { try await inner.delete(stream: stream, expected: expected) }
    func tombstone(stream: String, expected: ExpectedVersion) async throws(EventStoreError) { try await inner.tombstone(stream: stream, expected: expected) }
    func waitForEvents(beyond position: UInt64) async { await inner.waitForEvents(beyond: position) }
    func close() async { await inner.close() }
}
