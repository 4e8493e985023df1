import Foundation
import Store
import Synchronization

/// The outside payment schemes (Bacs, FPS, CHAPS) as a deterministic simulator: it sends this
/// bank inbound payments on `Scheme-*` at an adjustable rate and mix, and can send one given
/// payment on request. (Its answers to outbound payments are `SchemeAnswerProcessor`.)
///
/// For a seed, the sequence of payments is always the same; when they are sent depends on the
/// injected clock. Message `n` of the sequence is drawn from a generator seeded by the seed and
/// `n`, and a simulator opened on a store continues at `n` = the number of events already on the
/// `Scheme-*` streams, so a restart never sends a payment id again (the store is the
/// simulator's persisted sequence number). Thread-safe; settings change while it runs.
public final class SchemeSimulator: Sendable {
    /// What it has done so far.
    public struct Statistics: Sendable, Hashable {
        public var sent: [SimulatedKind: Int] = [:]
        public var isRunning = false
        public var isPaused = false
        /// Payments sent on request (`send(_:)`), not from the seeded sequence.
        public var requested = 0
        /// Why the background sending stopped, if it failed (`isRunning` is then false): show it.
        public var lastError: String?
        /// Payments the rate asked for that were not sent because sending fell more than
        /// `backlogSeconds` behind (the simulator never builds an unbounded backlog).
        public var skipped = 0
        public var total: Int { sent.values.reduce(0, +) }

        public init() {}
    }

    private struct State {
        let seed: UInt64
        /// The number of the next message of the sequence; read from the store on first use.
        var sequence: UInt64?
        var settings: SimulatorSettings
        var statistics = Statistics()
        var lastTick: Date?
        /// Payments owed but not yet sent (the fractional part of rate × time).
        var owed: Double = 0
        var task: Task<Void, Never>?
        /// Where sent payments are also written as `pacs.008` files, if anywhere.
        var pacs008: Pacs008Output?
        /// Why writing them failed: the background sending stops with it.
        var outputFailure: String?
    }

    private let store: any EventStore
    private let clock: any StoreClock
    let views: BankViews
    private let writer: DomainWriter
    /// Writes the simulated customers' own payments out (`OutboundPaymentRequested`).
    private let customers: DomainWriter
    private let factory = SimulatedPaymentFactory()
    private let state: Mutex<State>

    /// - Parameter instance: on a store other processes write too, what tells this simulator's
    ///   payments from theirs (mixed into `seed`): by default a number drawn at start. Two
    ///   simulators with one seed would otherwise draw the same payments, and the store refuses
    ///   the second copy of each (which stopped the second process's simulator). A store only
    ///   this process writes keeps the seed as given, so a seed repeats a run exactly.
    public init(store: any EventStore, clock: any StoreClock, views: BankViews, seed: UInt64, settings: SimulatorSettings = SimulatorSettings(),
                instance: UInt64? = nil) {
        self.store = store
        self.clock = clock
        self.views = views
        writer = DomainWriter(identity: WriterIdentity(domain: .scheme, name: "simulator"), store: store)
        customers = DomainWriter(identity: WriterIdentity(domain: .payments, name: "simulated-customers"), store: store)
        let shared = (store as? any PartitionLeasing)?.hasOtherWriters ?? false
        let salt = instance ?? (shared ? UInt64.random(in: 1...UInt64.max) : 0)
        state = Mutex(State(seed: salt == 0 ? seed : Self.messageSeed(seed, salt), settings: settings))
    }

    // MARK: - Settings

    public var settings: SimulatorSettings { state.withLock { $0.settings } }

    /// Changes rate, mix or the scheme's reject share, effective from the next payment.
    public func update(_ change: (inout SimulatorSettings) -> Void) {
        state.withLock { change(&$0.settings) }
    }

    public var statistics: Statistics { state.withLock { $0.statistics } }

    /// Also writes every payment it sends from now on as `pacs.008` (nil: stop writing them).
    public func writePacs008(to output: Pacs008Output?) {
        state.withLock { $0.pacs008 = output }
    }

