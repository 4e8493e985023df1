import Foundation

/// One account's ledger: the fold of its `Ledger-…` stream.
public struct LedgerState: Sendable, Hashable {
    /// What a posting was for; at most one posting per key, however often a step is retried.
    public struct PostingKey: Sendable, Hashable {
        public var paymentId: UUID
        public var kind: LedgerEntryKind
    }

    /// The sum of the entries (credits positive, debits negative).
    public var balance: Money = .zero
    public var postings: Set<PostingKey> = []
    /// Outbound payments whose debit was refused for want of funds.
    public var refusedDebits: Set<UUID> = []
    /// Payments whose credit was refused: it would have taken the balance beyond `Money.max`.
    public var refusedCredits: Set<PostingKey> = []

    public init() {}

    /// Whether an entry of `kind` was already posted for `paymentId`.
    public func hasPosted(_ paymentId: UUID, _ kind: LedgerEntryKind) -> Bool {
        postings.contains(PostingKey(paymentId: paymentId, kind: kind))
    }

    /// Whether the debit of outbound payment `paymentId` was refused.
    public func hasRefusedDebit(_ paymentId: UUID) -> Bool {
        refusedDebits.contains(paymentId)
    }

    /// Whether the credit of `kind` for `paymentId` was refused (beyond the balance limit).
    public func hasRefusedCredit(_ paymentId: UUID, _ kind: LedgerEntryKind) -> Bool {
        refusedCredits.contains(PostingKey(paymentId: paymentId, kind: kind))
    }

    /// Applies one event of the ledger's stream; an entry whose `balanceAfter` does not follow
    /// from the balance and its amount (or leaves the range of `Money`) is a fault, and
    /// changes nothing.
    public mutating func apply(_ event: BankEvent) throws(FaultReason) {
        switch event {
        case .ledgerDebitRefused(let refused):
            refusedDebits.insert(refused.paymentId)
        case .ledgerCreditRefused(let refused):
            refusedCredits.insert(PostingKey(paymentId: refused.paymentId, kind: refused.kind))
        case .ledgerEntryPosted(let entry):
            balance = try Self.balance(after: entry, from: balance)
            if let paymentId = entry.paymentId {
                postings.insert(PostingKey(paymentId: paymentId, kind: entry.kind))
            }
        default:
            break
        }
    }

    /// The balance after `entry` when the balance before it is `previous`: its `balanceAfter`,
    /// checked to follow. The one rule every fold of a ledger (write side, read models) applies.
    public static func balance(after entry: LedgerEntryPosted, from previous: Money) throws(FaultReason) -> Money {
        guard let next = previous.adding(entry.amount) else {
            throw .balanceOutOfRange(previous: previous, amount: entry.amount)
        }
        guard next == entry.balanceAfter else {
            throw .balanceDoesNotFollow(previous: previous, amount: entry.amount, recorded: entry.balanceAfter)
        }
        return next
    }
}
