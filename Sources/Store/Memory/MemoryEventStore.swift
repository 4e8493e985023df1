import Foundation
import Synchronization

/// An event store that keeps everything in memory: same semantics as the durable store,
/// nothing on disk. For tests and for the time machine's scratch work; not durable.
public final class MemoryEventStore: EventStore {
    /// Largest event (type + data + metadata) accepted, in bytes.
    public static let maxEventSize = 1 << 20

    struct State {
        var index = StreamIndex()
        /// Every event by position, as read back (without `link`).
        var events: [RecordedEvent] = []
        var waiters = HeadWaiters()
        var closed = false
    }

    private let state = Mutex(State())
    private let clock: any StoreClock

    public init(clock: any StoreClock = SystemClock()) {
        self.clock = clock
    }

    public var headPosition: UInt64 { state.withLock { UInt64($0.events.count) } }
    public var headIsLocal: Bool { true }

    // MARK: - Writing

    public func append(to stream: String, expected: ExpectedVersion, events: [EventData]) async throws(EventStoreError) -> AppendResult {
        try StreamNames.validateUserStream(stream)
        return try write(to: stream, expected: expected, events: events)
    }

    public func appendToSystemStream(_ stream: String, expected: ExpectedVersion, events: [EventData]) async throws(EventStoreError) -> AppendResult {
        try StreamNames.validateSystemStream(stream)
        return try write(to: stream, expected: expected, events: events)
    }

    public func setMetadata(_ metadata: StreamMetadata, of stream: String) async throws(EventStoreError) {
        try StreamNames.validateUserStream(stream)
        _ = try write(to: StreamNames.metadataStream(of: stream), expected: .any,
                      events: [EventData(id: Self.placeholderId, type: StreamIndex.metadataType, data: metadata.json)], storeEvent: true)
    }

    /// Replaced by a deterministic id (from the position) for events the store writes itself.
    private static let placeholderId = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    public func delete(stream: String, expected: ExpectedVersion) async throws(EventStoreError) {
        try StreamNames.validateUserStream(stream)
        let last = try checkDeletion(of: stream, expected: expected)
        var metadata = state.withLock { $0.index.metadata(of: stream) }
        metadata.truncateBefore = last + 1
        _ = try write(to: StreamNames.metadataStream(of: stream), expected: .any,
                      events: [EventData(id: Self.placeholderId, type: StreamIndex.metadataType, data: metadata.json)], storeEvent: true)
    }

    public func tombstone(stream: String, expected: ExpectedVersion) async throws(EventStoreError) {
        try StreamNames.validateUserStream(stream)
        _ = try checkDeletion(of: stream, expected: expected)
        _ = try write(to: StreamNames.metadataStream(of: stream), expected: .any,
                      events: [EventData(id: Self.placeholderId, type: StreamIndex.tombstoneType)], storeEvent: true)
    }

    private func checkDeletion(of stream: String, expected: ExpectedVersion) throws(EventStoreError) -> Int64 {
        try state.withLock { state throws(EventStoreError) -> Int64 in
            try expected.lastVersionForDeletion(of: stream, last: state.index.lastVersion(of: stream, head: .max),
                                                tombstoned: state.index.isTombstoned(stream))
        }
    }

    /// Validates, decides and applies one append under the lock; wakes waiters.
    private func write(to stream: String, expected: ExpectedVersion, events: [EventData], storeEvent: Bool = false) throws(EventStoreError) -> AppendResult {
        for event in events { try event.check(maxEventSize: Self.maxEventSize) }
        let now = clock.now()
        let (result, woken) = try state.withLock { state throws(EventStoreError) -> (AppendResult, [CheckedContinuation<Void, Never>]) in
            if state.closed { throw .closed }
            var events = events
            if storeEvent { events[0].id = UUID(storeEventAt: UInt64(state.events.count)) }
            let stored = state.events
            let plan = try state.index.plan(stream: stream, expected: expected, ids: events.map(\.id)) { position in
                stored[Int(position)].id
            }
            switch plan {
            case .alreadyWritten(let result):
                return (result, [])
            case .write(let firstVersion):
                let firstPosition = UInt64(state.events.count)
                for (offset, event) in events.enumerated() {
                    state.events.append(RecordedEvent(stream: stream, version: firstVersion + Int64(offset),
                                                      position: firstPosition + UInt64(offset), id: event.id, type: event.type,
                                                      created: now, data: event.data, metadata: event.metadata))
                    state.index.apply(stream: stream, type: event.type, data: event.data, id: event.id)
                }
                let woken = state.waiters.takeAll()
                let count = Int64(events.count)
                return (AppendResult(firstVersion: firstVersion, lastVersion: firstVersion + count - 1,
                                     firstPosition: firstPosition, lastPosition: firstPosition + UInt64(count) - 1), woken)
            }
        }
        for waiter in woken { waiter.resume() }
        return result
    }

    // MARK: - Reading

    public func read(_ target: ReadTarget, from start: StreamPosition, direction: ReadDirection, maxCount: Int) throws(EventStoreError) -> [RecordedEvent] {
        let now = clock.now()
        return try state.withLock { state throws(EventStoreError) -> [RecordedEvent] in
            let head = UInt64(state.events.count)
            guard maxCount > 0 else { return [] }
            if case .all = target {
                return ReadPage.range(count: head, start: start, direction: direction, maxCount: maxCount)
                    .map { state.events[Int($0)] }
            }
            let (positions, firstVersion) = try state.index.positions(of: target, head: head)
            let linkName: String? = if case .stream = target { nil } else { target.description }
            var result = ReadPage.entries(positions, firstVersion: firstVersion, start: start, direction: direction, maxCount: maxCount)
                .map { entry in
                    var event = state.events[Int(entry.position)]
                    event.link = linkName.map { IndexEntry(stream: $0, version: entry.version) }
                    return event
                }
            if case .stream(let name) = target, let maxAge = state.index.metadata(of: name).maxAge {
                let oldest = now.addingTimeInterval(-TimeInterval(maxAge))
                result.removeAll { $0.created < oldest }
            }
            return result
        }
    }

    public func event(at position: UInt64) throws(EventStoreError) -> RecordedEvent {
        try state.withLock { state throws(EventStoreError) -> RecordedEvent in
            guard position < UInt64(state.events.count) else { throw .positionNotFound(position) }
            return state.events[Int(position)]
        }
    }

    public func streams(prefix: String?) -> [StreamInfo] {
        state.withLock { $0.index.streamInfos(prefix: prefix, head: UInt64($0.events.count)) }
    }

    public func lastVersion(of stream: String) -> Int64? {
        state.withLock { $0.index.lastVersion(of: stream, head: .max) }
    }

    public func metadata(of stream: String) throws(EventStoreError) -> StreamMetadata {
        state.withLock { $0.index.metadata(of: stream) }
    }

    // MARK: - Waiting and closing

    public func waitForEvents(beyond position: UInt64) async {
        await HeadWaiters.wait { body in
            self.state.withLock { state in body(&state.waiters, state.closed || UInt64(state.events.count) > position) }
        }
    }

    public func close() async {
        let woken = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.closed = true
            return state.waiters.takeAll()
        }
        for waiter in woken { waiter.resume() }
    }
}
