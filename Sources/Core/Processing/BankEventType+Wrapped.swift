/// Wraps a typed bank event in `BankEvent` without a JSON round trip (processors use it to
/// keep their caches current with what they just wrote).
extension BankEventType {
    /// This event as a `BankEvent` case.
    public var wrapped: BankEvent {
        switch self {
        case let event as AccountOpened: .accountOpened(event)
        case let event as AccountBlocked: .accountBlocked(event)
        case let event as AccountUnblocked: .accountUnblocked(event)
        case let event as AccountClosed: .accountClosed(event)
        case let event as LedgerEntryPosted: .ledgerEntryPosted(event)
        case let event as LedgerDebitRefused: .ledgerDebitRefused(event)
        case let event as LedgerCreditRefused: .ledgerCreditRefused(event)
        case let event as SanctionedNameAdded: .sanctionedNameAdded(event)
        case let event as SanctionedNameRemoved: .sanctionedNameRemoved(event)
        case let event as SanctionsListSnapshotTaken: .sanctionsListSnapshotTaken(event)
        case let event as InboundPaymentSentByScheme: .inboundPaymentSentByScheme(event)
        case let event as OutboundPaymentAcceptedByScheme: .outboundPaymentAcceptedByScheme(event)
        case let event as OutboundPaymentRejectedByScheme: .outboundPaymentRejectedByScheme(event)
        case let event as InboundPaymentReceived: .inboundPaymentReceived(event)
        case let event as InboundPaymentValidated: .inboundPaymentValidated(event)
        case let event as InboundPaymentReturned: .inboundPaymentReturned(event)
        case let event as InboundPaymentHeld: .inboundPaymentHeld(event)
        case let event as InboundHeldPaymentReleased: .inboundHeldPaymentReleased(event)
        case let event as InboundHeldPaymentRejected: .inboundHeldPaymentRejected(event)
        case let event as InboundPaymentSanctionsChecked: .inboundPaymentSanctionsChecked(event)
        case let event as InboundPaymentAccountStatusChecked: .inboundPaymentAccountStatusChecked(event)
        case let event as InboundPaymentBalanceUpdated: .inboundPaymentBalanceUpdated(event)
        case let event as InboundPaymentFailed: .inboundPaymentFailed(event)
        case let event as OutboundPaymentRequested: .outboundPaymentRequested(event)
        case let event as OutboundPaymentValidated: .outboundPaymentValidated(event)
        case let event as OutboundPaymentHeld: .outboundPaymentHeld(event)
        case let event as OutboundHeldPaymentReleased: .outboundHeldPaymentReleased(event)
        case let event as OutboundHeldPaymentRejected: .outboundHeldPaymentRejected(event)
        case let event as OutboundPaymentSanctionsChecked: .outboundPaymentSanctionsChecked(event)
        case let event as OutboundPaymentAccountStatusChecked: .outboundPaymentAccountStatusChecked(event)
        case let event as OutboundPaymentSentToScheme: .outboundPaymentSentToScheme(event)
        case let event as OutboundPaymentAccepted: .outboundPaymentAccepted(event)
        case let event as OutboundPaymentReversed: .outboundPaymentReversed(event)
        case let event as OutboundPaymentFailed: .outboundPaymentFailed(event)
        default:
            // Every BankEventType is a case of BankEvent (BankEvent.decoders lists the same types).
            fatalError("\(Self.eventType) has no BankEvent case")
        }
    }
}
