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
    /// - Parameter concurrency: inputs one consumer handles at once (its buffer holds twice that).
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
        let serializer = KeyedSerializer()
        tasks = Mutex(consumers.map { consumer, processor in
            Task { await Self.consume(consumer, processor: processor, store: store, serializer: serializer, concurrency: concurrency) }
        })
    }

    /// Handles a consumer's messages, up to `concurrency` at a time; inputs with the same
    /// serialisation key take turns.
    private static func consume(_ consumer: PersistentConsumer, processor: any Processor, store: any EventStore,
                                serializer: KeyedSerializer, concurrency: Int) async {
        let writer = DomainWriter(identity: processor.identity, store: store)
        await withTaskGroup(of: Bool.self) { group in
            var running = 0
            for await message in consumer {
                if running >= concurrency {
                    if await group.next() == false { break }
                    running -= 1
                }
                running += 1
                group.addTask {
                    await handleOne(message, consumer: consumer, processor: processor, writer: writer, serializer: serializer)
                }
            }
        }
    }

    /// Handles one message and settles it; false when the store has closed.
    private static func handleOne(_ message: PersistentMessage, consumer: PersistentConsumer, processor: any Processor,
                                  writer: DomainWriter, serializer: KeyedSerializer) async -> Bool {
        var key: String?
        if let event = Result(catching: { () throws(BankEvent.DecodingFailure) -> BankEvent in try processor.views.decoded.decode(message.event) }).success {
            key = processor.serializationKey(event)
        }
        let outcome = await serializer.run(key) { () async -> Result<StepOutcome, ProcessingError> in
            await step(message.event, processor: processor, writer: writer)
        }
        switch outcome {
        case .success:
            await consumer.ack(message)
            return true
        case .failure(.store(.closed)):
            consumer.disconnect()
            return false
        case .failure(let error):
            await consumer.nack(message, action: .retry, reason: error.description)
            return true
        }
    }

    private static func step(_ input: RecordedEvent, processor: any Processor, writer: DomainWriter) async -> Result<StepOutcome, ProcessingError> {
        do throws(ProcessingError) {
            return .success(try await ProcessorStep.handle(input, with: processor, writer: writer))
        } catch {
            return .failure(error)
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
