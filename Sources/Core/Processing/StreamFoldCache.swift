import Foundation
import Store
import Synchronization

/// A memo of folds over individual streams: the state of a stream is the fold of its events,
/// and the cache only reads the events appended since it last looked.
///
/// Always current: every `state(of:)` reads forward from the cached version, so an append by
/// anyone is seen. Events on the stream that are not bank event types are ignored by the fold;
/// a bank event that does not decode, or that the fold finds breaks an invariant, stops it:
/// `state(of:)` throws `ViewError.fault` naming the event, now and on every later call (the
/// memo stays at the event before it), and nothing is decided on a state past it.
/// Thread-safe; concurrent callers may fold the same events twice, never lose them.
public final class StreamFoldCache<State: Sendable>: StreamMemo {
    /// A folded stream: its state and its last version (nil when the stream has no events).
    public struct Folded: Sendable {
        public var state: State
        public var version: Int64?
        /// The store's head when this memo was last found current (see `stampsHead`).
        var checkedAt: UInt64?

        public init(state: State, version: Int64?) {
            self.state = state
            self.version = version
        }
    }

    private let store: any EventStore
    private let initial: State
    private let fold: @Sendable (inout State, BankEvent, Int64) throws(FaultReason) -> Void
    private let isFinished: @Sendable (State) -> Bool
    /// Other processes append to the store too, so a memo may be behind without this process
    /// having appended anything: every look asks the store for the stream's last version.
    private let othersWrite: Bool
    /// The store's head is local (`EventStore.headIsLocal`) and no other process writes:
    /// a memo found current at a head is current while the head has not moved, since every
    /// event made visible moves it, so a look at the same head need not ask the store for the
    /// stream's last version (under the store's lock, which the writer holds as it commits).
    private let stampsHead: Bool
    /// The most streams memoised at once (see `trim`).
    public let capacity: Int
    /// The memos, in shards by stream name, each behind its own lock: every consumer of every
    /// processor looks here once or more per input, and one lock for all was contended.
    private let shards: [Shard]
    /// The most streams one shard memoises (`capacity` over the shards).
    private let shardCapacity: Int

    private final class Shard: Sendable {
        let entries = Mutex<[String: Folded]>([:])
    }

    /// Shards at most: a power of two.
    private static var maxShards: Int { 16 }

    /// The memos of `stream`'s shard, from the last bytes of its name (a payment's or an
    /// account's own digits: spread evenly, and no hashing of the whole name).
    private func shard(_ stream: String) -> Shard {
        var mixed: UInt32 = 0
        for byte in stream.utf8.suffix(4) { mixed = mixed &* 31 &+ UInt32(byte) }
        return shards[Int((mixed ^ (mixed >> 7)) % UInt32(shards.count))]
    }

    /// Streams memoised at most by default: enough for every live payment and the accounts in
    /// play, a bound whatever the number of accounts or the length of the log (a bank of a
    /// million accounts would otherwise keep a memo of every account and ledger it touched).
    public static var defaultCapacity: Int { 50_000 }

    /// - Parameters:
    ///   - fold: applies one event, given its version in the stream; throws when the event cannot
    ///     follow the state.
    ///   - isFinished: whether a state is final (a payment that ended): its memo is dropped, so
    ///     the memo holds only live streams; a later look reads the stream again.
    ///   - capacity: the most streams memoised at once (each shard of the memo holds its share);
    ///     beyond a shard's share a quarter of its memos are dropped (a dropped memo costs one
    ///     read of its stream when next looked at).
    public init(store: any EventStore, initial: State, fold: @escaping @Sendable (inout State, BankEvent, Int64) throws(FaultReason) -> Void,
                isFinished: @escaping @Sendable (State) -> Bool = { _ in false }, othersWrite: Bool = false,
                capacity: Int = StreamFoldCache.defaultCapacity) {
        self.store = store
        self.othersWrite = othersWrite
        self.stampsHead = !othersWrite && store.headIsLocal
        self.capacity = max(1, capacity)
        let shardCount = min(Self.maxShards, self.capacity)
        shards = (0..<shardCount).map { _ in Shard() }
        shardCapacity = self.capacity / shardCount
        self.initial = initial
        self.fold = fold
        self.isFinished = isFinished
    }

