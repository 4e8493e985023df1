import Foundation

/// The state machine of one persistent-subscription group: what is read, queued, in flight and
/// done, and who gets what. It performs no I/O except synchronous reads handed to it; writes
/// (parking, checkpoints) come back as jobs for `PersistentGroup` to perform.
struct GroupState: Sendable {
    /// An event waiting to be (re)delivered.
    struct Delivery {
        var key: MessageKey
        var box: EventBox
        var retryCount: Int
    }

    /// A message handed to a consumer and not yet settled.
    struct InFlight {
        var delivery: UInt64
        var consumer: UInt64
        var deadline: Date
        var box: EventBox
        var retryCount: Int
    }

    /// A message to append to the parked stream.
    struct ParkJob {
        var key: MessageKey
        var box: EventBox
        var retryCount: Int
        var reason: String
    }

    struct Consumer {
        let id: UInt64
        let name: String
        let bufferSize: Int
        /// Shared with the `PersistentConsumer`, which checks it before serving buffered messages.
        let membership: ConsumerMembership
        var mailbox = FifoQueue<PersistentMessage>()
        var waiter: CheckedContinuation<Void, Never>?
        var inFlight = 0
        var delivered = 0
        var acked = 0
        var nacked = 0
        var timedOut = 0
        var pinnedBuckets = 0

        var hasRoom: Bool { inFlight < bufferSize }
    }

    /// What was durably recorded as processed.
    struct Checkpoint: Codable, Hashable {
        /// Source position to resume from.
        var next: Int64
        /// Parked-stream version before which all parked messages were replayed and settled.
        var parkedReplayed: Int64
        /// The group incarnation it belongs to (a recreated group ignores older checkpoints).
        var generation: Int64

        /// Whether this one covers at least what `other` covers (both only ever grow).
        func isAhead(of other: Checkpoint) -> Bool {
            next >= other.next && parkedReplayed >= other.parkedReplayed
        }
    }

    static let pinnedBucketCount = 1_024

    let group: String
    let source: ReadTarget
    let generation: Int64
    var settings: PersistentSubscriptionSettings

    // MARK: Source and queues
    var readCursor: Int64
    var window: ProgressWindow
    var fresh = FifoQueue<Delivery>()
    var retries = FifoQueue<Delivery>()
    var replays = FifoQueue<Delivery>()
    var inFlight = InFlightTable()
    var nextDelivery: UInt64 = 0

    // MARK: Consumers
    var consumers: [Consumer] = []
    var roundRobinNext = 0
    var pinned: [Int: UInt64] = [:]

    // MARK: Parked
    var parkedNext: Int64
    var replayCursor: Int64
    var parkedWindow: ProgressWindow
    var parkCounter: UInt64 = 0

    // MARK: Checkpoints
    var lastCheckpoint: Checkpoint?
    var lastCheckpointTime: Date
    var processedSinceCheckpoint = 0
    var checkpointWriting = false

    // MARK: Counters
    var delivered = 0
    var acked = 0
    var retried = 0
    var parkedTotal = 0
    var lastError: String?
    var closed = false

    init(group: String, source: ReadTarget, generation: Int64, settings: PersistentSubscriptionSettings,
         start: Int64, parkedNext: Int64, parkedReplayed: Int64, checkpoint: Checkpoint?, now: Date) {
        self.group = group
        self.source = source
        self.generation = generation
        self.settings = settings
        readCursor = start
        window = ProgressWindow(base: 0, cursor: start)
        self.parkedNext = parkedNext
        replayCursor = parkedReplayed
        parkedWindow = ProgressWindow(base: parkedReplayed, cursor: parkedReplayed)
        lastCheckpoint = checkpoint
        lastCheckpointTime = now
    }

    var currentCheckpoint: Checkpoint {
        Checkpoint(next: window.completedCursor, parkedReplayed: parkedWindow.completedCursor, generation: generation)
    }

    // MARK: - Consumers

    // Index loops rather than `firstIndex(where:)`: closures over `Consumer` copy it (its queue
    // included), which showed in the round-robin benchmark.
    func consumerIndex(_ id: UInt64) -> Int? {
        for index in consumers.indices where consumers[index].id == id { return index }
        return nil
    }

    var anyoneHasRoom: Bool {
        for index in consumers.indices where consumers[index].hasRoom { return true }
        return false
    }

    mutating func addConsumer(id: UInt64, name: String, bufferSize: Int, membership: ConsumerMembership) throws(EventStoreError) {
        if closed { throw .closed }
        if settings.maxSubscriberCount > 0, consumers.count >= settings.maxSubscriberCount {
            throw .tooManyConsumers(group: group, limit: settings.maxSubscriberCount)
        }
        consumers.append(Consumer(id: id, name: name, bufferSize: bufferSize, membership: membership))
    }

