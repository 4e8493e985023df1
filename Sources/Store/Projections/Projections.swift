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
///
/// On a store several processes write (`PartitionLeasing`), each projection runs in one
/// process at a time, the one holding its lease (`ProjectionSharing`); elsewhere its status
/// says `elsewhere`, with the position of its last stored checkpoint.
public final class Projections: Sendable {
    let store: any EventStore
    let clock: any StoreClock
    let settings: ProjectionSettings
    let runtimes = Mutex<[String: any ProjectionRunning]>([:])

    /// Whether this host runs every projection itself or shares them by lease; decided at the
    /// first call that runs one (opening leases connects to the store).
    enum Mode: Sendable {
        case undecided
        case alone
        case shared(ProjectionSharing)
    }
    let mode: Mutex<Mode>

    /// - Parameter leases: the leases to share the projections by (tests); nil: the store's own
    ///   when it has other writers (`PartitionLeasing.openLeases`), else none.
    public init(store: any EventStore, clock: any StoreClock, settings: ProjectionSettings = ProjectionSettings(),
                leases: (any PartitionLeases)? = nil) {
        self.store = store
        self.clock = clock
        self.settings = settings
        mode = Mutex(leases.map { .shared(ProjectionSharing(leases: $0)) } ?? .undecided)
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
        await stop(runtime)
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
    /// faulted until `reset`. Shared by lease: runs it here if its lease is free, else leaves it
    /// to the process holding it and takes it over once that process is gone.
    public func start(_ name: String) throws(EventStoreError) {
        let runtime = try runtime(name)
        guard let sharing = try sharing() else { return runtime.start() }
        sharing.shares.withLock { _ = $0.wanted.insert(name) }
        startLooking(sharing)
        if try sharing.claim(name) {
            runtime.refresh()
            runtime.start()
        }
    }

    /// Starts every registered projection. Shared by lease: those whose lease is free; a store
    /// that cannot be reached now is tried again at the next look.
    public func startAll() {
        for runtime in all() {
            do throws(EventStoreError) {
                try start(runtime.name)
            } catch {
                decidedSharing?.shares.withLock { $0.lastError = "\(error)" }
            }
        }
    }

    /// Stops a projection's background processing and writes its checkpoint.
    public func stop(_ name: String) async throws(EventStoreError) {
        await stop(try runtime(name))
    }

    private func stop(_ runtime: any ProjectionRunning) async {
        guard let sharing = decidedSharing else { return await runtime.stop() }
        sharing.shares.withLock { _ = $0.wanted.remove(runtime.name) }
        guard sharing.holds(runtime.name) else { return }
        await runtime.stop()
        do throws(EventStoreError) {
            try sharing.giveUp(runtime.name)
        } catch {
            // The lease ends with the member's session anyway; the next look says why.
            sharing.shares.withLock { $0.lastError = "\(error)" }
        }
    }

    /// Processes every event available now in the calling task, then returns. Shared by lease:
    /// takes the projection's lease first (refusing, `projectionElsewhere`, while another
    /// process holds it) and keeps it until `stop` or `close`.
    public func catchUp(_ name: String) async throws(EventStoreError) {
        let runtime = try runtime(name)
        try holdLease(of: runtime)
        await runtime.catchUp()
    }

    /// Returns once a running projection has read its source up to `position` (see
    /// `ProjectionStatus.position`), or as soon as it is not running (stopped or faulted).
    public func wait(for name: String, toReach position: Int64) async throws(EventStoreError) {
        try await runtime(name).wait(until: position)
    }

    /// Forgets a projection's state and position and rebuilds it from the beginning of time; it
    /// keeps running if it was. Clears a fault.
    /// Shared by lease: refuses (`projectionElsewhere`) while another process holds its lease.
    public func reset(_ name: String) async throws(EventStoreError) {
        let runtime = try runtime(name)
        try holdLease(of: runtime)
        await runtime.reset()
    }

    /// Stops every projection, writing their checkpoints, and gives their leases up. The store
    /// stays open.
    public func close() async {
        guard let sharing = decidedSharing else {
            for runtime in all() { await runtime.stop() }
            return
        }
        let task = sharing.shares.withLock { shares -> Task<Void, Never>? in
            shares.closed = true
            defer { shares.task = nil }
            return shares.task
        }
        task?.cancel()
        await task?.value
        for runtime in all() where sharing.holds(runtime.name) { await runtime.stop() }
        sharing.leases.close()
        sharing.shares.withLock { shares in
            shares.held = []
            shares.elsewhere = []
        }
    }

    // MARK: - Observing

    /// Every projection's progress, by name. Cheap: poll it.
    public func status() -> [ProjectionStatus] {
        all().map(status)
    }

    /// One projection's progress.
    public func status(of name: String) throws(EventStoreError) -> ProjectionStatus {
        status(try runtime(name))
    }

    /// A projection another process runs shows its last stored checkpoint (one read).
    private func status(_ runtime: any ProjectionRunning) -> ProjectionStatus {
        guard let sharing = decidedSharing, sharing.isElsewhere(runtime.name) else { return runtime.status() }
        return runtime.storedStatus(runState: .elsewhere)
    }

    /// Why the last look at the projections' leases failed (the store unreachable), if it did.
    public var sharingError: String? { decidedSharing?.shares.withLock { $0.lastError } }

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
