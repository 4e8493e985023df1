import Core
import Foundation

/// A window of the accounts list as a pane shows it: the accounts after the `/` filter at the
/// rows asked for, how many the filter leaves, and why the list could not be read, if it could
/// not. Read from the accounts list's pages (`AccountDirectory`) for the rows on screen only.
struct AccountsListing: Equatable {
    /// Accounts the filter leaves (all opened accounts without one).
    var count: Int
    /// The accounts at the rows asked for.
    var rows: [AccountSummary]
    var problem: String?
}

extension State {
    /// The accounts pane's list after its filter, rows `range` of it.
    func accountsListing(_ range: Range<Int>) -> AccountsListing {
        let needle = ListFilter.needle(accounts.filter)
        let directory = bank.live.accounts
        if let failure = bank.failure {
            return AccountsListing(count: 0, rows: [], problem: "the console's views stopped \(failure)")
        }
        do {
            if needle.isEmpty { return AccountsListing(count: directory.count, rows: try directory.listed(range)) }
            // The memo's name for this filter: `ListFilter.matches` with this needle.
            let found = try directory.matching("accounts-pane-filter " + needle, in: range) { ListFilter.matches($0, needle) }
            return AccountsListing(count: found.count, rows: found.rows)
        } catch {
            return AccountsListing(count: 0, rows: [], problem: "the accounts list cannot be read: \(error)")
        }
    }

    /// The account on row `index` of the accounts pane's list, if there is one.
    func accountsRow(_ index: Int) -> AccountSummary? {
        guard index >= 0 else { return nil }
        return accountsListing(index..<index + 1).rows.first
    }
}
