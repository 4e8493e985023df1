import Foundation
import Synchronization

/// How often projections checkpoint and how much they read at once.
public struct ProjectionSettings: Sendable, Hashable {
    /// Events processed after which a checkpoint is written (EventStoreDB's handled threshold).
    public var checkpointEvery: Int
    /// Seconds after which a checkpoint is written once anything was processed.
    public var checkpointAfter: TimeInterval
    /// Events read per page.
    public var pageSize: Int

    public init(checkpointEvery: Int = 4_000, checkpointAfter: TimeInterval = 2, pageSize: Int = 1_024) {
        self.checkpointEvery = checkpointEvery
        self.checkpointAfter = checkpointAfter
        self.pageSize = pageSize
    }
}

/// The host that runs continuous projections over a store.
///
/// Each registered projection resumes from its checkpoint (or position 0): its partition states
/// and position live in `$projections-{name}-…` streams of the store, so a restart continues
/// where it stopped. `start` runs it in the background, following new events; `catchUp` runs
/// it in the caller's task up to the current head (for tests and one-shot commands). A
/// projection whose handler throws becomes `faulted` with the error and the event; the process
/// and the other projections carry on. Thread-safe.
public final class Projections: Sendable {
    let store: any EventStore
    let clock: any StoreClock
    let settings: ProjectionSettings
    private let runtimes = Mutex<[String: any ProjectionRunning]>([:])

    public init(store: any EventStore, clock: any StoreClock, settings: ProjectionSettings = ProjectionSettings()) {
        self.store = store
        self.clock = clock
        self.settings = settings
    }

    /// Adds a projection, stopped, with its stored state loaded. A stored state that no longer
    /// decodes leaves it faulted (reset it to rebuild).
    public func register<P: Projection>(_ projection: P) throws(EventStoreError) {
        let name = projection.name
        try ProjectionStreamNames.validate(projection: name)
        if runtimes.withLock({ $0[name] != nil }) { throw .projectionExists(name) }
        let runtime = ProjectionRuntime(projection: projection, store: store, clock: clock, settings: settings)
        try runtimes.withLock { runtimes throws(EventStoreError) in
            if runtimes[name] != nil { throw .projectionExists(name) }
            runtimes[name] = runtime
        }
    }

    /// Stops a projection (writing its checkpoint) and forgets it; its stored state stays in
    /// the store. Returns whether it was registered.
    @discardableResult
    public func unregister(_ name: String) async -> Bool {
        guard let runtime = runtimes.withLock({ $0[name] }) else { return false }
        await runtime.stop()
        return runtimes.withLock { $0.removeValue(forKey: name) } != nil
    }

    private func runtime(_ name: String) throws(EventStoreError) -> any ProjectionRunning {
        guard let runtime = runtimes.withLock({ $0[name] }) else { throw .projectionNotFound(name) }
        return runtime
    }

    private func all() -> [any ProjectionRunning] {
        runtimes.withLock { runtimes in runtimes.keys.sorted().compactMap { runtimes[$0] } }
    }

    // MARK: - Running

    /// Runs a stopped projection in the background, following new events. A faulted one stays
    /// faulted until `reset`.
    public func start(_ name: String) throws(EventStoreError) {
        try runtime(name).start()
    }

    /// Starts every registered projection.
    public func startAll() {
        for runtime in all() { runtime.start() }
    }

    /// Stops a projection's background processing and writes its checkpoint.
    public func stop(_ name: String) async throws(EventStoreError) {
        try await runtime(name).stop()
    }

    /// Processes every event available now in the calling task, then returns.
    public func catchUp(_ name: String) async throws(EventStoreError) {
        try await runtime(name).catchUp()
    }

    /// Returns once a running projection has read its source up to `position` (see
    /// `ProjectionStatus.position`), or as soon as it is not running (stopped or faulted).
    public func wait(for name: String, toReach position: Int64) async throws(EventStoreError) {
        try await runtime(name).wait(until: position)
    }

    /// Forgets a projection's state and position and rebuilds it from the beginning of time; it
    /// keeps running if it was. Clears a fault.
    public func reset(_ name: String) async throws(EventStoreError) {
        try await runtime(name).reset()
    }

    /// Stops every projection, writing their checkpoints. The store stays open.
    public func close() async {
        for runtime in all() { await runtime.stop() }
    }

    // MARK: - Observing

    /// Every projection's progress, by name. Cheap: poll it.
    public func status() -> [ProjectionStatus] {
        all().map { $0.status() }
    }

    /// One projection's progress.
    public func status(of name: String) throws(EventStoreError) -> ProjectionStatus {
        try runtime(name).status()
    }

    /// The state of one partition (`""` when unpartitioned), nil when that partition has no
    /// events yet or the type does not match the projection's state type.
    public func state<State>(of name: String, partition: String = "", as type: State.Type = State.self) throws(EventStoreError) -> State? {
        try runtime(name).anyState(partition: partition) as? State
    }

    /// The state of one partition as JSON with sorted keys (for the command line's `--json`).
    public func stateJSON(of name: String, partition: String = "") throws(EventStoreError) -> Data? {
        try runtime(name).stateJSON(partition: partition)
    }

    /// The partitions a projection has state for, sorted.
    public func partitions(of name: String) throws(EventStoreError) -> [String] {
        try runtime(name).partitions()
    }
}
