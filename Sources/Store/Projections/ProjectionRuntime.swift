import Foundation
import Synchronization

/// What the `Projections` host needs of a running projection, whatever its state type.
protocol ProjectionRunning: AnyObject, Sendable {
    var name: String { get }
    func status() -> ProjectionStatus
    func start()
    func stop() async
    /// Stops at once without writing anything: another process may be running it now.
    func abandon() async
    /// Loads what the store keeps for it again when it is not running here (another process
    /// may have run it meanwhile). Clears a fault that was not stored.
    func refresh()
    /// Its status as of its last stored checkpoint, in `runState` (it runs elsewhere).
    func storedStatus(runState: ProjectionRunState) -> ProjectionStatus
    func reset() async
    func catchUp() async
    func wait(until position: Int64) async
    func anyState(partition: String) -> (any Sendable)?
    func stateJSON(partition: String) throws(EventStoreError) -> Data?
    func partitions() -> [String]
}

/// Runs one projection: reads its source page by page, folds events into partition states,
/// writes checkpoints, and keeps its status. Thread-safe; processing holds the lock per page.
final class ProjectionRuntime<P: Projection>: ProjectionRunning {
    struct Run: Sendable {
        var states: [String: P.State] = [:]
        var dirty: Set<String> = []
        /// Partitions whose stored state already includes events before this position.
        var validFrom: [String: Int64] = [:]
        var generation: Int64 = 0
        var cursor: Int64 = 0
        var checkpoint: Int64?
        var lastCheckpointTime: Date
        var processedSinceCheckpoint = 0
        var eventsProcessed = 0
        var runState = ProjectionRunState.stopped
        var fault: ProjectionFault?
        /// Whether `fault` is recorded in the checkpoint stream (or was loaded from it).
        var faultStored = false
        var lastError: String?
        /// The stored state could not be read because the store was out of reach for now (it
        /// retries by itself): loaded again before anything is folded.
        var needsLoad = false
        /// The last catch-up stopped because the store was out of reach (read again after a pause).
        var waitingForStore = false
        var checkpointWriting = false
        var task: Task<Void, Never>?
        var waiters: [(id: UInt64, position: Int64, continuation: CheckedContinuation<Void, Never>)] = []
        var nextWaiter: UInt64 = 0

        /// Waiters whose wait is over: the position is reached or the projection is not running.
        mutating func finishedWaiters() -> [CheckedContinuation<Void, Never>] {
            let running = runState == .running
            let cursor = self.cursor
            let done = waiters.filter { !running || cursor >= $0.position }
            waiters.removeAll { !running || cursor >= $0.position }
            return done.map(\.continuation)
        }
    }

    let projection: P
    let store: any EventStore
    let clock: any StoreClock
    let settings: ProjectionSettings
    private let run: Mutex<Run>

    var name: String { projection.name }

    init(projection: P, store: any EventStore, clock: any StoreClock, settings: ProjectionSettings) {
        self.projection = projection
        self.store = store
        self.clock = clock
        self.settings = settings
        run = Mutex(Run(lastCheckpointTime: clock.now()))
        reload()
    }

    // MARK: - Loading

    /// Replaces the in-memory states with the stored ones (at registration, and after a fault,
    /// whose half-applied state cannot be trusted). A stored state that cannot be read faults it.
    private func reload() {
        let loaded = Result { () throws(EventStoreError) -> (ProjectionCheckpoint?, [String: P.State], [String: Int64]) in
            try load()
        }
        run.withLock { run in
            run.states = [:]
            run.dirty = []
            run.validFrom = [:]
            switch loaded {
            case .success(let (checkpoint, states, validFrom)):
                run.generation = checkpoint?.generation ?? 0
                run.cursor = checkpoint?.next ?? 0
                run.checkpoint = checkpoint?.next
                run.states = states
                run.validFrom = validFrom
                if let fault = checkpoint?.fault {
                    run.runState = .faulted
                    run.fault = fault
                    run.faultStored = true
                }
            case .failure(.unavailable(let reason)) where store.writerRetries:
                // Not the state's fault: read it again once the database is back.
                run.needsLoad = true
                run.lastError = "reading its stored state: the store is unavailable: \(reason)"
            case .failure(let error):
                run.runState = .faulted
                run.fault = ProjectionFault(message: "its stored state cannot be read (reset to rebuild it): \(error)")
            }
            if case .success = loaded { run.needsLoad = false }
        }
    }

