import Store
import Synchronization

/// Where work running elsewhere (store reads, bank commands, the live event feed) leaves
/// messages for the UI thread. Thread-safe; drained in bounded batches once per frame so a
/// flood of events never delays a key.
///
/// Bounded: the live feed waits (`roomForEvents`) while `eventCapacity` events are waiting,
/// and is let go once the UI has taken half of them, so a console that cannot keep up holds
/// at most that many events, never the log.
final class Inbox: Sendable {
    private struct Contents {
        var messages: [Msg] = []
        var events: [RecordedEvent] = []
        var eventsStart = 0
        /// A feed waiting for room.
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    /// Events waiting to be delivered at most, before the feed waits.
    let eventCapacity: Int
    private let contents = Mutex(Contents())

    init(eventCapacity: Int = 20_000) {
        self.eventCapacity = max(1, eventCapacity)
    }

    /// Returns once fewer than `eventCapacity` events are waiting (at once when so).
    func roomForEvents() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let full = contents.withLock { box -> Bool in
                guard box.events.count - box.eventsStart >= eventCapacity else { return false }
                box.waiting.append(continuation)
                return true
            }
            if !full { continuation.resume() }
        }
    }

    /// Lets waiting feeds go, however full (the console is closing).
    func releaseWaiting() {
        let waiting = contents.withLock { box -> [CheckedContinuation<Void, Never>] in
            defer { box.waiting.removeAll() }
            return box.waiting
        }
        for continuation in waiting { continuation.resume() }
    }

    /// Leaves a message for the next frame.
    func post(_ msg: Msg) {
        contents.withLock { $0.messages.append(msg) }
    }

    /// Leaves one new event from the live feed; events are delivered together, in order.
    func post(event: RecordedEvent) {
        contents.withLock { $0.events.append(event) }
    }

    /// Leaves several new events at once, in order.
    func post(events: some Collection<RecordedEvent>) {
        contents.withLock { $0.events.append(contentsOf: events) }
    }

    /// Events waiting to be delivered.
    var pendingEvents: Int { contents.withLock { $0.events.count - $0.eventsStart } }

    /// Takes at most `maxMessages` messages and one `eventsArrived` of at most `maxEvents` events.
    func drain(maxMessages: Int, maxEvents: Int) -> [Msg] {
        let (out, released) = contents.withLock { box -> ([Msg], [CheckedContinuation<Void, Never>]) in
            let out = take(&box, maxMessages: maxMessages, maxEvents: maxEvents)
            guard !box.waiting.isEmpty, (box.events.count - box.eventsStart) * 2 <= eventCapacity else { return (out, []) }
            defer { box.waiting.removeAll() }
            return (out, box.waiting)
        }
        for continuation in released { continuation.resume() }
        return out
    }

    private func take(_ box: inout Contents, maxMessages: Int, maxEvents: Int) -> [Msg] {
        let taken = Array(box.messages.prefix(maxMessages))
        box.messages.removeFirst(taken.count)
        var out = taken
        let available = box.events.count - box.eventsStart
        if available > 0 {
            let count = min(available, maxEvents)
            let batch = Array(box.events[box.eventsStart..<box.eventsStart + count])
            box.eventsStart += count
            if box.eventsStart > 4096, box.eventsStart * 2 > box.events.count {
                box.events.removeFirst(box.eventsStart)
                box.eventsStart = 0
            } else if box.eventsStart == box.events.count {
                box.events.removeAll(keepingCapacity: true)
                box.eventsStart = 0
            }
            let head = (batch.last?.position ?? 0) + 1
            out.append(.eventsArrived(batch, head: head))
        }
        return out
    }
}