    /// The current fold of `stream`.
    public func state(of stream: String) throws(ViewError) -> Folded {
        while true {
            if let folded = try refreshed(stream) { return folded }
        }
    }

    /// The fold of `stream` for a caller that will append to it expecting the returned version:
    /// a memo at `atLeast` or later is answered without asking the store. A memo that is behind
    /// makes that append fail with a wrong expected version, so nothing is decided on it; the
    /// caller then `forget`s the memo and asks again. Without a memo it reads as `state(of:)`.
    /// - Parameter atLeast: a version the caller knows the stream has (its input's), if any.
    ///   Without one, when other processes write, the store is asked as `state(of:)` does: an
    ///   input from another stream says nothing of how far this one got, and a memo behind it
    ///   could decide "nothing to do" (no append to fail) where the stream is waiting.
    public func stateForAppend(of stream: String, atLeast version: Int64? = nil) throws(ViewError) -> Folded {
        if version == nil && othersWrite { return try state(of: stream) }
        return try state(of: stream, atLeast: version ?? 0)
    }

    /// The fold of `stream` as of version `atLeast` or later: a memo that far is answered
    /// without asking the store. For a caller that needs only what the stream said up to its
    /// input (at that version); anything later is a step already taken, which its own
    /// append's expected version and idempotency guard against.
    ///
    /// So also when other processes write: the memo holds the input, and a memo behind the
    /// stream shows the payment at the input's step (the step decided is appended at the
    /// memo's version, which the store refuses) or past it (nothing to do, and the stream is
    /// further still). Asking the store for the last version before every such step was, with
    /// the notifications often behind the process's own commits under a flood, a stream-row
    /// query for most steps (about 75 µs of client CPU a payment with one process).
    public func state(of stream: String, atLeast version: Int64) throws(ViewError) -> Folded {
        let memo = shard(stream).entries.withLock { $0[stream] }
        if let memo, let memoVersion = memo.version, memoVersion >= version { return memo }
        return try state(of: stream)
    }

    /// The current fold of `stream`, or nil when its memo was dropped while reading (try again).
    private func refreshed(_ stream: String) throws(ViewError) -> Folded? {
        // Read before the last version, so a memo stamped with it is at least that current.
        let head = stampsHead ? store.headPosition : nil
        if let head, let hit = memo(of: stream, checkedAt: head) { return hit }
        let last = store.lastVersion(of: stream)
        // Nothing appended since the memo (the common case: the processors record their own
        // appends), or nothing at all: answer without reading.
        if let hit = memo(of: stream, ifAt: last, checkedAt: head) { return hit }
        let from = (shard(stream).entries.withLock { $0[stream]?.version } ?? nil).map { $0 + 1 } ?? 0
        let events: [RecordedEvent]
        do {
            events = try store.read(.stream(stream), from: .version(from), direction: .forward, maxCount: .max)
        } catch .streamNotFound {
            events = []
        } catch {
            throw .store(error)
        }
        // Decoded outside the lock; a bank event that does not decode is a fault where it stands.
        let decoded = events.map { event -> (RecordedEvent, Result<BankEvent?, FaultReason>) in
            do throws(BankEvent.DecodingFailure) {
                return (event, .success(try BankEvent.decode(event)))
            } catch {
                switch error {
                case .unknownType: return (event, .success(nil))
                case .malformed(_, let reason): return (event, .failure(.undecodable(reason)))
                }
            }
        }
        let result = shard(stream).entries.withLock { entries -> Result<Folded, EventFault>? in
            // Folded in place: taken out of the memo so a state holding large collections (a
            // ledger's postings) is not copied to add one event.
            var folded = entries.removeValue(forKey: stream) ?? Folded(state: initial, version: nil)
            if (folded.version ?? -1) < from - 1 { return nil }
            for (event, outcome) in decoded where event.version > (folded.version ?? -1) {
                do throws(FaultReason) {
                    if let decoded = try outcome.get() { try fold(&folded.state, decoded, event.version) }
                } catch {
                    // Kept up to the event before: every later look meets the same fault.
                    entries[stream] = folded
                    return .failure(EventFault(event, error))
                }
                folded.version = event.version
            }
            // Read after `head` was: it holds everything visible at that head.
            folded.checkedAt = head
            if !isFinished(folded.state) {
                entries[stream] = folded
                trim(&entries)
            }
            return .success(folded)
        }
        guard let result else { return nil }
        switch result {
        case .success(let folded): return folded
        case .failure(let fault): throw .fault(fault)
        }
    }