    private func load() throws(EventStoreError) -> (ProjectionCheckpoint?, [String: P.State], [String: Int64]) {
        let name = projection.name
        var checkpoint: ProjectionCheckpoint?
        if let event = try lastEvent(of: ProjectionStreamNames.checkpoint(name)) {
            checkpoint = try decode(ProjectionCheckpoint.self, from: event)
        }
        let generation = checkpoint?.generation ?? 0
        let next = checkpoint?.next ?? 0
        var states: [String: P.State] = [:]
        var validFrom: [String: Int64] = [:]
        for info in store.streams(prefix: ProjectionStreamNames.prefix(name)) where info.name.hasSuffix("-result") {
            guard let event = try lastEvent(of: info.name) else { continue }
            let record = try decode(PartitionRecord<P.State>.self, from: event)
            guard record.projection == name, record.generation == generation,
                  info.name == ProjectionStreamNames.result(name, partition: record.partition) else { continue }
            states[record.partition] = record.state
            if record.next > next { validFrom[record.partition] = record.next }
        }
        return (checkpoint, states, validFrom)
    }

    private func lastEvent(of stream: String) throws(EventStoreError) -> RecordedEvent? {
        let last = Result { () throws(EventStoreError) -> [RecordedEvent] in
            try store.read(.stream(stream), from: .end, direction: .backward, maxCount: 1)
        }
        switch last {
        case .success(let events): return events.first
        case .failure(.streamNotFound): return nil
        case .failure(let error): throw error
        }
    }

    private func decode<T: Decodable>(_ type: T.Type, from event: RecordedEvent) throws(EventStoreError) -> T {
        do {
            return try JSONDecoder().decode(type, from: event.data)
        } catch {
            throw .invalidSettings("\(event.stream)@\(event.version) is unreadable: \(error)")
        }
    }

    // MARK: - Processing

    /// `waiting`: the store is out of reach for now and retries by itself (read again later).
    enum PageOutcome { case progressed, caughtUp, faulted, waiting }

    /// Reads and applies one page of events under the lock.
    private func processPage() -> PageOutcome {
        let source = projection.source
        let target = source.target
        let types: Set<String>? = if case .eventTypes(let types) = source { types } else { nil }
        let skipsSystem = target == .all
        let outcome = run.withLock { run -> PageOutcome in
            if run.runState == .faulted { return .faulted }
            let page: [RecordedEvent]
            do throws(EventStoreError) {
                page = try store.read(target, from: .version(run.cursor), direction: .forward, maxCount: settings.pageSize)
            } catch .streamNotFound {
                return .caughtUp
            } catch .unavailable(let reason) where store.writerRetries {
                // Not the projection's fault: it reads from here again once the database is back.
                run.lastError = "reading \(source): the store is unavailable: \(reason)"
                return .waiting
            } catch {
                run.runState = .faulted
                run.fault = ProjectionFault(message: "reading \(source): \(error)")
                return .faulted
            }
            if page.isEmpty { return .caughtUp }
            var key = ""
            var state = projection.initialState
            var holding = false
            for event in page {
                let after = GroupState.cursor(after: event, in: target)
                if skipsSystem, event.stream.hasPrefix("$") || types.map({ !$0.contains(event.type) }) == true {
                    run.cursor = after
                    continue
                }
                let partition = projection.partition(of: event) ?? ""
                if !run.validFrom.isEmpty, let from = run.validFrom[partition], after <= from {
                    run.cursor = after
                    continue
                }
                if !holding || partition != key {
                    if holding { run.states[key] = state }
                    key = partition
                    state = run.states.removeValue(forKey: key) ?? projection.initialState
                    holding = true
                    run.dirty.insert(key)
                }
                do {
                    try projection.apply(&state, event)
                } catch {
                    run.runState = .faulted
                    run.fault = ProjectionFault(message: "\(error)", stream: event.stream, version: event.version, position: event.position)
                    return .faulted
                }
                run.cursor = after
                run.processedSinceCheckpoint += 1
                run.eventsProcessed += 1
            }
            if holding { run.states[key] = state }
            return .progressed
        }
        if outcome == .faulted { reload() }
        return outcome
    }

    /// Processes every event available now, writing checkpoints as they fall due.
    func catchUp() async {
        // A stored state not read yet (the database was away) is read before anything is
        // folded on top of it; while it cannot be, nothing is folded.
        if run.withLock({ $0.needsLoad }) {
            reload()
            if run.withLock({ $0.needsLoad }) { return }
        }
        while true {
            let outcome = processPage()
            for waiter in run.withLock({ $0.finishedWaiters() }) { waiter.resume() }
            switch outcome {
            case .progressed:
                await writeCheckpoint(force: false)
            case .caughtUp:
                await writeCheckpoint(force: false)
                await storeFault() // storing a state may have faulted it
                return
            case .faulted:
                await storeFault()
                return
            case .waiting:
                run.withLock { $0.waitingForStore = true }
                return
            }
        }
    }

