import Foundation
import Synchronization

/// Persistent subscriptions with competing consumers, kept in the store itself (EventStoreDB's
/// model): groups on a stream, a `$ce-`/`$et-` index, `$streams` or `$all`, each with a durable
/// checkpoint, retries, parking and statistics.
///
/// Group configuration lives in `$persistentSubscriptionConfig`; checkpoints and parked messages
/// in `$persistentsubscription-{source}::{group}-checkpoint` / `-parked`. Opening another
/// instance on the same store after a crash resumes every group from its checkpoint: delivery
/// is at least once, never a silent skip. Groups on `$all` skip the store's own `$` streams.
///
/// Time comes from the injected clock. Timeouts and time-based checkpoints are checked by
/// `tick()`, which an internal timer calls every `tickInterval` (tests pass nil and call it).
/// Thread-safe. Not a catch-up subscription: for one reader that keeps its own position, use
/// `EventStore.subscribe(to:from:)`.
public final class PersistentSubscriptions: Sendable {
    struct Key: Hashable, Comparable {
        var source: String
        var group: String
        static func < (lhs: Key, rhs: Key) -> Bool { (lhs.source, lhs.group) < (rhs.source, rhs.group) }
    }

    struct Registry {
        var groups: [Key: PersistentGroup] = [:]
        var config = PersistentConfig()
        /// Last version of the config stream, nil when it does not exist yet.
        var configVersion: Int64?
        var nextConsumer: UInt64 = 0
        var closed = false
    }

    let store: any EventStore
    let clock: any StoreClock
    let registry: Mutex<Registry>
    private let tasks = Mutex<[Task<Void, Never>]>([])

    /// Opens the persistent subscriptions kept in `store`, resuming every group from its checkpoint.
    ///
    /// `tickInterval` is how often timeouts and time-based checkpoints are checked in the
    /// background; nil means never (call `tick()` yourself, as tests do with a `ManualClock`).
    public init(store: any EventStore, clock: any StoreClock, tickInterval: Duration? = .seconds(1)) throws(EventStoreError) {
        self.store = store
        self.clock = clock
        var registry = Registry()
        let (config, version) = try PersistentConfig.load(from: store)
        registry.config = config
        registry.configVersion = version
        let now = clock.now()
        for record in config.groups {
            let group = try Self.openGroup(record, store: store, clock: clock, now: now)
            registry.groups[Key(source: record.source, group: record.group)] = group
        }
        self.registry = Mutex(registry)
        startBackground(tickInterval: tickInterval)
    }

    static func openGroup(_ record: PersistentConfig.Group, store: any EventStore, clock: any StoreClock, now: Date) throws(EventStoreError) -> PersistentGroup {
        let source = ReadTarget(record.source)
        let checkpointStream = PersistentStreamNames.checkpoint(source: record.source, group: record.group)
        let parkedStream = PersistentStreamNames.parked(source: record.source, group: record.group)
        // The furthest of the recent checkpoints, not merely the last written: a write begun
        // before the one made at close may land after it with an older position.
        var checkpoint: GroupState.Checkpoint?
        var checkpointTime: Date?
        let recent = Result { () throws(EventStoreError) -> [RecordedEvent] in
            try store.read(.stream(checkpointStream), from: .end, direction: .backward, maxCount: Int(PersistentStreamNames.checkpointsKept))
        }
        switch recent {
        case .success(let events):
            for event in events {
                do {
                    let stored = try JSONDecoder().decode(GroupState.Checkpoint.self, from: event.data)
                    if stored.generation == record.generation, checkpoint.map({ stored.isAhead(of: $0) }) ?? true {
                        checkpoint = stored
                        checkpointTime = event.created
                    }
                } catch {
                    throw .invalidSettings("\(checkpointStream)@\(event.version) is not a checkpoint: \(error)")
                }
            }
        case .failure(.streamNotFound): break
        case .failure(let error): throw error
        }
        let parkedNext = (store.lastVersion(of: parkedStream) ?? -1) + 1
        let state = GroupState(group: record.group, source: source, generation: record.generation, settings: record.settings,
                               start: checkpoint?.next ?? record.start, parkedNext: max(parkedNext, record.parkedBase),
                               parkedReplayed: checkpoint?.parkedReplayed ?? record.parkedBase, checkpoint: checkpoint,
                               now: checkpointTime ?? now) // the stored checkpoint's time, not the time of opening
        return PersistentGroup(store: store, clock: clock, state: state)
    }

