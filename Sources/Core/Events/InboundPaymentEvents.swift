import Foundation

// `Payments-Inbound-{paymentId}`: the inbound state machine of DOMAIN.md, one event per step.

/// The bank received a payment from the scheme (raw, not yet validated): the instruction as sent.
public struct InboundPaymentReceived: InboundInstructionEvent {
    public static let eventType = "InboundPaymentReceived"
    public var wrapped: BankEvent { .inboundPaymentReceived(self) }
    public var instruction: InboundPaymentInstruction

    public init(_ instruction: InboundPaymentInstruction) {
        self.instruction = instruction
    }
}

/// The payment is well formed and its destination account exists.
public struct InboundPaymentValidated: BankEventType {
    public static let eventType = "InboundPaymentValidated"
    public var wrapped: BankEvent { .inboundPaymentValidated(self) }
    public var paymentId: UUID
    public var amount: Money
    public var account: AccountID
    /// The account holder's name, screened with the originator and beneficiary names.
    public var accountHolder: String

    public init(paymentId: UUID, amount: Money, account: AccountID, accountHolder: String) {
        self.paymentId = paymentId
        self.amount = amount
        self.account = account
        self.accountHolder = accountHolder
    }
}

/// Invalid: sent back to the scheme with the reason. An end state.
public struct InboundPaymentReturned: BankEventType {
    public static let eventType = "InboundPaymentReturned"
    public var wrapped: BankEvent { .inboundPaymentReturned(self) }
    public var paymentId: UUID
    public var reason: PaymentFailure

    public init(paymentId: UUID, reason: PaymentFailure) {
        self.paymentId = paymentId
        self.reason = reason
    }
}

/// A screened name matched the sanctions list: the payment waits for an operator.
public typealias InboundPaymentHeld = PaymentHeld<InboundHold>

/// Names `InboundPaymentHeld`.
public enum InboundHold: PaymentHoldKind {
    public static let eventType = "InboundPaymentHeld"
    public static func wrap(_ event: InboundPaymentHeld) -> BankEvent { .inboundPaymentHeld(event) }
}

/// An operator released a held payment; processing continues.
public typealias InboundHeldPaymentReleased = HeldPaymentDecided<InboundRelease>

/// Names `InboundHeldPaymentReleased`.
public enum InboundRelease: HeldPaymentDecisionKind {
    public static let eventType = "InboundHeldPaymentReleased"
    public static func wrap(_ event: InboundHeldPaymentReleased) -> BankEvent { .inboundHeldPaymentReleased(event) }
}

/// An operator rejected a held payment; it fails next.
public typealias InboundHeldPaymentRejected = HeldPaymentDecided<InboundRejection>

/// Names `InboundHeldPaymentRejected`.
public enum InboundRejection: HeldPaymentDecisionKind {
    public static let eventType = "InboundHeldPaymentRejected"
    public static func wrap(_ event: InboundHeldPaymentRejected) -> BankEvent { .inboundHeldPaymentRejected(event) }
}

/// Screening passed (or an operator released the hold).
public struct InboundPaymentSanctionsChecked: BankEventType {
    public static let eventType = "InboundPaymentSanctionsChecked"
    public var wrapped: BankEvent { .inboundPaymentSanctionsChecked(self) }
    public var paymentId: UUID
    /// True when it passed only because an operator released it.
    public var released: Bool

    public init(paymentId: UUID, released: Bool) {
        self.paymentId = paymentId
        self.released = released
    }
}

/// The destination account is open.
public struct InboundPaymentAccountStatusChecked: BankEventType {
    public static let eventType = "InboundPaymentAccountStatusChecked"
    public var wrapped: BankEvent { .inboundPaymentAccountStatusChecked(self) }
    public var paymentId: UUID
    public var account: AccountID

    public init(paymentId: UUID, account: AccountID) {
        self.paymentId = paymentId
        self.account = account
    }
}

/// The ledger entry was posted: the payment is settled. An end state.
public struct InboundPaymentBalanceUpdated: BankEventType {
    public static let eventType = "InboundPaymentBalanceUpdated"
    public var wrapped: BankEvent { .inboundPaymentBalanceUpdated(self) }
    public var paymentId: UUID
    public var account: AccountID
    public var amount: Money
    public var balanceAfter: Money
    /// Version of the `LedgerEntryPosted` in the ledger stream.
    public var ledgerVersion: Int64

    public init(paymentId: UUID, account: AccountID, amount: Money, balanceAfter: Money, ledgerVersion: Int64) {
        self.paymentId = paymentId
        self.account = account
        self.amount = amount
        self.balanceAfter = balanceAfter
        self.ledgerVersion = ledgerVersion
    }
}

/// The payment failed (blocked/closed account, or rejected after a hold). An end state.
public struct InboundPaymentFailed: BankEventType {
    public static let eventType = "InboundPaymentFailed"
    public var wrapped: BankEvent { .inboundPaymentFailed(self) }
    public var paymentId: UUID
    public var reason: PaymentFailure

    public init(paymentId: UUID, reason: PaymentFailure) {
        self.paymentId = paymentId
        self.reason = reason
    }
}
