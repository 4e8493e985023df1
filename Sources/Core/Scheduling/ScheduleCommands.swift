import Foundation

/// The pure decisions of scheduled payments: booking, cancelling, claiming an occurrence and
/// requesting its payment. Each returns what to append; the caller appends it.
public enum ScheduleCommands {
    /// Books `scheduled` on its new stream.
    public static func schedule(_ scheduled: PaymentScheduled) -> Decision {
        Decision(stream: .schedule(scheduled.scheduleId), expected: .noStream,
                 events: [PendingEvent(scheduled, step: "schedule", correlationId: scheduled.scheduleId.lowercasedString)])
    }

    /// Cancels the schedule folded as `state` at `decision.at`: refused when it is already
    /// cancelled, or when nothing is left that is not yet due (a one-off whose day has come,
    /// a standing order past its last day).
    public static func cancel(_ id: UUID, state: ScheduleState?, decision: OperatorDecision) -> Result<Decision, BankError> {
        guard let state, state.scheduled != nil else { return .failure(.schedule(.unknownSchedule(id.lowercasedString))) }
        if state.cancelled != nil { return .failure(.schedule(.alreadyCancelled(id))) }
        guard state.firstUpcoming(at: decision.at) != nil else {
            if state.scheduled?.every == nil, let first = state.date(of: 1) {
                return .failure(.schedule(.alreadyDue(scheduleId: id, due: first)))
            }
            return .failure(.schedule(.finished(id)))
        }
        let cancelled = ScheduledPaymentCancelled(scheduleId: id, decision: decision)
        return .success(Decision(stream: .schedule(id), expected: Decision.after(state.version),
                                 events: [PendingEvent(cancelled, step: "cancel", correlationId: id.lowercasedString)]))
    }

    /// Claims the next occurrence of `state` if it is due at `now`, at the version it was
    /// folded at (a second claimer meets a wrong expected version).
    static func claim(_ state: ScheduleState, at now: Date) -> (Decision, ScheduledPaymentDue)? {
        guard let scheduled = state.scheduled, let next = state.next, next.date.start <= now else { return nil }
        let id = scheduled.scheduleId
        let due = ScheduledPaymentDue(scheduleId: id, occurrence: next.occurrence, dueDate: next.date,
                                      paymentId: ScheduleState.paymentId(of: id, next.occurrence))
        return (Decision(stream: .schedule(id), expected: Decision.after(state.version),
                         events: [PendingEvent(due, step: "due-\(next.occurrence)", correlationId: id.lowercasedString)]), due)
    }

    /// The outbound payment a claimed occurrence requests, on a new payment stream.
    static func request(_ due: ScheduledPaymentDue, of scheduled: PaymentScheduled) -> Decision {
        let requested = OutboundPaymentRequested(paymentId: due.paymentId, order: scheduled.order)
        return Decision(stream: .payment(.outbound, due.paymentId), expected: .noStream,
                        events: [PendingEvent(requested, step: "request", correlationId: due.paymentId.lowercasedString)])
    }

    /// The id of the claim event for occurrence `n` of schedule `id` (the cause of its
    /// payment): the claim's step, derived from the schedule id as the scheduler writes it.
    static func claimEventId(_ id: UUID, _ n: Int) -> UUID {
        DerivedEventID.make(from: id, step: "due-\(n)")
    }
}
