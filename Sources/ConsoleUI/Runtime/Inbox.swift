import Store
import Synchronization

/// Where work running elsewhere (store reads, bank commands, the live event feed) leaves
/// messages for the UI thread. Thread-safe; drained in bounded batches once per frame so a
/// flood of events never delays a key.
final class Inbox: Sendable {
    private struct Contents {
        var messages: [Msg] = []
        var events: [RecordedEvent] = []
        var eventsStart = 0
    }

    private let contents = Mutex(Contents())

    init() {}

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
        contents.withLock { box in
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
}