    private func startBackground(tickInterval: Duration?) {
        let store = self.store
        let pump = Task { [weak self] in
            var seen = store.headPosition
            while !Task.isCancelled {
                await store.waitForEvents(beyond: seen)
                let head = store.headPosition
                if Task.isCancelled || head == seen { return }
                seen = head
                guard let self else { return }
                for group in self.allGroups() { group.dispatch() }
            }
        }
        var started = [pump]
        if let tickInterval {
            // The timer only decides when to look; every decision uses the injected clock.
            started.append(Task { [weak self] in
                while !Task.isCancelled {
                    do {
                        try await Task.sleep(for: tickInterval)
                    } catch {
                        return // cancelled: the subscriptions are closing
                    }
                    guard let self else { return }
                    await self.tick()
                }
            })
        }
        tasks.withLock { $0 = started }
    }

    private func allGroups() -> [PersistentGroup] {
        registry.withLock { registry in registry.groups.sorted { $0.key < $1.key }.map(\.value) }
    }

    private func runtime(group: String, source: ReadTarget) throws(EventStoreError) -> PersistentGroup {
        try registry.withLock { registry throws(EventStoreError) -> PersistentGroup in
            if registry.closed { throw .closed }
            guard let runtime = registry.groups[Key(source: source.description, group: group)] else {
                throw .groupNotFound(group: group, source: source.description)
            }
            return runtime
        }
    }

    // MARK: - Managing groups

    /// Creates a group on `source` and stores its configuration durably.
    ///
    /// `.end` is resolved now to the source's current end, so a restart before the first
    /// checkpoint never skips events appended in between.
    public func create(group: String, source: ReadTarget, settings: PersistentSubscriptionSettings = PersistentSubscriptionSettings()) async throws(EventStoreError) {
        try settings.validate()
        try Self.validate(group: group, source: source)
        let start: Int64 = switch settings.startFrom {
        case .beginning: 0
        case .end: PersistentGroup.head(of: source, in: store)
        case .position(let position): position
        }
        let parkedBase = (store.lastVersion(of: PersistentStreamNames.parked(source: source.description, group: group)) ?? -1) + 1
        let record = try await changeConfig { config, version throws(EventStoreError) -> PersistentConfig.Group in
            if config.groups.contains(where: { $0.group == group && $0.source == source.description }) {
                throw .groupExists(group: group, source: source.description)
            }
            let record = PersistentConfig.Group(group: group, source: source.description, settings: settings,
                                                start: start, parkedBase: parkedBase, generation: version)
            config.groups.append(record)
            return record
        }
        let runtime = try Self.openGroup(record, store: store, clock: clock, now: clock.now())
        registry.withLock { $0.groups[Key(source: record.source, group: group)] = runtime }
    }

    /// Changes a group's settings; connected consumers stay. `startFrom` matters only to a
    /// group that has not yet read anything.
    public func update(group: String, source: ReadTarget, settings: PersistentSubscriptionSettings) async throws(EventStoreError) {
        try settings.validate()
        let runtime = try runtime(group: group, source: source)
        _ = try await changeConfig { config, _ throws(EventStoreError) -> Void in
            config.groups[try config.index(of: group, on: source)].settings = settings
        }
        runtime.update(settings: settings)
    }

    /// Deletes a group: its consumers' iterations end. Its checkpoint and parked streams stay in
    /// the store; a group created again under the same name starts afresh.
    public func delete(group: String, source: ReadTarget) async throws(EventStoreError) {
        let runtime = try runtime(group: group, source: source)
        _ = try await changeConfig { config, _ throws(EventStoreError) -> Void in
            config.groups.remove(at: try config.index(of: group, on: source))
        }
        registry.withLock { _ = $0.groups.removeValue(forKey: Key(source: source.description, group: group)) }
        runtime.shutDown()
    }

