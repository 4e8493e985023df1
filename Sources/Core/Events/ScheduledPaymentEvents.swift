import Foundation

// `ScheduledPayments-{scheduleId}`: an outbound payment an operator booked for a later day,
// once or as a standing order. The scheduler (`Scheduler`) emits each occurrence as an ordinary
// `OutboundPaymentRequested` on `Payments-Outbound-{paymentId}` once the bank's clock reaches it.

/// An operator booked an outbound payment for `firstDue`, repeating `every` week or month
/// (nil: once) up to and including `until`. Dates are calendar days in Europe/London
/// (`BankDate`); an occurrence is due at the start of its day.
public struct PaymentScheduled: OutboundOrderEvent {
    public static let eventType = "PaymentScheduled"
    public var wrapped: BankEvent { .paymentScheduled(self) }
    public var scheduleId: UUID
    public var order: OutboundPaymentOrder
    public var firstDue: BankDate
    public var every: ScheduleFrequency?
    public var until: BankDate?
    public var scheduledAt: Date

    public init(scheduleId: UUID, order: OutboundPaymentOrder, firstDue: BankDate, every: ScheduleFrequency?, until: BankDate?,
                scheduledAt: Date) {
        self.scheduleId = scheduleId
        self.order = order
        self.firstDue = firstDue
        self.every = every
        self.until = until
        self.scheduledAt = scheduledAt
    }

    private enum CodingKeys: String, CodingKey {
        case scheduleId, firstDue, every, until, scheduledAt
    }

    public init(from decoder: any Decoder) throws {
        order = try OutboundPaymentOrder(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        scheduleId = try container.decode(UUID.self, forKey: .scheduleId)
        firstDue = try container.decode(BankDate.self, forKey: .firstDue)
        every = try container.decodeIfPresent(ScheduleFrequency.self, forKey: .every)
        until = try container.decodeIfPresent(BankDate.self, forKey: .until)
        scheduledAt = try container.decode(Date.self, forKey: .scheduledAt)
    }

    public func encode(to encoder: any Encoder) throws {
        try order.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scheduleId, forKey: .scheduleId)
        try container.encode(firstDue, forKey: .firstDue)
        try container.encodeIfPresent(every, forKey: .every)
        try container.encodeIfPresent(until, forKey: .until)
        try container.encode(scheduledAt, forKey: .scheduledAt)
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
