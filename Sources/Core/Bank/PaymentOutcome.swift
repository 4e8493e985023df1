import Foundation

extension PaymentState {
    /// The state an inbound step is shown as.
    public init(_ step: InboundStep) {
        switch step {
        case .received: self = .received
        case .validated: self = .validated
        case .held: self = .held
        case .released: self = .released
        case .rejected: self = .rejected
        case .sanctionsChecked: self = .screened
        case .accountStatusChecked: self = .checked
        case .settled: self = .settled
        case .returned: self = .returned
        case .failed: self = .failed
        }
    }

    /// The state an outbound step is shown as.
    public init(_ step: OutboundStep) {
        switch step {
        case .requested: self = .received
        case .validated: self = .validated
        case .held: self = .held
        case .released: self = .released
        case .rejected: self = .rejected
        case .sanctionsChecked: self = .screened
        case .accountStatusChecked: self = .checked
        case .sent: self = .sent
        case .accepted: self = .accepted
        case .reversed: self = .rejected
        case .failed: self = .failed
        }
    }
}

/// The outcome of `pay`, `send`, `release` or `reject`: where the payment came to rest.
public struct PaymentOutcome: Sendable, Hashable {
    public var paymentId: UUID
    public var direction: PaymentDirection
    public var status: PaymentState
    /// Why it was returned, failed or rejected by the scheme.
    public var reason: PaymentFailure?
    /// The screening evidence when it is held.
    public var evidence: [ScreeningMatch]
    public var amount: Money?
    /// The bank's account it credited or debited.
    public var account: AccountID?
    /// Balance after an inbound settlement.
    public var balanceAfter: Money?

    /// Whether processing stopped here: an end state, or held waiting for an operator.
    public var isAtRest: Bool {
        switch status {
        case .held, .settled, .returned, .failed, .accepted: true
        case .rejected: direction == .outbound && reason?.code == .schemeRejected
        default: false
        }
    }

    init(inbound id: UUID, _ state: InboundPaymentState) {
        paymentId = id
        direction = .inbound
        status = state.step.map(PaymentState.init) ?? .received
        reason = state.reason
        evidence = state.step == .held ? state.matches : []
        amount = state.validated?.amount ?? state.received.flatMap { Money(parsing: $0.amount) }
        account = state.validated?.account ?? state.received?.to.account
        balanceAfter = state.balanceAfter
    }

    init(outbound id: UUID, _ state: OutboundPaymentState) {
        paymentId = id
        direction = .outbound
        status = state.step.map(PaymentState.init) ?? .received
        reason = state.reason
        evidence = state.step == .held ? state.matches : []
        amount = state.validated?.amount ?? state.requested.flatMap { Money(parsing: $0.amount) }
        account = state.requested?.from
        balanceAfter = nil
    }
}