    /// Applies `change` to the configuration and appends it, retrying on a concurrent change.
    private func changeConfig<T>(_ change: (inout PersistentConfig, Int64) throws(EventStoreError) -> T) async throws(EventStoreError) -> T {
        while true {
            var (config, version) = try registry.withLock { registry throws(EventStoreError) -> (PersistentConfig, Int64?) in
                if registry.closed { throw .closed }
                return (registry.config, registry.configVersion)
            }
            let nextVersion = (version ?? -1) + 1
            let result = try change(&config, nextVersion)
            let data = try config.encoded()
            let expected: ExpectedVersion = version.map { .exact($0) } ?? .noStream
            let id = StableHash.uuid(PersistentStreamNames.config, String(nextVersion), String(decoding: data, as: UTF8.self))
            do {
                let written = try await store.appendToSystemStream(PersistentStreamNames.config, expected: expected,
                                                                   events: [EventData(id: id, type: PersistentStreamNames.configType, data: data)])
                registry.withLock { registry in
                    registry.config = config
                    registry.configVersion = written.lastVersion
                }
                return result
            } catch .wrongExpectedVersion {
                let (stored, storedVersion) = try PersistentConfig.load(from: store)
                registry.withLock { registry in
                    registry.config = stored
                    registry.configVersion = storedVersion
                }
            }
        }
    }

    private static func validate(group: String, source: ReadTarget) throws(EventStoreError) {
        if group.isEmpty { throw .invalidSettings("a group needs a name") }
        if group.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw .invalidSettings("group names may not contain control characters")
        }
        do {
            try StreamNames.validateSystemStream(PersistentStreamNames.checkpoint(source: source.description, group: group))
        } catch {
            throw .invalidSettings("group \(group) on \(source): \(error)")
        }
    }

    // MARK: - Consuming

    /// Joins a group as a consumer holding at most `bufferSize` unsettled messages.
    public func connect(group: String, source: ReadTarget, consumer name: String, bufferSize: Int = 10) throws(EventStoreError) -> PersistentConsumer {
        if bufferSize < 1 { throw .invalidSettings("bufferSize must be at least 1") }
        let runtime = try runtime(group: group, source: source)
        let id = registry.withLock { registry -> UInt64 in
            registry.nextConsumer += 1
            return registry.nextConsumer
        }
        let membership = ConsumerMembership()
        try runtime.connect(id: id, name: name, bufferSize: bufferSize, membership: membership)
        return PersistentConsumer(runtime: runtime, id: id, name: name, membership: membership)
    }

    /// Re-delivers parked messages of a group, oldest first and ahead of new events: at most
    /// `stopAt` of them (all when nil). Returns how many were queued.
    @discardableResult
    public func replayParked(group: String, source: ReadTarget, stopAt: Int? = nil) throws(EventStoreError) -> Int {
        if let stopAt, stopAt < 0 { throw .invalidSettings("stopAt must not be negative") }
        return try runtime(group: group, source: source).replayParked(limit: stopAt)
    }

    // MARK: - Observing and running

    /// A snapshot of every group, ordered by source then group name. Cheap: poll it.
    public func stats() -> [PersistentGroupStats] {
        allGroups().map { $0.stats() }
    }

    /// The configured groups, ordered by source then group name.
    public func groups() -> [(group: String, source: ReadTarget, settings: PersistentSubscriptionSettings)] {
        registry.withLock { registry in
            registry.config.groups.sorted { ($0.source, $0.group) < ($1.source, $1.group) }
                .map { (group: $0.group, source: ReadTarget($0.source), settings: $0.settings) }
        }
    }

    /// Retries or parks messages past their timeout and writes checkpoints that are due, by the
    /// injected clock. The background timer calls it; tests call it after moving a `ManualClock`.
    public func tick() async {
        for group in allGroups() { await group.tick() }
    }

    /// Writes every group's checkpoint, ends every consumer's iteration, and stops the
    /// background tasks. The store stays open (close the subscriptions first).
    ///
    /// The checkpoint written covers every message acknowledged before the call, even while a
    /// periodic checkpoint write is still under way, so a restart redelivers nothing that was
    /// acknowledged (only messages still in flight).
    public func close() async {
        await stop(writingCheckpoints: true)
    }

    /// Stops without writing checkpoints, as a crash would (for tests of recovery).
    func crash() async {
        await stop(writingCheckpoints: false)
    }

    private func stop(writingCheckpoints: Bool) async {
        let groups = registry.withLock { registry -> [PersistentGroup] in
            registry.closed = true
            return registry.groups.sorted { $0.key < $1.key }.map(\.value)
        }
        for task in tasks.withLock({ $0 }) { task.cancel() }
        for group in groups {
            group.shutDown()
            if writingCheckpoints { await group.writeCheckpoint(closing: true) }
        }
    }
}
