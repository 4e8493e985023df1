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

    public init() {}

    /// Whether an entry of `kind` was already posted for `paymentId`.
    public func hasPosted(_ paymentId: UUID, _ kind: LedgerEntryKind) -> Bool {
        postings.contains(PostingKey(paymentId: paymentId, kind: kind))
    }

    /// Whether the debit of outbound payment `paymentId` was refused.
    public func hasRefusedDebit(_ paymentId: UUID) -> Bool {
        refusedDebits.contains(paymentId)
    }

    public mutating func apply(_ event: BankEvent) {
        if case .ledgerDebitRefused(let refused) = event {
            refusedDebits.insert(refused.paymentId)
            return
        }
        guard case .ledgerEntryPosted(let entry) = event else { return }
        balance = balance + entry.amount
        if let paymentId = entry.paymentId {
            postings.insert(PostingKey(paymentId: paymentId, kind: entry.kind))
        }
    }
}
