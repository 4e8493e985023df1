import Foundation
import Synchronization

/// The running side of one persistent-subscription group: it owns the `GroupState` under a
/// lock, reads the source for it, and performs the writes it asks for (parking, checkpoints).
///
/// Thread-safe. Continuations are always resumed outside the lock.
final class PersistentGroup: Sendable {
    let store: any EventStore
    let clock: any StoreClock
    let source: ReadTarget
    let group: String
    let checkpointStream: String
    let parkedStream: String
    let state: Mutex<GroupState>

    init(store: any EventStore, clock: any StoreClock, state: GroupState) {
        self.store = store
        self.clock = clock
        source = state.source
        group = state.group
        checkpointStream = PersistentStreamNames.checkpoint(source: state.source.description, group: state.group)
        parkedStream = PersistentStreamNames.parked(source: state.source.description, group: state.group)
        self.state = Mutex(state)
    }

    /// Reads the source from `cursor`: through the store's own partitioned read when it has
    /// one for this source, else a plain read (the group filters the partition itself).
    private func read(_ cursor: Int64, _ count: Int, _ settings: PersistentSubscriptionSettings) throws(EventStoreError) -> SourcePage {
        if let reader = store as? any PartitionedSourceReading,
           let page = try reader.readSource(source, from: cursor, maxCount: count, partition: settings.partition, strategy: settings.strategy) {
            return page
        }
        return SourcePage(events: try store.read(source, from: .version(cursor), direction: .forward, maxCount: count))
    }

    private func resume(_ waiters: [CheckedContinuation<Void, Never>]) {
        for waiter in waiters { waiter.resume() }
    }

    // MARK: - Consumers

    func connect(id: UInt64, name: String, bufferSize: Int, membership: ConsumerMembership) throws(EventStoreError) {
        let woken = try state.withLock { state throws(EventStoreError) -> [CheckedContinuation<Void, Never>] in
            try state.addConsumer(id: id, name: name, bufferSize: bufferSize, membership: membership)
            return state.dispatch(now: clock.now(), read: read)
        }
        resume(woken)
    }

    enum Poll {
        case messages([PersistentMessage])
        case wait
        case ended
    }

    /// The consumer's ready messages (dispatching first if it has none), else `.wait`.
    func poll(_ id: UInt64) -> Poll {
        let (result, woken) = state.withLock { state -> (Poll, [CheckedContinuation<Void, Never>]) in
            guard !state.closed, let index = state.consumerIndex(id) else { return (.ended, []) }
            var messages = state.takeMessages(for: index)
            if !messages.isEmpty { return (.messages(messages), []) }
            let woken = state.dispatch(now: clock.now(), read: read)
            messages = state.takeMessages(for: index)
            return (messages.isEmpty ? .wait : .messages(messages), woken)
        }
        resume(woken)
        return result
    }