    public func pause() { state.withLock { $0.statistics.isPaused = true } }

    public func resume() {
        state.withLock { state in
            state.statistics.isPaused = false
            state.lastTick = nil
        }
    }

    // MARK: - Sending

    /// The most open accounts whose balances the simulator reads before each batch (beyond it,
    /// amounts are drawn as for a typical balance; reading a million ledgers per batch would
    /// cost more than the payments).
    public static let balancesReadUpTo = 5_000

    /// The most accounts the simulator reads for one batch. A bank with more is paid through a
    /// window of this many that moves along its accounts from one batch to the next, so each
    /// batch reads a bounded number of accounts and, over time, every account is paid.
    public static let accountsReadUpTo = 5_000

    /// The accounts a batch starting at message `sequence` draws from: all of them, or the
    /// window of `size` that the batch's number selects (wrapping at the end of the list).
    static func window(of count: Int, size: Int, sequence: UInt64) -> [Range<Int>] {
        guard count > size, size > 0 else { return [0..<count] }
        let batch = Int(sequence / UInt64(batchLimit) % UInt64(Int.max))
        let start = Int((UInt64(batch) &* UInt64(size)) % UInt64(count))
        let end = start + size
        return end <= count ? [start..<end] : [start..<count, 0..<(end - count)]
    }

    /// The bank as the simulator sees it now: accounts, holders, balances, the sanctions list
    /// (the window of accounts for the batch starting at `sequence`, in a bank larger than
    /// `accountsReadUpTo`).
    func directory(sequence: UInt64 = 0) throws(ViewError) -> SimulatedPaymentFactory.Directory {
        var open: [AccountID] = []
        var unusable: [AccountID] = []
        var holders: [AccountID: String] = [:]
        let (ids, bankSize) = try accountWindow(sequence: sequence)
        for id in ids {
            let account = try views.account(id)
            holders[id] = account.holder
            switch account.status {
            case .open: open.append(id)
            case .blocked, .closed: unusable.append(id)
            }
        }
        var balances: [AccountID: Money] = [:]
        if bankSize <= Self.balancesReadUpTo {
            for id in open { balances[id] = try views.ledger(id).state.balance }
        }
        return SimulatedPaymentFactory.Directory(open: open, blockedOrClosed: unusable, sanctioned: try views.sanctions().state.entries,
                                                 balances: balances, holders: holders)
    }

    /// Makes the next `count` messages of the seeded sequence without sending them.
    public func next(_ count: Int) throws(ViewError) -> [(SimulatedKind, SimulatedPaymentFactory.Message)] {
        let start = sentOnSchemeStreams()
        let directory = try directory(sequence: state.withLock { $0.sequence } ?? start)
        return state.withLock { state in
            (0..<max(0, count)).map { _ in
                let sequence = state.sequence ?? start
                state.sequence = sequence + 1
                var rng = SplitMix64(seed: Self.messageSeed(state.seed, sequence))
                let total = state.settings.totalWeight
                let kind = total > 0 ? state.settings.kind(forDraw: Int(rng.next() % UInt64(total))) : .valid
                return (kind, factory.make(kind, rng: &rng, directory: directory))
            }
        }
    }

    /// The number of the next message of the sequence (for tests and the console's status).
    public var sequence: UInt64 { state.withLock { $0.sequence } ?? sentOnSchemeStreams() }

    /// How many events the `Scheme-*` streams hold, plus how many outbound payments were ever
    /// requested: every message this simulator (or an earlier run of it) sent is one of them
    /// (a payment in, a poison message, or a customer's payment out), so continuing the
    /// sequence here never repeats one. (The scheme's answers and operators' own payments out
    /// are counted too: the sequence skips numbers, which is harmless.)
    private func sentOnSchemeStreams() -> UInt64 {
        let scheme = Scheme.allCases.reduce(0) { sum, scheme in sum + UInt64((store.lastVersion(of: BankStream.scheme(scheme).name) ?? -1) + 1) }
        return scheme + outboundRequests()
    }

