import Foundation
import Store
import Synchronization

/// Runs the bank's processors in one of several processes sharing a store (PostgreSQL): each
/// processor group is split into `partitionCount` partition groups (`GroupPartition`), and the
/// processes divide the partitions between them by lease (`PartitionLeases`), so every input
/// is handled by one process at a time and the work is spread.
///
/// Every `rebalanceInterval` the runner renews its leases and evens the partitions out: it
/// gives up what it holds beyond its fair share (its consumers stop, each partition group
/// writes its checkpoint, then the lease goes) and takes free partitions up to its share
/// (reopening each partition group from the checkpoint its last owner wrote). A process that
/// dies loses its leases with its database session; the others take its partitions over on
/// their next look and redeliver what it had not checkpointed. Effects stay exactly once for
/// the reason they do after a crash: processors append with derived event ids and exact
/// expected versions, so an input handled twice decides nothing new.
///
/// Not the single-process driver: a store with one writing process uses `ProcessorRunner`.
final class SharedProcessorRunner: ProcessorDriver {
    /// Partitions per processor group: 6 divides evenly among one, two, three or six processes.
    static let partitionCount = 6
    /// How often leases are renewed and partitions evened out.
    static let rebalanceInterval = Duration.milliseconds(500)

    /// One partition group: a processor's group on one input type, one partition of it.
    struct PartitionGroup: Sendable {
        var name: String
        var source: ReadTarget
        var processor: any Processor
    }

    private struct Running {
        var partitions: [Int: [Task<Void, Never>]] = [:]
        var stopped = false
    }

    private let store: any EventStore
    private let subscriptions: PersistentSubscriptions
    private let leases: any PartitionLeases
    private let processors: [any Processor]
    private let consumersPerGroup: Int
    private let concurrency: Int
    private let claims = KeyClaims()
    private let running = Mutex(Running())
    private let balancing = Mutex<Task<Void, Never>?>(nil)
    /// Serialises rebalancing with stopping: a step never overlaps another or the stop.
    private let turn = AsyncTurn()
    /// The last reason a rebalance failed (the store unreachable), for statistics.
    let lastError = Mutex<String?>(nil)

    /// Creates every partition group that is missing and starts rebalancing.
    static func start(store: any EventStore, subscriptions: PersistentSubscriptions, leases: any PartitionLeases,
                      processors: [any Processor], consumersPerGroup: Int, concurrency: Int = 128) async throws(EventStoreError) -> SharedProcessorRunner {
        let runner = SharedProcessorRunner(store: store, subscriptions: subscriptions, leases: leases, processors: processors,
                                           consumersPerGroup: max(1, consumersPerGroup), concurrency: max(1, concurrency))
        try await runner.createGroups()
        runner.balancing.withLock { task in
            task = Task { [weak runner] in
                while !Task.isCancelled {
                    guard let runner else { return }
                    await runner.rebalance()
                    do { try await Task.sleep(for: rebalanceInterval) } catch { return }
                }
            }
        }
        return runner
    }

    private init(store: any EventStore, subscriptions: PersistentSubscriptions, leases: any PartitionLeases,
                 processors: [any Processor], consumersPerGroup: Int, concurrency: Int) {
        self.store = store
        self.subscriptions = subscriptions
        self.leases = leases
        self.processors = processors
        self.consumersPerGroup = consumersPerGroup
        self.concurrency = concurrency
    }

    /// The groups of partition `index`, one per processor and input type.
    func groups(of index: Int) -> [PartitionGroup] {
        processors.flatMap { processor in
            processor.inputTypes.map { type in
                PartitionGroup(name: Self.groupName(processor.identity.name, index), source: .eventType(type), processor: processor)
            }
        }
    }

    /// `{processor}/{n}-of-{count}`, n from 1.
    static func groupName(_ processor: String, _ index: Int) -> String {
        "\(processor)/\(index + 1)-of-\(partitionCount)"
    }

