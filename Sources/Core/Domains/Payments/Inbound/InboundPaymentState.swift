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

    /// Before `InboundPaymentReceived`: the payment stream does not exist.
    public static let none = InboundPaymentState()

    public init(step: InboundStep? = nil, received: InboundPaymentReceived? = nil, validated: InboundPaymentValidated? = nil) {
        self.step = step
        self.received = received
        self.validated = validated
    }

    public mutating func apply(_ event: BankEvent) {
        switch event {
        case .inboundPaymentReceived(let e): received = e; step = .received
        case .inboundPaymentValidated(let e): validated = e; step = .validated
        case .inboundPaymentReturned: step = .returned
        case .inboundPaymentHeld: step = .held
        case .inboundHeldPaymentReleased: step = .released
        case .inboundHeldPaymentRejected: step = .rejected
        case .inboundPaymentSanctionsChecked: step = .sanctionsChecked
        case .inboundPaymentAccountStatusChecked: step = .accountStatusChecked
        case .inboundPaymentBalanceUpdated: step = .settled
        case .inboundPaymentFailed: step = .failed
        default: break
        }
    }
}
