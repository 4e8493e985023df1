import Foundation
import Store

/// Any event of the bank, decoded from a `RecordedEvent`; read models fold over these.
///
/// `indirect`: each event sits in one box, so the many copies on its way (memo, processors,
/// read models) retain one reference instead of each of its strings.
public indirect enum BankEvent: Sendable, Hashable {
    case accountOpened(AccountOpened)
    case accountBlocked(AccountBlocked)
    case accountUnblocked(AccountUnblocked)
    case accountClosed(AccountClosed)
    case ledgerEntryPosted(LedgerEntryPosted)
    case ledgerDebitRefused(LedgerDebitRefused)
    case ledgerCreditRefused(LedgerCreditRefused)
    case sanctionedNameAdded(SanctionedNameAdded)
    case sanctionedNameRemoved(SanctionedNameRemoved)
    case sanctionsListSnapshotTaken(SanctionsListSnapshotTaken)
    case inboundPaymentSentByScheme(InboundPaymentSentByScheme)
    case outboundPaymentAcceptedByScheme(OutboundPaymentAcceptedByScheme)
    case outboundPaymentRejectedByScheme(OutboundPaymentRejectedByScheme)
    case inboundPaymentReceived(InboundPaymentReceived)
    case inboundPaymentValidated(InboundPaymentValidated)
    case inboundPaymentReturned(InboundPaymentReturned)
    case inboundPaymentHeld(InboundPaymentHeld)
    case inboundHeldPaymentReleased(InboundHeldPaymentReleased)
    case inboundHeldPaymentRejected(InboundHeldPaymentRejected)
    case inboundPaymentSanctionsChecked(InboundPaymentSanctionsChecked)
    case inboundPaymentAccountStatusChecked(InboundPaymentAccountStatusChecked)
    case inboundPaymentBalanceUpdated(InboundPaymentBalanceUpdated)
    case inboundPaymentFailed(InboundPaymentFailed)
    case outboundPaymentRequested(OutboundPaymentRequested)
    case outboundPaymentValidated(OutboundPaymentValidated)
    case outboundPaymentHeld(OutboundPaymentHeld)
    case outboundHeldPaymentReleased(OutboundHeldPaymentReleased)
    case outboundHeldPaymentRejected(OutboundHeldPaymentRejected)
    case outboundPaymentSanctionsChecked(OutboundPaymentSanctionsChecked)
    case outboundPaymentAccountStatusChecked(OutboundPaymentAccountStatusChecked)
    case outboundPaymentSentToScheme(OutboundPaymentSentToScheme)
    case outboundPaymentAccepted(OutboundPaymentAccepted)
    case outboundPaymentReversed(OutboundPaymentReversed)
    case outboundPaymentFailed(OutboundPaymentFailed)

    /// Why an event could not be decoded.
    public enum DecodingFailure: Error, Equatable, Sendable {
        /// Not one of the bank's event types (e.g. a `$` system event or a user's test event).
        case unknownType(String)
        /// A bank event type whose data does not decode.
        case malformed(type: String, reason: String)
    }

    /// Whether `type` names one of the bank's event types (the decoders' catalog).
    public static func isBankEventType(_ type: String) -> Bool { decoders[type] != nil }

    /// Decodes the data of a recorded event by its type.
    public static func decode(_ event: RecordedEvent) throws(DecodingFailure) -> BankEvent {
        try decode(type: event.type, data: event.data)
    }

    /// Decodes `data` as the bank event named `type`.
    public static func decode(type: String, data: Data) throws(DecodingFailure) -> BankEvent {
        guard let make = decoders[type] else { throw .unknownType(type) }
        do {
            return try make(data)
        } catch {
            throw .malformed(type: type, reason: String(describing: error))
        }
    }

    private static func entry<E: BankEventType>(_ type: E.Type, _ wrap: @escaping @Sendable (E) -> BankEvent) -> (String, @Sendable (Data) throws -> BankEvent) {
        (E.eventType, { data in
            if E.hasFastJSON, let object = JSONObject.parse(data), let event = E(fastJSON: object) { return wrap(event) }
            return wrap(try BankCodec.decoder.decode(E.self, from: data))
        })
    }

    private static let decoders: [String: @Sendable (Data) throws -> BankEvent] = Dictionary(uniqueKeysWithValues: [
        entry(AccountOpened.self, BankEvent.accountOpened),
        entry(AccountBlocked.self, BankEvent.accountBlocked),
        entry(AccountUnblocked.self, BankEvent.accountUnblocked),
        entry(AccountClosed.self, BankEvent.accountClosed),
        entry(LedgerEntryPosted.self, BankEvent.ledgerEntryPosted),
        entry(LedgerDebitRefused.self, BankEvent.ledgerDebitRefused),
        entry(LedgerCreditRefused.self, BankEvent.ledgerCreditRefused),
        entry(SanctionedNameAdded.self, BankEvent.sanctionedNameAdded),
        entry(SanctionedNameRemoved.self, BankEvent.sanctionedNameRemoved),
        entry(SanctionsListSnapshotTaken.self, BankEvent.sanctionsListSnapshotTaken),
        entry(InboundPaymentSentByScheme.self, BankEvent.inboundPaymentSentByScheme),
        entry(OutboundPaymentAcceptedByScheme.self, BankEvent.outboundPaymentAcceptedByScheme),
        entry(OutboundPaymentRejectedByScheme.self, BankEvent.outboundPaymentRejectedByScheme),
        entry(InboundPaymentReceived.self, BankEvent.inboundPaymentReceived),
        entry(InboundPaymentValidated.self, BankEvent.inboundPaymentValidated),
        entry(InboundPaymentReturned.self, BankEvent.inboundPaymentReturned),
        entry(InboundPaymentHeld.self, BankEvent.inboundPaymentHeld),
        entry(InboundHeldPaymentReleased.self, BankEvent.inboundHeldPaymentReleased),
        entry(InboundHeldPaymentRejected.self, BankEvent.inboundHeldPaymentRejected),
        entry(InboundPaymentSanctionsChecked.self, BankEvent.inboundPaymentSanctionsChecked),
        entry(InboundPaymentAccountStatusChecked.self, BankEvent.inboundPaymentAccountStatusChecked),
        entry(InboundPaymentBalanceUpdated.self, BankEvent.inboundPaymentBalanceUpdated),
        entry(InboundPaymentFailed.self, BankEvent.inboundPaymentFailed),
        entry(OutboundPaymentRequested.self, BankEvent.outboundPaymentRequested),
        entry(OutboundPaymentValidated.self, BankEvent.outboundPaymentValidated),
        entry(OutboundPaymentHeld.self, BankEvent.outboundPaymentHeld),
        entry(OutboundHeldPaymentReleased.self, BankEvent.outboundHeldPaymentReleased),
        entry(OutboundHeldPaymentRejected.self, BankEvent.outboundHeldPaymentRejected),
        entry(OutboundPaymentSanctionsChecked.self, BankEvent.outboundPaymentSanctionsChecked),
        entry(OutboundPaymentAccountStatusChecked.self, BankEvent.outboundPaymentAccountStatusChecked),
        entry(OutboundPaymentSentToScheme.self, BankEvent.outboundPaymentSentToScheme),
        entry(OutboundPaymentAccepted.self, BankEvent.outboundPaymentAccepted),
        entry(OutboundPaymentReversed.self, BankEvent.outboundPaymentReversed),
        entry(OutboundPaymentFailed.self, BankEvent.outboundPaymentFailed),
    ])
}

extension JSONDecoder {
    /// The decoder for bank event data (ISO 8601 dates).
    static var bank: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

extension JSONEncoder {
    /// The encoder for bank event data: sorted keys and ISO 8601 dates, so equal events encode
    /// to equal bytes (processors' retries must be byte-identical).
    static var bank: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
