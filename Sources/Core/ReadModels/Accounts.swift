import Foundation
import Store

/// Read model: accounts with holder, status and balance, and each account's ledger with a
/// running balance. O(1) amortised per event; copies share structure.
public struct Accounts: Sendable, Equatable {
    private var byId = ShardedDictionary<AccountID, AccountSummary>()
    /// Every ledger line of every account, in log order.
    private var lines = ChunkedArray<LedgerLine>(chunkSize: 256)
    /// Each account's lines, as indexes into `lines`.
    private var ledgers = ShardedDictionary<AccountID, ChunkedArray<Int32>>()

    public init() {}

    /// The account, if opened.
    public func account(_ id: AccountID) -> AccountSummary? { byId[id] }

    /// All accounts, by sort code and account number. O(n log n).
    public var all: [AccountSummary] { byId.all.map(\.value).sorted { $0.id < $1.id } }

    public var count: Int { byId.count }

    /// The account's ledger lines, oldest first (empty when none).
    public func ledger(_ id: AccountID) -> [LedgerLine] { (ledgers[id]?.all ?? []).map { lines[Int($0)] } }

    /// The latest `limit` ledger lines, newest first.
    public func recentLedger(_ id: AccountID, limit: Int) -> [LedgerLine] {
        guard let indexes = ledgers[id] else { return [] }
        return indexes.elements(in: max(0, indexes.count - limit)..<indexes.count).reversed().map { lines[Int($0)] }
    }

    /// Balance from the ledger alone (also for ledgers of accounts never opened).
    public func balance(_ id: AccountID) -> Money { lastLine(id)?.balance ?? .zero }

    private func lastLine(_ id: AccountID) -> LedgerLine? { ledgers[id]?.last.map { lines[Int($0)] } }

    // MARK: - Folding

    public mutating func apply(_ event: BankEvent, _ recorded: RecordedEvent) {
        switch event {
        case .accountOpened(let e):
            guard byId[e.account] == nil else { return }
            byId[e.account] = AccountSummary(id: e.account, holder: e.holder, status: .open, balance: balance(e.account),
                                             statusReason: nil, statusChangedBy: nil, opened: recorded.created,
                                             lastChanged: recorded.created, entries: ledgers[e.account]?.count ?? 0)
        case .accountBlocked(let e):
            setStatus(e.account, .blocked, e.reason, e.by, recorded)
        case .accountUnblocked(let e):
            setStatus(e.account, .open, e.reason, e.by, recorded)
        case .accountClosed(let e):
            setStatus(e.account, .closed, e.reason, e.by, recorded)
        case .ledgerEntryPosted(let e):
            let last = lastLine(e.account)
            // A redelivered entry (at or before the last one folded) changes nothing.
            if let last, last.position >= recorded.position { return }
            let balance = (last?.balance ?? .zero) + e.amount
            let index = Int32(lines.count)
            lines.append(LedgerLine(position: recorded.position, version: recorded.version, created: recorded.created,
                                    amount: e.amount, balance: balance, recordedBalance: e.balanceAfter,
                                    kind: e.kind, paymentId: e.paymentId, description: e.description))
            ledgers.update(e.account, default: ChunkedArray(chunkSize: 64)) { $0.append(index) }
            let entries = ledgers[e.account]?.count ?? 0
            byId.modify(e.account) {
                $0.balance = balance
                $0.entries = entries
                $0.lastChanged = recorded.created
            }
        default:
            break
        }
    }

    private mutating func setStatus(_ id: AccountID, _ status: AccountStatus, _ reason: String, _ by: String, _ recorded: RecordedEvent) {
        byId.modify(id) {
            $0.status = status
            $0.statusReason = reason
            $0.statusChangedBy = by
            $0.lastChanged = recorded.created
        }
    }
}
