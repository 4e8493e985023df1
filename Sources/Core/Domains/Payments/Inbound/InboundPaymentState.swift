import Foundation

/// Where an inbound payment is in its state machine (DOMAIN.md).
public enum InboundStep: String, Sendable, Hashable {
    case received, validated, held, released, rejected, sanctionsChecked, accountStatusChecked
    case settled, returned, failed

    /// Whether no processor step follows.
    public var isEnd: Bool { self == .settled || self == .returned || self == .failed }
}

/// An inbound payment: the fold of its `Payments-Inbound-{id}` stream.
public struct InboundPaymentState: Sendable, Hashable {
    public var step: InboundStep?
    public var received: InboundPaymentReceived?
    public var validated: InboundPaymentValidated?
    /// The screening evidence of the last hold.
    public var matches: [ScreeningMatch] = []
    /// Why it was returned or failed.
    public var reason: PaymentFailure?
    /// The balance of the account after settlement.
    public var balanceAfter: Money?

    /// Before `InboundPaymentReceived`: the payment stream does not exist.
    public static let none = InboundPaymentState()

    public init(step: InboundStep? = nil, received: InboundPaymentReceived? = nil, validated: InboundPaymentValidated? = nil) {
        self.step = step
        self.received = received
        self.validated = validated
    }

    /// Applies one event of the payment's stream. An event that cannot follow the current step
    /// (a release or rejection of a payment that is not held, anything after the end, a
    /// second start) is a fault and changes nothing.
    public mutating func apply(_ event: BankEvent) throws(FaultReason) {
        let role: PaymentEventRole = switch event {
        case .inboundPaymentReceived: .start
        case .inboundHeldPaymentReleased, .inboundHeldPaymentRejected, .heldPaymentApproved: .operatorDecision
        default: .step
        }
        try role.check(event.inboundPaymentEventType, after: step)
        switch event {
        case .inboundPaymentReceived(let e): received = e; step = .received
        case .inboundPaymentValidated(let e): validated = e; step = .validated
        case .inboundPaymentReturned(let e): reason = e.reason; step = .returned
        case .inboundPaymentHeld(let e): matches = e.matches; step = .held
        case .inboundHeldPaymentReleased: step = .released
        case .inboundHeldPaymentRejected: step = .rejected
        case .inboundPaymentSanctionsChecked: step = .sanctionsChecked
        case .inboundPaymentAccountStatusChecked: step = .accountStatusChecked
        case .inboundPaymentBalanceUpdated(let e): balanceAfter = e.balanceAfter; step = .settled
        case .inboundPaymentFailed(let e): reason = e.reason; step = .failed
        default: break
        }
    }
}
