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
    case operatorAdded(OperatorAdded)
    case operatorRoleChanged(OperatorRoleChanged)
    case operatorRemoved(OperatorRemoved)
    case fourEyesThresholdSet(FourEyesThresholdSet)
    case screeningThresholdSet(ScreeningThresholdSet)
    case heldPaymentApproved(HeldPaymentApproved)
    case paymentScheduled(PaymentScheduled)
    case scheduledPaymentDue(ScheduledPaymentDue)
    case scheduledPaymentCancelled(ScheduledPaymentCancelled)
    case customerForgotten(CustomerForgotten)

    /// Why an event could not be decoded.
    public enum DecodingFailure: Error, Equatable, Sendable {
        /// Not one of the bank's event types (e.g. a `$` system event or a user's test event).
        case unknownType(String)
        /// A bank event type whose data does not decode.
        case malformed(type: String, reason: String)
    }

    // MARK: - The catalog
    //
    // Each event type is declared once, as a `BankEventType` (its name, its `wrapped` case and,
    // where it pays, its fast JSON codec). The two exhaustive switches below tie every case to
    // its type: a new case that is not listed, or a type without `wrapped`, does not compile.
    // Names, decoders and encoders all derive from these.

    /// Which event this is, without its data: one per case.
    public enum Kind: CaseIterable, Sendable, Hashable {
        case accountOpened, accountBlocked, accountUnblocked, accountClosed, ledgerEntryPosted
        case ledgerDebitRefused, ledgerCreditRefused, sanctionedNameAdded, sanctionedNameRemoved
        case sanctionsListSnapshotTaken, inboundPaymentSentByScheme, outboundPaymentAcceptedByScheme
        case outboundPaymentRejectedByScheme, inboundPaymentReceived, inboundPaymentValidated
        case inboundPaymentReturned, inboundPaymentHeld, inboundHeldPaymentReleased, inboundHeldPaymentRejected
        case inboundPaymentSanctionsChecked, inboundPaymentAccountStatusChecked, inboundPaymentBalanceUpdated
        case inboundPaymentFailed, outboundPaymentRequested, outboundPaymentValidated, outboundPaymentHeld
        case outboundHeldPaymentReleased, outboundHeldPaymentRejected, outboundPaymentSanctionsChecked
        case outboundPaymentAccountStatusChecked, outboundPaymentSentToScheme, outboundPaymentAccepted
        case outboundPaymentReversed, outboundPaymentFailed
        case operatorAdded, operatorRoleChanged, operatorRemoved, fourEyesThresholdSet, heldPaymentApproved
        case paymentScheduled, scheduledPaymentDue, scheduledPaymentCancelled
        case screeningThresholdSet
        case customerForgotten

        /// The type whose values this kind carries.
        public var payloadType: any BankEventType.Type {
            switch self {
            case .accountOpened: AccountOpened.self
            case .accountBlocked: AccountBlocked.self
            case .accountUnblocked: AccountUnblocked.self
            case .accountClosed: AccountClosed.self
            case .ledgerEntryPosted: LedgerEntryPosted.self
            case .ledgerDebitRefused: LedgerDebitRefused.self
            case .ledgerCreditRefused: LedgerCreditRefused.self
            case .sanctionedNameAdded: SanctionedNameAdded.self
            case .sanctionedNameRemoved: SanctionedNameRemoved.self
            case .sanctionsListSnapshotTaken: SanctionsListSnapshotTaken.self
            case .inboundPaymentSentByScheme: InboundPaymentSentByScheme.self
            case .outboundPaymentAcceptedByScheme: OutboundPaymentAcceptedByScheme.self
            case .outboundPaymentRejectedByScheme: OutboundPaymentRejectedByScheme.self
            case .inboundPaymentReceived: InboundPaymentReceived.self
            case .inboundPaymentValidated: InboundPaymentValidated.self
            case .inboundPaymentReturned: InboundPaymentReturned.self
            case .inboundPaymentHeld: InboundPaymentHeld.self
            case .inboundHeldPaymentReleased: InboundHeldPaymentReleased.self
            case .inboundHeldPaymentRejected: InboundHeldPaymentRejected.self
            case .inboundPaymentSanctionsChecked: InboundPaymentSanctionsChecked.self
            case .inboundPaymentAccountStatusChecked: InboundPaymentAccountStatusChecked.self
            case .inboundPaymentBalanceUpdated: InboundPaymentBalanceUpdated.self
            case .inboundPaymentFailed: InboundPaymentFailed.self
            case .outboundPaymentRequested: OutboundPaymentRequested.self
            case .outboundPaymentValidated: OutboundPaymentValidated.self
            case .outboundPaymentHeld: OutboundPaymentHeld.self
            case .outboundHeldPaymentReleased: OutboundHeldPaymentReleased.self
            case .outboundHeldPaymentRejected: OutboundHeldPaymentRejected.self
            case .outboundPaymentSanctionsChecked: OutboundPaymentSanctionsChecked.self
            case .outboundPaymentAccountStatusChecked: OutboundPaymentAccountStatusChecked.self
            case .outboundPaymentSentToScheme: OutboundPaymentSentToScheme.self
            case .outboundPaymentAccepted: OutboundPaymentAccepted.self
            case .outboundPaymentReversed: OutboundPaymentReversed.self
            case .outboundPaymentFailed: OutboundPaymentFailed.self
            case .operatorAdded: OperatorAdded.self
            case .operatorRoleChanged: OperatorRoleChanged.self
            case .operatorRemoved: OperatorRemoved.self
            case .fourEyesThresholdSet: FourEyesThresholdSet.self
            case .screeningThresholdSet: ScreeningThresholdSet.self
            case .heldPaymentApproved: HeldPaymentApproved.self
            case .paymentScheduled: PaymentScheduled.self
            case .scheduledPaymentDue: ScheduledPaymentDue.self
            case .scheduledPaymentCancelled: ScheduledPaymentCancelled.self
            case .customerForgotten: CustomerForgotten.self
            }
        }
    }

    /// Which event this is.
    public var kind: Kind {
        switch self {
        case .accountOpened: .accountOpened
        case .accountBlocked: .accountBlocked
        case .accountUnblocked: .accountUnblocked
        case .accountClosed: .accountClosed
        case .ledgerEntryPosted: .ledgerEntryPosted
        case .ledgerDebitRefused: .ledgerDebitRefused
        case .ledgerCreditRefused: .ledgerCreditRefused
        case .sanctionedNameAdded: .sanctionedNameAdded
        case .sanctionedNameRemoved: .sanctionedNameRemoved
        case .sanctionsListSnapshotTaken: .sanctionsListSnapshotTaken
        case .inboundPaymentSentByScheme: .inboundPaymentSentByScheme
        case .outboundPaymentAcceptedByScheme: .outboundPaymentAcceptedByScheme
        case .outboundPaymentRejectedByScheme: .outboundPaymentRejectedByScheme
        case .inboundPaymentReceived: .inboundPaymentReceived
        case .inboundPaymentValidated: .inboundPaymentValidated
        case .inboundPaymentReturned: .inboundPaymentReturned
        case .inboundPaymentHeld: .inboundPaymentHeld
        case .inboundHeldPaymentReleased: .inboundHeldPaymentReleased
        case .inboundHeldPaymentRejected: .inboundHeldPaymentRejected
        case .inboundPaymentSanctionsChecked: .inboundPaymentSanctionsChecked
        case .inboundPaymentAccountStatusChecked: .inboundPaymentAccountStatusChecked
        case .inboundPaymentBalanceUpdated: .inboundPaymentBalanceUpdated
        case .inboundPaymentFailed: .inboundPaymentFailed
        case .outboundPaymentRequested: .outboundPaymentRequested
        case .outboundPaymentValidated: .outboundPaymentValidated
        case .outboundPaymentHeld: .outboundPaymentHeld
        case .outboundHeldPaymentReleased: .outboundHeldPaymentReleased
        case .outboundHeldPaymentRejected: .outboundHeldPaymentRejected
        case .outboundPaymentSanctionsChecked: .outboundPaymentSanctionsChecked
        case .outboundPaymentAccountStatusChecked: .outboundPaymentAccountStatusChecked
        case .outboundPaymentSentToScheme: .outboundPaymentSentToScheme
        case .outboundPaymentAccepted: .outboundPaymentAccepted
        case .outboundPaymentReversed: .outboundPaymentReversed
        case .outboundPaymentFailed: .outboundPaymentFailed
        case .operatorAdded: .operatorAdded
        case .operatorRoleChanged: .operatorRoleChanged
        case .operatorRemoved: .operatorRemoved
        case .fourEyesThresholdSet: .fourEyesThresholdSet
        case .screeningThresholdSet: .screeningThresholdSet
        case .heldPaymentApproved: .heldPaymentApproved
        case .paymentScheduled: .paymentScheduled
        case .scheduledPaymentDue: .scheduledPaymentDue
        case .scheduledPaymentCancelled: .scheduledPaymentCancelled
        case .customerForgotten: .customerForgotten
        }
    }

    /// The event's type name (`AccountOpened`, ...), as stored.
    public var eventType: String { kind.payloadType.eventType }

    /// Whether `type` names one of the bank's event types.
    public static func isBankEventType(_ type: String) -> Bool { decoders[type] != nil }

    /// Decodes the data of a recorded event by its type.
    public static func decode(_ event: RecordedEvent) throws(DecodingFailure) -> BankEvent {
        try decode(type: event.type, data: event.data)
    }

    /// Decodes `data` as the bank event named `type`: the type's fast codec when it has one and
    /// the bytes are its shape, otherwise Foundation's decoder.
    public static func decode(type: String, data: Data) throws(DecodingFailure) -> BankEvent {
        guard let make = decoders[type] else { throw .unknownType(type) }
        do {
            // Sealed personal fields are opened here, so every reader sees names (or `[forgotten]`).
            let event = try make(data)
            return typesWithPersonalData.contains(type) ? event.openingPersonalData() : event
        } catch {
            throw .malformed(type: type, reason: String(describing: error))
        }
    }

    private static func decoder<E: BankEventType>(_ type: E.Type) -> (String, @Sendable (Data) throws -> BankEvent) {
        (E.eventType, { data in
            if E.hasFastJSON, let object = JSONObject.parse(data), let event = E(fastJSON: object) { return event.wrapped }
            return try BankCodec.decoder.decode(E.self, from: data).wrapped
        })
    }

    /// The decoders by type name, derived from the catalog.
    private static let decoders: [String: @Sendable (Data) throws -> BankEvent] =
        Dictionary(uniqueKeysWithValues: Kind.allCases.map { decoder($0.payloadType) })
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
