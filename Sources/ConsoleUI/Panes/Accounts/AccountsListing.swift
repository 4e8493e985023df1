import Core
import Foundation
import Store

/// A window of the accounts list as a pane shows it: the accounts after the `/` filter at the
/// rows asked for, how many the filter leaves, and why the list could not be read, if it could
/// not. Read from the accounts list's pages (`AccountDirectory`) for the rows on screen only.
struct AccountsListing: Equatable {
    /// Accounts the filter leaves (all opened accounts without one); while `counting`, those
    /// found so far.
    var count: Int
    /// The accounts at the rows asked for.
    var rows: [AccountSummary]
    /// Whether the filter's matches are still being counted (a few pages a frame: a first frame
    /// on a million accounts comes at once, and the count grows to the total).
    var counting = false
    var problem: String?
}

extension State {
    /// Pages of the accounts list (512 accounts each, about a millisecond) one look at a filtered
    /// list reads only to count its matches; the rest are counted at the next looks (frames).
    static let filterPagesPerLook = 24

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
            let found = try directory.matching("accounts-pane-filter " + needle, in: range, countingBudget: Self.filterPagesPerLook) {
                ListFilter.matches($0, needle)
            }
            return AccountsListing(count: found.count, rows: found.rows, counting: !found.complete)
        } catch {
            return AccountsListing(count: 0, rows: [], problem: State.accountsUnreadable(error))
        }
    }

    /// What the console says when a page of the accounts list cannot be read (a damaged page
    /// file, an I/O error): on the pane, in the payment form and in a toast alike.
    static func accountsUnreadable(_ error: EventStoreError) -> String { "the accounts list cannot be read: \(error)" }

    /// A read of the accounts list that a key asked for failed: a failure toast says so (once
    /// while the same one is up, so keys pressed in a row do not push the others out).
    mutating func accountsReadFailed(_ error: EventStoreError) {
        let text = State.accountsUnreadable(error)
        guard !toasts.contains(where: { $0.text == text && $0.kind == .failure }) else { return }
        toast(text, .failure)
    }

    /// The account on row `index` of the accounts pane's list, if there is one.
    func accountsRow(_ index: Int) -> AccountSummary? {
        guard index >= 0 else { return nil }
        return accountsListing(index..<index + 1).rows.first
    }
}
