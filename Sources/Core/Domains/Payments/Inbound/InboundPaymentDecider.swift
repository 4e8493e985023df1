import Foundation
import Store

/// The Payments domain's inbound state machine as a pure function:
/// `(input event, the payment's stream, the accounts, screening) -> events to append`.
///
/// Each step appends right after the payment stream's current version, and only when the
/// payment is at the step the input moves on from, so a redelivered input decides nothing.
public enum InboundPaymentDecider {
    /// The event types it consumes.
    public static let inputTypes = [
        InboundPaymentSentByScheme.eventType, InboundPaymentReceived.eventType, InboundPaymentValidated.eventType,
        InboundHeldPaymentReleased.eventType, InboundHeldPaymentRejected.eventType,
        InboundPaymentSanctionsChecked.eventType, LedgerEntryPosted.eventType, LedgerCreditRefused.eventType,
    ]

    /// The payment an input is about, if it is one this machine handles.
    public static func paymentId(of input: BankEvent) -> UUID? {
        switch input {
        case .inboundPaymentSentByScheme(let e): e.paymentId
        case .inboundPaymentReceived(let e): e.paymentId
        case .inboundPaymentValidated(let e): e.paymentId
        case .inboundHeldPaymentReleased(let e): e.paymentId
        case .inboundHeldPaymentRejected(let e): e.paymentId
        case .inboundPaymentSanctionsChecked(let e): e.paymentId
        case .ledgerEntryPosted(let e) where e.kind == .inboundPayment: e.paymentId
        case .ledgerCreditRefused(let e) where e.kind == .inboundPayment: e.paymentId
        default: nil
        }
    }

    /// Decides the next step of the payment `input` is about.
    /// - Parameters:
    ///   - inputVersion: the input's version in its own stream (the ledger version for a posting).
    ///   - payment: the payment stream's fold and last version.
    ///   - account: looks up one of the bank's accounts (called only by the steps that need one).
    ///   - screening: the current screening (asked for only by the screening step).
    public static func decide(_ input: BankEvent, inputVersion: Int64, payment: InboundPaymentState, paymentVersion: Int64?,
                              account: (AccountID) throws(ViewError) -> AccountState,
                              screening: () throws(ViewError) -> any NameScreening) throws(ViewError) -> Decision? {
        guard let paymentId = paymentId(of: input) else { return nil }
        let correlation = paymentId.lowercasedString
        func next<E: BankEventType>(_ event: E, _ step: String) -> Decision {
            Decision(stream: .payment(.inbound, paymentId), expected: Decision.after(paymentVersion),
                     events: [PendingEvent(event, step: step, correlationId: correlation)])
        }

        switch input {
        case .inboundPaymentSentByScheme(let sent):
            guard payment.step == nil else { return nil }
            return next(InboundPaymentReceived(sent.instruction), "inbound.receive")

        case .inboundPaymentReceived:
            guard payment.step == .received, let received = payment.received else { return nil }
            switch try validate(received, account: account) {
            case .success(let validated): return next(validated, "inbound.validate")
            case .failure(let reason): return next(InboundPaymentReturned(paymentId: paymentId, reason: reason), "inbound.validate")
            }

        case .inboundPaymentValidated:
            guard payment.step == .validated, let received = payment.received, let validated = payment.validated else { return nil }
            let screening = try screening()
            let matches = screening.screen([(.originator, received.from.name), (.beneficiary, received.to.name),
                                            (.accountHolder, validated.accountHolder)])
            if matches.isEmpty {
                return next(InboundPaymentSanctionsChecked(paymentId: paymentId, released: false), "inbound.screen")
            }
            return next(InboundPaymentHeld(paymentId: paymentId, matches: matches, threshold: screening.threshold), "inbound.screen")

        case .inboundHeldPaymentReleased:
            guard payment.step == .released else { return nil }
            return next(InboundPaymentSanctionsChecked(paymentId: paymentId, released: true), "inbound.released")

        case .inboundHeldPaymentRejected(let rejected):
            guard payment.step == .rejected else { return nil }
            return next(InboundPaymentFailed(paymentId: paymentId, reason: PaymentValidation.rejected(rejected.decision)), "inbound.rejected")

        case .inboundPaymentSanctionsChecked:
            guard payment.step == .sanctionsChecked, let validated = payment.validated else { return nil }
            let state = try account(validated.account)
            guard state.exists else {
                return next(InboundPaymentFailed(paymentId: paymentId, reason: PaymentFailure(
                    code: .unknownAccount, detail: "account \(validated.account) does not exist")), "inbound.status")
            }
            if let failure = PaymentValidation.failure(of: validated.account, state.status) {
                return next(InboundPaymentFailed(paymentId: paymentId, reason: failure), "inbound.status")
            }
            return next(InboundPaymentAccountStatusChecked(paymentId: paymentId, account: validated.account), "inbound.status")

        case .ledgerEntryPosted(let entry):
            guard payment.step == .accountStatusChecked else { return nil }
            return next(InboundPaymentBalanceUpdated(paymentId: paymentId, account: entry.account, amount: entry.amount,
                                                     balanceAfter: entry.balanceAfter, ledgerVersion: inputVersion), "inbound.settle")

        case .ledgerCreditRefused(let refused):
            guard payment.step == .accountStatusChecked else { return nil }
            return next(InboundPaymentFailed(paymentId: paymentId, reason: PaymentFailure(
                code: .balanceLimit,
                detail: "crediting \(refused.amount) to \(refused.balance) would take account \(refused.account) beyond \(Money.max)")),
                        "inbound.refused")

        default:
            return nil
        }
    }

    /// DOMAIN.md's validation: well-formed fields, a positive amount, an existing destination.
    public static func validate(_ received: InboundPaymentReceived, account: (AccountID) throws(ViewError) -> AccountState)
        throws(ViewError) -> Result<InboundPaymentValidated, PaymentFailure> {
        let amount: Money
        switch PaymentValidation.amount(received.amount, parties: [(received.from, "originator"), (received.to, "beneficiary")],
                                        reference: received.reference) {
        case .success(let money): amount = money
        case .failure(let failure): return .failure(failure)
        }
        guard let destination = received.to.account else { return .failure(PaymentValidation.invalid("beneficiary account is malformed")) }
        if let problem = PaymentValidation.modulusProblem(destination, label: "beneficiary") { return .failure(PaymentValidation.invalid(problem)) }
        let state = try account(destination)
        guard state.exists else { return .failure(PaymentValidation.unknownAccount(destination)) }
        return .success(InboundPaymentValidated(paymentId: received.paymentId, amount: amount, account: destination,
                                                accountHolder: state.holder))
    }
}
