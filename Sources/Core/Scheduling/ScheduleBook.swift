import Foundation
import Store

/// Every schedule of the bank, folded from `$ce-ScheduledPayments`: what the scheduler claims
/// from, what `scheduled` lists and what the console shows per account.
///
/// Grows with the schedules (one small `ScheduleState` each), not with their occurrences.
/// `refresh` reads only the category's events after those already folded.
public struct ScheduleBook: Sendable, Hashable {
    public static let category = BankCategory.scheduledPayments.rawValue

    public private(set) var schedules: [UUID: ScheduleState] = [:]
    /// Events of the category folded (the category version to read from next).
    public private(set) var folded: Int64 = 0
    /// The global position of the last event folded.
    public private(set) var position: UInt64?

    public init() {}

    /// Folds the category's events appended since the last refresh, up to global position
    /// `through` (included; all when nil: the time machine reads the past with it).
    /// - Throws: `.store` when the read fails, `.fault` at an event that does not decode (the
    ///   book stops before it rather than skip a schedule).
    public mutating func refresh(from store: any EventStore, through: UInt64? = nil) throws(BankError) {
        while true {
            let page: [RecordedEvent]
            do {
                page = try store.read(.category(Self.category), from: .version(folded), direction: .forward, maxCount: 1024)
            } catch .streamNotFound {
                return
            } catch {
                throw .store(error)
            }
            for event in page {
                if let through, event.position > through { return }
                try apply(event)
            }
            if page.count < 1024 { return }
        }
    }

    /// How many schedules are still to pay something (active or due) at `now`, without
    /// sorting them (the console's top bar asks every frame).
    public func upcomingCount(at now: Date) -> Int {
        schedules.values.reduce(0) { count, state in count + (state.next != nil && state.scheduled != nil ? 1 : 0) }
    }

    /// Folds one recorded event of the category; events at or before `position` (already
    /// folded) and of other categories are ignored.
    public mutating func apply(_ event: RecordedEvent) throws(BankError) {
        if let position, event.position <= position { return }
        guard case .schedule(let id)? = BankStream(name: event.stream) else { return }
        let decoded: BankEvent
        do {
            decoded = try BankEvent.decode(event)
        } catch {
            throw .fault(EventFault(event, .undecodable(String(describing: error))))
        }
        schedules[id, default: ScheduleState()].apply(decoded)
        folded += 1
        position = event.position
    }

    /// One schedule's state (nil when there is no such schedule).
    public subscript(id: UUID) -> ScheduleState? { schedules[id] }

    /// Schedules still to pay something (active or due at `now`), soonest first.
    public func upcoming(at now: Date) -> [ScheduledPaymentSummary] {
        all(at: now).filter { $0.status == .active || $0.status == .due }
    }

    /// The upcoming schedules paying from `account`, soonest first.
    public func upcoming(from account: AccountID, at now: Date) -> [ScheduledPaymentSummary] {
        let summaries: [ScheduledPaymentSummary] = schedules.values.compactMap { state in
            guard state.scheduled?.from == account, state.next != nil else { return nil }
            return ScheduledPaymentSummary(state, at: now)
        }
        return summaries.sorted(by: Self.soonestFirst)
    }

    /// Every schedule, whatever its status, soonest next day first then by id.
    public func all(at now: Date) -> [ScheduledPaymentSummary] {
        let summaries: [ScheduledPaymentSummary] = schedules.values.compactMap { ScheduledPaymentSummary($0, at: now) }
        return summaries.sorted(by: Self.soonestFirst)
    }

    /// By next day (finished and cancelled last), then by id.
    private static func soonestFirst(_ a: ScheduledPaymentSummary, _ b: ScheduledPaymentSummary) -> Bool {
        let left = a.next ?? BankDate.distantFuture
        let right = b.next ?? BankDate.distantFuture
        if left != right { return left < right }
        return a.id.uuidString < b.id.uuidString
    }

    /// Schedules with an occurrence to claim at `now`, or whose last claimed payment may not
    /// have been requested yet, with the day that work is for: the scheduler's input.
    func work(at now: Date, confirmed: Set<UUID>) -> [(id: UUID, state: ScheduleState, date: BankDate)] {
        var found: [(id: UUID, state: ScheduleState, date: BankDate)] = []
        for (id, state) in schedules {
            if let claim = state.lastClaim, !confirmed.contains(claim.paymentId) {
                found.append((id, state, claim.dueDate))
            } else if let next = state.next, next.date.start <= now {
                found.append((id, state, next.date))
            }
        }
        return found
    }
}

extension BankDate {
    /// Later than any day a schedule can have (sorts finished schedules last).
    static let distantFuture = BankDate(year: 9999, month: 12, day: 31) ?? BankDate.containing(.distantFuture)
}
