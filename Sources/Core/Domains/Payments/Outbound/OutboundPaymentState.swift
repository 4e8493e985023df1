import Foundation

/// Where an outbound payment is in its state machine (DOMAIN.md).
public enum OutboundStep: String, Sendable, Hashable {
    case requested, validated, held, released, rejected, sanctionsChecked, accountStatusChecked
    case sent, accepted, reversed, failed

    /// Whether no processor step follows.
    public var isEnd: Bool { self == .accepted || self == .reversed || self == .failed }
}

/// An outbound payment: the fold of its `Payments-Outbound-{id}` stream.
public struct OutboundPaymentState: Sendable, Hashable {
    public var step: OutboundStep?
    public var requested: OutboundPaymentRequested?
    public var validated: OutboundPaymentValidated?
    /// The screening evidence of the last hold.
    public var matches: [ScreeningMatch] = []
    /// Why it failed, or why the scheme rejected it.
    public var reason: PaymentFailure?

    /// Before `OutboundPaymentRequested`: the payment stream does not exist.
    public static let none = OutboundPaymentState()

    public init(step: OutboundStep? = nil, requested: OutboundPaymentRequested? = nil, validated: OutboundPaymentValidated? = nil) {
        self.step = step
        self.requested = requested
        self.validated = validated
    }

    /// Applies one event of the payment's stream. An event that cannot follow the current step
    /// (a release or rejection of a payment that is not held, anything after the end, a
    /// second request) is a fault and changes nothing.
    public mutating func apply(_ event: BankEvent) throws(FaultReason) {
        let role: PaymentEventRole = switch event {
        case .outboundPaymentRequested: .start
        case .outboundHeldPaymentReleased, .outboundHeldPaymentRejected, .heldPaymentApproved: .operatorDecision
        default: .step
        }
        try role.check(event.outboundPaymentEventType, after: step)
        switch event {
        case .outboundPaymentRequested(let e): requested = e; step = .requested
        case .outboundPaymentValidated(let e): validated = e; step = .validated
        case .outboundPaymentHeld(let e): matches = e.matches; step = .held
        case .outboundHeldPaymentReleased: step = .released
        case .outboundHeldPaymentRejected: step = .rejected
        case .outboundPaymentSanctionsChecked: step = .sanctionsChecked
        case .outboundPaymentAccountStatusChecked: step = .accountStatusChecked
        case .outboundPaymentSentToScheme: step = .sent
        case .outboundPaymentAccepted: step = .accepted
        case .outboundPaymentReversed(let e): reason = PaymentFailure(code: .schemeRejected, detail: e.reason); step = .reversed
        case .outboundPaymentFailed(let e): reason = e.reason; step = .failed
        default: break
        }
    }
}