    private func createGroups() async throws(EventStoreError) {
        let existing = Set(subscriptions.groups().map { "\($0.group)@\($0.source)" })
        for index in 0..<Self.partitionCount {
            var settings = ProcessorRunner.groupSettings()
            // Pinned: a partition is taken from the event's stream, so every step of a payment
            // (its events are in its own stream) is handled by the process holding that
            // partition, whose views of the payment are current; hashing event ids sent a
            // payment's successive steps to different processes, each reading its streams again.
            settings.strategy = .pinned
            settings.partition = GroupPartition(index: index, count: Self.partitionCount)
            for group in groups(of: index) where !existing.contains("\(group.name)@\(group.source)") {
                do {
                    try await subscriptions.create(group: group.name, source: group.source, settings: settings)
                    // Created running here; it runs only where its partition's lease is.
                    await subscriptions.release(group: group.name, source: group.source)
                } catch .groupExists {
                    // Another process created it meanwhile: it is shared, not owned.
                }
            }
        }
    }

    // MARK: - Rebalancing

    /// One look: renew the leases, stop what is no longer held, give up what is beyond the
    /// fair share, take free partitions up to it, and start what is held but not running.
    func rebalance() async {
        await turn.run {
            if running.withLock({ $0.stopped }) { return }
            do throws(EventStoreError) {
                let status = try leases.renew()
                var held = status.held
                // Leases lost with a broken session: whatever ran under them stops at once.
                for index in runningPartitions() where !held.contains(index) { await stopPartition(index) }
                let share = status.fairShare(of: Self.partitionCount)
                for index in held.sorted().reversed() where held.count > share {
                    await stopPartition(index)
                    try leases.release(index)
                    held.remove(index)
                }
                for index in 0..<Self.partitionCount where held.count < share && !held.contains(index) {
                    if try leases.acquire(index) { held.insert(index) }
                }
                for index in held.sorted() where !runningPartitions().contains(index) {
                    do throws(EventStoreError) {
                        try await startPartition(index)
                    } catch {
                        // Not started: give the lease back so another member can take it.
                        await stopPartition(index)
                        try leases.release(index)
                        throw error
                    }
                }
                lastError.withLock { $0 = nil }
            } catch {
                lastError.withLock { $0 = error.description }
            }
        }
    }

    /// The partitions this runner is running now.
    var partitions: Set<Int> { runningPartitions() }

    private func runningPartitions() -> Set<Int> {
        running.withLock { Set($0.partitions.keys) }
    }

    /// Reopens the partition's groups from their stored checkpoints and connects consumers.
    private func startPartition(_ index: Int) async throws(EventStoreError) {
        var tasks: [Task<Void, Never>] = []
        defer { running.withLock { $0.partitions[index] = tasks } }
        let bufferSize = concurrency * 2
        let groups = groups(of: index)
        // One read of the configuration for the partition's groups.
        try await subscriptions.reopen(groups: groups.map { ($0.name, $0.source) })
        for group in groups {
            for number in 1...consumersPerGroup {
                let consumer = try subscriptions.connect(group: group.name, source: group.source,
                                                         consumer: "\(group.processor.identity.name)#\(number)", bufferSize: bufferSize)
                let (processor, store, claims, batchSize) = (group.processor, store, claims, concurrency)
                tasks.append(Task { await ProcessorRunner.consume(consumer, processor: processor, store: store, claims: claims, batchSize: batchSize) })
            }
        }
    }

    /// Stops the partition's consumers (after the batch in hand) and releases its groups, which
    /// writes their checkpoints: the next owner resumes after every acknowledged message.
    private func stopPartition(_ index: Int) async {
        let tasks = running.withLock { $0.partitions.removeValue(forKey: index) } ?? []
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
        for group in groups(of: index) { await subscriptions.release(group: group.name, source: group.source) }
    }

    // MARK: - Stopping

    /// Stops every partition (checkpoints written), then leaves: the leases end and the other
    /// members take the partitions over.
    func stop() async {
        let task = balancing.withLock { task in
            defer { task = nil }
            return task
        }
        task?.cancel()
        await turn.run {
            running.withLock { $0.stopped = true }
            for index in runningPartitions() { await stopPartition(index) }
        }
        await task?.value
        leases.close()
    }
}
