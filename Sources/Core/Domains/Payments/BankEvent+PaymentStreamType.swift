import Foundation

extension BankEvent {
    /// The type name of an event of an inbound payment's stream (nil for other events).
    var inboundPaymentEventType: String? {
        switch self {
        case .inboundPaymentReceived: InboundPaymentReceived.eventType
        case .inboundPaymentValidated: InboundPaymentValidated.eventType
        case .inboundPaymentReturned: InboundPaymentReturned.eventType
        case .inboundPaymentHeld: InboundPaymentHeld.eventType
        case .inboundHeldPaymentReleased: InboundHeldPaymentReleased.eventType
        case .inboundHeldPaymentRejected: InboundHeldPaymentRejected.eventType
        case .inboundPaymentSanctionsChecked: InboundPaymentSanctionsChecked.eventType
        case .inboundPaymentAccountStatusChecked: InboundPaymentAccountStatusChecked.eventType
        case .inboundPaymentBalanceUpdated: InboundPaymentBalanceUpdated.eventType
        case .inboundPaymentFailed: InboundPaymentFailed.eventType
        default: nil
        }
    }
}

extension BankEvent {
    /// The type name of an event of an outbound payment's stream (nil for other events).
    var outboundPaymentEventType: String? {
        switch self {
        case .outboundPaymentRequested: OutboundPaymentRequested.eventType
        case .outboundPaymentValidated: OutboundPaymentValidated.eventType
        case .outboundPaymentHeld: OutboundPaymentHeld.eventType
        case .outboundHeldPaymentReleased: OutboundHeldPaymentReleased.eventType
        case .outboundHeldPaymentRejected: OutboundHeldPaymentRejected.eventType
        case .outboundPaymentSanctionsChecked: OutboundPaymentSanctionsChecked.eventType
        case .outboundPaymentAccountStatusChecked: OutboundPaymentAccountStatusChecked.eventType
        case .outboundPaymentSentToScheme: OutboundPaymentSentToScheme.eventType
        case .outboundPaymentAccepted: OutboundPaymentAccepted.eventType
        case .outboundPaymentReversed: OutboundPaymentReversed.eventType
        case .outboundPaymentFailed: OutboundPaymentFailed.eventType
        default: nil
        }
    }
}
