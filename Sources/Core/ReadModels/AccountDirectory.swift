import Foundation
import Store

/// Read model: every account with holder, status and balance — the accounts list — kept in
/// pages so that saving it writes only the pages that changed since the last save.
///
/// An account lives in the page its id hashes to (FNV-1a of its digits, so the same page in
/// every process). Each page has a change counter (`pageVersions`); a saver compares them with
/// the counters it last wrote. No ledger lines are kept: a ledger is read from its own stream
/// (`EntityReads`). Memory grows with the number of accounts, never with the length of the log.
/// Not `Accounts`, which also keeps every ledger line.
public struct AccountDirectory: Sendable, Equatable {
    /// Pages an account directory is split into.
    public static let pageCount = 1_024

    /// What the directory keeps of one account (or of the ledger of an account never opened).
    struct Row: Sendable, Equatable, Codable {
        var id: AccountID
        /// As of its opening or last status change; nil until opened.
        var summary: AccountSummary?
        /// The `balanceAfter` of its last ledger entry (zero before any).
        var balance: Money
        var entries: Int
        /// Position and time of its last ledger entry.
        var lastEntryPosition: UInt64?
        var lastEntryCreated: Date?
        /// Position of the opening or the last status change.
        var changedPosition: UInt64
    }

    /// By page: its accounts.
    private(set) var pages: [[AccountID: Row]]
    /// By page: how many changes it has had, for savers to find the pages to write.
    public private(set) var pageVersions: [UInt64]
    /// Accounts opened.
    public private(set) var count = 0

    public init() {
        pages = Array(repeating: [:], count: Self.pageCount)
        pageVersions = Array(repeating: 0, count: Self.pageCount)
    }

    /// A directory from saved pages (each `[Row]` in its page) and its count of opened accounts.
    init(pages: [[Row]], versions: [UInt64]) {
        self.pages = pages.map { Dictionary($0.map { ($0.id, $0) }, uniquingKeysWith: { $1 }) }
        pageVersions = versions
        count = pages.reduce(0) { total, page in total + page.reduce(0) { $0 + ($1.summary == nil ? 0 : 1) } }
    }

    public static func == (lhs: AccountDirectory, rhs: AccountDirectory) -> Bool {
        lhs.count == rhs.count && lhs.pages == rhs.pages
    }

    /// The page `id` lives in.
    static func page(of id: AccountID) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.sortCode.digits.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        for byte in id.accountNumber.digits.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(hash % UInt64(pageCount))
    }

    /// The rows of page `index`, in account order (what a saver writes).
    func rows(ofPage index: Int) -> [Row] { pages[index].values.sorted { $0.id < $1.id } }

    /// The account, if opened.
    public func account(_ id: AccountID) -> AccountSummary? {
        pages[Self.page(of: id)][id].flatMap(Self.summary)
    }

    /// Balance from the ledger alone (also for ledgers of accounts never opened).
    public func balance(_ id: AccountID) -> Money { pages[Self.page(of: id)][id]?.balance ?? .zero }

    /// All accounts, by sort code and account number. O(n log n) in the accounts.
    public var all: [AccountSummary] {
        pages.flatMap { $0.values.compactMap(Self.summary) }.sorted { $0.id < $1.id }
    }

    /// Every opened account's status.
    var statuses: [(account: AccountID, status: AccountStatus)] {
        pages.flatMap { $0.values.compactMap { row in row.summary.map { (row.id, $0.status) } } }
    }

    /// The account as listed: its summary with balance, entries and last change from its ledger.
    private static func summary(_ row: Row) -> AccountSummary? {
        guard var summary = row.summary else { return nil }
        summary.entries = row.entries
        if let position = row.lastEntryPosition {
            summary.balance = row.balance
            if position > row.changedPosition, let created = row.lastEntryCreated { summary.lastChanged = created }
        }
        return summary
    }

    // MARK: - Folding

    /// Folds one event. A ledger entry's `balanceAfter` is taken as the balance: the caller has
    /// checked it follows (`BankOverview` does).
    mutating func apply(_ event: BankEvent, _ recorded: RecordedEvent) {
        switch event {
        case .accountOpened(let e):
            let opened = modify(e.account) { row in
                guard row.summary == nil else { return false }
                row.summary = AccountSummary(id: e.account, holder: e.holder, status: .open, balance: .zero,
                                             statusReason: nil, statusChangedBy: nil, opened: recorded.created,
                                             lastChanged: recorded.created, entries: 0)
                row.changedPosition = recorded.position
                return true
            }
            if opened { count += 1 }
        case .accountBlocked(let e): setStatus(e.account, .blocked, e.reason, e.by, recorded)
        case .accountUnblocked(let e): setStatus(e.account, .open, e.reason, e.by, recorded)
        case .accountClosed(let e): setStatus(e.account, .closed, e.reason, e.by, recorded)
        case .ledgerEntryPosted(let e):
            modify(e.account) { row in
                // A redelivered entry (at or before the last one folded) changes nothing.
                if let last = row.lastEntryPosition, last >= recorded.position { return false }
                row.balance = e.balanceAfter
                row.entries += 1
                row.lastEntryPosition = recorded.position
                row.lastEntryCreated = recorded.created
                return true
            }
        default:
            break
        }
    }

    private mutating func setStatus(_ id: AccountID, _ status: AccountStatus, _ reason: String, _ by: String, _ recorded: RecordedEvent) {
        let page = Self.page(of: id)
        guard pages[page][id]?.summary != nil else { return }
        modify(id) { row in
            row.summary?.status = status
            row.summary?.statusReason = reason
            row.summary?.statusChangedBy = by
            row.summary?.lastChanged = recorded.created
            row.changedPosition = recorded.position
            return true
        }
    }

    /// Changes the row of `id` (made when it first appears); `change` says whether it changed anything.
    @discardableResult
    private mutating func modify(_ id: AccountID, _ change: (inout Row) -> Bool) -> Bool {
        let page = Self.page(of: id)
        var row = pages[page][id] ?? Row(id: id, summary: nil, balance: .zero, entries: 0, lastEntryPosition: nil,
                                         lastEntryCreated: nil, changedPosition: 0)
        guard change(&row) else { return false }
        pages[page][id] = row
        pageVersions[page] += 1
        return true
    }
}