    /// The number of `OutboundPaymentRequested` events: one backward read of their `$et-` index.
    private func outboundRequests() -> UInt64 {
        // An index that cannot be read counts as empty; the bank's append refuses a repeated payment id anyway.
        guard let newest = try? store.read(.eventType(OutboundPaymentRequested.eventType), from: .end, direction: .backward, maxCount: 1).first,
              let version = newest.link?.version else { return 0 }
        return UInt64(max(0, version + 1))
    }

    /// The seed of message `sequence`'s own generator: mixed, so neighbouring messages' draws do
    /// not overlap (SplitMix64's state only advances by a constant).
    static func messageSeed(_ seed: UInt64, _ sequence: UInt64) -> UInt64 {
        var mixer = SplitMix64(seed: seed ^ (sequence &* 0xD1B5_4A32_D192_ED03))
        return mixer.next()
    }

    /// How far behind the rate sending may fall before owed payments are skipped (and counted).
    public static let backlogSeconds = 5.0

    /// Messages written in one append at most, so progress (`statistics`) moves while a large
    /// amount is owed and no append grows with the rate.
    public static let batchLimit = 500

    /// Sends the next `count` payments of the seeded sequence now; returns them.
    @discardableResult
    public func sendNext(_ count: Int) async throws(ViewError) -> [SimulatedPaymentFactory.Message] {
        var sent: [SimulatedPaymentFactory.Message] = []
        var remaining = max(0, count)
        while remaining > 0 {
            let size = min(remaining, Self.batchLimit)
            sent += try await sendBatch(size)
            remaining -= size
        }
        return sent
    }

    private func sendBatch(_ count: Int) async throws(ViewError) -> [SimulatedPaymentFactory.Message] {
        let drawn = try next(count)
        var messages = drawn.map(\.1)
        if let output = state.withLock({ $0.pacs008 }) {
            do {
                messages = try output.write(messages, created: clock.now())
            } catch {
                // Nothing of this batch is sent; the background loop stops with the reason.
                state.withLock { $0.outputFailure = error.description }
                return []
            }
        }
        do { try await write(messages) } catch { throw .store(error) }
        state.withLock { state in
            for (kind, _) in drawn { state.statistics.sent[kind, default: 0] += 1 }
        }
        return messages
    }

    /// Sends one given payment (the operator's "send a payment" and `bank-console pay`).
    public func send(_ payment: InboundPaymentSentByScheme) async throws(EventStoreError) {
        try await write([.payment(payment)])
        state.withLock { $0.statistics.requested += 1 }
    }

    /// Writes messages, one append per scheme stream.
    func write(_ messages: [SimulatedPaymentFactory.Message]) async throws(EventStoreError) {
        var byScheme: [Scheme: [EventData]] = [:]
        var decoded: [(id: UUID, data: Data, event: BankEvent)] = []
        var outgoing: [(stream: BankStream, expected: ExpectedVersion, events: [EventData])] = []
        // Names sealed as the data is made, so the memo holds the bytes the store will.
        let sealing = writer.personalData, customerSealing = customers.personalData
        for message in messages {
            let id = DerivedEventID.make(name: "scheme:sent:\(message.paymentId.lowercasedString)")
            let correlation = message.paymentId.lowercasedString
            let metadata = EventMetadata(correlationId: correlation, causationId: correlation, actor: writer.identity.description)
            switch message {
            case .payment(let payment):
                let data: EventData
                do { data = try DomainWriter.eventData(payment, id: id, metadata: metadata, sealingWith: sealing) } catch { throw error.storeError }
                byScheme[payment.scheme, default: []].append(data)
                decoded.append((id, data.data, .inboundPaymentSentByScheme(payment)))
            case .outgoing(let request):
                let requestId = DerivedEventID.make(name: "customer:request:\(message.paymentId.lowercasedString)")
                let requestMetadata = EventMetadata(correlationId: correlation, causationId: correlation, actor: customers.identity.description)
                let data: EventData
                do { data = try DomainWriter.eventData(request, id: requestId, metadata: requestMetadata, sealingWith: customerSealing) } catch { throw error.storeError }
                outgoing.append((.payment(.outbound, request.paymentId), .noStream, [data]))
                decoded.append((requestId, data.data, .outboundPaymentRequested(request)))
            case .poison(_, let scheme, let data):
                let encoded: Data
                do { encoded = try BankCodec.encode(metadata) } catch { throw error.storeError }
                byScheme[scheme, default: []].append(EventData(id: id, type: InboundPaymentSentByScheme.eventType, data: data, metadata: encoded))
            }
        }
        // Remembered before the append, so the processors woken by its commit find them decoded.
        // (They are attached too, but under a flood the processors may reach them only after the
        // store's tail cache has moved past them; the memo holds four times as many events.)
        views.decoded.remember(decoded)
        for scheme in Scheme.allCases {
            guard let events = byScheme[scheme], !events.isEmpty else { continue }
            _ = try await writer.append(to: .scheme(scheme), expected: .any, events: events)
        }
        guard !outgoing.isEmpty else { return }
        for result in await customers.append(outgoing) {
            switch result {
            case .success, .failure(.wrongExpectedVersion): continue // there already: a repeated message is not a second payment
            case .failure(let error): throw error
            }
        }
    }

