import Foundation

extension BankEvent {
    /// The type name of an event of an inbound payment's stream (nil for other events).
    var inboundPaymentEventType: String? {
        switch self {
        case .inboundPaymentReceived, .inboundPaymentValidated, .inboundPaymentReturned, .inboundPaymentHeld,
             .inboundHeldPaymentReleased, .inboundHeldPaymentRejected, .inboundPaymentSanctionsChecked,
             .inboundPaymentAccountStatusChecked, .inboundPaymentBalanceUpdated, .inboundPaymentFailed, .heldPaymentApproved:
            eventType
        default: nil
        }
    }

    /// The type name of an event of an outbound payment's stream (nil for other events).
    var outboundPaymentEventType: String? {
        switch self {
        case .outboundPaymentRequested, .outboundPaymentValidated, .outboundPaymentHeld, .outboundHeldPaymentReleased,
             .outboundHeldPaymentRejected, .outboundPaymentSanctionsChecked, .outboundPaymentAccountStatusChecked,
             .outboundPaymentSentToScheme, .outboundPaymentAccepted, .outboundPaymentReversed, .outboundPaymentFailed, .heldPaymentApproved:
            eventType
        default: nil
        }
    }
}
