import Foundation
import Store
import Synchronization

/// The bank as one object: the store, the five domains' processors, the simulator and the live
/// read models. The console's TUI and command line both drive the bank through it.
///
/// - Writes go through domain writers (a domain never writes another's streams); bad input is
///   refused with a `BankError` before anything is written.
/// - `pay`/`send`/`release`/`reject` return once the payment is at rest (settled, held,
///   returned, failed, accepted or rejected by the scheme); the processors must be running.
/// - `readModels` is kept current by following `$all`; `changes()` tells a UI when it moved.
/// - Time and randomness come from the injected clock and the configuration's seed.
///
/// Thread-safe.
public final class Bank: Sendable {
    public let store: any EventStore
    public let clock: any StoreClock
    public let configuration: BankConfiguration
    /// The write side's current view of accounts, ledgers, payments and the sanctions list.
    public let views: BankViews
    /// The bank's processors: inbound and outbound payments, ledger postings, scheme answers.
    public let processors: [any Processor]
    /// The simulated payment schemes.
    public let simulator: SchemeSimulator
    /// Emits scheduled and standing payments when they fall due; runs with the processors.
    public let scheduler: Scheduler
    /// The store's persistent subscriptions, on which the processors compete (statistics,
    /// parked messages and their replay).
    public let subscriptions: PersistentSubscriptions
    let ownsStore: Bool
    let state: Mutex<BankState>
    /// Held while the read models are saved: the position of the last save.
    let saving = Mutex<UInt64?>(nil)

    struct BankState {
        var readModels = BankOverview()
        /// Where the follower reads `$all` from next: just after the last event folded.
        var followPosition: UInt64 = 0
        /// The id of the last event folded (what a save records with its position).
        var lastEventId: UUID?
        /// Events folded since the read models were last saved.
        var unsaved = 0
        /// How the read models started: resumed from a save, or rebuilt and why.
        var origin = ReadModelsOrigin.rebuilt(reason: nil)
        /// Why the last save of the read models failed, if it did.
        var saveFailure: ReadModelStateError?
        /// When the last save ended and how long it took (the next waits ten times as long).
        var lastSave: (ended: Date, seconds: TimeInterval)?
        var follower: Task<Void, Never>?
        /// Why the follower stopped reading the store (a failed read, the store closed), if it did.
        var followerStopped: EventStoreError?
        var runner: ProcessorDriver?
        var listeners: [UInt64: AsyncStream<UInt64>.Continuation] = [:]
        var idCounter: UInt64 = 0
        var closed = false
    }

    /// Opens the bank on `store`, seeding it first when it is empty (and the configuration says so),
    /// and starts following the log for the read models. Processors and simulator stay stopped.
    /// - Parameter ownsStore: whether `close()` also closes the store.
    public init(store: any EventStore, clock: any StoreClock, configuration: BankConfiguration = BankConfiguration(),
                ownsStore: Bool = false) async throws(BankError) {
        self.store = store
        self.clock = clock
        self.configuration = configuration
        self.ownsStore = ownsStore
        let threshold = configuration.screeningThreshold
        views = BankViews(store: store) { entries in SanctionsScreener(entries: entries, threshold: threshold) }
        // The simulator continues its own sequence from the store (see `SchemeSimulator`), so
        // the configured seed alone makes it deterministic and never repeating across restarts.
        simulator = SchemeSimulator(store: store, clock: clock, views: views, seed: configuration.seed, settings: configuration.simulator)
        let simulator = self.simulator
        scheduler = Scheduler(store: store, clock: clock)
        processors = [
            InboundPaymentProcessor(views: views),
            OutboundPaymentProcessor(views: views),
            LedgerProcessor(views: views),
            SchemeAnswerProcessor(views: views, rejectPercent: { simulator.settings.schemeRejectPercent }),
        ]
        state = Mutex(BankState())
        do {
            subscriptions = try PersistentSubscriptions(store: store, clock: clock, tickInterval: configuration.subscriptionTick)
        } catch {
            throw .store(error)
        }
        if configuration.seedWhenEmpty && store.headPosition == 0 {
            _ = try await seed()
        }
        if let creator = configuration.creator { try await addFirstOperator(creator) }
        if configuration.followsLog {
            resumeReadModels()
            startFollowing()
        }
    }

    /// Seeds from the configured (or bundled) seed files; idempotent.
    @discardableResult
    public func seed() async throws(BankError) -> BankSeeder.Report {
        guard let directory = configuration.seedsDirectory ?? BundledSeeds.directory else {
            throw .seedFailed("no seeds directory")
        }
        let files: SeedFiles
        do {
            files = try SeedFiles(directory: directory)
        } catch {
            throw .seedFailed(error.description)
        }
        guard configuration.sanctionsSeed == .ofac else {
            do {
                return try await BankSeeder(store: store, clock: clock).seed(files)
            } catch {
                throw .store(error)
            }
        }
        return try await seedWithOFAC(files)
    }

    // MARK: - Read models

    /// The bank-wide views as of the last event followed (a cheap copy).
    public var readModels: BankOverview { state.withLock { $0.readModels } }