    /// Records the fault in the checkpoint stream (at the last durable checkpoint, so stored
    /// states stay valid), so a process that opens the store later shows it faulted too.
    private func storeFault() async {
        let record = run.withLock { run -> ProjectionCheckpoint? in
            guard run.runState == .faulted, let fault = run.fault, !run.faultStored else { return nil }
            run.faultStored = true
            return ProjectionCheckpoint(generation: run.generation, next: run.checkpoint ?? 0, fault: fault)
        }
        guard let record else { return }
        let stream = ProjectionStreamNames.checkpoint(projection.name)
        do {
            let data = try JSONEncoder().encode(record)
            let id = StableHash.uuid(stream, String(record.generation), String(record.next), "fault")
            try await store.limitSystemStream(stream, maxCount: ProjectionStreamNames.statesKept)
            _ = try await store.appendToSystemStream(stream, expected: .any,
                                                     events: [EventData(id: id, type: ProjectionStreamNames.checkpointType, data: data)])
        } catch {
            run.withLock { run in
                run.faultStored = false
                run.lastError = "recording the fault: \(error)"
            }
        }
    }

    func start() {
        run.withLock { run in
            guard run.runState == .stopped, run.task == nil else { return }
            run.runState = .running
            run.task = Task { [weak self, store] in
                while !Task.isCancelled {
                    let head = store.headPosition
                    guard let self else { return }
                    self.run.withLock { $0.waitingForStore = false }
                    await self.catchUp()
                    // The database away (its stored state or its source could not be read):
                    // try again after a pause rather than wait for events that may not come.
                    if self.run.withLock({ $0.needsLoad || $0.waitingForStore }) {
                        do { try await Task.sleep(for: .milliseconds(250)) } catch { return }
                        continue
                    }
                    if self.run.withLock({ $0.runState }) != .running { return }
                    await store.waitForEvents(beyond: head)
                    if store.headPosition == head { return } // cancelled, or the store closed
                }
            }
        }
    }

    func stop() async {
        await abandon()
        await writeCheckpoint(force: true)
    }

    func abandon() async {
        let (task, waiters) = run.withLock { run -> (Task<Void, Never>?, [CheckedContinuation<Void, Never>]) in
            defer { run.task = nil }
            if run.runState == .running { run.runState = .stopped }
            return (run.task, run.finishedWaiters())
        }
        for waiter in waiters { waiter.resume() }
        task?.cancel()
        await task?.value
    }

    func refresh() {
        let idle = run.withLock { run -> Bool in
            guard run.runState != .running, run.task == nil else { return false }
            run.runState = .stopped
            run.fault = nil
            run.faultStored = false
            run.lastError = nil
            return true
        }
        if idle { reload() }
    }

    func storedStatus(runState: ProjectionRunState) -> ProjectionStatus {
        var status = status()
        status.runState = runState
        status.fault = nil
        let stored = Result { () throws(EventStoreError) -> ProjectionCheckpoint? in
            guard let event = try lastEvent(of: ProjectionStreamNames.checkpoint(projection.name)) else { return nil }
            return try decode(ProjectionCheckpoint.self, from: event)
        }
        switch stored {
        case .success(let checkpoint?):
            let head = PersistentGroup.head(of: projection.source.target, in: store)
            status.position = checkpoint.next
            status.checkpoint = checkpoint.next
            status.lag = max(0, head - checkpoint.next)
            status.fault = checkpoint.fault
            if checkpoint.fault != nil { status.runState = .faulted }
        case .success(nil):
            break
        case .failure(let error):
            status.lastError = "reading its checkpoint: \(error)"
        }
        return status
    }

    func reset() async {
        let wasRunning = run.withLock { $0.runState == .running }
        let task = run.withLock { run -> Task<Void, Never>? in
            defer { run.task = nil }
            return run.task
        }
        task?.cancel()
        await task?.value
        run.withLock { run in
            run.generation += 1
            run.states = [:]
            run.dirty = []
            run.validFrom = [:]
            run.cursor = 0
            run.eventsProcessed = 0
            run.processedSinceCheckpoint = 0
            run.runState = .stopped
            run.fault = nil
            run.faultStored = false
        }
        await writeCheckpoint(force: true)
        if wasRunning { start() }
    }