    /// Waits until the consumer's mailbox has something, it is removed, the group closes, or
    /// the task is cancelled.
    func wait(_ id: UInt64) async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = state.withLock { state -> Bool in
                    guard !state.closed, let index = state.consumerIndex(id) else { return true }
                    if !state.consumers[index].mailbox.isEmpty || Task.isCancelled { return true }
                    state.consumers[index].waiter = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                guard let index = state.consumerIndex(id) else { return nil }
                defer { state.consumers[index].waiter = nil }
                return state.consumers[index].waiter
            }
            waiter?.resume()
        }
    }

    /// Removes a consumer and re-dispatches its in-flight messages to the others.
    func disconnect(_ id: UInt64) {
        let woken = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            let waiter = state.removeConsumer(id)
            return state.dispatch(now: clock.now(), read: read) + (waiter.map { [$0] } ?? [])
        }
        resume(woken)
    }

    /// Hands newly available events to consumers with room.
    func dispatch() {
        resume(state.withLock { $0.dispatch(now: clock.now(), read: read) })
    }

    // MARK: - Settling

    func ack(_ message: PersistentMessage, by id: UInt64) async {
        let (woken, checkpoint) = state.withLock { state -> ([CheckedContinuation<Void, Never>], Bool) in
            guard state.land(message.key) != nil else { return ([], false) }
            if let index = state.consumerIndex(id) { state.consumers[index].acked += 1 }
            state.acked += 1
            state.complete(message.key)
            // A consumer that is not waiting picks up its share when it next asks.
            let woken = state.anyoneWaiting ? state.dispatch(now: clock.now(), read: read) : []
            return (woken, state.checkpointDue(now: clock.now()))
        }
        resume(woken)
        if checkpoint { await writeCheckpoint() }
    }

    func ack(_ messages: [PersistentMessage], by id: UInt64) async {
        let (woken, checkpoint) = state.withLock { state -> ([CheckedContinuation<Void, Never>], Bool) in
            var landed = 0
            for message in messages where state.land(message.key) != nil {
                state.complete(message.key)
                landed += 1
            }
            guard landed > 0 else { return ([], false) }
            if let index = state.consumerIndex(id) { state.consumers[index].acked += landed }
            state.acked += landed
            let woken = state.anyoneWaiting ? state.dispatch(now: clock.now(), read: read) : []
            return (woken, state.checkpointDue(now: clock.now()))
        }
        resume(woken)
        if checkpoint { await writeCheckpoint() }
    }

    func nack(_ message: PersistentMessage, action: NackAction, reason: String, by id: UInt64) async {
        if action == .stop {
            disconnect(id)
            return
        }
        let (woken, job) = state.withLock { state -> ([CheckedContinuation<Void, Never>], GroupState.ParkJob?) in
            guard let flight = state.land(message.key) else { return ([], nil) }
            if let index = state.consumerIndex(id) { state.consumers[index].nacked += 1 }
            var job: GroupState.ParkJob?
            switch action {
            case .retry:
                job = state.failed(message.key, flight, reason: "nack: \(reason)")
            case .requeue:
                state.requeueUncounted(message.key, flight)
            case .park:
                job = GroupState.ParkJob(key: message.key, box: flight.box, retryCount: flight.retryCount, reason: "nack: \(reason)")
            case .skip:
                state.complete(message.key)
            case .stop:
                break
            }
            return (state.dispatch(now: clock.now(), read: read), job)
        }
        resume(woken)
        await park(job.map { [$0] } ?? [])
    }

    /// Retries or parks messages past their deadline, then writes a checkpoint if one is due.
    func tick() async {
        let now = clock.now()
        let (jobs, woken) = state.withLock { state -> ([GroupState.ParkJob], [CheckedContinuation<Void, Never>]) in
            let jobs = state.expire(now: now)
            return (jobs, state.dispatch(now: clock.now(), read: read))
        }
        resume(woken)
        await park(jobs)
    }

    // MARK: - Parking

    /// Appends messages to the parked stream; each counts as processed once it is durable. A
    /// failed append puts the message back for retry and records the error.
    private func park(_ jobs: [GroupState.ParkJob]) async {
        for job in jobs {
            let id = state.withLock { state -> UUID in
                state.parkCounter += 1
                return StableHash.uuid(parkedStream, job.box.event.id.uuidString, String(state.parkedNext), String(state.parkCounter))
            }
            let entry = ParkedEntry(event: job.box.event, reason: job.reason, retryCount: job.retryCount)
            let outcome: Result<AppendResult, EventStoreError>
            do {
                let data = try JSONEncoder().encode(entry)
                outcome = .success(try await store.appendToSystemStream(
                    parkedStream, expected: .any, events: [EventData(id: id, type: PersistentStreamNames.parkedType, data: data)]))
            } catch let error as EventStoreError {
                outcome = .failure(error)
            } catch {
                outcome = .failure(.invalidSettings("cannot encode a parked message: \(error)"))
            }
            let woken = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                switch outcome {
                case .success(let result):
                    state.parkedNext = max(state.parkedNext, result.lastVersion + 1)
                    state.parkedTotal += 1
                    state.complete(job.key)
                case .failure(let error):
                    state.lastError = "parking \(job.box.event.stream)@\(job.box.event.version): \(error)"
                    state.requeue(GroupState.Delivery(key: job.key, box: job.box, retryCount: job.retryCount))
                }
                return state.dispatch(now: clock.now(), read: read)
            }
            resume(woken)
        }
        await writeCheckpoint()
    }

    /// Queues up to `limit` parked messages (oldest first) for redelivery ahead of new events.
    func replayParked(limit: Int?) throws(EventStoreError) -> Int {
        let stored = (store.lastVersion(of: parkedStream) ?? -1) + 1
        let (count, woken) = try state.withLock { state throws(EventStoreError) -> (Int, [CheckedContinuation<Void, Never>]) in
            state.parkedNext = max(state.parkedNext, stored)
            let available = Int(state.parkedNext - state.replayCursor)
            let wanted = min(available, limit ?? available)
            guard wanted > 0 else { return (0, []) }
            let entries = try store.read(.stream(parkedStream), from: .version(state.replayCursor), direction: .forward, maxCount: wanted)
            for entry in entries {
                state.replayCursor = entry.version + 1
                do {
                    let parked = try JSONDecoder().decode(ParkedEntry.self, from: entry.data)
                    var event = try store.event(at: parked.position)
                    event.link = parked.link
                    state.parkedWindow.append(cursorAfter: entry.version + 1)
                    state.replays.append(GroupState.Delivery(key: .parked(entry.version), box: EventBox(event), retryCount: 0))
                } catch {
                    state.parkedWindow.append(cursorAfter: entry.version + 1, isDone: true)
                    state.lastError = "\(parkedStream)@\(entry.version) cannot be replayed: \(error)"
                }
            }
            return (entries.count, state.dispatch(now: clock.now(), read: read))
        }
        resume(woken)
        return count
    }

    // MARK: - Checkpoints

    /// Writes the current checkpoint if one is due (or, with `force`, if anything was processed
    /// since the last).
    ///
    /// `closing`: the last write before the group stops, made whenever the current checkpoint
    /// differs from the last one written, even while another write is under way (which would
    /// otherwise skip it, and a restart would redo what was acknowledged since). That earlier
    /// write may land after this one; opening takes the furthest recent checkpoint, so it
    /// cannot take the group back.
    func writeCheckpoint(force: Bool = false, closing: Bool = false) async {
        let now = clock.now()
        let claimed = state.withLock { state -> (GroupState.Checkpoint, Int)? in
            if closing {
                guard state.currentCheckpoint != state.lastCheckpoint else { return nil }
            } else {
                guard state.checkpointDue(now: now, force: force) else { return nil }
            }
            state.checkpointWriting = true
            return (state.currentCheckpoint, state.processedSinceCheckpoint)
        }
        guard let (checkpoint, processed) = claimed else { return }
        let id = StableHash.uuid(checkpointStream, String(checkpoint.generation), String(checkpoint.next), String(checkpoint.parkedReplayed))
        var failure: String?
        do {
            let data = try JSONEncoder().encode(checkpoint)
            // Only the newest checkpoints matter; older ones drop out of reads.
            try await store.limitSystemStream(checkpointStream, maxCount: PersistentStreamNames.checkpointsKept)
            _ = try await store.appendToSystemStream(checkpointStream, expected: .any,
                                                     events: [EventData(id: id, type: PersistentStreamNames.checkpointType, data: data)])
        } catch {
            failure = "writing checkpoint: \(error)"
        }
        state.withLock { state in
            state.checkpointWriting = false
            if let failure {
                state.lastError = failure
            } else {
                if state.lastCheckpoint.map({ checkpoint.isAhead(of: $0) }) ?? true {
                    state.lastCheckpoint = checkpoint
                    state.lastCheckpointTime = now
                }
                state.processedSinceCheckpoint = max(0, state.processedSinceCheckpoint - processed)
            }
        }
    }

    /// Stops delivering: every consumer's iteration ends.
    func shutDown() {
        let woken = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.closed = true
            var woken: [CheckedContinuation<Void, Never>] = []
            for index in state.consumers.indices {
                state.consumers[index].membership.end()
                if let waiter = state.consumers[index].waiter { woken.append(waiter) }
                state.consumers[index].waiter = nil
            }
            return woken
        }
        resume(woken)
    }

    func update(settings: PersistentSubscriptionSettings) {
        resume(state.withLock { state in
            state.settings = settings
            return state.dispatch(now: clock.now(), read: read)
        })
    }

    // MARK: - Statistics

    func stats() -> PersistentGroupStats {
        let head = sourceHead()
        return state.withLock { state in
            PersistentGroupStats(
                group: state.group, source: state.source.description, strategy: state.settings.strategy,
                delivered: state.delivered, inFlight: state.inFlight.count, acked: state.acked, retried: state.retried,
                parkedTotal: state.parkedTotal, parked: Int(state.parkedNext - state.replayCursor),
                waitingForRetry: state.retries.count + state.replays.count,
                lastCheckpoint: state.lastCheckpoint?.next, lastCheckpointTime: state.lastCheckpoint.map { _ in state.lastCheckpointTime },
                lag: max(0, head - state.window.completedCursor), lastError: state.lastError,
                consumers: state.consumers.map { consumer in
                    PersistentConsumerStats(id: consumer.id, name: consumer.name, delivered: consumer.delivered,
                                            inFlight: consumer.inFlight, acked: consumer.acked, nacked: consumer.nacked,
                                            timedOut: consumer.timedOut, bufferSize: consumer.bufferSize)
                })
        }
    }

    /// The source position one past its last event.
    func sourceHead() -> Int64 {
        PersistentGroup.head(of: source, in: store)
    }

    static func head(of source: ReadTarget, in store: any EventStore) -> Int64 {
        switch source {
        case .all:
            return Int64(store.headPosition)
        case .stream(let name):
            return (store.lastVersion(of: name) ?? -1) + 1
        case .category, .eventType, .streams:
            let last = Result { () throws(EventStoreError) -> [RecordedEvent] in
                try store.read(source, from: .end, direction: .backward, maxCount: 1)
            }
            guard case .success(let events) = last, let event = events.first else { return 0 }
            return GroupState.cursor(after: event, in: source)
        }
    }
}

/// What the parked stream holds for each parked message: where the original event is.
struct ParkedEntry: Codable {
    var stream: String
    var version: Int64
    var position: UInt64
    var linkStream: String?
    var linkVersion: Int64?
    var reason: String
    var retryCount: Int

    init(event: RecordedEvent, reason: String, retryCount: Int) {
        stream = event.stream
        version = event.version
        position = event.position
        linkStream = event.link?.stream
        linkVersion = event.link?.version
        self.reason = reason
        self.retryCount = retryCount
    }

    var link: IndexEntry? {
        guard let linkStream, let linkVersion else { return nil }
        return IndexEntry(stream: linkStream, version: linkVersion)
    }
}
