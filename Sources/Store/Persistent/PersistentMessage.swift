/// One event delivered to a consumer of a persistent-subscription group.
///
/// Acknowledge it with `PersistentConsumer.ack(_:)` or refuse it with `nack(_:action:reason:)`;
/// until then it counts as in flight and is retried after the group's `messageTimeout`.
public struct PersistentMessage: Sendable, Hashable {
    let box: EventBox
    /// How many times it was delivered before (0 on first delivery).
    public let retryCount: Int
    let key: MessageKey
    let delivery: UInt64

    /// The original event (with `link` set when the source is a `$ce-`/`$et-`/`$streams` index).
    public var event: RecordedEvent { box.event }

    public static func == (lhs: PersistentMessage, rhs: PersistentMessage) -> Bool {
        lhs.key == rhs.key && lhs.delivery == rhs.delivery && lhs.retryCount == rhs.retryCount && lhs.event == rhs.event
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(delivery)
    }
}

/// One event shared by the queues, the in-flight table and the message without copying it:
/// a `RecordedEvent` is several reference-counted fields, a box is one.
final class EventBox: Sendable {
    let event: RecordedEvent

    init(_ event: RecordedEvent) {
        self.event = event
    }
}

/// What a consumer wants done with a message it could not handle.
public enum NackAction: String, Sendable, Hashable, CaseIterable {
    /// Deliver it again (counts towards `maxRetryCount`, then it is parked).
    case retry
    /// Deliver it again without counting a retry: the failure was not the message's (the store
    /// was out of reach for a moment, and retries by itself), so it never parks it.
    case requeue
    /// Move it to the parked stream at once.
    case park
    /// Drop it: it counts as processed.
    case skip
    /// Disconnect this consumer; its in-flight messages, this one included, go to the others.
    case stop
}

/// Identifies a message within its group: its place in the source, or in the parked stream.
enum MessageKey: Hashable, Sendable {
    /// The n-th event the group read from its source since it was opened.
    case source(Int64)
    /// A replayed parked message, by its version in the parked stream.
    case parked(Int64)
}