    // MARK: - Running

    /// Sends what the rate owes for the time since the last tick (by the injected clock).
    /// Returns how many it sent. The background loop calls it; tests call it after moving a clock.
    @discardableResult
    public func tick() async throws(ViewError) -> Int {
        let now = clock.now()
        let count = state.withLock { state -> Int in
            guard !state.statistics.isPaused, let last = state.lastTick else {
                state.lastTick = now
                return 0
            }
            state.lastTick = now
            let rate = max(0, state.settings.ratePerSecond)
            state.owed += max(0, now.timeIntervalSince(last)) * rate
            // Never more than `backlogSeconds` behind: what is owed beyond that is counted, not sent.
            let limit = max(1, rate * Self.backlogSeconds)
            if state.owed > limit {
                state.statistics.skipped += Int((state.owed - limit).rounded(.down))
                state.owed = limit
            }
            let whole = Int(state.owed.rounded(.down))
            state.owed -= Double(whole)
            return whole
        }
        guard count > 0 else { return 0 }
        return try await sendNext(count).count
    }

    /// Starts sending in the background, looking every `interval` (a timer; amounts follow the clock).
    public func start(interval: Duration = .milliseconds(100)) {
        state.withLock { state in
            guard state.task == nil else { return }
            state.statistics.isRunning = true
            state.lastTick = nil
            state.task = Task { [weak self] in
                while !Task.isCancelled {
                    guard let self else { return }
                    do {
                        try await self.tick()
                        if let failure = self.state.withLock({ $0.outputFailure }) {
                            self.state.withLock { $0.statistics.lastError = failure }
                            self.stop()
                            return
                        }
                    } catch {
                        // A store that cannot be reached for now, and tries again by itself:
                        // this tick's payments were not all sent, and the next tick goes on
                        // with the sequence (which never sends one twice). Anything else stops.
                        if Self.waitsForStore(error, self.store) {
                            self.state.withLock { $0.lastTick = nil }
                        } else {
                            self.state.withLock { $0.statistics.lastError = (error as? EventStoreError)?.description ?? String(describing: error) }
                            self.stop()
                            return
                        }
                    }
                    do { try await Task.sleep(for: interval) } catch { return }
                }
            }
        }
    }

    /// Whether a failed tick only waits for the store: unreachable for now, and retrying by itself.
    static func waitsForStore(_ error: any Error, _ store: any EventStore) -> Bool {
        guard store.writerRetries, let error = error as? ViewError, case .store(.unavailable) = error else { return false }
        return true
    }

    /// Stops the background sending.
    public func stop() {
        let task = state.withLock { state -> Task<Void, Never>? in
            state.statistics.isRunning = false
            defer { state.task = nil }
            return state.task
        }
        task?.cancel()
    }
}
