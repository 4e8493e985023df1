import Foundation
import Store

/// When and how often a scheduled payment pays, as typed (`send … --on DATE [--every week|month] [--until DATE]`).
public struct PaymentTiming: Sendable, Hashable {
    public var on: String
    public var every: String?
    public var until: String?

    public init(on: String, every: String? = nil, until: String? = nil) {
        self.on = on
        self.every = every
        self.until = until
    }
}

extension Bank {
    // MARK: - Scheduled payments

    /// Books `request` to be sent on a later day, once or as a standing order, and returns the
    /// schedule. Validates exactly as `send` does (accounts, amount, the beneficiary's modulus
    /// check, the `send` role), and refuses a first day before today in Europe/London, an
    /// `until` before it, or `until` without a repeat. The scheduler (`Scheduler`) sends it.
    public func schedule(_ request: OutboundPaymentRequest, timing: PaymentTiming, by: String = "operator") async throws(BankError) -> ScheduledPaymentSummary {
        let order = try Self.order(of: request, by: by)
        let (first, every, until) = try Self.parseTiming(timing, today: BankDate.containing(clock.now()))
        let actingRole = try authorizeSending(from: order.from, by: by)
        let id = newPaymentId("schedule")
        let scheduled = PaymentScheduled(scheduleId: id, order: order, firstDue: first, every: every, until: until, scheduledAt: clock.now())
        _ = try await execute(as: Self.operatorIdentity(.payments, by), origin: .thisProcess(role: actingRole)) { () throws(BankError) in
            .success(ScheduleCommands.schedule(scheduled))
        }
        var state = ScheduleState()
        state.apply(scheduled.wrapped)
        guard let summary = ScheduledPaymentSummary(state, at: clock.now()) else { throw .schedule(.unknownSchedule(id.lowercasedString)) }
        return summary
    }

    /// Parses the timing of a schedule against `today`.
    static func parseTiming(_ timing: PaymentTiming, today: BankDate) throws(BankError) -> (BankDate, ScheduleFrequency?, BankDate?) {
        guard let first = BankDate(timing.on) else { throw .schedule(.malformedDate(timing.on)) }
        guard first >= today else { throw .schedule(.dateInPast(first, today: today)) }
        var every: ScheduleFrequency?
        if let text = timing.every {
            guard let frequency = ScheduleFrequency(rawValue: text.lowercased()) else { throw .schedule(.unknownFrequency(text)) }
            every = frequency
        }
        var until: BankDate?
        if let text = timing.until {
            guard every != nil else { throw .schedule(.untilWithoutRepeat) }
            guard let last = BankDate(text) else { throw .schedule(.malformedDate(text)) }
            guard last >= first else { throw .schedule(.untilBeforeFirst(until: last, first: first)) }
            until = last
        }
        return (first, every, until)
    }

    /// Cancels a schedule before it is due (a reason is required; the `send` role too).
    /// Refused when nothing is left that is not yet due, or it is already cancelled.
    public func cancelScheduled(_ text: String, reason: String, by: String = "operator") async throws(BankError) -> ScheduledPaymentSummary {
        guard let id = UUID(uuidString: text.trimmingCharacters(in: .whitespaces)) else { throw .schedule(.unknownSchedule(text)) }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw .reasonRequired }
        guard try scheduleState(id) != nil else { throw .schedule(.unknownSchedule(text)) }
        let actingRole = try authorize(.send, by: by)
        _ = try await execute(as: Self.operatorIdentity(.payments, by), origin: .thisProcess(role: actingRole)) { () throws(BankError) in
            ScheduleCommands.cancel(id, state: try scheduleState(id), decision: OperatorDecision(by: by, at: clock.now(), reason: reason))
        }
        guard let state = try scheduleState(id), let summary = ScheduledPaymentSummary(state, at: clock.now()) else {
            throw .schedule(.unknownSchedule(text))
        }
        return summary
    }

    /// Every schedule, read from the store now (not only as of the scheduler's last tick).
    public func scheduledPayments() throws(BankError) -> ScheduleBook {
        var book = ScheduleBook()
        try book.refresh(from: store)
        return book
    }

    /// One schedule folded from its stream; nil when there is none.
    public func scheduleState(_ id: UUID) throws(BankError) -> ScheduleState? {
        let events: [RecordedEvent]
        do {
            events = try store.read(.stream(BankStream.schedule(id).name), from: .start, direction: .forward, maxCount: .max)
        } catch .streamNotFound {
            return nil
        } catch {
            throw .store(error)
        }
        var state = ScheduleState()
        for event in events {
            do {
                state.apply(try BankEvent.decode(event))
            } catch {
                throw .fault(EventFault(event, .undecodable(String(describing: error))))
            }
        }
        return state
    }
}
