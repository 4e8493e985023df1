import Foundation

/// An append-only event store with EventStoreDB's semantics.
///
/// Two backends implement it: `MemoryEventStore` (tests, nothing on disk) and the durable
/// file-backed store. The conformance suite in `StoreTests` runs against both. All methods are
/// safe to call from any thread. Reads see only durable events.
public protocol EventStore: AnyObject, Sendable {
    /// Position one past the last durable event: the number of events in `$all`.
    var headPosition: UInt64 { get }

    /// Whether `headPosition` is read in this process without asking anyone and moves with
    /// every event made visible, whoever appended it (the file and memory stores, written by
    /// this process alone): a caller may then take "the head has not moved" to mean "nothing
    /// new is visible". Defaults to false (a store shared with other processes, a test double).
    var headIsLocal: Bool { get }

    /// Why the store's writer stopped (after an I/O error such as a full disk) or, where
    /// `writerRetries`, why it cannot write for now (its server is unreachable); nil while it is
    /// healthy. While set, appends fail, so a caller polls this to say so and to refuse writes
    /// up front. Defaults to nil for a store that cannot stop.
    var writerFailure: String? { get }

    /// Whether the store keeps trying by itself while `writerFailure` is set, so the failure
    /// passes without a restart once its cause does (a networked backend's lost server, retried
    /// with back-off). A caller then waits instead of stopping. Defaults to false: a writer
    /// stopped by an I/O error stays stopped.
    var writerRetries: Bool { get }

    /// Appends `events` atomically to `stream` if its version matches `expected`.
    ///
    /// Returns once the events are durable (see `Durability`). An exact retry of an earlier
    /// append (same event ids at the same place) returns the original positions and writes
    /// nothing; a partial overlap throws `idempotencyConflict`.
    func append(to stream: String, expected: ExpectedVersion, events: [EventData]) async throws(EventStoreError) -> AppendResult

    /// Appends to several user streams at once: each append is atomic and checked against its
    /// own expected version, independently of the others (one failing does not stop the rest),
    /// exactly as if each were passed to `append(to:expected:events:)` in order. Returns, in
    /// the same order, each one's result once all are durable; a durable backend commits them
    /// together (one write and one sync). For callers with many independent appends in hand,
    /// such as a consumer that has decided a batch of messages.
    func append(_ appends: [StreamAppend]) async -> [Result<AppendResult, EventStoreError>]

    /// Appends to one of the store's own `$` streams (persistent-subscription config, checkpoints,
    /// parked messages, projection state), exactly like `append` except that the name must start
    /// with `$` (and not `$$`). Not for user events: user streams go through `append`.
    func appendToSystemStream(_ stream: String, expected: ExpectedVersion, events: [EventData]) async throws(EventStoreError) -> AppendResult

    /// Reads up to `maxCount` events of a stream, a system index or `$all`.
    ///
    /// For `$all`, `.version(n)` means global position `n`. Cost: O(log n + maxCount).
    func read(_ target: ReadTarget, from start: StreamPosition, direction: ReadDirection, maxCount: Int) throws(EventStoreError) -> [RecordedEvent]

    /// One event by stream and version (honouring deletion and `$maxCount`/`$maxAge`).
    func event(stream: String, version: Int64) throws(EventStoreError) -> RecordedEvent

    /// One event by global position.
    func event(at position: UInt64) throws(EventStoreError) -> RecordedEvent

    /// Streams whose name starts with `prefix` (all when nil), in name order.
    func streams(prefix: String?) -> [StreamInfo]

    /// The last version of `stream`, or nil when it does not exist or was deleted.
    func lastVersion(of stream: String) -> Int64?

    /// The stream's metadata (empty when none was set).
    func metadata(of stream: String) throws(EventStoreError) -> StreamMetadata

    /// Writes stream metadata (`$maxCount`, `$maxAge`, `$tb`) to `$$stream`.
    func setMetadata(_ metadata: StreamMetadata, of stream: String) async throws(EventStoreError)

    /// Soft-deletes a stream: it reads as not found until appended to again, which continues
    /// its versions. Events stay in `$all`.
    func delete(stream: String, expected: ExpectedVersion) async throws(EventStoreError)

    /// Hard-deletes a stream: it can never be read or written again.
    func tombstone(stream: String, expected: ExpectedVersion) async throws(EventStoreError)

    /// Returns when `headPosition > position`, the store closes, or the task is cancelled.
    func waitForEvents(beyond position: UInt64) async

    /// Stops accepting appends, wakes waiters, and releases files and locks.
    func close() async
}

extension EventStore {
    /// Appends one after another: the behaviour of a batch for a backend with nothing to gain
    /// from committing them together.
    public func append(_ appends: [StreamAppend]) async -> [Result<AppendResult, EventStoreError>] {
        var results: [Result<AppendResult, EventStoreError>] = []
        results.reserveCapacity(appends.count)
        for append in appends {
            do throws(EventStoreError) {
                results.append(.success(try await self.append(to: append.stream, expected: append.expected, events: append.events)))
            } catch {
                results.append(.failure(error))
            }
        }
        return results
    }

    /// Reads forward from the start of a target.
    public func read(_ target: ReadTarget, maxCount: Int = .max) throws(EventStoreError) -> [RecordedEvent] {
        try read(target, from: .start, direction: .forward, maxCount: maxCount)
    }

    /// Reads a stream by name (`$all`, `$ce-X`, `$et-X`, `$streams` included).
    public func read(_ name: String, from start: StreamPosition = .start, direction: ReadDirection = .forward, maxCount: Int = .max) throws(EventStoreError) -> [RecordedEvent] {
        try read(ReadTarget(name), from: start, direction: direction, maxCount: maxCount)
    }

    /// A catch-up subscription: history from `start`, then live events, without gap or duplicate.
    public func subscribe(to target: ReadTarget, from start: SubscriptionStart = .beginning) -> CatchUpSubscription {
        CatchUpSubscription(store: self, target: target, start: start)
    }
}
