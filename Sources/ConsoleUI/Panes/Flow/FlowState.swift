import Core
import Foundation
import Store

/// The payment-flow pane: a cursor over the payments (newest first), an optional filter and
/// an open timeline.
struct FlowState: Hashable, Sendable {
    /// The cursor in the filtered list (newest first) and the first row shown.
    var list = ListPosition()
    /// A state name (`held`, `settled` ...) or text to find in ids, names and references.
    var filter = ""
    /// The payment whose timeline is open.
    var timeline: PaymentTimeline?
    var timelineScroll = 0
    /// The payment the cursor is on, so new arrivals do not move it.
    var selected: UUID?
}

extension FlowState {
    /// How many of the newest payments the pane lists: the bank's recent window (older ones
    /// are a `:payment` away).
    static let window = PaymentOverview.defaultWindow

    /// The payments to list, newest first, after the filter.
    static func rows(_ flow: PaymentOverview, filter: String, limit: Int = window) -> [PaymentSummary] {
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
    /// The cursor in the filtered list and the first row shown.
    var list = ListPosition()
    /// Text to find in holders, sort codes and numbers, or a status (`/`).
    var filter = ""
    /// The account whose ledger is open.
    var ledger: AccountID?
    var ledgerScroll = 0
    /// The open ledger's newest lines as last read from its stream (nil until read).
    var ledgerPage: LedgerPage?
    /// Whether a read of the open ledger is under way (one at a time).
    var ledgerReading = false
}

/// An account's newest ledger lines, read from its stream, or why they could not be.
struct LedgerPage: Hashable, Sendable {
    /// How many of the newest lines the pane reads.
    static let limit = 1_000

    var account: AccountID
    /// Oldest first.
    var lines: [LedgerLine]
    /// Why they cannot be shown: an entry that cannot be trusted, or a read that failed.
    var problem: String?

    /// The newest `limit` lines of the account's ledger, each checked to follow from the one
    /// before (`PastBank.ledger`): a read of `limit + 1` entries, whatever the ledger's length.
    static func read(_ id: AccountID, in store: any EventStore) -> LedgerPage {
        do throws(EventStoreError) {
            switch try PastBank(store: store).ledger(id, through: .max, limit: limit) {
            case .success(let lines): return LedgerPage(account: id, lines: lines.reversed())
            case .failure(let fault): return LedgerPage(account: id, lines: [], problem: fault.description)
            }
        } catch {
            return LedgerPage(account: id, lines: [], problem: "the ledger cannot be read: \(error)")
        }
    }
}

/// The time machine: where on the log the slider is and what the bank looked like there.
struct TimeState: Sendable, Equatable {
    /// The slider's position (the last event included); nil means "now" (follows the log).
    var position: UInt64?
    var playing = false
    /// The state at `position` once worked out.
    var snapshot: TimeSnapshot?
    /// A time asked for with `g`, until the store says which position it is.
    var seekingTime: Date?
    /// Cursor over the accounts list.
    var cursor = 0
    var top = 0
}
