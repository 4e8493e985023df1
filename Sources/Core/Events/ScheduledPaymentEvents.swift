import Foundation

// `ScheduledPayments-{scheduleId}`: an outbound payment an operator booked for a later day,
// once or as a standing order. The scheduler (`Scheduler`) emits each occurrence as an ordinary
// `OutboundPaymentRequested` on `Payments-Outbound-{paymentId}` once the bank's clock reaches it.

/// An operator booked an outbound payment for `firstDue`, repeating `every` week or month
/// (nil: once) up to and including `until`. Dates are calendar days in Europe/London
/// (`BankDate`); an occurrence is due at the start of its day.
public struct PaymentScheduled: BankEventType {
    public static let eventType = "PaymentScheduled"
    public var wrapped: BankEvent { .paymentScheduled(self) }
    public var scheduleId: UUID
    public var scheme: Scheme
    public var from: AccountID
    public var amount: String
    public var to: PaymentParty
    public var reference: String
    public var requestedBy: String
    public var firstDue: BankDate
    public var every: ScheduleFrequency?
    public var until: BankDate?
    public var scheduledAt: Date

    public init(scheduleId: UUID, scheme: Scheme, from: AccountID, amount: String, to: PaymentParty, reference: String,
                requestedBy: String, firstDue: BankDate, every: ScheduleFrequency?, until: BankDate?, scheduledAt: Date) {
        self.scheduleId = scheduleId
        self.scheme = scheme
        self.from = from
        self.amount = amount
        self.to = to
        self.reference = reference
        self.requestedBy = requestedBy
        self.firstDue = firstDue
        self.every = every
        self.until = until
        self.scheduledAt = scheduledAt
    }
}

/// Occurrence `occurrence` (1 for the first) came due and was claimed for payment `paymentId`:
/// recorded at an exact expected version before the payment is requested, so one occurrence is
/// claimed once however many schedulers run. The payment id derives from the schedule and the
/// occurrence (`ScheduleState.paymentId(of:_:)`).
public struct ScheduledPaymentDue: BankEventType {
    public static let eventType = "ScheduledPaymentDue"
    public var wrapped: BankEvent { .scheduledPaymentDue(self) }
    public var scheduleId: UUID
    public var occurrence: Int
    public var dueDate: BankDate
    public var paymentId: UUID

    public init(scheduleId: UUID, occurrence: Int, dueDate: BankDate, paymentId: UUID) {
        self.scheduleId = scheduleId
        self.occurrence = occurrence
        self.dueDate = dueDate
        self.paymentId = paymentId
    }
}

/// An operator cancelled the schedule: occurrences due from `decision.at` on are not paid
/// (one already due before then is still paid).
public struct ScheduledPaymentCancelled: BankEventType {
    public static let eventType = "ScheduledPaymentCancelled"
    public var wrapped: BankEvent { .scheduledPaymentCancelled(self) }
    public var scheduleId: UUID
    public var decision: OperatorDecision

    public init(scheduleId: UUID, decision: OperatorDecision) {
        self.scheduleId = scheduleId
        self.decision = decision
    }
}
