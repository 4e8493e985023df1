import Core
import Foundation

/// What the time machine shows of the bank as of one point of the log, worked out off the UI
/// thread from the store's indexes and streams (`PastBank`) for what is on screen only.
struct TimeSnapshot: Sendable, Equatable {
    /// The position shown: the bank just after the event there (the position asked for when
    /// no event is at or before it).
    var position: UInt64
    /// The position asked for, when the store had no event there (positions may have gaps).
    var asked: UInt64?
    /// When the last event at or before `position` was stored (nil: before the first event).
    var created: Date?
    /// The accounts that were on screen, as of then: nil for one not opened by then.
    var accounts: [AccountID: AccountSummary?] = [:]
    /// The account whose ledger was read, and its newest lines as of then, newest first.
    var ledgerOf: AccountID?
    var ledger: [LedgerLine] = []
    /// The schedules paying from `ledgerOf` as they stood then (booked by then, whatever their
    /// status: so stepping shows one booked, paying, cancelled), and how many were still to pay.
    var schedules: [ScheduledPaymentSummary] = []
    var scheduledCount = 0
    /// Payments held, payments started and accounts opened by then.
    var held = 0
    var payments = 0
    var accountsOpened = 0
    /// The event at `position`.
    var event: EventDetail?
    /// An event met that cannot be trusted: shown instead of any number.
    var problem: String?
    /// The time asked for, when the point was a time (`g` with a time).
    var forTime: Date?
}
