import Foundation
import Store

/// Read model: accounts with holder, status and balance, and each account's ledger with a
/// running balance. O(1) amortised per event; copies share structure.
///
/// Every account (or ledger of an account never opened) has a slot, in order of first
/// appearance. A posting appends one line to the log-ordered `lines`, linked to the account's
/// previous line, and moves the account's small `heads` entry; the account itself (holder,
/// status) changes only when it is opened, blocked, unblocked or closed. Its balance, entry
/// count and last change are read from its newest line. So a checkpoint shares everything
/// but the few tree paths the postings since the last one touched.
public struct Accounts: Sendable, Equatable {
    private var slotOf = SharedSlotIndex<AccountID>()
    /// By slot: the account id, and the account once opened.
    private var slots = ChunkedArray<Slot>(chunkSize: 8)
    /// By slot: the account's newest ledger line and its number of lines.
    private var heads = ChunkedArray<LedgerHead>(chunkSize: 8)
    /// Every ledger line of every account, in log order.
    private var lines = ChunkedArray<StoredLine>(chunkSize: 8)
    /// Accounts opened.
    public private(set) var count = 0

    public init() {}

    /// Equal when they hold the same accounts, ledgers and lines (the shared index is derived).
    public static func == (lhs: Accounts, rhs: Accounts) -> Bool {
        lhs.count == rhs.count && lhs.heads == rhs.heads && lhs.slots == rhs.slots && lhs.lines == rhs.lines
    }

    /// The account, if opened.
    public func account(_ id: AccountID) -> AccountSummary? {
        slot(id).flatMap { summary(at: $0) }
    }

    /// All accounts, by sort code and account number. O(n log n).
    public var all: [AccountSummary] {
        (0..<slots.count).compactMap { summary(at: $0) }.sorted { $0.id < $1.id }
    }

    /// Every opened account's status, in order of first appearance.
    var statuses: [(account: AccountID, status: AccountStatus)] {
        slots.all.compactMap { slot in slot.summary.map { (slot.id, $0.status) } }
    }

    /// The account's ledger lines, oldest first (empty when none).
    public func ledger(_ id: AccountID) -> [LedgerLine] { recentLedger(id, limit: Int.max).reversed() }

    /// The latest `limit` ledger lines, newest first.
    public func recentLedger(_ id: AccountID, limit: Int) -> [LedgerLine] {
        guard let slot = slot(id) else { return [] }
        var result: [LedgerLine] = []
        var index = heads[slot].last
        while index >= 0 && result.count < limit {
            let stored = lines[Int(index)]
            result.append(stored.line)
            index = stored.previous
        }
        return result
    }

    /// Balance from the ledger alone (also for ledgers of accounts never opened).
    public func balance(_ id: AccountID) -> Money { slot(id).flatMap { lastLine(at: $0) }?.balance ?? .zero }

    private func slot(_ id: AccountID) -> Int? {
        slotOf.lookup(id) { $0 < slots.count && slots.read($0) { $0.id } == id }
    }

    private func lastLine(at slot: Int) -> LedgerLine? {
        let last = heads[slot].last
        return last < 0 ? nil : lines[Int(last)].line
    }

    /// The account in `slot` with its balance, entries and last change from its ledger.
    private func summary(at slot: Int) -> AccountSummary? {
        guard var summary = slots[slot].summary else { return nil }
        summary.entries = Int(heads[slot].count)
        if let line = lastLine(at: slot) {
            summary.balance = line.balance
            if line.position > slots[slot].changedPosition { summary.lastChanged = line.created }
        }
        return summary
    }

    /// The slot of `id`, made when it first appears.
    private mutating func slotMaking(_ id: AccountID) -> Int {
        let slot = slots.count
        if let existing = slotOf.lookupOrInsert(id, next: slot, holds: { $0 < slots.count && slots.read($0) { $0.id } == id }) {
            return existing
        }
        slots.append(Slot(id: id, summary: nil, changedPosition: 0))
        heads.append(LedgerHead(last: -1, count: 0))
        return slot
    }

    // MARK: - Folding

    /// Folds one event. A ledger entry's `balanceAfter` is taken as the balance: the caller
    /// has checked it follows (`BankReadModels` does, with `LedgerState.balance(after:from:)`).
    public mutating func apply(_ event: BankEvent, _ recorded: RecordedEvent) {
        switch event {
        case .accountOpened(let e):
            let slot = slotMaking(e.account)
            guard slots.read(slot, { $0.summary == nil }) else { return }
            slots.modify(slot) {
                $0.summary = AccountSummary(id: e.account, holder: e.holder, status: .open, balance: .zero,
                                            statusReason: nil, statusChangedBy: nil, opened: recorded.created,
                                            lastChanged: recorded.created, entries: 0)
                $0.changedPosition = recorded.position
            }
            count += 1
        case .accountBlocked(let e):
            setStatus(e.account, .blocked, e.reason, e.by, recorded)
        case .accountUnblocked(let e):
            setStatus(e.account, .open, e.reason, e.by, recorded)
        case .accountClosed(let e):
            setStatus(e.account, .closed, e.reason, e.by, recorded)
        case .ledgerEntryPosted(let e):
            let slot = slotMaking(e.account)
            let head = heads[slot]
            let last = head.last < 0 ? nil : lines.read(Int(head.last)) { (position: $0.line.position, balance: $0.line.balance) }
            // A redelivered entry (at or before the last one folded) changes nothing.
            if let last, last.position >= recorded.position { return }
            let balance = e.balanceAfter
            let index = Int32(lines.count)
            lines.append(StoredLine(line: LedgerLine(position: recorded.position, version: recorded.version, created: recorded.created,
                                                     amount: e.amount, balance: balance, recordedBalance: e.balanceAfter,
                                                     kind: e.kind, paymentId: e.paymentId, description: e.description),
                                    previous: head.last))
            heads.modify(slot) {
                $0.last = index
                $0.count += 1
            }
        default:
            break
        }
    }

    private mutating func setStatus(_ id: AccountID, _ status: AccountStatus, _ reason: String, _ by: String, _ recorded: RecordedEvent) {
        guard let slot = slot(id), slots.read(slot, { $0.summary != nil }) else { return }
        slots.modify(slot) {
            $0.summary?.status = status
            $0.summary?.statusReason = reason
            $0.summary?.statusChangedBy = by
            $0.summary?.lastChanged = recorded.created
            $0.changedPosition = recorded.position
        }
    }
}
