import Foundation
import Store

/// Read model: every payment with its current step, counts per state, and the held queue.
///
/// A pure fold over the payment streams' events; each event costs O(1) amortised (a hash
/// lookup and a write near the end of a tree). Copies share structure: the payments are a
/// `ChunkedArray`, and the id → payment index is one table shared by every copy folding the
/// same log (`SharedSlotIndex`), so a checkpoint costs about the payments it changed.
public struct PaymentFlow: Sendable, Equatable {
    /// Payments in arrival order.
    public private(set) var payments = ChunkedArray<PaymentSummary>(chunkSize: 4)
    private var indexById = SharedSlotIndex<UUID>()
    /// How many payments are in each state, indexed like `PaymentState.allCases`.
    private var stateCounts = [Int](repeating: 0, count: PaymentState.allCases.count)
    /// Held payments: id → position of the hold.
    private var held: [UUID: UInt64] = [:]

    public init() {}

    /// Equal when they hold the same payments in the same order (the shared index is derived).
    public static func == (lhs: PaymentFlow, rhs: PaymentFlow) -> Bool {
        lhs.stateCounts == rhs.stateCounts && lhs.held == rhs.held && lhs.payments == rhs.payments
    }

    /// How many payments are in each state (states with none are absent).
    public var counts: [PaymentState: Int] {
        var result: [PaymentState: Int] = [:]
        for (state, count) in zip(PaymentState.allCases, stateCounts) where count != 0 { result[state] = count }
        return result
    }

    /// The payment with `id`, if it has been seen.
    public func payment(_ id: UUID) -> PaymentSummary? {
        index(of: id).map { payments[$0] }
    }

    private func index(of id: UUID) -> Int? {
        indexById.lookup(id) { $0 < payments.count && payments.read($0) { $0.id } == id }
    }

    /// The latest `limit` payments, newest first.
    public func recent(limit: Int) -> [PaymentSummary] {
        let end = payments.count
        return payments.elements(in: max(0, end - limit)..<end).reversed()
    }

    /// Held payments, oldest hold first, with their evidence.
    public var heldQueue: [PaymentSummary] {
        held.sorted { $0.value < $1.value }.compactMap { payment($0.key) }
    }

    /// Number of payments seen.
    public var count: Int { payments.count }

    public func count(of state: PaymentState) -> Int { stateCounts[state.countIndex] }

    // MARK: - Folding

    /// A release or rejection of payment `id` needs it to be held now.
    func checkHeld(_ id: UUID, _ type: String) throws(FaultReason) {
        let state = payment(id)?.state
        guard state == .held else { throw .unexpectedStep(event: type, step: state?.rawValue) }
    }

    /// Applies one decoded event recorded as `recorded`; ignores events that are not about a payment.
    public mutating func apply(_ event: BankEvent, _ recorded: RecordedEvent) {
        if let summary = PaymentSummary.started(by: event, recorded) {
            start(summary)
        } else if let step = PaymentSummary.step(of: event) {
            update(step, recorded)
        }
    }

    private mutating func start(_ summary: PaymentSummary) {
        let id = summary.id
        let existing = indexById.lookupOrInsert(id, next: payments.count) { $0 < payments.count && payments.read($0) { $0.id } == id }
        guard existing == nil else { return }
        payments.append(summary)
        stateCounts[summary.state.countIndex] += 1
    }

    private mutating func update(_ step: PaymentSummary.Step, _ recorded: RecordedEvent) {
        guard let index = index(of: step.id) else { return }
        let before = payments.modify(index) { $0.take(step, recorded) }
        if step.state == .held, payments.read(index, { $0.state }) == .held { held[step.id] = recorded.position }
        guard let before else { return }
        stateCounts[before.countIndex] -= 1
        stateCounts[step.state.countIndex] += 1
        if before == .held && step.state != .held { held[step.id] = nil }
    }
}
