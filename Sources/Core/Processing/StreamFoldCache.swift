import Foundation
import Store
import Synchronization

/// A memo of folds over individual streams: the state of a stream is the fold of its events,
/// and the cache only reads the events appended since it last looked.
///
/// Always current: every `state(of:)` reads forward from the cached version, so an append by
/// anyone is seen. Events on the stream that are not bank events are ignored by the fold.
/// Thread-safe; concurrent callers may fold the same events twice, never lose them.
public final class StreamFoldCache<State: Sendable>: Sendable {
    /// A folded stream: its state and its last version (nil when the stream has no events).
    public struct Folded: Sendable {
        public var state: State
        public var version: Int64?
    }

    private let store: any EventStore
    private let initial: State
    private let fold: @Sendable (inout State, BankEvent, Int64) -> Void
    private let entries = Mutex<[String: Folded]>([:])

    /// - Parameter fold: applies one event, given its version in the stream.
    public init(store: any EventStore, initial: State, fold: @escaping @Sendable (inout State, BankEvent, Int64) -> Void) {
        self.store = store
        self.initial = initial
        self.fold = fold
    }

    /// The current fold of `stream`.
    public func state(of stream: String) throws(EventStoreError) -> Folded {
        var folded = entries.withLock { $0[stream] } ?? Folded(state: initial, version: nil)
        // Nothing appended since the memo (the common case: the processors record their own
        // appends): answer without reading.
        if let version = folded.version, store.lastVersion(of: stream) == version { return folded }
        let from = (folded.version ?? -1) + 1
        let events: [RecordedEvent]
        do {
            events = try store.read(.stream(stream), from: .version(from), direction: .forward, maxCount: .max)
        } catch .streamNotFound {
            events = []
        }
        guard !events.isEmpty else { return folded }
        for event in events {
            if let decoded = Result(catching: { () throws(BankEvent.DecodingFailure) -> BankEvent in try BankEvent.decode(event) }).success {
                fold(&folded.state, decoded, event.version)
            }
            folded.version = event.version
        }
        let result = folded
        entries.withLock { entries in
            if (entries[stream]?.version ?? -1) < (result.version ?? -1) { entries[stream] = result }
        }
        return result
    }

    /// Folds events just appended at `firstVersion` into the memo when it is exactly up to the
    /// version before them (otherwise the next `state(of:)` reads them).
    public func record(_ stream: String, firstVersion: Int64, events: [BankEvent]) {
        entries.withLock { entries in
            guard var folded = entries[stream], (folded.version ?? -1) == firstVersion - 1 else { return }
            for (offset, event) in events.enumerated() { fold(&folded.state, event, firstVersion + Int64(offset)) }
            folded.version = firstVersion + Int64(events.count) - 1
            entries[stream] = folded
        }
    }

    /// Whether `stream` has a memo yet.
    public func isMemoised(_ stream: String) -> Bool {
        entries.withLock { $0[stream] != nil }
    }

    /// Starts a stream's memo from a state folded elsewhere (e.g. a snapshot plus what followed).
    public func start(_ stream: String, with folded: Folded) {
        entries.withLock { entries in
            if (entries[stream]?.version ?? -1) < (folded.version ?? -1) { entries[stream] = folded }
        }
    }

    /// Drops a stream's memo (e.g. a payment that reached its end state); the next call re-reads.
    public func forget(_ stream: String) {
        _ = entries.withLock { $0.removeValue(forKey: stream) }
    }
}
