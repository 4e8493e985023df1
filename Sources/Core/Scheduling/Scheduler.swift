import Foundation
import Store
import Synchronization

/// Emits scheduled payments when the bank's clock reaches them: the processor of
/// `ScheduledPayments-*`, driven by time rather than by events.
///
/// Each `tick` claims every occurrence due at the clock's `now`, earliest day first (a day
/// missed while nothing ran is caught up in order), and requests its outbound payment:
///
/// 1. `ScheduledPaymentDue` is appended to the schedule's stream at the exact version the
///    schedule was folded at, so of several schedulers (threads, processes, machines on one
///    PostgreSQL database) exactly one claims an occurrence; the others meet a wrong expected
///    version, read the claim and move on.
/// 2. `OutboundPaymentRequested` is appended to `Payments-Outbound-{id}` with no stream
///    expected, the id derived from the schedule and the occurrence. A crash between 1 and 2
///    leaves a claim without its payment: the next tick (here or elsewhere) sees the payment
///    stream missing and writes it, and it can never be written twice.
///
/// A schedule's next occurrence is claimed only once its last claimed payment exists, so only
/// the last claim can lack its payment. The payment then runs like any other (screening,
/// funds, scheme); insufficient funds fail that occurrence only.
///
/// Thread-safe. Reads the clock only through the injected `StoreClock`.
public final class Scheduler: Sendable {
    private struct State {
        var book = ScheduleBook()
        /// Last claims whose payment is known to exist (so their streams are not looked up again).
        var confirmed: Set<UUID> = []
        var task: Task<Void, Never>?
        var lastError: BankError?
    }

    private let store: any EventStore
    private let clock: any StoreClock
    private let writer: DomainWriter
    private let state = Mutex(State())

    public init(store: any EventStore, clock: any StoreClock) {
        self.store = store
        self.clock = clock
        writer = DomainWriter(identity: WriterIdentity(domain: .payments, name: "scheduler"), store: store)
    }

    /// The schedules as of the last tick.
    public var book: ScheduleBook { state.withLock { $0.book } }

    /// Why the background loop stopped, if it did.
    public var lastError: BankError? { state.withLock { $0.lastError } }

    /// Claims and requests every occurrence due at the clock's now, in due order; returns how
    /// many payment requests this call appended. A payment whose claim another scheduler made
    /// a moment before may be appended by both: the store keeps one (same id, same event id,
    /// no stream expected) and both count it.
    @discardableResult
    public func tick() async throws(BankError) -> Int {
        var requested = 0
        var stalled = 0
        while true {
            var (book, confirmed) = state.withLock { ($0.book, $0.confirmed) }
            try book.refresh(from: store)
            let now = clock.now()
            var work = book.work(at: now, confirmed: confirmed)
            // Claims whose payment exists already are confirmed without writing.
            for item in work {
                if let claim = item.state.lastClaim, !confirmed.contains(claim.paymentId),
                   store.lastVersion(of: BankStream.payment(.outbound, claim.paymentId).name) != nil {
                    confirmed.insert(claim.paymentId)
                }
            }
            work = book.work(at: now, confirmed: confirmed)
            state.withLock { [book, confirmed] state in
                state.book = book
                state.confirmed = confirmed
            }
            guard let day = work.map(\.date).min() else {
                // Only a schedule's last claim can lack its payment: forget the rest, so the set
                // stays one id per schedule at most.
                let last = Set(book.schedules.values.compactMap { $0.lastClaim?.paymentId })
                state.withLock { $0.confirmed.formIntersection(last) }
                return requested
            }
            let round = work.filter { $0.date == day }.sorted { $0.id.uuidString < $1.id.uuidString }
            let (made, progressed) = try await run(round, at: now)
            requested += made
            // Every claim met a moved stream and nothing was written: read again and retry,
            // a bounded number of times (another scheduler moving the streams makes progress).
            stalled = progressed ? 0 : stalled + 1
            if stalled >= ProcessorStep.maxAttempts {
                throw .store(.wrongExpectedVersion(stream: BankStream.schedule(round[0].id).name, expected: .any, actual: nil))
            }
        }
    }

