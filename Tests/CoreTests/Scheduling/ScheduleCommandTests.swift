import Foundation
import Store
import Testing
@testable import Core

@Test func schedulingForADayBeforeTodayInLondonIsRefusedAndWritesNothing() async throws {
    let (bank, store, _) = try await openTestBank()
    let head = store.headPosition
    await #expect(throws: BankError.schedule(.dateInPast(bankDay("2026-05-27"), today: bankDay("2026-05-28")))) {
        _ = try await bank.schedule(standingPayment(), timing: PaymentTiming(on: "2026-05-27"), by: "jo")
    }
    await #expect(throws: BankError.schedule(.malformedDate("2026-6-1"))) {
        _ = try await bank.schedule(standingPayment(), timing: PaymentTiming(on: "2026-6-1"), by: "jo")
    }
    await #expect(throws: BankError.schedule(.unknownFrequency("fortnight"))) {
        _ = try await bank.schedule(standingPayment(), timing: PaymentTiming(on: "2026-06-01", every: "fortnight"), by: "jo")
    }
    await #expect(throws: BankError.schedule(.untilWithoutRepeat)) {
        _ = try await bank.schedule(standingPayment(), timing: PaymentTiming(on: "2026-06-01", until: "2026-09-01"), by: "jo")
    }
    await #expect(throws: BankError.schedule(.untilBeforeFirst(until: bankDay("2026-05-31"), first: bankDay("2026-06-01")))) {
        _ = try await bank.schedule(standingPayment(), timing: PaymentTiming(on: "2026-06-01", every: "week", until: "2026-05-31"), by: "jo")
    }
    await #expect(throws: BankError.malformedAmount("1,00")) {
        _ = try await bank.schedule(standingPayment("1,00"), timing: PaymentTiming(on: "2026-06-01"), by: "jo")
    }
    var badBeneficiary = standingPayment()
    badBeneficiary.toAccountNumber = "12345678"
    await #expect(throws: BankError.self) {
        _ = try await bank.schedule(badBeneficiary, timing: PaymentTiming(on: "2026-06-01"), by: "jo")
    }
    await #expect(throws: BankError.notAnOperator(name: "mallory", action: .send)) {
        _ = try await bank.schedule(standingPayment(), timing: PaymentTiming(on: "2026-06-01"), by: "mallory")
    }
    #expect(store.headPosition == head)
    await bank.close()
}

@Test func todayIsNotInThePastAndIsDueAtOnce() async throws {
    let (bank, store, _) = try await openTestBank()
    let order = try await bank.schedule(standingPayment(), timing: PaymentTiming(on: "2026-05-28"), by: "jo")
    #expect(order.status == .due)
    #expect(try await bank.scheduler.tick() == 1)
    #expect(try requestedPayments(in: store).count == 1)
    await bank.close()
}

@Test func aPaymentCancelledBeforeItsDayIsNeverSent() async throws {
    let (bank, store, clock) = try await openTestBank()
    let order = try await bank.schedule(standingPayment(), timing: PaymentTiming(on: "2026-06-02"), by: "jo")
    let cancelled = try await bank.cancelScheduled(order.id.lowercasedString, reason: "customer asked", by: "jo")
    #expect(cancelled.status == .cancelled)
    #expect(cancelled.cancelled?.reason == "customer asked")
    clock.set(bankDay("2026-06-03").start)
    #expect(try await bank.scheduler.tick() == 0)
    #expect(try requestedPayments(in: store).isEmpty)
    await #expect(throws: BankError.schedule(.alreadyCancelled(order.id))) {
        _ = try await bank.cancelScheduled(order.id.lowercasedString, reason: "again", by: "jo")
    }
    await bank.close()
}

@Test func cancellingOnceThePaymentIsDueIsRefusedAndItIsStillSent() async throws {
    let (bank, store, clock) = try await openTestBank()
    let order = try await bank.schedule(standingPayment(), timing: PaymentTiming(on: "2026-06-02"), by: "jo")
    clock.set(bankDay("2026-06-02").start)
    let head = store.headPosition
    await #expect(throws: BankError.schedule(.alreadyDue(scheduleId: order.id, due: bankDay("2026-06-02")))) {
        _ = try await bank.cancelScheduled(order.id.lowercasedString, reason: "too late", by: "jo")
    }
    #expect(store.headPosition == head)
    #expect(try await bank.scheduler.tick() == 1)
    await bank.close()
}

@Test func cancellingNeedsAReasonTheSendRoleAndAKnownSchedule() async throws {
    let (bank, store, _) = try await openTestBank()
    let order = try await bank.schedule(standingPayment(), timing: PaymentTiming(on: "2026-06-02"), by: "jo")
    let head = store.headPosition
    await #expect(throws: BankError.reasonRequired) {
        _ = try await bank.cancelScheduled(order.id.lowercasedString, reason: " ", by: "jo")
    }
    await #expect(throws: BankError.notAnOperator(name: "mallory", action: .send)) {
        _ = try await bank.cancelScheduled(order.id.lowercasedString, reason: "no", by: "mallory")
    }
    await #expect(throws: BankError.schedule(.unknownSchedule("00000000-0000-4000-8000-000000000009"))) {
        _ = try await bank.cancelScheduled("00000000-0000-4000-8000-000000000009", reason: "no", by: "jo")
    }
    await #expect(throws: BankError.schedule(.unknownSchedule("nonsense"))) {
        _ = try await bank.cancelScheduled("nonsense", reason: "no", by: "jo")
    }
    #expect(store.headPosition == head)
    await bank.close()
}

@Test func aCancelRacingTheSchedulerStopsTheFutureButNotTheOccurrenceDueNow() async throws {
    for _ in 0..<5 {
        let (bank, store, clock) = try await openTestBank()
        let order = try await bank.schedule(standingPayment(), timing: PaymentTiming(on: "2026-06-01", every: "week"), by: "jo")
        clock.set(bankDay("2026-06-01").start)
        // Whichever lands first, the occurrence due now is paid once and none after it.
        async let ticked = bank.scheduler.tick()
        async let cancel = bank.cancelScheduled(order.id.lowercasedString, reason: "closing the account", by: "jo")
        _ = try await (ticked, cancel)
        try await bank.scheduler.tick()
        clock.set(bankDay("2026-07-01").start)
        #expect(try await bank.scheduler.tick() == 0)
        #expect(try claims(of: order.id, in: store).map(\.occurrence) == [1])
        #expect(try requestedPayments(in: store).count == 1)
        #expect(try bank.scheduledPayments()[order.id]?.status(at: clock.now()) == .cancelled)
        await bank.close()
    }
}

@Test func cancellingAStandingOrderAfterSomePaymentsStopsTheRest() async throws {
    let (bank, store, clock) = try await openTestBank()
    let order = try await bank.schedule(standingPayment(), timing: PaymentTiming(on: "2026-06-01", every: "week"), by: "jo")
    clock.set(bankDay("2026-06-09").start)
    #expect(try await bank.scheduler.tick() == 2)
    let cancelled = try await bank.cancelScheduled(order.id.lowercasedString, reason: "moved banks", by: "jo")
    #expect(cancelled.paid == 2)
    clock.set(bankDay("2026-08-01").start)
    #expect(try await bank.scheduler.tick() == 0)
    #expect(try claims(of: order.id, in: store).map(\.dueDate.description) == ["2026-06-01", "2026-06-08"])
    await bank.close()
}
