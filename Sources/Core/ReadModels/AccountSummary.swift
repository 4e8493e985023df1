import Foundation

/// One of the bank's accounts as the accounts read model knows it.
public struct AccountSummary: Sendable, Hashable, Codable {
    public var id: AccountID
    public var holder: String
    public var status: AccountStatus
    /// The sum of its ledger entries.
    public var balance: Money
    /// Why it was last blocked, unblocked or closed, and by whom.
    public var statusReason: String?
    public var statusChangedBy: String?
    public var opened: Date
    public var lastChanged: Date
    /// Number of ledger entries posted.
    public var entries: Int
}

/// One posted ledger entry with the running balance after it.
public struct LedgerLine: Sendable, Hashable {
    public var position: UInt64
    public var version: Int64
    public var created: Date
    public var amount: Money
    /// The running balance computed by the read model (the sum so far).
    public var balance: Money
    /// The balance the posting domain recorded; equal to `balance` unless the log is inconsistent.
    public var recordedBalance: Money
    public var kind: LedgerEntryKind
    public var paymentId: UUID?
    public var description: String
}