    /// The memo of `stream` when it is exactly at `version` (nil: no events, no memo needed),
    /// stamped as current at `head`.
    private func memo(of stream: String, ifAt version: Int64?, checkedAt head: UInt64?) -> Folded? {
        shard(stream).entries.withLock { entries in
            guard let index = entries.index(forKey: stream) else { return version == nil ? Folded(state: initial, version: nil) : nil }
            guard entries.values[index].version == version else { return nil }
            entries.values[index].checkedAt = head
            return entries.values[index]
        }
    }

    /// The memo of `stream` when it was found current at `head` (nothing has been made visible since).
    private func memo(of stream: String, checkedAt head: UInt64) -> Folded? {
        shard(stream).entries.withLock { entries in
            guard let memo = entries[stream], memo.checkedAt == head else { return nil }
            return memo
        }
    }

    /// Folds events just appended at `firstVersion` (a decision's, each with its decoded event)
    /// into the memo when it is exactly up to the version before them, or starts one when they
    /// began the stream (otherwise the next `state(of:)` reads them).
    public func record(_ stream: String, firstVersion: Int64, events: [PendingEvent]) {
        shard(stream).entries.withLock { entries in
            if let index = entries.index(forKey: stream) {
                // Folded in place through the dictionary's storage: no copy of the state's
                // collections, one hash lookup.
                guard (entries.values[index].version ?? -1) == firstVersion - 1 else { return }
                do {
                    for (offset, pending) in events.enumerated() {
                        try fold(&entries.values[index].state, pending.event, firstVersion + Int64(offset))
                    }
                } catch {
                    // What was just written does not follow the memo: drop it, so the next look
                    // reads the stream and reports the event at its position.
                    entries.remove(at: index)
                    return
                }
                entries.values[index].version = firstVersion + Int64(events.count) - 1
                if isFinished(entries.values[index].state) { entries.remove(at: index) }
            } else {
                guard firstVersion == 0 else { return }
                var folded = Folded(state: initial, version: nil)
                do {
                    for (offset, pending) in events.enumerated() { try fold(&folded.state, pending.event, Int64(offset)) }
                } catch {
                    return // not memoised: the next look reads the stream and reports the fault
                }
                folded.version = Int64(events.count) - 1
                if !isFinished(folded.state) {
                    entries[stream] = folded
                    trim(&entries)
                }
            }
        }
    }

    /// Number of streams memoised.
    public var memoCount: Int { shards.reduce(0) { count, shard in count + shard.entries.withLock { $0.count } } }

    /// Whether `stream` has a memo yet.
    public func isMemoised(_ stream: String) -> Bool {
        shard(stream).entries.withLock { $0[stream] != nil }
    }

    /// Starts a stream's memo from a state folded elsewhere (e.g. a snapshot plus what followed).
    public func start(_ stream: String, with folded: Folded) {
        shard(stream).entries.withLock { entries in
            if (entries[stream]?.version ?? -1) < (folded.version ?? -1) {
                entries[stream] = folded
                trim(&entries)
            }
        }
    }

    /// Keeps a shard's memos within its share of `capacity`: past it, drops memos down to three
    /// quarters of it at once, so trimming is rare (amortised). Which ones go is the
    /// dictionary's order, not recency: any memo may be dropped, since a look without one reads
    /// the stream (its state, and any fault in it, is the same).
    private func trim(_ entries: inout [String: Folded]) {
        guard entries.count > shardCapacity else { return }
        for stream in Array(entries.keys.prefix(entries.count - shardCapacity * 3 / 4)) { entries.removeValue(forKey: stream) }
    }

    /// Drops a stream's memo (e.g. a payment that reached its end state); the next call re-reads.
    public func forget(_ stream: String) {
        _ = shard(stream).entries.withLock { $0.removeValue(forKey: stream) }
    }
}

/// What the write side does with a stream's memo whatever its state: fold events just appended
/// into it, or drop it.
protocol StreamMemo: Sendable {
    func record(_ stream: String, firstVersion: Int64, events: [PendingEvent])
    func forget(_ stream: String)
}