    /// Returns once the projection has read up to `position` (of its source), or is not running
    /// (stopped or faulted), or the task is cancelled.
    func wait(until position: Int64) async {
        let id = run.withLock { run -> UInt64 in
            run.nextWaiter += 1
            return run.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = run.withLock { run -> Bool in
                    if run.runState != .running || run.cursor >= position || Task.isCancelled { return true }
                    run.waiters.append((id, position, continuation))
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            let waiter = run.withLock { run -> CheckedContinuation<Void, Never>? in
                guard let index = run.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return run.waiters.remove(at: index).continuation
            }
            waiter?.resume()
        }
    }

    // MARK: - Checkpoints

    /// Appends one record of `checkpoint` (a partition's state, or the checkpoint itself) to
    /// `stream`, one of the projection's system streams, keeping its last `statesKept`; the
    /// event id derives from the stream and the checkpoint.
    private func writeRecord(_ data: Data, type: String, to stream: String, at checkpoint: ProjectionCheckpoint) async throws(EventStoreError) {
        let id = StableHash.uuid(stream, String(checkpoint.generation), String(checkpoint.next))
        try await store.limitSystemStream(stream, maxCount: ProjectionStreamNames.statesKept)
        _ = try await store.appendToSystemStream(stream, expected: .any, events: [EventData(id: id, type: type, data: data)])
    }

    /// Stores every changed partition's state, then the position they are valid at. A state
    /// that cannot be stored (too large, unusable partition name) faults the projection.
    func writeCheckpoint(force: Bool) async {
        let now = clock.now()
        let claim = run.withLock { run -> (ProjectionCheckpoint, [(String, P.State)], Int)? in
            // Not over a stored state it could not read yet (it would write an empty one).
            guard !run.checkpointWriting, run.runState != .faulted, !run.needsLoad else { return nil }
            let moved = run.checkpoint != run.cursor || !run.dirty.isEmpty
            let due = run.processedSinceCheckpoint >= settings.checkpointEvery
                || (run.processedSinceCheckpoint > 0 && now.timeIntervalSince(run.lastCheckpointTime) >= settings.checkpointAfter)
            guard moved, force || due else { return nil }
            run.checkpointWriting = true
            let dirty = run.dirty.sorted().compactMap { key in run.states[key].map { (key, $0) } }
            run.dirty = []
            return (ProjectionCheckpoint(generation: run.generation, next: run.cursor), dirty, run.processedSinceCheckpoint)
        }
        guard let (checkpoint, dirty, processed) = claim else { return }
        let name = projection.name
        var failure: (message: String, fatal: Bool)?
        var written = 0
        for (partition, state) in dirty {
            let stream = ProjectionStreamNames.result(name, partition: partition)
            let record = PartitionRecord(projection: name, partition: partition, generation: checkpoint.generation,
                                         next: checkpoint.next, state: state)
            do {
                let data = try JSONEncoder().encode(record)
                try await writeRecord(data, type: ProjectionStreamNames.stateType, to: stream, at: checkpoint)
                written += 1
            } catch let error as EventStoreError {
                let fatal = switch error {
                case .invalidStreamName, .eventTooLarge: true
                default: false
                }
                failure = ("storing partition \"\(partition)\": \(error)", fatal)
                break
            } catch {
                failure = ("encoding partition \"\(partition)\": \(error)", true)
                break
            }
        }
        if failure == nil {
            do {
                let stream = ProjectionStreamNames.checkpoint(name)
                let data = try JSONEncoder().encode(checkpoint)
                try await writeRecord(data, type: ProjectionStreamNames.checkpointType, to: stream, at: checkpoint)
            } catch {
                failure = ("writing the checkpoint: \(error)", false)
            }
        }
        let unwritten = dirty.dropFirst(written).map(\.0)
        run.withLock { run in
            run.checkpointWriting = false
            guard let failure else {
                run.checkpoint = checkpoint.next
                run.lastCheckpointTime = now
                run.processedSinceCheckpoint -= processed
                run.lastError = nil
                return
            }
            run.dirty.formUnion(unwritten)
            run.lastError = failure.message
            if failure.fatal {
                run.runState = .faulted
                run.fault = ProjectionFault(message: failure.message)
            }
        }
    }

    // MARK: - Observing

    func status() -> ProjectionStatus {
        let head = PersistentGroup.head(of: projection.source.target, in: store)
        return run.withLock { run in
            ProjectionStatus(name: projection.name, source: projection.source.description, runState: run.runState, fault: run.fault,
                             position: run.cursor, lag: max(0, head - run.cursor), eventsProcessed: run.eventsProcessed,
                             partitions: run.states.count, checkpoint: run.checkpoint, lastError: run.lastError)
        }
    }

    func state(partition: String) -> P.State? {
        run.withLock { $0.states[partition] }
    }

    func anyState(partition: String) -> (any Sendable)? {
        state(partition: partition)
    }

    func stateJSON(partition: String) throws(EventStoreError) -> Data? {
        guard let state = state(partition: partition) else { return nil }
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return try encoder.encode(state)
        } catch {
            throw .invalidSettings("the state of \(projection.name) cannot be encoded: \(error)")
        }
    }

    func partitions() -> [String] {
        run.withLock { $0.states.keys.sorted() }
    }
}
