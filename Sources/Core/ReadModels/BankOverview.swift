import Foundation
import Store

/// The bank-wide views: the accounts list with balances and status, the payment-flow counts,
/// the held queue and a window of recent payments — folded from the log like
/// `BankReadModels`, but holding nothing that grows with the length of the log.
///
/// What it keeps in memory is bounded: the accounts list lives in pages on disk
/// (`AccountDirectory`) and the payments kept are those open or in the window
/// (`PaymentOverview`). It is saved with the position it covers (`ReadModelStateStore`) and resumed at start, so only the tail of the log after it is
/// folded. Ledgers, payments long finished and the past are read from the store on demand
/// (`EntityReads`, `PastBank`).
///
/// **It stops at an event it cannot trust**, exactly where `BankReadModels` does: a bank event
/// that does not decode, a ledger entry whose `balanceAfter` does not follow, the release or
/// rejection of a payment that is not held. `fault` says which; nothing after it is applied.
public struct BankOverview: Sendable, Equatable {
    /// The code that folds and saves it: a saved overview of another version is rebuilt.
    public static let codeVersion = 3

    /// Position, events applied, and the fault the fold stopped at.
    private var progress = FoldProgress()
    /// Global position of the last event applied (nil before any).
    public internal(set) var position: UInt64? {
        get { progress.position }
        set { progress.position = newValue }
    }
    /// When the last event applied was stored.
    public internal(set) var lastCreated: Date? {
        get { progress.lastCreated }
        set { progress.lastCreated = newValue }
    }
    /// Events applied.
    public internal(set) var eventCount: Int {
        get { progress.eventCount }
        set { progress.eventCount = newValue }
    }
    /// The event the fold stopped at, and why; nil while every event was sound.
    public var fault: EventFault? { progress.fault }
    /// Counts per state, payments open, the held queue, the recent window.
    public internal(set) var payments: PaymentOverview
    /// Accounts with holder, status and balance.
    public internal(set) var accounts = AccountDirectory()

    /// - Parameter accounts: the (empty) accounts list, e.g. one that writes its pages beside
    ///   the saved state (`ReadModelStateStore.emptyOverview`).
    public init(window: Int = PaymentOverview.defaultWindow, accounts: AccountDirectory = AccountDirectory()) {
        payments = PaymentOverview(window: window)
        self.accounts = accounts
    }

    /// The position to read `$all` from to carry on: just after the last event applied.
    public var nextPosition: UInt64 { position.map { $0 + 1 } ?? 0 }

    /// Folds one event in. Events at or before `position` are ignored, and so is everything
    /// once the fold has stopped at a fault.
    /// - Parameters:
    ///   - known: the event already decoded, so it is not decoded again.
    ///   - lookup: how to find a payment no longer kept (read from its stream); without one
    ///     such an event is taken as about a payment never seen.
    /// - Throws: what `lookup` throws (a store read that failed), or a page of the accounts list
    ///   that cannot be read or written; the event is then not applied.
    public mutating func apply(_ event: RecordedEvent, decoded known: BankEvent? = nil, lookup: PaymentLookup? = nil) throws(EventStoreError) {
        guard let decoded = progress.admit(event, decoded: known) else { return }
        // Checked before anything changes, so a fault leaves every view as it was.
        if let reason = try check(decoded, event, lookup: lookup) {
            progress.stop(at: event, reason)
            return
        }
        switch decoded {
        case .accountOpened, .accountBlocked, .accountUnblocked, .accountClosed, .ledgerEntryPosted:
            try accounts.apply(decoded, event)
        case .sanctionedNameAdded, .sanctionedNameRemoved, .sanctionsListSnapshotTaken, .inboundPaymentSentByScheme,
             .outboundPaymentAcceptedByScheme, .outboundPaymentRejectedByScheme, .ledgerDebitRefused, .ledgerCreditRefused:
            break
        default:
            try payments.apply(decoded, event, lookup: lookup)
        }
        progress.advance(to: event)
    }

    /// The overview of a sequence of events, from scratch, without a `PaymentLookup` (so every
    /// payment the events mention must start in them, as in a whole log), its accounts list in
    /// memory.
    public static func folding<S: Sequence>(_ events: S, window: Int = PaymentOverview.defaultWindow) -> BankOverview where S.Element == RecordedEvent {
        var overview = BankOverview(window: window)
        for event in events {
            // Without a lookup or a page file nothing can throw.
            do throws(EventStoreError) { try overview.apply(event) } catch { break }
        }
        return overview
    }

    /// Why `event` cannot follow what the views hold (the invariants of DOMAIN.md), or nil.
    private func check(_ event: BankEvent, _ recorded: RecordedEvent, lookup: PaymentLookup?) throws(EventStoreError) -> FaultReason? {
        switch event {
        case .ledgerEntryPosted(let entry):
            let balance = try accounts.balance(entry.account)
            do throws(FaultReason) {
                _ = try LedgerState.balance(after: entry, from: balance)
                return nil
            } catch {
                return error
            }
        case .inboundHeldPaymentReleased(let e):
            return try payments.checkHeld(e.paymentId, InboundHeldPaymentReleased.eventType, before: recorded.position, lookup: lookup)
        case .inboundHeldPaymentRejected(let e):
            return try payments.checkHeld(e.paymentId, InboundHeldPaymentRejected.eventType, before: recorded.position, lookup: lookup)
        case .outboundHeldPaymentReleased(let e):
            return try payments.checkHeld(e.paymentId, OutboundHeldPaymentReleased.eventType, before: recorded.position, lookup: lookup)
        case .outboundHeldPaymentRejected(let e):
            return try payments.checkHeld(e.paymentId, OutboundHeldPaymentRejected.eventType, before: recorded.position, lookup: lookup)
        case .heldPaymentApproved(let e):
            return try payments.checkHeld(e.paymentId, HeldPaymentApproved.eventType, before: recorded.position, lookup: lookup)
        default:
            return nil
        }
    }
}
