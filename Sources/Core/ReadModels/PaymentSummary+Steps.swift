import Foundation
import Store

/// The payment state machine as the read models fold it: which event starts a payment and
/// which moves it to which state. One catalog, shared by `PaymentFlow` (every payment) and
/// `PaymentOverview` (payments in flight and a recent window), so they can never disagree.
extension PaymentSummary {
    /// A step of a payment already started: its id, the state it moves to and what else changes.
    struct Step {
        var id: UUID
        var state: PaymentState
        var change: (inout PaymentSummary, RecordedEvent) -> Void
    }

    /// The payment a received or requested event starts; nil for any other event.
    static func started(by event: BankEvent, _ recorded: RecordedEvent) -> PaymentSummary? {
        switch event {
        case .inboundPaymentReceived(let e):
            PaymentSummary(id: e.paymentId, direction: .inbound, state: .received, reason: nil, failure: nil,
                           scheme: e.scheme, amountText: e.amount, amount: Money(parsing: e.amount),
                           from: e.from, to: e.to, reference: e.reference, account: e.to.account,
                           accountHolder: nil, requestedBy: nil, received: recorded.created,
                           lastChanged: recorded.created, positions: [recorded.position], evidence: [],
                           heldAt: nil, heldPosition: nil, decision: nil, balanceAfter: nil, iso: e.iso)
        case .outboundPaymentRequested(let e):
            PaymentSummary(id: e.paymentId, direction: .outbound, state: .received, reason: nil, failure: nil,
                           scheme: e.scheme, amountText: e.amount, amount: Money(parsing: e.amount),
                           from: PaymentParty(e.from, name: ""),
                           to: e.to, reference: e.reference, account: e.from, accountHolder: nil,
                           requestedBy: e.requestedBy, received: recorded.created, lastChanged: recorded.created,
                           positions: [recorded.position], evidence: [], heldAt: nil, heldPosition: nil,
                           decision: nil, balanceAfter: nil)
        default:
            nil
        }
    }

    /// The step `event` takes a started payment through; nil for events that are not a step.
    static func step(of event: BankEvent) -> Step? {
        switch event {
        case .inboundPaymentValidated(let e):
            Step(id: e.paymentId, state: .validated) { s, _ in
                s.amount = e.amount
                s.account = e.account
                s.accountHolder = e.accountHolder
            }
        case .outboundPaymentValidated(let e):
            Step(id: e.paymentId, state: .validated) { s, _ in
                s.amount = e.amount
                s.accountHolder = e.accountHolder
                s.from.name = e.accountHolder
            }
        case .inboundPaymentReturned(let e): Step(id: e.paymentId, state: .returned) { s, _ in s.fail(e.reason) }
        case .inboundPaymentHeld(let e): hold(e.paymentId, e.matches)
        case .outboundPaymentHeld(let e): hold(e.paymentId, e.matches)
        case .inboundHeldPaymentReleased(let e): decide(e.paymentId, e.decision, .released)
        case .outboundHeldPaymentReleased(let e): decide(e.paymentId, e.decision, .released)
        case .inboundHeldPaymentRejected(let e): decide(e.paymentId, e.decision, .rejected)
        case .outboundHeldPaymentRejected(let e): decide(e.paymentId, e.decision, .rejected)
        case .heldPaymentApproved(let e): Step(id: e.paymentId, state: .held) { s, _ in s.approvals.append(e.decision) }
        case .inboundPaymentSanctionsChecked(let e): Step(id: e.paymentId, state: .screened) { _, _ in }
        case .outboundPaymentSanctionsChecked(let e): Step(id: e.paymentId, state: .screened) { _, _ in }
        case .inboundPaymentAccountStatusChecked(let e): Step(id: e.paymentId, state: .checked) { s, _ in s.account = e.account }
        case .outboundPaymentAccountStatusChecked(let e): Step(id: e.paymentId, state: .checked) { _, _ in }
        case .inboundPaymentBalanceUpdated(let e):
            Step(id: e.paymentId, state: .settled) { s, _ in
                s.balanceAfter = e.balanceAfter
                s.reason = nil
            }
        case .inboundPaymentFailed(let e): Step(id: e.paymentId, state: .failed) { s, _ in s.fail(e.reason) }
        case .outboundPaymentFailed(let e): Step(id: e.paymentId, state: .failed) { s, _ in s.fail(e.reason) }
        case .outboundPaymentSentToScheme(let e): Step(id: e.paymentId, state: .sent) { _, _ in }
        case .outboundPaymentAccepted(let e): Step(id: e.paymentId, state: .accepted) { _, _ in }
        case .outboundPaymentReversed(let e):
            Step(id: e.paymentId, state: .rejected) { s, _ in
                s.reason = e.reason
                s.failure = .schemeRejected
            }
        default:
            nil
        }
    }

    private static func hold(_ id: UUID, _ matches: [ScreeningMatch]) -> Step {
        Step(id: id, state: .held) { s, recorded in
            s.evidence = matches
            s.heldAt = recorded.created
            s.heldPosition = recorded.position
            s.reason = "sanctions screening: " + matches.map { "\($0.name) ~ \($0.matched) \(String(format: "%.2f", $0.score))" }.joined(separator: "; ")
        }
    }

    private static func decide(_ id: UUID, _ decision: OperatorDecision, _ state: PaymentState) -> Step {
        Step(id: id, state: state) { s, _ in
            s.decision = decision
            s.reason = decision.reason
        }
    }

    /// Takes `step` as recorded by `recorded`, unless the payment already folded that event or a
    /// later one (a duplicate delivery); returns the state it left, or nil when nothing changed.
    mutating func take(_ step: Step, _ recorded: RecordedEvent) -> PaymentState? {
        guard positions.last.map({ $0 < recorded.position }) ?? true else { return nil }
        let before = state
        state = step.state
        lastChanged = recorded.created
        positions.append(recorded.position)
        step.change(&self, recorded)
        return before
    }

    mutating func fail(_ failure: PaymentFailure) {
        self.failure = failure.code
        reason = failure.detail.isEmpty ? failure.code.rawValue : failure.detail
    }
}
