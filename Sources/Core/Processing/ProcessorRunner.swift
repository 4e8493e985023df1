import Foundation
import Store
import Synchronization

/// Runs the bank's processors as competing consumers of persistent-subscription groups: one
/// group per processor and input event type (`{processor}` on `$et-{type}`), several consumers
/// per group (round robin).
///
/// Each consumer handles a message with `ProcessorStep` (decide, append with derived ids and
/// an exact expected version) and acknowledges it only after the append is durable. A message
/// that cannot be decoded (poison) or keeps failing is nacked for retry; after the group's
/// `maxRetryCount` the subscription parks it, where it is visible in the group's statistics and
/// replayable with `PersistentSubscriptions.replayParked`. A redelivery after a crash decides
/// nothing new, so delivery at least once never means an effect twice.
public final class ProcessorRunner: Sendable {
    /// The settings of the groups the runner creates.
    public static func groupSettings() -> PersistentSubscriptionSettings {
        PersistentSubscriptionSettings(startFrom: .beginning, strategy: .roundRobin, messageTimeout: 30, maxRetryCount: 3,
                                       checkpointAfter: 1, checkpointLowerBound: 1, checkpointUpperBound: 1_000, readBatchSize: 256)
    }

    /// One group a processor consumes.
    public struct Group: Sendable, Hashable {
        public var name: String
        public var source: ReadTarget
    }

    private let store: any EventStore
    private let subscriptions: PersistentSubscriptions
    private let tasks: Mutex<[Task<Void, Never>]>
    /// The groups it consumes.
    public let groups: [Group]

    /// Creates any missing groups and connects `consumersPerGroup` consumers to each.
    /// - Parameter concurrency: inputs one consumer decides and appends together, as one batch (its buffer holds twice that).
    public static func start(store: any EventStore, subscriptions: PersistentSubscriptions, processors: [any Processor],
                             consumersPerGroup: Int = 2, concurrency: Int = 128) async throws(EventStoreError) -> ProcessorRunner {
        let bufferSize = max(1, concurrency) * 2
        let existing = Set(subscriptions.groups().map { "\($0.group)@\($0.source)" })
        var groups: [(Group, any Processor)] = []
        for processor in processors {
            for type in processor.inputTypes {
                let group = Group(name: processor.identity.name, source: .eventType(type))
                if !existing.contains("\(group.name)@\(group.source)") {
                    do {
                        try await subscriptions.create(group: group.name, source: group.source, settings: groupSettings())
                    } catch .groupExists {
                        // Another runner created it meanwhile: join it.
                    }
                }
                groups.append((group, processor))
            }
        }
        var consumers: [(PersistentConsumer, any Processor)] = []
        for (group, processor) in groups {
            for index in 1...max(1, consumersPerGroup) {
                let consumer = try subscriptions.connect(group: group.name, source: group.source,
                                                         consumer: "\(processor.identity.name)#\(index)", bufferSize: bufferSize)
                consumers.append((consumer, processor))
            }
        }
        return ProcessorRunner(store: store, subscriptions: subscriptions, groups: groups.map(\.0), consumers: consumers,
                               concurrency: max(1, concurrency))
    }

    private init(store: any EventStore, subscriptions: PersistentSubscriptions, groups: [Group], consumers: [(PersistentConsumer, any Processor)],
                 concurrency: Int) {
        self.store = store
        self.subscriptions = subscriptions
        self.groups = groups
        let claims = KeyClaims()
        tasks = Mutex(consumers.map { consumer, processor in
            Task { await Self.consume(consumer, processor: processor, store: store, claims: claims, batchSize: concurrency) }
        })
    }

    /// Handles a consumer's messages a batch at a time: up to `batchSize` messages decided
    /// together and appended in one store call (one commit), then settled together.
    static func consume(_ consumer: PersistentConsumer, processor: any Processor, store: any EventStore,
                                claims: KeyClaims, batchSize: Int) async {
        let writer = DomainWriter(identity: processor.identity, store: store)
        while let batch = await consumer.nextBatch(maxCount: batchSize) {
            var settled = Settlement()
            settled.acks.reserveCapacity(batch.count)
            let open = await handle(batch, processor: processor, writer: writer, claims: claims, settled: &settled)
            await consumer.ack(settled.acks)
            for (message, reason) in settled.nacks {
                await consumer.nack(message, action: .retry, reason: reason)
            }
            for (message, reason) in settled.requeues {
                await consumer.nack(message, action: .requeue, reason: reason)
            }
            if !open {
                consumer.disconnect()
                return
            }
        }
    }

    /// Disconnects every consumer (their unacknowledged messages are redelivered later) and
    /// waits for them to finish the message in hand.
    public func stop() async {
        let running = tasks.withLock { tasks in
            defer { tasks.removeAll() }
            return tasks
        }
        for task in running { task.cancel() }
        for task in running { await task.value }
    }
}