    /// Removes a consumer; its in-flight messages go back to the front of the retry queue.
    /// Returns its waiter, to be resumed.
    mutating func removeConsumer(_ id: UInt64) -> CheckedContinuation<Void, Never>? {
        guard let index = consumerIndex(id) else { return nil }
        let waiter = consumers[index].waiter
        consumers[index].membership.end()
        consumers.remove(at: index)
        if roundRobinNext > index { roundRobinNext -= 1 }
        if roundRobinNext >= consumers.count { roundRobinNext = 0 }
        pinned = pinned.filter { $0.value != id }
        let orphans = inFlight.entries { $0.consumer == id }
        for (key, flight) in orphans {
            _ = inFlight.removeValue(forKey: key)
            requeue(Delivery(key: key, box: flight.box, retryCount: flight.retryCount))
            retried += 1
        }
        return waiter
    }

    /// Puts a message back for redelivery ahead of new events, keeping older ones first.
    mutating func requeue(_ delivery: Delivery) {
        if case .parked = delivery.key {
            var all = replays.removeAll()
            all.append(delivery)
            all.sort { $0.key < $1.key }
            for item in all { replays.append(item) }
        } else {
            retries.append(delivery)
        }
    }

    /// Takes the live messages from a consumer's mailbox (stale ones, already timed out or
    /// moved to another consumer, are dropped).
    mutating func takeMessages(for index: Int) -> [PersistentMessage] {
        var messages: [PersistentMessage] = []
        while let message = consumers[index].mailbox.popFirst() {
            if inFlight[message.key]?.delivery == message.delivery { messages.append(message) }
        }
        return messages
    }

    /// Whether a consumer is waiting for messages (so freed room should be filled now).
    var anyoneWaiting: Bool {
        for index in consumers.indices where consumers[index].waiter != nil { return true }
        return false
    }

    // MARK: - Dispatching

    /// Hands queued messages to consumers with room, reading the source when the queue runs dry.
    /// Returns the waiters to resume.
    mutating func dispatch(now: @autoclosure () -> Date, read: (Int64, Int, PersistentSubscriptionSettings) throws(EventStoreError) -> SourcePage) -> [CheckedContinuation<Void, Never>] {
        var woken: [CheckedContinuation<Void, Never>] = []
        guard !closed, !consumers.isEmpty else { return woken }
        var deadline: Date?
        while anyoneHasRoom {
            let queue: WhichQueue
            if !replays.isEmpty {
                queue = .replays
            } else if !retries.isEmpty {
                queue = .retries
            } else {
                if fresh.isEmpty { refill(read: read) }
                if fresh.isEmpty { break }
                queue = .fresh
            }
            let next: Delivery? = switch queue {
            case .replays: replays.first
            case .retries: retries.first
            case .fresh: fresh.first
            }
            guard let delivery = next else { break }
            if settings.strategy == .pinned { pin(delivery.box.event) }
            guard let index = chooseConsumer(for: delivery.box.event) else { break }
            if settings.strategy == .roundRobin { roundRobinNext = (index + 1) % consumers.count }
            switch queue {
            case .replays: _ = replays.popFirst()
            case .retries: _ = retries.popFirst()
            case .fresh: _ = fresh.popFirst()
            }
            nextDelivery += 1
            let due = deadline ?? now().addingTimeInterval(settings.messageTimeout)
            deadline = due
            inFlight.insert(InFlight(delivery: nextDelivery, consumer: consumers[index].id, deadline: due,
                                     box: delivery.box, retryCount: delivery.retryCount), for: delivery.key)
            consumers[index].mailbox.append(PersistentMessage(box: delivery.box, retryCount: delivery.retryCount,
                                                              key: delivery.key, delivery: nextDelivery))
            consumers[index].inFlight += 1
            consumers[index].delivered += 1
            delivered += 1
            if let waiter = consumers[index].waiter {
                consumers[index].waiter = nil
                woken.append(waiter)
            }
        }
        return woken
    }

    private enum WhichQueue { case replays, retries, fresh }

    private func chooseConsumer(for event: RecordedEvent) -> Int? {
        switch settings.strategy {
        case .roundRobin:
            for step in 0..<consumers.count {
                let index = (roundRobinNext + step) % consumers.count
                if consumers[index].hasRoom { return index }
            }
            return nil
        case .dispatchToSingle:
            for index in consumers.indices where consumers[index].hasRoom { return index }
            return nil
        case .pinned:
            let bucket = Int(StableHash.fnv1a(event.stream) % UInt64(Self.pinnedBucketCount))
            if let owner = pinned[bucket], let index = consumerIndex(owner) {
                return consumers[index].hasRoom ? index : nil
            }
            return nil
        }
    }

