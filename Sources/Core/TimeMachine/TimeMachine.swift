import Foundation
import Store

/// The bank's read models as of any point in the log: any global position or timestamp.
///
/// "As of position P" means after the event at P, that event included — the one meaning the
/// console's time machine and `balance --at` share. `state(through:)` says it in its name;
/// `state(afterFirst:)` takes a count of events instead (0 is the empty bank, before any event).
///
/// Built incrementally: feed it every event of `$all` in order (`ingest`); every `interval`
/// events it keeps a checkpoint — a copy of `BankReadModels`, which shares structure with the
/// live state, so a checkpoint holds only the tree paths and entries the events since the
/// previous one changed (about 50 bytes per event at K = 250 in `bank-bench models`, against
/// about 100 for the live state itself). A seek starts from the checkpoint at or before the
/// target and folds at most `interval − 1` events read back from the store, so its cost is
/// bounded by the interval, not by the length of history. Seeking by time binary-searches the
/// events' `created` times (kept, 8 bytes per event).
///
/// Read-only with respect to the store: it never appends. A value type; copies are cheap, and
/// a copy kept while the original ingests more costs O(log n), not a copy of its history.
public struct TimeMachine: Sendable {
    /// Why an event could not be ingested.
    public enum Failure: Error, Equatable, Sendable {
        /// Events must arrive in position order without gaps (the store's positions are gap-free).
        case gap(expected: UInt64, got: UInt64)
    }

    /// Events between checkpoints (K).
    public let interval: Int
    /// `checkpoints[i]` is the state after the first `i * interval` events.
    private var checkpoints: ChunkedArray<BankReadModels>
    /// `created` of each event ingested, by position.
    private var times = ChunkedArray<Date>(chunkSize: 512)
    /// The state after every event ingested.
    public private(set) var live = BankReadModels()

    /// An empty time machine checkpointing every `interval` events (at least 1).
    public init(interval: Int = 2_000) {
        self.interval = max(1, interval)
        checkpoints = ChunkedArray(chunkSize: 16)
        checkpoints.append(BankReadModels())
    }

    /// Number of events ingested: positions `0 ..< count` can be sought.
    public var count: UInt64 { UInt64(times.count) }

    /// Number of checkpoints kept (including the empty state at position 0).
    public var checkpointCount: Int { checkpoints.count }

    /// Folds the next event of the log in. A duplicate (already ingested) is ignored.
    public mutating func ingest(_ event: RecordedEvent) throws(Failure) {
        if event.position < count { return }
        guard event.position == count else { throw .gap(expected: count, got: event.position) }
        live.apply(event)
        times.append(event.created)
        if times.count % interval == 0 { checkpoints.append(live) }
    }

    /// Reads and ingests everything the store holds beyond what was ingested.
    public mutating func catchUp(with store: any EventStore, batch: Int = 4_096) throws {
        while count < store.headPosition {
            let events = try store.read(.all, from: .version(Int64(count)), direction: .forward, maxCount: batch)
            if events.isEmpty { break }
            for event in events { try ingest(event) }
        }
    }

    /// The number of events stored at or before `time` (so the state "as of" `time` is
    /// `state(afterFirst:)` that many). O(log n).
    public func eventCount(atOrBefore time: Date) -> UInt64 {
        var low = 0, high = times.count
        while low < high {
            let mid = (low + high) / 2
            if times[mid] <= time { low = mid + 1 } else { high = mid }
        }
        return UInt64(low)
    }

    /// The position of the last event stored at or before `time`; nil when every event came
    /// later (or there is none). O(log n).
    public func lastPosition(atOrBefore time: Date) -> UInt64? {
        let count = eventCount(atOrBefore: time)
        return count > 0 ? count - 1 : nil
    }

    /// When the event at `position` was stored.
    public func created(at position: UInt64) -> Date? {
        position < count ? times[Int(position)] : nil
    }

    /// The read models after the event at `position`, that event included (positions
    /// `0 ... position`); clamped to what was ingested. See `state(afterFirst:reading:)`.
    public func state(through position: UInt64, reading read: (Range<UInt64>) throws -> [RecordedEvent]) rethrows -> BankReadModels {
        try state(afterFirst: position == .max ? .max : position + 1, reading: read)
    }

    /// The read models after the event at `position`, that event included, reading missing
    /// events from `store`.
    public func state(through position: UInt64, in store: any EventStore) throws -> BankReadModels {
        try state(afterFirst: position == .max ? .max : position + 1, in: store)
    }

    /// The read models after the first `count` events (positions `0 ..< count`; 0 is the
    /// empty bank); `count` is clamped to what was ingested.
    ///
    /// `read(range)` returns the events at those positions, in order — usually the store's
    /// `$all`. Costs one checkpoint copy plus at most `interval − 1` events.
    public func state(afterFirst count: UInt64, reading read: (Range<UInt64>) throws -> [RecordedEvent]) rethrows -> BankReadModels {
        let target = min(count, self.count)
        if target == self.count { return live }
        let index = Int(target / UInt64(interval))
        var state = checkpoints[index]
        let from = UInt64(index * interval)
        if from < target {
            for event in try read(from..<target) where event.position < target { state.apply(event) }
        }
        return state
    }

    /// The read models after the first `count` events, reading missing events from `store`.
    public func state(afterFirst count: UInt64, in store: any EventStore) throws -> BankReadModels {
        try state(afterFirst: count) { range in
            try store.read(.all, from: .version(Int64(range.lowerBound)), direction: .forward, maxCount: range.count)
        }
    }

    /// The read models as of `time`: every event stored at or before it.
    public func state(atTime time: Date, in store: any EventStore) throws -> BankReadModels {
        try state(afterFirst: eventCount(atOrBefore: time), in: store)
    }
}
