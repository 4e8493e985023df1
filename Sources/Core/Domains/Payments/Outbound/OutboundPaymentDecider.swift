import Foundation
import Store

/// The Payments domain's outbound state machine as a pure function:
/// `(input event, the payment's stream, the accounts and ledgers, screening) -> events to append`.
public enum OutboundPaymentDecider {
    /// The event types it consumes.
    public static let inputTypes = [
        OutboundPaymentRequested.eventType, OutboundPaymentValidated.eventType,
        OutboundHeldPaymentReleased.eventType, OutboundHeldPaymentRejected.eventType,
        OutboundPaymentSanctionsChecked.eventType, LedgerEntryPosted.eventType,
        OutboundPaymentAcceptedByScheme.eventType, LedgerDebitRefused.eventType,
    ]

    /// Prefix of the description of a reversing ledger credit; the rest is the scheme's reason.
    public static let reversalPrefix = "Reversal: "

    /// The payment an input is about, if it is one this machine handles.
    public static func paymentId(of input: BankEvent) -> UUID? {
        switch input {
        case .outboundPaymentRequested(let e): e.paymentId
        case .outboundPaymentValidated(let e): e.paymentId
        case .outboundHeldPaymentReleased(let e): e.paymentId
        case .outboundHeldPaymentRejected(let e): e.paymentId
        case .outboundPaymentSanctionsChecked(let e): e.paymentId
        case .outboundPaymentAcceptedByScheme(let e): e.paymentId
        case .ledgerDebitRefused(let e): e.paymentId
        case .ledgerEntryPosted(let e) where e.kind == .outboundPayment || e.kind == .reversal: e.paymentId
        default: nil
        }
    }

    /// Decides the next step of the payment `input` is about.
    public static func decide(_ input: BankEvent, inputVersion: Int64, payment: OutboundPaymentState, paymentVersion: Int64?,
                              account: (AccountID) throws(ViewError) -> AccountState,
                              balance: (AccountID) throws(ViewError) -> Money,
                              screening: () throws(ViewError) -> any NameScreening) throws(ViewError) -> Decision? {
        guard let paymentId = paymentId(of: input) else { return nil }
        let correlation = paymentId.lowercasedString
        func next<E: BankEventType>(_ event: E, _ step: String) -> Decision {
            Decision(stream: .payment(.outbound, paymentId), expected: Decision.after(paymentVersion),
                     events: [PendingEvent(event, step: step, correlationId: correlation)])
        }
        func fail(_ code: PaymentFailure.Code, _ detail: String, _ step: String) -> Decision {
            next(OutboundPaymentFailed(paymentId: paymentId, reason: PaymentFailure(code: code, detail: detail)), step)
        }

        switch input {
        case .outboundPaymentRequested:
            guard payment.step == .requested, let requested = payment.requested else { return nil }
            switch try validate(requested, account: account) {
            case .success(let validated): return next(validated, "outbound.validate")
            case .failure(let reason): return next(OutboundPaymentFailed(paymentId: paymentId, reason: reason), "outbound.validate")
            }

        case .outboundPaymentValidated:
            guard payment.step == .validated, let requested = payment.requested, let validated = payment.validated else { return nil }
            let screening = try screening()
            let matches = screening.screen([(.originator, validated.accountHolder), (.beneficiary, requested.to.name)])
            if matches.isEmpty {
                return next(OutboundPaymentSanctionsChecked(paymentId: paymentId, released: false), "outbound.screen")
            }
            return next(OutboundPaymentHeld(paymentId: paymentId, matches: matches, threshold: screening.threshold), "outbound.screen")

        case .outboundHeldPaymentReleased:
            guard payment.step == .released else { return nil }
            return next(OutboundPaymentSanctionsChecked(paymentId: paymentId, released: true), "outbound.released")

        case .outboundHeldPaymentRejected(let rejected):
            guard payment.step == .rejected else { return nil }
            return next(OutboundPaymentFailed(paymentId: paymentId, reason: PaymentValidation.rejected(rejected.decision)), "outbound.rejected")

        case .outboundPaymentSanctionsChecked:
            guard payment.step == .sanctionsChecked, let requested = payment.requested, let validated = payment.validated else { return nil }
            if let failure = PaymentValidation.failure(of: requested.from, try account(requested.from).status) {
                return next(OutboundPaymentFailed(paymentId: paymentId, reason: failure), "outbound.status")
            }
            let available = try balance(requested.from)
            guard available >= validated.amount else {
                return fail(.insufficientFunds, "balance \(available) is less than \(validated.amount)", "outbound.status")
            }
            return next(OutboundPaymentAccountStatusChecked(paymentId: paymentId, available: available), "outbound.status")

        case .ledgerEntryPosted(let entry) where entry.kind == .outboundPayment:
            guard payment.step == .accountStatusChecked, let requested = payment.requested else { return nil }
            return next(OutboundPaymentSentToScheme(paymentId: paymentId, scheme: requested.scheme, ledgerVersion: inputVersion), "outbound.send")

        case .ledgerEntryPosted(let entry):
            guard payment.step == .sent else { return nil }
            let reason = entry.description.hasPrefix(reversalPrefix) ? String(entry.description.dropFirst(reversalPrefix.count)) : entry.description
            return next(OutboundPaymentReversed(paymentId: paymentId, reason: reason, ledgerVersion: inputVersion), "outbound.reverse")

        case .ledgerDebitRefused(let refused):
            guard payment.step == .accountStatusChecked else { return nil }
            return fail(.insufficientFunds, "balance \(refused.balance) is less than \(refused.amount)", "outbound.refused")

        case .outboundPaymentAcceptedByScheme:
            guard payment.step == .sent else { return nil }
            return next(OutboundPaymentAccepted(paymentId: paymentId), "outbound.accept")

        default:
            return nil
        }
    }

    /// Well-formed beneficiary and reference, a positive amount, an existing source account.
    public static func validate(_ requested: OutboundPaymentRequested, account: (AccountID) throws(ViewError) -> AccountState)
        throws(ViewError) -> Result<OutboundPaymentValidated, PaymentFailure> {
        let amount: Money
        switch PaymentValidation.amount(requested.amount, parties: [(requested.to, "beneficiary")], reference: requested.reference) {
        case .success(let money): amount = money
        case .failure(let failure): return .failure(failure)
        }
        if let beneficiary = requested.to.account, let problem = PaymentValidation.modulusProblem(beneficiary, label: "beneficiary") {
            return .failure(PaymentValidation.invalid(problem))
        }
        let source = try account(requested.from)
        guard source.exists else { return .failure(PaymentValidation.unknownAccount(requested.from)) }
        return .success(OutboundPaymentValidated(paymentId: requested.paymentId, amount: amount, accountHolder: source.holder))
    }
}
