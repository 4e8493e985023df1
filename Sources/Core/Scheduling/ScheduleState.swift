import Foundation

/// One schedule folded from its stream (`ScheduledPayments-{id}`): what was booked, how many
/// occurrences were claimed, whether it was cancelled, and the stream's version.
///
/// Small and fixed in size: occurrences are numbered, so only the last claimed is kept.
public struct ScheduleState: Sendable, Hashable {
    public private(set) var scheduled: PaymentScheduled?
    /// Occurrences claimed so far (each by a `ScheduledPaymentDue`).
    public private(set) var claimed = 0
    /// The last occurrence claimed.
    public private(set) var lastClaim: ScheduledPaymentDue?
    public private(set) var cancelled: ScheduledPaymentCancelled?
    /// The stream's last version (nil before any event).
    public private(set) var version: Int64?

    public init() {}

    /// Folds the schedule's events in stream order.
    public init<S: Sequence>(_ events: S) where S.Element == BankEvent {
        for event in events { apply(event) }
    }

    /// Folds the next event of the stream.
    public mutating func apply(_ event: BankEvent) {
        // Every event of the stream counts for the version, so an append expects the right one.
        version = (version ?? -1) + 1
        switch event {
        case .paymentScheduled(let e): scheduled = e
        case .scheduledPaymentDue(let e):
            claimed = max(claimed, e.occurrence)
            lastClaim = e
        case .scheduledPaymentCancelled(let e): cancelled = e
        default: break
        }
    }

    /// The payment occurrence `n` (1 for the first) of schedule `id` emits: derived, so every
    /// scheduler that claims it names the same payment.
    public static func paymentId(of id: UUID, _ n: Int) -> UUID {
        DerivedEventID.make(from: id, step: "occurrence-\(n)")
    }

    /// The day of occurrence `n` (1 for the first), ignoring cancellation; nil past `until`, or
    /// after the first of a one-off payment.
    public func date(of n: Int) -> BankDate? {
        guard let scheduled, n >= 1 else { return nil }
        let date: BankDate
        switch scheduled.every {
        case nil:
            guard n == 1 else { return nil }
            date = scheduled.firstDue
        case .week?: date = scheduled.firstDue.adding(days: 7 * (n - 1))
        case .month?: date = scheduled.firstDue.adding(months: n - 1, anchor: scheduled.firstDue.day)
        }
        if let until = scheduled.until, date > until { return nil }
        return date
    }

    /// The next occurrence to claim and its day: nil when there is none left, or when it falls
    /// after the cancellation (one due at or before the cancellation is still paid).
    public var next: (occurrence: Int, date: BankDate)? {
        let n = claimed + 1
        guard let date = date(of: n) else { return nil }
        if let cancelled, date.start > cancelled.decision.at { return nil }
        return (n, date)
    }

    /// Where the schedule stands, as of `now`.
    public func status(at now: Date) -> ScheduleStatus {
        if let next { return next.date.start <= now ? .due : .active }
        return cancelled == nil ? .finished : .cancelled
    }

    /// The first occurrence not yet due at `now` (what cancelling at `now` would stop), or nil.
    func firstUpcoming(at now: Date) -> (occurrence: Int, date: BankDate)? {
        var n = claimed + 1
        while let date = date(of: n) {
            if date.start > now { return (n, date) }
            n += 1
        }
        return nil
    }
}

/// Where a schedule stands.
public enum ScheduleStatus: String, Sendable, Hashable, Codable {
    /// Its next occurrence is in the future.
    case active
    /// An occurrence is due and not yet claimed (the scheduler claims it on its next tick).
    case due
    /// Every occurrence was paid (or failed).
    case finished
    case cancelled
}
