import Foundation

/// Why a ledger entry was posted.
public enum LedgerEntryKind: String, Codable, Sendable, Hashable {
    case openingBalance
    case inboundPayment
    case outboundPayment
    /// Credit that reverses an outbound payment the scheme rejected.
    case reversal
}

/// `Ledger-{sortCode}-{accountNumber}`: one entry; credits positive, debits negative.
/// The balance is the sum of the stream's entries; `balanceAfter` is that sum after this one.
public struct LedgerEntryPosted: BankEventType {
    public static let eventType = "LedgerEntryPosted"
    public var wrapped: BankEvent { .ledgerEntryPosted(self) }
    public var account: AccountID
    public var amount: Money
    public var balanceAfter: Money
    public var kind: LedgerEntryKind
    public var paymentId: UUID?
    public var description: String

    public init(account: AccountID, amount: Money, balanceAfter: Money, kind: LedgerEntryKind, paymentId: UUID?, description: String) {
        self.account = account
        self.amount = amount
        self.balanceAfter = balanceAfter
        self.kind = kind
        self.paymentId = paymentId
        self.description = description
    }
}

/// `Ledger-{sortCode}-{accountNumber}`: an outbound payment's debit refused because the
/// ledger, at the version the debit would have been appended at, held less than its amount.
///
/// Written instead of the debit, at an exact expected version, so two payments racing for the
/// same funds cannot both be debited; the payment then fails with `InsufficientFunds`.
public struct LedgerDebitRefused: BankEventType {
    public static let eventType = "LedgerDebitRefused"
    public var wrapped: BankEvent { .ledgerDebitRefused(self) }
    public var account: AccountID
    /// The debit asked for (positive).
    public var amount: Money
    /// The balance when it was refused.
    public var balance: Money
    public var paymentId: UUID

    public init(account: AccountID, amount: Money, balance: Money, paymentId: UUID) {
        self.account = account
        self.amount = amount
        self.balance = balance
        self.paymentId = paymentId
    }
}

/// `Ledger-{sortCode}-{accountNumber}`: a credit refused because it would take the balance
/// beyond `Money.max`, the most any balance may hold.
///
/// Written instead of the credit, at an exact expected version, as `LedgerDebitRefused` is;
/// the payment then fails with `BalanceLimit`. Nothing is posted.
public struct LedgerCreditRefused: BankEventType {
    public static let eventType = "LedgerCreditRefused"
    public var wrapped: BankEvent { .ledgerCreditRefused(self) }
    public var account: AccountID
    /// The credit asked for (positive).
    public var amount: Money
    /// The balance when it was refused.
    public var balance: Money
    public var kind: LedgerEntryKind
    public var paymentId: UUID

    public init(account: AccountID, amount: Money, balance: Money, kind: LedgerEntryKind, paymentId: UUID) {
        self.account = account
        self.amount = amount
        self.balance = balance
        self.kind = kind
        self.paymentId = paymentId
    }
}
