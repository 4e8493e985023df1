import Foundation
import Store
import StoreTestSupport
import Synchronization
import Testing
@testable import Core

// The clock of `openTestBank` starts on 2026-05-28 (21:26 in London); the scheduler's
// background loop is off (`subscriptionTick: nil`), so each test ticks it itself.

@Test func aScheduledPaymentIsSentOnceWhenItsDayComesAndNotBefore() async throws {
    let (bank, store, clock) = try await openTestBank()
    let before = try bank.account(sortCode: "401234", accountNumber: "10000329").balance
    let schedule = try await bank.schedule(standingPayment("12.50"), timing: PaymentTiming(on: "2026-06-02"), by: "jo")
    #expect(schedule.next == bankDay("2026-06-02"))
    #expect(schedule.status == .active)
    clock.set(bankDay("2026-06-02").start.addingTimeInterval(-1))
    #expect(try await bank.scheduler.tick() == 0)
    #expect(try requestedPayments(in: store).isEmpty)
    clock.set(bankDay("2026-06-02").start)
    #expect(try await bank.scheduler.tick() == 1)
    #expect(try await bank.scheduler.tick() == 0)
    clock.advance(by: 86_400 * 30)
    #expect(try await bank.scheduler.tick() == 0)
    let payments = try requestedPayments(in: store)
    #expect(payments.count == 1)
    #expect(payments.first?.paymentId == ScheduleState.paymentId(of: schedule.id, 1))
    #expect(payments.first?.amount == "12.50")
    #expect(payments.first?.requestedBy == "jo")
    let outcome = try await bank.waitUntilAtRest(.outbound, ScheduleState.paymentId(of: schedule.id, 1))
    #expect(outcome.status == .accepted || outcome.status == .rejected)
    if outcome.status == .accepted {
        #expect(try bank.account(sortCode: "401234", accountNumber: "10000329").balance == Money(pence: before.pence - 1_250))
    }
    #expect(try bank.scheduledPayments()[schedule.id].map { $0.status(at: clock.now()) } == .finished)
    await bank.close()
}

@Test func daysMissedWhileNothingRanAreCaughtUpInDueOrderEachOnce() async throws {
    let (bank, store, clock) = try await openTestBank()
    let weekly = try await bank.schedule(standingPayment("1.00", reference: "Weekly"), timing: PaymentTiming(on: "2026-06-01", every: "week"), by: "jo")
    let once = try await bank.schedule(standingPayment("2.00", reference: "Once"), timing: PaymentTiming(on: "2026-06-10"), by: "jo")
    // Nothing ran from 28 May to 20 June: 1, 8, 15 June (weekly) and 10 June (once) are owed.
    clock.set(bankDay("2026-06-20").start.addingTimeInterval(3_600))
    #expect(try await bank.scheduler.tick() == 4)
    #expect(try requestedPayments(in: store).map(\.reference) == ["Weekly", "Weekly", "Once", "Weekly"])
    #expect(try claims(of: weekly.id, in: store).map(\.dueDate.description) == ["2026-06-01", "2026-06-08", "2026-06-15"])
    #expect(try claims(of: once.id, in: store).map(\.occurrence) == [1])
    #expect(try await bank.scheduler.tick() == 0)
    await bank.close()
}

@Test func aMonthlyOrderFromJanuaryThe31stPaysOnTheLastDaysOfFebruaryAndApril() async throws {
    let (bank, store, clock) = try await openTestBank()
    let order = try await bank.schedule(standingPayment("3.00"), timing: PaymentTiming(on: "2027-01-31", every: "month", until: "2027-05-31"), by: "jo")
    clock.set(bankDay("2027-07-01").start)
    #expect(try await bank.scheduler.tick() == 5)
    #expect(try claims(of: order.id, in: store).map(\.dueDate.description) == ["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31"])
    #expect(try bank.scheduledPayments()[order.id]?.status(at: clock.now()) == .finished)
    await bank.close()
}

@Test func twoBanksOnOneStoreClaimEachOccurrenceOnce() async throws {
    let (bank, store, clock) = try await openTestBank()
    let other = try await Bank(store: store, clock: clock, configuration: BankConfiguration(seed: 8, subscriptionTick: nil, followsLog: false))
    var ids: [UUID] = []
    for index in 0..<6 {
        let every = index % 2 == 0 ? "week" : "month"
        ids.append(try await bank.schedule(standingPayment("1.0\(index)"), timing: PaymentTiming(on: "2026-06-0\(index + 1)", every: every), by: "jo").id)
    }
    clock.set(bankDay("2026-07-15").start)
    async let first = bank.scheduler.tick()
    async let second = other.scheduler.tick()
    let (a, b) = try await (first, second)
    let payments = try requestedPayments(in: store)
    // Weekly from 1, 3, 5 June to 15 July (due at its start): 7, 7, 6; monthly from 2, 4, 6 June: 2 each.
    #expect(a + b >= 26) // a payment both wrote (one claimed, the other finished it) is stored once
    #expect(a + b <= 52)
    #expect(payments.count == 26)
    #expect(Set(payments.map(\.paymentId)).count == 26)
    for id in ids {
        let claimed = try claims(of: id, in: store)
        #expect(claimed.map(\.occurrence) == Array(1...claimed.count))
    }
    await other.close()
    await bank.close()
}