    /// Positions after which the read models changed, as they change (newest only when the
    /// reader is slow). Ends when the bank closes.
    public func changes() -> AsyncStream<UInt64> {
        let (stream, continuation) = AsyncStream.makeStream(of: UInt64.self, bufferingPolicy: .bufferingNewest(1))
        let key = nextCounter()
        let closed = state.withLock { state -> Bool in
            if !state.closed { state.listeners[key] = continuation }
            return state.closed
        }
        if closed { continuation.finish() }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.listeners.removeValue(forKey: key) }
        }
        return stream
    }

    /// Returns once the read models have applied every event before `position` (the store's head when nil).
    ///
    /// Throws `.fault` when the read models stopped at an event they cannot trust (they never
    /// get past it, so they would never catch up), and `.store` when the follower could not read
    /// the store: it never waits for a follower that has stopped.
    public func readModelsCatchUp(to position: UInt64? = nil) async throws(BankError) {
        guard configuration.followsLog else { return }
        let target = position ?? store.headPosition
        // Listening before looking, so a change between the look and the wait is not missed.
        var changes = changes().makeAsyncIterator()
        while true {
            let (reached, closed, fault, stopped) = state.withLock {
                ($0.followPosition >= target, $0.closed, $0.readModels.fault, $0.followerStopped)
            }
            if let fault { throw .fault(fault) }
            if reached || closed { return }
            if let stopped { throw .store(stopped) }
            if await changes.next() == nil { return }
        }
    }

    /// Records why the follower stopped reading and tells the listeners.
    private func followerStopped(_ error: EventStoreError) {
        let listeners = state.withLock { state -> [AsyncStream<UInt64>.Continuation] in
            state.followerStopped = error
            return Array(state.listeners.values)
        }
        let position = state.withLock { $0.followPosition }
        for listener in listeners { listener.yield(position) }
    }

    /// How long the follower waits before reading again from a store out of reach.
    static let unreachablePause = Duration.milliseconds(250)

    private func startFollowing() {
        let task = Task { [weak self] in
            while !Task.isCancelled {
                guard let self else { return }
                let from = self.state.withLock { $0.followPosition }
                let page: [RecordedEvent]
                do throws(EventStoreError) {
                    page = try self.store.read(.all, from: .version(Int64(from)), direction: .forward, maxCount: 1024)
                } catch {
                    // A database out of reach that the store retries by itself: look again after
                    // a pause (the views wait where they are); anything else stops the follower.
                    if case .unavailable = error, self.store.writerRetries {
                        do { try await self.configuration.sleep(Self.unreachablePause) } catch { return }
                        continue
                    }
                    self.followerStopped(error)
                    return
                }
                if page.isEmpty {
                    await self.store.waitForEvents(beyond: from)
                    if Task.isCancelled { return }
                    if self.store.headPosition <= from {
                        self.followerStopped(.closed) // woken with nothing new: the store closed
                        return
                    }
                    continue
                }
                // Decode outside the lock, then fold in place under it: the models stay uniquely
                // referenced, so a fold writes its chunks without copying them. (Folding a copy
                // made every page copy each chunk it touched, since the published value shared
                // them — a cost growing with the number of payments.) Readers copy under the
                // same lock, so they see whole pages only.
                let decoded = self.views.decoded.events(for: page)
                let lookup = EntityReads.paymentLookup(in: self.store)
                let (listeners, stopped, failure, due) = self.state.withLock { state -> ([AsyncStream<UInt64>.Continuation], Bool, EventStoreError?, Bool) in
                    var failure: EventStoreError?
                    for (event, known) in zip(page, decoded) {
                        do throws(EventStoreError) {
                            try state.readModels.apply(event, decoded: known, lookup: lookup)
                        } catch {
                            failure = error
                            break
                        }
                        if state.readModels.fault != nil { break }
                        state.followPosition = event.position + 1
                        state.lastEventId = event.id
                        state.unsaved += 1
                    }
                    let due = state.unsaved >= self.configuration.readModelSaveInterval && state.readModels.fault == nil
                        && state.lastSave.map { self.clock.now().timeIntervalSince($0.ended) >= 10 * $0.seconds } ?? true
                    return (Array(state.listeners.values), state.readModels.fault != nil, failure, due)
                }
                if let failure {
                    self.followerStopped(failure)
                    return
                }
                if due { self.saveReadModels() }
                let position = page[page.count - 1].position + 1
                for listener in listeners { listener.yield(position) }
                // Stopped at an event it cannot trust (`readModels.fault` says which): it never
                // folds past it. Listeners were told, so a waiting catch-up sees the fault.
                if stopped { return }
            }
        }
        state.withLock { $0.follower = task }
    }

    func nextCounter() -> UInt64 {
        state.withLock { state in
            state.idCounter += 1
            return state.idCounter
        }
    }

    /// A new payment id: deterministic for the seed, the store's head and the call count.
    func newPaymentId(_ purpose: String) -> UUID {
        DerivedEventID.make(name: "\(purpose):\(configuration.seed):\(store.headPosition):\(nextCounter())")
    }

    // MARK: - Lifecycle

    /// Stops the processors, the simulator and the read-model follower; closes the store if the
    /// bank opened it.
    public func close() async {
        simulator.stop()
        await stopProcessors()
        await subscriptions.close()
        let (follower, listeners) = state.withLock { state in
            state.closed = true
            defer { state.listeners.removeAll() }
            return (state.follower, Array(state.listeners.values))
        }
        follower?.cancel()
        for listener in listeners { listener.finish() }
        if configuration.followsLog { saveReadModels() }
        if ownsStore {
            await store.close()
            PersonalDataKeyring.unregister(store)
        }
    }
}
