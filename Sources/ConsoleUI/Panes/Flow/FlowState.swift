import Core
import Foundation

/// The payment-flow pane: a cursor over the payments (newest first), an optional filter and
/// an open timeline.
struct FlowState: Hashable, Sendable {
    /// Index into the filtered list, newest first.
    var cursor = 0
    var top = 0
    /// A state name (`held`, `settled` ...) or text to find in ids, names and references.
    var filter = ""
    /// The payment whose timeline is open.
    var timeline: PaymentTimeline?
    var timelineScroll = 0
    /// The payment the cursor is on, so new arrivals do not move it.
    var selected: UUID?
}

extension FlowState {
    /// How many of the newest payments the pane lists (older ones are a `:payment` away).
    static let window = 5_000

    /// The payments to list, newest first, after the filter.
    static func rows(_ flow: PaymentFlow, filter: String, limit: Int = window) -> [PaymentSummary] {
        let recent = flow.recent(limit: limit)
        let needle = ListFilter.needle(filter)
        guard !needle.isEmpty else { return recent }
        if let state = PaymentState(rawValue: needle) {
            return recent.filter { $0.state == state }
        }
        return recent.filter { ListFilter.matches($0, needle) }
    }
}

/// The held-queue pane: a cursor over held payments, oldest first.
struct HeldState: Hashable, Sendable {
    /// Index into the filtered queue.
    var cursor = 0
    /// Text to find in ids, names, references and accounts (`/`).
    var filter = ""
}

/// The accounts pane: a cursor over the accounts and, when open, one account's ledger.
struct AccountsState: Hashable, Sendable {
    /// Index into the filtered list.
    var cursor = 0
    var top = 0
    /// Text to find in holders, sort codes and numbers, or a status (`/`).
    var filter = ""
    /// The account whose ledger is open.
    var ledger: AccountID?
    var ledgerScroll = 0
}

/// The time machine: where on the log the slider is and what the bank looked like there.
struct TimeState: Sendable, Equatable {
    /// The slider's position (the last event included); nil means "now" (follows the log).
    var position: UInt64?
    var playing = false
    /// The state at `position` once worked out.
    var snapshot: TimeSnapshot?
    /// Cursor over the accounts list.
    var cursor = 0
    var top = 0
}