@Test func aSchedulerThatStoppedBetweenClaimAndPaymentIsFinishedByTheNextOnce() async throws {
    let (bank, store, clock) = try await openTestBank()
    let order = try await bank.schedule(standingPayment("4.00"), timing: PaymentTiming(on: "2026-06-01", every: "week"), by: "jo")
    // As a scheduler killed after its claim: the claim is on the schedule, the payment is not.
    let claim = ScheduledPaymentDue(scheduleId: order.id, occurrence: 1, dueDate: bankDay("2026-06-01"),
                                    paymentId: ScheduleState.paymentId(of: order.id, 1))
    let data = try BankCodec.eventData(claim, id: ScheduleCommands.claimEventId(order.id, 1),
                                       metadata: EventMetadata(correlationId: order.id.lowercasedString, causationId: order.id.lowercasedString))
    _ = try await store.append(to: BankStream.schedule(order.id).name, expected: .exact(0), events: [data])
    clock.set(bankDay("2026-06-01").start.addingTimeInterval(60))
    #expect(try requestedPayments(in: store).isEmpty)
    let restarted = try await Bank(store: store, clock: clock, configuration: BankConfiguration(seed: 9, subscriptionTick: nil, followsLog: false))
    #expect(try await restarted.scheduler.tick() == 1)
    #expect(try await restarted.scheduler.tick() == 0)
    #expect(try await bank.scheduler.tick() == 0)
    #expect(try requestedPayments(in: store).map(\.paymentId) == [claim.paymentId])
    #expect(try claims(of: order.id, in: store).count == 1)
    clock.set(bankDay("2026-06-08").start)
    #expect(try await bank.scheduler.tick() == 1)
    #expect(try claims(of: order.id, in: store).map(\.occurrence) == [1, 2])
    await restarted.close()
    await bank.close()
}

@Test func anOccurrenceWithoutTheFundsFailsAndTheStandingOrderCarriesOn() async throws {
    let (bank, store, clock) = try await openTestBank()
    let balance = try bank.account(sortCode: "401234", accountNumber: "10000329").balance
    let amount = Money(pence: balance.pence + 100)
    let order = try await bank.schedule(standingPayment(amount.decimalString), timing: PaymentTiming(on: "2026-06-01", every: "month"), by: "jo")
    clock.set(bankDay("2026-06-01").start)
    try await bank.scheduler.tick()
    let first = try await bank.waitUntilAtRest(.outbound, ScheduleState.paymentId(of: order.id, 1))
    #expect(first.status == .failed)
    #expect(first.reason?.code == .insufficientFunds)
    _ = try await bank.pay(InboundPaymentRequest(toSortCode: "401234", toAccountNumber: "10000329", amount: "50.00", reference: "Top up"))
    clock.set(bankDay("2026-07-01").start)
    #expect(try await bank.scheduler.tick() == 1)
    let second = try await bank.waitUntilAtRest(.outbound, ScheduleState.paymentId(of: order.id, 2))
    #expect(second.status == .accepted || second.status == .rejected)
    #expect(try requestedPayments(in: store).count == 2)
    await bank.close()
}

/// A store out of reach that retries by itself (a database) is waited for: the background loop
/// goes on ticking once it is back. The same failure from a store that does not retry stops the
/// loop with the reason.
@Test func aSchedulerWaitsForAStoreOutOfReachThatRetriesAndStopsOnOneThatDoesNot() async throws {
    struct Ended: Error {}
    for retries in [true, false] {
        let store = UnreachableStore(MemoryEventStore(), down: true, retries: retries)
        let scheduler = Scheduler(store: store, clock: ManualClock())
        let sleeps = Mutex(0)
        scheduler.start(interval: .seconds(1)) { _ in
            // The first pause ends the outage; the second ends the loop.
            let count = sleeps.withLock { $0 += 1; return $0 }
            store.down.withLock { $0 = false }
            if count == 2 { throw Ended() }
        }
        await scheduler.loop?.value
        if retries {
            #expect(scheduler.lastError == nil)
            #expect(sleeps.withLock { $0 } == 2)
        } else {
            #expect(scheduler.lastError == .store(.unavailable("connection refused")))
            #expect(sleeps.withLock { $0 } == 0)
        }
    }
}
