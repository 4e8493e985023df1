import Foundation
import Store

/// The accounts list a page at a time: what a pane or a command shows, never the whole list.
extension AccountDirectory {
    /// The opened accounts at `range` of the list (by sort code and account number). Cost: a
    /// walk of the page table and a read of the pages the range falls in.
    public func listed(_ range: Range<Int>) throws(EventStoreError) -> [AccountSummary] {
        var result: [AccountSummary] = []
        var start = 0
        for index in pages.indices {
            guard start < range.upperBound else { break }
            let end = start + pages[index].listed
            if end > range.lowerBound, pages[index].listed > 0 {
                let shown = try rows(ofPage: index).compactMap(Self.summary)
                let from = max(0, range.lowerBound - start), to = min(shown.count, range.upperBound - start)
                if from < to { result += shown[from..<to] }
            }
            start = end
        }
        return result
    }

    /// Where the opened account `id` is in the list, or nil when it is not opened.
    public func position(of id: AccountID) throws(EventStoreError) -> Int? {
        let key = AccountKey.of(id)
        guard let page = pageIndex(of: key) else { return nil }
        let before = pages[..<page].reduce(0) { $0 + $1.listed }
        let shown = try rows(ofPage: page).compactMap(Self.summary)
        return shown.firstIndex { $0.id == id }.map { before + $0 }
    }

    /// The opened accounts for which `matches` holds: how many, and those at `range` of that
    /// list. `filter` names the test — the same name always means the same test — so each
    /// page's count of matches is worked out once (`AccountMatchMemo`) and a page is read again
    /// only when it changed or its rows are in `range`.
    ///
    /// `countingBudget` bounds the pages this call reads only to count (not yet counted for this
    /// filter, and past the rows of `range`): once it is spent, the call stops with the count so
    /// far and `complete` false — a lower bound. The next call resumes where the memo stops, so a
    /// screen asking once a frame counts a million accounts a few pages a frame and its first
    /// frame comes at once. The rows of `range` are always found whole.
    public func matching(_ filter: String, in range: Range<Int>, countingBudget: Int = .max,
                         _ matches: (AccountSummary) -> Bool) throws(EventStoreError) -> AccountMatches {
        var total = 0
        var rows: [AccountSummary] = []
        var budget = countingBudget
        for index in pages.indices where pages[index].listed > 0 {
            let token = pages[index].token
            var found: [AccountSummary]?
            let count: Int
            if let known = AccountMatchMemo.count(token: token, filter: filter) {
                count = known
            } else {
                // Past the rows asked for, a page read only to count spends the budget.
                if total >= range.upperBound {
                    guard budget > 0 else { return AccountMatches(count: total, rows: rows, complete: false) }
                    budget -= 1
                }
                let all = try self.rows(ofPage: index).compactMap(Self.summary).filter(matches)
                AccountMatchMemo.record(all.count, token: token, filter: filter)
                found = all
                count = all.count
            }
            // Only pages with matches in the range are read again.
            if count > 0, total + count > range.lowerBound, total < range.upperBound {
                var all: [AccountSummary]
                if let found { all = found } else { all = try self.rows(ofPage: index).compactMap(Self.summary).filter(matches) }
                let from = max(0, range.lowerBound - total), to = min(all.count, range.upperBound - total)
                if from < to { rows += all[from..<to] }
                all = []
            }
            total += count
        }
        return AccountMatches(count: total, rows: rows, complete: true)
    }
}

/// What `AccountDirectory.matching` found: how many accounts match (all of them when
/// `complete`, else those in the pages counted so far) and the ones at the range asked for.
public struct AccountMatches: Sendable, Equatable {
    public var count: Int
    public var rows: [AccountSummary]
    /// Whether every page was counted; false: `count` is a lower bound, ask again to go on.
    public var complete: Bool
}
