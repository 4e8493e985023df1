import Foundation

/// One schedule as the operator sees it (`scheduled`, the console's account pane).
public struct ScheduledPaymentSummary: Sendable, Hashable {
    public var id: UUID
    public var from: AccountID
    public var to: PaymentParty
    public var amount: String
    public var reference: String
    public var scheme: Scheme
    public var every: ScheduleFrequency?
    public var until: BankDate?
    public var firstDue: BankDate
    /// The next day it pays (nil when finished or cancelled).
    public var next: BankDate?
    public var status: ScheduleStatus
    /// Occurrences claimed so far, and the last one's payment.
    public var paid: Int
    public var lastPaymentId: UUID?
    public var requestedBy: String
    public var cancelled: OperatorDecision?

    /// The summary of a schedule as of `now`; nil before its `PaymentScheduled`.
    public init?(_ state: ScheduleState, at now: Date) {
        guard let scheduled = state.scheduled else { return nil }
        id = scheduled.scheduleId
        from = scheduled.from
        to = scheduled.to
        amount = scheduled.amount
        reference = scheduled.reference
        scheme = scheduled.scheme
        every = scheduled.every
        until = scheduled.until
        firstDue = scheduled.firstDue
        next = state.next?.date
        status = state.status(at: now)
        paid = state.claimed
        lastPaymentId = state.lastClaim?.paymentId
        requestedBy = scheduled.requestedBy
        cancelled = state.cancelled?.decision
    }

    /// `once`, `weekly` or `monthly`, with the last day when there is one.
    public var repeatText: String {
        switch every {
        case nil: "once"
        case .week?: until.map { "weekly to \($0)" } ?? "weekly"
        case .month?: until.map { "monthly to \($0)" } ?? "monthly"
        }
    }
}
