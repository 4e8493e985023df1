import Foundation
import Store
import Synchronization

/// Read model: every account with holder, status and balance — the accounts list — sorted by
/// sort code and account number, in pages that live on disk and are read one at a time.
///
/// In memory it keeps only the page table (each page's first account and row counts: one entry
/// per `pageRows` accounts), the counts per status, and the rows changed since their page was
/// last written (`overlay`, at most `overlayLimit` of them: past that they are merged into new
/// pages, written at the end of the sink's page file). Pages are read through
/// `AccountPageFile`'s bounded cache. Without a sink (no saved state: tests, a bank whose views
/// are not saved) merged pages stay in memory.
///
/// A copy shares every page already written; changing it changes only its own overlay. The
/// position in the list of any account, and a page of the list, cost O(pages) in memory plus one
/// page read — never a pass over every account. No ledger lines are kept (`EntityReads` reads
/// a ledger from its stream). Not `Accounts`, which keeps every ledger line.
///
/// Reads that meet a page that cannot be read throw `EventStoreError` (`.corrupt`, `.io`).
public struct AccountDirectory: Sendable, Equatable {
    /// Accounts a page holds at most once merged.
    static let pageRows = 512
    /// Rows changed since their page was written that are kept before merging them into pages.
    public static let defaultOverlayLimit = 131_072

    /// What the directory keeps of one account (or of the ledger of an account never opened).
    struct Row: Sendable, Equatable {
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

    /// A page's rows: written in a page file, or (without a sink) in memory.
    enum Body: Sendable, Equatable {
        case empty
        case memory([Row])
        case stored(StoredAccountPage)
    }

    /// A page: the accounts from `first` up to the next page's first.
    struct Page: Sendable {
        var first: UInt64
        var body: Body
        /// Rows, with those in the overlay.
        var rows: Int
        /// Opened accounts (those the list shows), with those in the overlay.
        var listed: Int
        /// Changes whenever the page's rows change: names its content for memos (`AccountMatchMemo`).
        var token: UInt64
    }

    var pages: [Page] = []
    /// By page index: rows changed since that page was written (indices hold until the next merge).
    var overlay: [Int: [UInt64: Row]] = [:]
    var overlayCount = 0
    let overlayLimit: Int
    /// Where merged pages are written; nil: kept in memory.
    let sink: AccountPageSink?
    /// Accounts opened.
    public private(set) var count = 0
    /// Opened accounts by status.
    private(set) var statusCounts: [AccountStatus: Int] = [:]

    /// An empty directory; merged pages go to `sink` (nil: kept in memory).
    public init(sink: AccountPageSink? = nil, overlayLimit: Int = Self.defaultOverlayLimit) {
        self.sink = sink
        self.overlayLimit = max(1, overlayLimit)
    }

    /// A directory of saved pages (`pages` in order, none empty) with its counts.
    init(pages: [Page], count: Int, statusCounts: [AccountStatus: Int], sink: AccountPageSink?, overlayLimit: Int = Self.defaultOverlayLimit) {
        self.pages = pages
        self.count = count
        self.statusCounts = statusCounts
        self.sink = sink
        self.overlayLimit = max(1, overlayLimit)
    }

    /// Equal when they list the same rows (reads every page: for tests, not for a running bank).
    public static func == (lhs: AccountDirectory, rhs: AccountDirectory) -> Bool {
        guard lhs.count == rhs.count, lhs.statusCounts.filter({ $0.value != 0 }) == rhs.statusCounts.filter({ $0.value != 0 }) else { return false }
        do throws(EventStoreError) {
            return try lhs.allRows() == rhs.allRows()
        } catch {
            return false
        }
    }

    /// Opened accounts with `status`.
    public func count(_ status: AccountStatus) -> Int { statusCounts[status] ?? 0 }

    /// What it keeps in memory: entries of the page table and rows in the overlay (for tests
    /// and benchmarks that check it stays bounded).
    public var footprint: (pages: Int, overlayRows: Int) { (pages.count, overlayCount) }

    // MARK: - Finding

    /// The index of the page `key` belongs in (the last whose first is at or before it; the first
    /// page for a key before every page), or nil when there is no page.
    func pageIndex(of key: UInt64) -> Int? {
        guard !pages.isEmpty else { return nil }
        var low = 0, high = pages.count
        while low < high {
            let middle = (low + high) / 2
            if pages[middle].first <= key { low = middle + 1 } else { high = middle }
        }
        return max(0, low - 1)
    }

    func row(_ key: UInt64) throws(EventStoreError) -> Row? {
        guard let index = pageIndex(of: key) else { return nil }
        if let row = overlay[index]?[key] { return row }
        switch pages[index].body {
        case .empty: return nil
        case .memory(let rows): return Self.find(key, in: rows).map { rows[$0] }
        case .stored(let stored): return try stored.row(key)
        }
    }