    /// One day's work: claims, then the payments of the claims made and of earlier claims
    /// still without one. Returns the payments requested, and whether anything was written
    /// or found done.
    private func run(_ round: [(id: UUID, state: ScheduleState, date: BankDate)], at now: Date) async throws(BankError) -> (Int, Bool) {
        var payments: [(ScheduledPaymentDue, PaymentScheduled)] = []
        var claims: [(Decision, ScheduledPaymentDue, PaymentScheduled)] = []
        let confirmed = state.withLock { $0.confirmed }
        for item in round {
            guard let scheduled = item.state.scheduled else { continue }
            if let claim = item.state.lastClaim, !confirmed.contains(claim.paymentId) {
                payments.append((claim, scheduled))
            } else if let (decision, due) = ScheduleCommands.claim(item.state, at: now) {
                claims.append((decision, due, scheduled))
            }
        }
        let claimResults = try await append(claims.map(\.0), causes: claims.map { $0.2.scheduleId })
        for (index, result) in claimResults.enumerated() {
            switch result {
            case .success: payments.append((claims[index].1, claims[index].2))
            case .failure(.wrongExpectedVersion): continue // another scheduler (or a cancel) moved it: refreshed next round
            case .failure(let error): throw .store(error)
            }
        }
        let requests = payments.map { ScheduleCommands.request($0.0, of: $0.1) }
        let causes = payments.map { ScheduleCommands.claimEventId($0.0.scheduleId, $0.0.occurrence) }
        let results = try await append(requests, causes: causes)
        var requested = 0
        var made: [UUID] = []
        for (index, result) in results.enumerated() {
            switch result {
            case .success: requested += 1
            case .failure(.wrongExpectedVersion): break // it exists: requested by another scheduler
            case .failure(let error): throw .store(error)
            }
            made.append(payments[index].0.paymentId)
        }
        state.withLock { $0.confirmed.formUnion(made) }
        return (requested, !made.isEmpty)
    }

    /// Appends each decision to its stream, independently, in one store call.
    private func append(_ decisions: [Decision], causes: [UUID]) async throws(BankError) -> [Result<AppendResult, EventStoreError>] {
        if decisions.isEmpty { return [] }
        var appends: [(stream: BankStream, expected: ExpectedVersion, events: [EventData])] = []
        appends.reserveCapacity(decisions.count)
        for (decision, cause) in zip(decisions, causes) {
            do {
                let events = try decision.events.map { event throws(BankCodec.EncodingFailure) in
                    try event.eventData(causedBy: cause, actor: writer.identity.description)
                }
                appends.append((decision.stream, decision.expected, events))
            } catch {
                throw .unencodable(error)
            }
        }
        return await writer.append(appends)
    }

    // MARK: - Running

    /// Ticks every `interval` (timed by `sleep`) until stopped or a tick fails (`lastError`
    /// then says why); a store out of reach that retries by itself (a database) is waited for,
    /// the failed tick's work done by a later one. Idempotent.
    public func start(interval: Duration, sleep: @escaping @Sendable (Duration) async throws -> Void) {
        state.withLock { state in
            guard state.task == nil else { return }
            state.lastError = nil
            state.task = Task { [weak self] in
                while !Task.isCancelled {
                    do throws(BankError) {
                        guard let self else { return }
                        try await self.tick()
                    } catch {
                        if Task.isCancelled { return }
                        guard let self else { return }
                        if case .store(.unavailable) = error, self.store.writerRetries {
                            // Nothing is lost: what is due stays due until a tick carries it out.
                        } else {
                            self.state.withLock { $0.lastError = error }
                            return
                        }
                    }
                    do { try await sleep(interval) } catch { return }
                }
            }
        }
    }

    /// The background loop while started: a caller may wait for it to end by itself.
    var loop: Task<Void, Never>? { state.withLock { $0.task } }

    /// Stops the loop and waits for a tick in hand to finish.
    public func stop() async {
        let task = state.withLock { state -> Task<Void, Never>? in
            defer { state.task = nil }
            return state.task
        }
        task?.cancel()
        await task?.value
    }
}
