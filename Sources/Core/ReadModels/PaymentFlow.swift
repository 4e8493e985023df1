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
        switch event {
        case .inboundPaymentReceived(let e):
            start(PaymentSummary(id: e.paymentId, direction: .inbound, state: .received, reason: nil, failure: nil,
                                 scheme: e.scheme, amountText: e.amount, amount: Money(parsing: e.amount),
                                 from: e.from, to: e.to, reference: e.reference, account: e.to.account,
                                 accountHolder: nil, requestedBy: nil, received: recorded.created,
                                 lastChanged: recorded.created, positions: [recorded.position], evidence: [],
                                 heldAt: nil, heldPosition: nil, decision: nil, balanceAfter: nil))
        case .outboundPaymentRequested(let e):
            start(PaymentSummary(id: e.paymentId, direction: .outbound, state: .received, reason: nil, failure: nil,
                                 scheme: e.scheme, amountText: e.amount, amount: Money(parsing: e.amount),
                                 from: PaymentParty(sortCode: e.from.sortCode.digits, accountNumber: e.from.accountNumber.digits, name: ""),
                                 to: e.to, reference: e.reference, account: e.from, accountHolder: nil,
                                 requestedBy: e.requestedBy, received: recorded.created, lastChanged: recorded.created,
                                 positions: [recorded.position], evidence: [], heldAt: nil, heldPosition: nil,
                                 decision: nil, balanceAfter: nil))
        case .inboundPaymentValidated(let e):
            update(e.paymentId, recorded, to: .validated) {
                $0.amount = e.amount
                $0.account = e.account
                $0.accountHolder = e.accountHolder
            }
        case .outboundPaymentValidated(let e):
            update(e.paymentId, recorded, to: .validated) {
                $0.amount = e.amount
                $0.accountHolder = e.accountHolder
                $0.from.name = e.accountHolder
            }
        case .inboundPaymentReturned(let e):
            update(e.paymentId, recorded, to: .returned) { $0.fail(e.reason) }
        case .inboundPaymentHeld(let e):
            hold(e.paymentId, e.matches, recorded)
        case .outboundPaymentHeld(let e):
            hold(e.paymentId, e.matches, recorded)
        case .inboundHeldPaymentReleased(let e):
            decide(e.paymentId, e.decision, recorded, to: .released)
        case .outboundHeldPaymentReleased(let e):
            decide(e.paymentId, e.decision, recorded, to: .released)
        case .inboundHeldPaymentRejected(let e):
            decide(e.paymentId, e.decision, recorded, to: .rejected)
        case .outboundHeldPaymentRejected(let e):
            decide(e.paymentId, e.decision, recorded, to: .rejected)
        case .heldPaymentApproved(let e):
            update(e.paymentId, recorded, to: .held) { $0.approvals.append(e.decision) }
        case .inboundPaymentSanctionsChecked(let e):
            update(e.paymentId, recorded, to: .screened) { _ in }
        case .outboundPaymentSanctionsChecked(let e):
            update(e.paymentId, recorded, to: .screened) { _ in }
        case .inboundPaymentAccountStatusChecked(let e):
            update(e.paymentId, recorded, to: .checked) { $0.account = e.account }
        case .outboundPaymentAccountStatusChecked(let e):
            update(e.paymentId, recorded, to: .checked) { _ in }
        case .inboundPaymentBalanceUpdated(let e):
            update(e.paymentId, recorded, to: .settled) {
                $0.balanceAfter = e.balanceAfter
                $0.reason = nil
            }
        case .inboundPaymentFailed(let e):
            update(e.paymentId, recorded, to: .failed) { $0.fail(e.reason) }
        case .outboundPaymentFailed(let e):
            update(e.paymentId, recorded, to: .failed) { $0.fail(e.reason) }
        case .outboundPaymentSentToScheme(let e):
            update(e.paymentId, recorded, to: .sent) { _ in }
        case .outboundPaymentAccepted(let e):
            update(e.paymentId, recorded, to: .accepted) { _ in }
        case .outboundPaymentReversed(let e):
            update(e.paymentId, recorded, to: .rejected) {
                $0.reason = e.reason
                $0.failure = .schemeRejected
            }
        default:
            break
        }
    }

    private mutating func start(_ summary: PaymentSummary) {
        let id = summary.id
        let existing = indexById.lookupOrInsert(id, next: payments.count) { $0 < payments.count && payments.read($0) { $0.id } == id }
        guard existing == nil else { return }
        payments.append(summary)
        stateCounts[summary.state.countIndex] += 1
    }

    private mutating func update(_ id: UUID, _ recorded: RecordedEvent, to state: PaymentState, _ change: (inout PaymentSummary) -> Void) {
        guard let index = index(of: id) else { return }
        let before = payments.modify(index) { summary -> PaymentState? in
            // A duplicate delivery of an event already folded changes nothing.
            guard summary.positions.last.map({ $0 < recorded.position }) ?? true else { return nil }
            let before = summary.state
            summary.state = state
            summary.lastChanged = recorded.created
            summary.positions.append(recorded.position)
            change(&summary)
            return before
        }
        guard let before else { return }
        stateCounts[before.countIndex] -= 1
        stateCounts[state.countIndex] += 1
        if before == .held && state != .held { held[id] = nil }
    }

    private mutating func hold(_ id: UUID, _ matches: [ScreeningMatch], _ recorded: RecordedEvent) {
        update(id, recorded, to: .held) {
            $0.evidence = matches
            $0.heldAt = recorded.created
            $0.heldPosition = recorded.position
            $0.reason = "sanctions screening: " + matches.map { "\($0.name) ~ \($0.matched) \(String(format: "%.2f", $0.score))" }.joined(separator: "; ")
        }
        if let index = index(of: id), payments.read(index, { $0.state }) == .held { held[id] = recorded.position }
    }

    private mutating func decide(_ id: UUID, _ decision: OperatorDecision, _ recorded: RecordedEvent, to state: PaymentState) {
        update(id, recorded, to: state) {
            $0.decision = decision
            $0.reason = decision.reason
        }
    }
}

extension PaymentSummary {
    mutating func fail(_ failure: PaymentFailure) {
        self.failure = failure.code
        reason = failure.detail.isEmpty ? failure.code.rawValue : failure.detail
    }
}
