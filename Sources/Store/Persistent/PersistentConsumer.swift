import Synchronization

/// Whether a consumer still belongs to its group; shared by both so the consumer can serve the
/// messages it already holds without taking the group's lock.
final class ConsumerMembership: Sendable {
    private let member = Atomic<Bool>(true)

    var isMember: Bool { member.load(ordering: .acquiring) }

    func end() { member.store(false, ordering: .releasing) }
}

/// One consumer of a persistent-subscription group: an async sequence of the messages the group
/// hands it, which it must `ack` or `nack`.
///
/// Iterate it from one task. When that task is cancelled, calls `disconnect()`, or lets go of
/// the consumer, the consumer leaves the group and its unsettled messages go to the others.
/// Iteration ends when the consumer is disconnected, the group is deleted or the subscriptions close.
public final class PersistentConsumer: AsyncSequence, Sendable {
    public typealias Element = PersistentMessage

    let runtime: PersistentGroup
    let membership: ConsumerMembership
    /// Messages taken from the group in one go, served one at a time.
    private let held = Mutex(FifoQueue<PersistentMessage>())
    /// Unique within the process.
    public let id: UInt64
    /// The name given at `connect`, shown in statistics.
    public let name: String

    init(runtime: PersistentGroup, id: UInt64, name: String, membership: ConsumerMembership) {
        self.runtime = runtime
        self.membership = membership
        self.id = id
        self.name = name
    }

    deinit {
        runtime.disconnect(id)
    }

    /// The group's name.
    public var group: String { runtime.group }
    /// The group's source.
    public var source: ReadTarget { runtime.source }

    /// Marks a message processed. Acknowledging one that already timed out or was settled does nothing
    /// (it will be, or was, delivered again: delivery is at least once).
    public func ack(_ message: PersistentMessage) async {
        await runtime.ack(message, by: id)
    }

    /// Marks several messages processed under one lock (see `ack(_:)`).
    public func ack(_ messages: [PersistentMessage]) async {
        await runtime.ack(messages, by: id)
    }

    /// Waits for the consumer's next messages and takes up to `maxCount` of them at once (at
    /// least one); nil once it has left the group. For a consumer that handles messages in
    /// batches; do not mix it with iterating the consumer from another task.
    public func nextBatch(maxCount: Int) async -> [PersistentMessage]? {
        let limit = Swift.max(1, maxCount)
        while true {
            if Task.isCancelled {
                disconnect()
                return nil
            }
            guard membership.isMember else { return nil }
            let batch = held.withLock { held -> [PersistentMessage] in
                var batch: [PersistentMessage] = []
                batch.reserveCapacity(Swift.min(limit, held.count))
                while batch.count < limit, let message = held.popFirst() { batch.append(message) }
                return batch
            }
            if !batch.isEmpty { return batch }
            guard await fetch() else { return nil }
        }
    }

    /// Asks the group for more messages: holds what it hands over, or waits until it has some.
    /// False once this consumer has left the group.
    private func fetch() async -> Bool {
        switch runtime.poll(id) {
        case .messages(let messages):
            held.withLock { held in
                for message in messages { held.append(message) }
            }
        case .ended:
            return false
        case .wait:
            await runtime.wait(id)
        }
        return true
    }

    /// Refuses a message: retry it (counted or not), park it, skip it, or stop this consumer (see `NackAction`).
    public func nack(_ message: PersistentMessage, action: NackAction, reason: String) async {
        await runtime.nack(message, action: action, reason: reason, by: id)
    }

    /// Leaves the group now; its in-flight messages go to the other consumers.
    public func disconnect() {
        runtime.disconnect(id)
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(consumer: self)
    }

    /// Waits for the consumer's next message; nil once it has left the group.
    public struct Iterator: AsyncIteratorProtocol {
        let consumer: PersistentConsumer

        public mutating func next() async -> PersistentMessage? {
            while true {
                if Task.isCancelled {
                    consumer.disconnect()
                    return nil
                }
                guard consumer.membership.isMember else { return nil }
                if let message = consumer.held.withLock({ $0.popFirst() }) { return message }
                guard await consumer.fetch() else { return nil }
            }
        }
    }
}
