import Foundation

/// The most recently committed events, already built, so that reads of the log's tail (what
/// subscriptions and followers do right after each append) decode nothing and allocate nothing:
/// a cached event shares the appender's strings and bytes.
///
/// It holds the positions `first ..< end`, a contiguous run ending at the last event committed,
/// bounded by an event count and by the bytes of data and metadata it keeps alive. It is not a
/// second source of truth: events enter it only once they are durable, exactly as a read of
/// their record would return them, and a store opened afresh starts with it empty.
/// Not thread-safe: it lives in the store's locked state.
struct TailCache {
    /// Most events kept (0 turns the cache off).
    let capacity: Int
    /// Most bytes of data and metadata kept.
    let byteLimit: Int
    /// Ring storage, grown up to `capacity`; evicted slots are cleared so their bytes are freed.
    private var ring: [RecordedEvent?] = []
    /// Ring index of the event at `first`.
    private var start = 0
    /// Position of the oldest event kept.
    private(set) var first: UInt64 = 0
    /// How many events are kept.
    private(set) var count = 0
    private var bytes = 0

    init(capacity: Int, byteLimit: Int) {
        self.capacity = max(0, capacity)
        self.byteLimit = max(0, byteLimit)
    }

    /// One past the newest position kept.
    var end: UInt64 { first + UInt64(count) }

    /// Adds the event committed at `end`; an event out of sequence (or too big to keep)
    /// empties the cache, which then starts after it.
    mutating func append(_ event: RecordedEvent) {
        var evicted: [RecordedEvent] = []
        append(event, evicted: &evicted)
    }

    /// `append(_:)`, handing the events it lets go to `evicted` rather than freeing them, so the
    /// store frees them after its lock (their records' bytes and strings are the costly part).
    mutating func append(_ event: RecordedEvent, evicted: inout [RecordedEvent]) {
        let size = event.data.count + event.metadata.count
        guard capacity > 0, event.position == end || count == 0, size <= byteLimit else {
            removeAll(from: event.position + 1, evicted: &evicted)
            return
        }
        if count == 0 { first = event.position }
        while count > 0, count == capacity || bytes + size > byteLimit { removeOldest(evicted: &evicted) }
        if count == 0 { first = event.position; start = 0 }
        let slot = (start + count) % capacity
        if slot == ring.count {
            ring.append(event)
        } else {
            ring[slot] = event
        }
        count += 1
        bytes += size
    }

    /// The event at `position`, if kept.
    func event(at position: UInt64) -> RecordedEvent? {
        guard position >= first, position < end else { return nil }
        return ring[(start + Int(position - first)) % capacity]
    }

    /// Whether `position` is kept.
    func contains(_ position: UInt64) -> Bool { position >= first && position < end }

    private mutating func removeOldest(evicted: inout [RecordedEvent]) {
        if let event = ring[start].take() {
            bytes -= event.data.count + event.metadata.count
            evicted.append(event)
        }
        start = (start + 1) % capacity
        first += 1
        count -= 1
    }

    /// Drops everything; the next event kept must be at `position`.
    private mutating func removeAll(from position: UInt64, evicted: inout [RecordedEvent]) {
        for index in 0..<count { if let event = ring[(start + index) % capacity].take() { evicted.append(event) } }
        ring.removeAll()
        start = 0
        count = 0
        bytes = 0
        first = position
    }
}
