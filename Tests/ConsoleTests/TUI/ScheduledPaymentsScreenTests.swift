import Core
import Foundation
import Store
import Testing
@testable import ConsoleUI

/// Scheduled payments on screen: the count in the top bar and the upcoming list under a ledger.
@Suite struct ScheduledPaymentsScreenTests {
    /// `PaymentScheduled` events from `account`, as the live feed delivers them after `PaneBankFixture.events`.
    static func booked(from account: AccountID, _ schedules: [(amount: String, to: String, first: String, every: ScheduleFrequency?)],
                       after position: UInt64) async throws -> [RecordedEvent] {
        let clock = ManualClock(PaneBankFixture.now)
        let store = MemoryEventStore(clock: clock)
        // Fillers so the schedules land after the fixture's last position.
        for index in 0...position {
            _ = try await store.append(to: "filler-\(index)", expected: .any, events: [EventData(id: UUID(), type: "Filler", data: Data("{}".utf8))])
        }
        for (index, schedule) in schedules.enumerated() {
            let id = DerivedEventID.make(name: "screen-schedule-\(account)-\(index)")
            let order = OutboundPaymentOrder(scheme: .fps, from: account, amount: schedule.amount,
                                             to: PaymentParty(sortCode: "200000", accountNumber: "12345803", name: schedule.to),
                                             reference: "", requestedBy: "jo")
            let scheduled = PaymentScheduled(scheduleId: id, order: order, firstDue: BankDate(schedule.first)!, every: schedule.every,
                                             until: nil, scheduledAt: clock.now())
            _ = try await store.append(to: BankStream.schedule(id).name, expected: .noStream, events: [
                BankCodec.eventData(scheduled, id: id, metadata: EventMetadata(correlationId: "t", causationId: "t")),
            ])
        }
        return try store.read(.category("ScheduledPayments"))
    }

    @Test func theTopBarCountsSchedulesStillToPayAndTheLedgerListsTheAccounts() async throws {
        var state = PaneBankFixture.state(width: 100, height: 24, pane: .accounts)
        #expect(!render(state).lines[0].contains("scheduled"))
        state = update(state, .keyPressed(.enter)).0
        let id = try #require(state.accounts.ledger)
        let other = try #require(state.bank.live.accounts.listed(0..<state.bank.live.accounts.count).first { $0.id != id }?.id)
        let events = try await Self.booked(from: id, [("25.00", "Walsh Carter", "2031-01-31", .month), ("9.99", "Gym Ltd", "2030-12-20", .week)],
                                           after: UInt64(PaneBankFixture.events.count))
            + Self.booked(from: other, [("1.00", "Elsewhere", "2030-12-01", nil)], after: UInt64(PaneBankFixture.events.count + 10))
        state = update(state, .eventsArrived(events, head: (events.last?.position ?? 0) + 1)).0
        state = update(state, .ledgerLoaded(LedgerPage.read(id, in: try await PaneBankFixture.store(PaneBankFixture.events)))).0
        let lines = render(state).lines
        #expect(lines[0].contains("3 scheduled  pos "))
        #expect(lines[19] == "│  Upcoming (2)                                                                                    │")
        #expect(lines[20] == "│  2030-12-20     £9.99  to Gym Ltd  weekly                                                        │")
        #expect(lines[21] == "│  2031-01-31    £25.00  to Walsh Carter  monthly                                                  │")
    }
}

/// The time machine shows the selected account's schedules as they stood: booked, cancelled.
@Suite struct ScheduledPaymentsTimeMachineTests {
    @Test func steppingThroughTheLogShowsAScheduleBookedThenCancelled() async throws {
        let state = PaneBankFixture.state(width: 120, height: 40, pane: .timeMachine)
        let query = TimeQuery(state)
        let account = try #require(query.ledgerOf)
        let store = try await PaneBankFixture.store(PaneBankFixture.events)
        let id = DerivedEventID.make(name: "time-machine-schedule")
        let metadata = EventMetadata(correlationId: "t", causationId: "t")
        let order = OutboundPaymentOrder(scheme: .fps, from: account, amount: "12.00",
                                         to: PaymentParty(sortCode: "200000", accountNumber: "12345803", name: "Walsh Carter"),
                                         reference: "Rent", requestedBy: "jo")
        let scheduled = PaymentScheduled(scheduleId: id, order: order, firstDue: BankDate("2031-01-31")!, every: .month, until: nil,
                                         scheduledAt: PaneBankFixture.now)
        let booked = try await store.append(to: BankStream.schedule(id).name, expected: .noStream, events: [
            BankCodec.eventData(scheduled, id: id, metadata: metadata),
        ])
        let cancel = ScheduledPaymentCancelled(scheduleId: id, decision: OperatorDecision(by: "jo", at: PaneBankFixture.now, reason: "moved"))
        let cancelled = try await store.append(to: BankStream.schedule(id).name, expected: .exact(0), events: [
            BankCodec.eventData(cancel, id: DerivedEventID.make(name: "time-machine-cancel"), metadata: metadata),
        ])
        let before = try query.read(at: booked.firstPosition - 1, in: store)
        let during = try query.read(at: booked.firstPosition, in: store)
        let after = try query.read(at: cancelled.firstPosition, in: store)
        #expect(before.schedules.isEmpty)
        #expect(before.scheduledCount == 0)
        #expect(during.schedules.map(\.status) == [.active])
        #expect(during.schedules.map(\.next) == [BankDate("2031-01-31")])
        #expect(during.scheduledCount == 1)
        #expect(after.schedules.map(\.status) == [.cancelled])
        #expect(after.scheduledCount == 0)
    }
}