    static func find(_ key: UInt64, in rows: [Row]) -> Int? {
        var low = 0, high = rows.count
        while low < high {
            let middle = (low + high) / 2
            if AccountKey.of(rows[middle].id) < key { low = middle + 1 } else { high = middle }
        }
        return low < rows.count && AccountKey.of(rows[low].id) == key ? low : nil
    }

    /// The rows of page `index` with its overlay, in account order.
    func rows(ofPage index: Int) throws(EventStoreError) -> [Row] {
        var rows: [Row]
        switch pages[index].body {
        case .empty: rows = []
        case .memory(let memory): rows = memory
        case .stored(let stored): rows = try stored.rows()
        }
        guard let changed = overlay[index], !changed.isEmpty else { return rows }
        var added: [Row] = []
        for (key, row) in changed {
            if let at = Self.find(key, in: rows) { rows[at] = row } else { added.append(row) }
        }
        guard !added.isEmpty else { return rows }
        return (rows + added).sorted { $0.id < $1.id }
    }

    /// Every row, in account order (reads every page: tests and checks only).
    func allRows() throws(EventStoreError) -> [Row] {
        var all: [Row] = []
        for index in pages.indices { all += try rows(ofPage: index) }
        return all
    }

    /// The account, if opened.
    public func account(_ id: AccountID) throws(EventStoreError) -> AccountSummary? {
        try row(AccountKey.of(id)).flatMap(Self.summary)
    }

    /// Balance from the ledger alone (also for ledgers of accounts never opened).
    public func balance(_ id: AccountID) throws(EventStoreError) -> Money { try row(AccountKey.of(id))?.balance ?? .zero }

    /// The account as listed: its summary with balance, entries and last change from its ledger.
    static func summary(_ row: Row) -> AccountSummary? {
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
    /// checked it follows (`BankOverview` does). Throws when a page cannot be read or written.
    mutating func apply(_ event: BankEvent, _ recorded: RecordedEvent) throws(EventStoreError) {
        switch event {
        case .accountOpened(let e):
            try modify(e.account) { row in
                guard row.summary == nil else { return false }
                row.summary = AccountSummary(id: e.account, holder: e.holder, status: .open, balance: .zero,
                                             statusReason: nil, statusChangedBy: nil, opened: recorded.created,
                                             lastChanged: recorded.created, entries: 0)
                row.changedPosition = recorded.position
                return true
            }
        case .accountBlocked(let e): try setStatus(e.account, .blocked, e.reason, e.by, recorded)
        case .accountUnblocked(let e): try setStatus(e.account, .open, e.reason, e.by, recorded)
        case .accountClosed(let e): try setStatus(e.account, .closed, e.reason, e.by, recorded)
        case .ledgerEntryPosted(let e):
            try modify(e.account) { row in
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

    private mutating func setStatus(_ id: AccountID, _ status: AccountStatus, _ reason: String, _ by: String, _ recorded: RecordedEvent) throws(EventStoreError) {
        try modify(id, creating: false) { row in
            guard row.summary != nil else { return false }
            row.summary?.status = status
            row.summary?.statusReason = reason
            row.summary?.statusChangedBy = by
            row.summary?.lastChanged = recorded.created
            row.changedPosition = recorded.position
            return true
        }
    }

    /// Changes the row of `id` (made when it first appears, if `creating`); `change` says
    /// whether it changed anything. Merges the overlay into pages once it is over its limit.
    private mutating func modify(_ id: AccountID, creating: Bool = true, _ change: (inout Row) -> Bool) throws(EventStoreError) {
        let key = AccountKey.of(id)
        let existing = try row(key)
        guard existing != nil || creating else { return }
        var row = existing ?? Row(id: id, summary: nil, balance: .zero, entries: 0, lastEntryPosition: nil, lastEntryCreated: nil, changedPosition: 0)
        guard change(&row) else { return }
        if pages.isEmpty { pages.append(Page(first: key, body: .empty, rows: 0, listed: 0, token: AccountMatchMemo.newToken())) }
        let index = pageIndex(of: key) ?? 0
        if key < pages[index].first { pages[index].first = key }
        if existing == nil { pages[index].rows += 1 }
        if existing?.summary == nil, let summary = row.summary {
            pages[index].listed += 1
            count += 1
            statusCounts[summary.status, default: 0] += 1
        } else if let before = existing?.summary?.status, let after = row.summary?.status, before != after {
            statusCounts[before, default: 0] -= 1
            statusCounts[after, default: 0] += 1
        }
        pages[index].token = AccountMatchMemo.newToken()
        if overlay[index, default: [:]].updateValue(row, forKey: key) == nil { overlayCount += 1 }
        if overlayCount > overlayLimit { try merge() }
    }
}
