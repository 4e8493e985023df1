import Foundation
import Store

/// The Ledger domain's posting rules as a pure function: settle an inbound payment (credit),
/// debit an outbound one, and credit back an outbound payment the scheme rejected.
///
/// At most one entry per payment and kind: a posting already in the ledger decides nothing.
public enum LedgerDecider {
    /// The event types it consumes.
    public static let inputTypes = [
        InboundPaymentAccountStatusChecked.eventType, OutboundPaymentAccountStatusChecked.eventType,
        OutboundPaymentRejectedByScheme.eventType,
    ]

    /// The payment and its direction an input is about.
    public static func payment(of input: BankEvent) -> (PaymentDirection, UUID)? {
        switch input {
        case .inboundPaymentAccountStatusChecked(let e): (.inbound, e.paymentId)
        case .outboundPaymentAccountStatusChecked(let e): (.outbound, e.paymentId)
        case .outboundPaymentRejectedByScheme(let e): (.outbound, e.paymentId)
        default: nil
        }
    }

    /// Decides the ledger entry for `input`, given the payment and the ledger of its account.
    ///
    /// An outbound debit the ledger cannot cover is refused (`LedgerDebitRefused`) instead; a
    /// credit that would take the balance beyond `Money.max` is refused (`LedgerCreditRefused`).
    public static func decide(_ input: BankEvent, inbound: InboundPaymentState, outbound: OutboundPaymentState,
                              ledger: (AccountID) -> (state: LedgerState, version: Int64?)) -> Decision? {
        func post(_ account: AccountID, _ amount: Money, _ kind: LedgerEntryKind, _ paymentId: UUID, _ description: String, _ step: String) -> Decision? {
            let (state, version) = ledger(account)
            guard !state.hasPosted(paymentId, kind), !state.hasRefusedCredit(paymentId, kind) else { return nil }
            guard let balanceAfter = state.balance.adding(amount) else {
                // Only a credit can leave the range: a debit needs the funds, so it stays at or above zero.
                let refused = LedgerCreditRefused(account: account, amount: amount, balance: state.balance, kind: kind, paymentId: paymentId)
                return Decision(stream: .ledger(account), expected: Decision.after(version),
                                events: [PendingEvent(refused, step: "ledger.refuse-credit", correlationId: paymentId.lowercasedString)])
            }
            let entry = LedgerEntryPosted(account: account, amount: amount, balanceAfter: balanceAfter,
                                          kind: kind, paymentId: paymentId, description: description)
            return Decision(stream: .ledger(account), expected: Decision.after(version),
                            events: [PendingEvent(entry, step: step, correlationId: paymentId.lowercasedString)])
        }
        switch input {
        case .inboundPaymentAccountStatusChecked(let checked):
            guard inbound.step == .accountStatusChecked, let validated = inbound.validated, let received = inbound.received else { return nil }
            return post(checked.account, validated.amount, .inboundPayment, checked.paymentId,
                        "From \(received.from.name) ref \(received.reference)", "ledger.credit")
        case .outboundPaymentAccountStatusChecked(let checked):
            guard outbound.step == .accountStatusChecked, let requested = outbound.requested, let validated = outbound.validated else { return nil }
            // The funds check that counts: against the ledger at the exact version the debit is
            // appended at. Another debit in between makes the append fail and this decide again.
            let (state, version) = ledger(requested.from)
            guard !state.hasRefusedDebit(checked.paymentId), !state.hasPosted(checked.paymentId, .outboundPayment) else { return nil }
            if state.balance < validated.amount {
                let refused = LedgerDebitRefused(account: requested.from, amount: validated.amount, balance: state.balance, paymentId: checked.paymentId)
                return Decision(stream: .ledger(requested.from), expected: Decision.after(version),
                                events: [PendingEvent(refused, step: "ledger.refuse", correlationId: checked.paymentId.lowercasedString)])
            }
            return post(requested.from, -validated.amount, .outboundPayment, checked.paymentId,
                        "To \(requested.to.name) ref \(requested.reference)", "ledger.debit")
        case .outboundPaymentRejectedByScheme(let rejected):
            guard outbound.step == .sent, let requested = outbound.requested, let validated = outbound.validated else { return nil }
            return post(requested.from, validated.amount, .reversal, rejected.paymentId,
                        OutboundPaymentDecider.reversalPrefix + rejected.reason, "ledger.reverse")
        default:
            return nil
        }
    }
}
