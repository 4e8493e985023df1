import Foundation

// Which fields of the bank's events are personal data, and whose. Each field's context
// (`Type/member/member`, array elements adding nothing) is authenticated with its ciphertext,
// so a sealed name cannot be moved into another field; the JSON views use the same paths.

/// Whose key seals an event's personal data.
enum PersonalDataOwner: Equatable {
    /// The holder of this account.
    case account(AccountID)
    /// The account of the payment whose stream the event is on (looked up from its first event).
    case paymentAccount
    /// A payment that names no well-formed account: the bank's own key.
    case bank
}

extension BankEvent {
    /// Whose key seals this event's personal data; nil when it carries none.
    var personalDataOwner: PersonalDataOwner? {
        switch self {
        case .accountOpened(let e): .account(e.account)
        case .inboundPaymentSentByScheme(let e): e.to.account.map(PersonalDataOwner.account) ?? .bank
        case .inboundPaymentReceived(let e): e.to.account.map(PersonalDataOwner.account) ?? .bank
        case .inboundPaymentValidated(let e): .account(e.account)
        case .outboundPaymentRequested(let e): .account(e.from)
        case .ledgerEntryPosted(let e): Self.describesPayment(e.kind) ? .account(e.account) : nil
        case .inboundPaymentHeld, .outboundPaymentValidated, .outboundPaymentHeld: .paymentAccount
        default: nil
        }
    }

    /// The types whose events may carry personal data (a look before decoding anything).
    static let typesWithPersonalData: Set<String> = [
        AccountOpened.eventType, InboundPaymentSentByScheme.eventType, InboundPaymentReceived.eventType,
        InboundPaymentValidated.eventType, OutboundPaymentRequested.eventType, LedgerEntryPosted.eventType,
        InboundPaymentHeld.eventType, OutboundPaymentValidated.eventType, OutboundPaymentHeld.eventType,
    ]

    /// A ledger entry's description names the other party for payments ("From NAME ref …").
    private static func describesPayment(_ kind: LedgerEntryKind) -> Bool {
        kind == .inboundPayment || kind == .outboundPayment
    }

    /// The event with each personal field replaced by `transform(value, context)`; nil when it
    /// carries none. Everything else (amounts, accounts, ids) is untouched.
    func mappingPersonalData<E: Error>(_ transform: (String, String) throws(E) -> String) throws(E) -> (any BankEventType)? {
        // Each context is written out whole: made by concatenation, it cost an allocation per field.
        func party(_ party: inout PaymentParty, _ context: String) throws(E) {
            party.name = try transform(party.name, context)
        }
        func matches(_ matches: inout [ScreeningMatch], _ type: String) throws(E) {
            for index in matches.indices { matches[index].name = try transform(matches[index].name, type + "/matches/name") }
        }
        switch self {
        case .accountOpened(var e):
            e.holder = try transform(e.holder, "AccountOpened/holder")
            return e
        case .inboundPaymentSentByScheme(var e):
            try party(&e.from, "InboundPaymentSentByScheme/from/name")
            try party(&e.to, "InboundPaymentSentByScheme/to/name")
            return e
        case .inboundPaymentReceived(var e):
            try party(&e.from, "InboundPaymentReceived/from/name")
            try party(&e.to, "InboundPaymentReceived/to/name")
            return e
        case .inboundPaymentValidated(var e):
            e.accountHolder = try transform(e.accountHolder, "InboundPaymentValidated/accountHolder")
            return e
        case .inboundPaymentHeld(var e):
            try matches(&e.matches, "InboundPaymentHeld")
            return e
        case .outboundPaymentRequested(var e):
            try party(&e.to, "OutboundPaymentRequested/to/name")
            return e
        case .outboundPaymentValidated(var e):
            e.accountHolder = try transform(e.accountHolder, "OutboundPaymentValidated/accountHolder")
            return e
        case .outboundPaymentHeld(var e):
            try matches(&e.matches, "OutboundPaymentHeld")
            return e
        case .ledgerEntryPosted(var e) where Self.describesPayment(e.kind):
            e.description = try transform(e.description, "LedgerEntryPosted/description")
            return e
        default:
            return nil
        }
    }

    /// The event with its sealed fields opened through the keyring (`PersonalData.forgotten`
    /// where the key is gone); itself when it has none.
    func openingPersonalData() -> BankEvent {
        guard let opened = mappingPersonalData({ (text: String, context: String) throws(Never) -> String in
            PersonalDataKeyring.open(text, context: context)
        }) else { return self }
        return opened.wrapped
    }
}