    /// Assigns a pinned bucket that has no live owner to the consumer holding fewest buckets.
    mutating func pin(_ event: RecordedEvent) {
        let bucket = Int(StableHash.fnv1a(event.stream) % UInt64(Self.pinnedBucketCount))
        if let owner = pinned[bucket], consumerIndex(owner) != nil { return }
        var best = 0
        for index in consumers.indices where consumers[index].pinnedBuckets < consumers[best].pinnedBuckets {
            best = index
        }
        pinned[bucket] = consumers[best].id
        consumers[best].pinnedBuckets += 1
    }

    private mutating func refill(read: (Int64, Int, PersistentSubscriptionSettings) throws(EventStoreError) -> SourcePage) {
        let page: SourcePage
        do {
            page = try read(readCursor, settings.readBatchSize, settings)
        } catch .streamNotFound {
            return
        } catch .streamDeleted {
            return
        } catch {
            lastError = "reading \(source): \(error)"
            return
        }
        for event in page.events {
            let after = Self.cursor(after: event, in: source)
            readCursor = after
            if case .all = source, event.stream.hasPrefix("$") {
                window.append(cursorAfter: after, isDone: true)
                continue
            }
            if let partition = settings.partition, !partition.holds(event, strategy: settings.strategy) {
                window.append(cursorAfter: after, isDone: true)
                continue
            }
            let ordinal = window.base + Int64(window.pending)
            window.append(cursorAfter: after)
            fresh.append(Delivery(key: .source(ordinal), box: EventBox(event), retryCount: 0))
        }
        // The store left out entries of other partitions after the last event it returned.
        if let scanned = page.scannedTo, scanned > readCursor {
            readCursor = scanned
            window.append(cursorAfter: scanned, isDone: true)
        }
    }

    /// The source position just after `event`.
    static func cursor(after event: RecordedEvent, in source: ReadTarget) -> Int64 {
        switch source {
        case .all: Int64(event.position) + 1
        case .stream: event.version + 1
        case .category, .eventType, .streams: (event.link?.version ?? -1) + 1
        }
    }

    // MARK: - Settling

    /// Marks a message processed (acked, skipped or parked).
    mutating func complete(_ key: MessageKey) {
        switch key {
        case .source(let ordinal): window.markDone(ordinal)
        case .parked(let version): parkedWindow.markDone(version)
        }
        processedSinceCheckpoint += 1
    }

    /// Takes a message out of flight, crediting its consumer's room.
    mutating func land(_ key: MessageKey) -> InFlight? {
        guard let flight = inFlight.removeValue(forKey: key) else { return nil }
        if let index = consumerIndex(flight.consumer) { consumers[index].inFlight -= 1 }
        return flight
    }

    /// A delivery to deliver again as it was (`nack(.requeue)`): its retries are not counted.
    mutating func requeueUncounted(_ key: MessageKey, _ flight: InFlight) {
        requeue(Delivery(key: key, box: flight.box, retryCount: flight.retryCount))
        retried += 1
    }

    /// A delivery failed (timeout or `nack(.retry)`): retry it, or park it once out of retries.
    mutating func failed(_ key: MessageKey, _ flight: InFlight, reason: String) -> ParkJob? {
        if flight.retryCount >= settings.maxRetryCount {
            return ParkJob(key: key, box: flight.box, retryCount: flight.retryCount,
                           reason: "\(reason); retried \(flight.retryCount) times")
        }
        requeue(Delivery(key: key, box: flight.box, retryCount: flight.retryCount + 1))
        retried += 1
        return nil
    }

    /// Moves every message whose deadline has passed to retry or parking.
    mutating func expire(now: Date) -> [ParkJob] {
        let expired = inFlight.entries { $0.deadline <= now }
        var jobs: [ParkJob] = []
        for (key, _) in expired {
            guard let flight = land(key) else { continue }
            if let index = consumerIndex(flight.consumer) { consumers[index].timedOut += 1 }
            if let job = failed(key, flight, reason: "message timeout") { jobs.append(job) }
        }
        return jobs
    }

    /// Whether a checkpoint is due at `now` (count bound, or time bound with enough processed);
    /// with `force`, whether anything was processed since the last one.
    func checkpointDue(now: @autoclosure () -> Date, force: Bool = false) -> Bool {
        guard !checkpointWriting, currentCheckpoint != lastCheckpoint else { return false }
        if force { return processedSinceCheckpoint > 0 }
        if processedSinceCheckpoint >= settings.checkpointUpperBound { return true }
        return processedSinceCheckpoint >= settings.checkpointLowerBound
            && now().timeIntervalSince(lastCheckpointTime) >= settings.checkpointAfter
    }
}

extension MessageKey: Comparable {
    static func < (lhs: MessageKey, rhs: MessageKey) -> Bool {
        switch (lhs, rhs) {
        case let (.parked(a), .parked(b)): a < b
        case let (.source(a), .source(b)): a < b
        case (.parked, .source): true
        case (.source, .parked): false
        }
    }
}
