import Foundation
import Store
import Testing
@testable import Core

/// The test bank's staff besides its creator, `operator` (a supervisor).
let testStaff: [(name: String, role: OperatorRole)] = [("jo", .operator), ("sam", .supervisor), ("compliance", .supervisor)]

/// A bank on a fresh in-memory store, seeded from the bundled seeds, created by `operator`
/// (its first supervisor) with `testStaff`, processors running.
func openTestBank(seed: UInt64 = 7, processing: Bool = true) async throws -> (Bank, MemoryEventStore, ManualClock) {
    let clock = ManualClock()
    let store = MemoryEventStore(clock: clock)
    let configuration = BankConfiguration(seed: seed, subscriptionTick: nil,
                                          restTimeout: .seconds(600), // never reached when healthy; a loaded CI machine is slow
                                          creator: "operator")
    let bank = try await Bank(store: store, clock: clock, configuration: configuration)
    for member in testStaff { try await bank.addOperator(member.name, role: member.role, reason: "test staff", by: "operator") }
    if processing { try await bank.startProcessors() }
    return (bank, store, clock)
}

@Test func payingAnOpenAccountSettlesItAndCreditsTheBalance() async throws {
    let (bank, _, _) = try await openTestBank()
    let outcome = try await bank.pay(InboundPaymentRequest(toSortCode: "40-12-34", toAccountNumber: "10000337", amount: "19.45",
                                                           fromName: "Alice Abbott", reference: "Lunch"))
    #expect(outcome.status == .settled)
    #expect(outcome.balanceAfter == Money(pence: 85_000))
    #expect(try bank.account(sortCode: "401234", accountNumber: "10000337").balance == Money(pence: 85_000))
    await bank.close()
}

@Test func payingAWellFormedUnknownAccountReturnsIt() async throws {
    let (bank, _, _) = try await openTestBank()
    let outcome = try await bank.pay(InboundPaymentRequest(toSortCode: "40-12-34", toAccountNumber: "99990119", amount: "5.00"))
    #expect(outcome.status == .returned)
    #expect(outcome.reason?.code == .unknownAccount)
    await bank.close()
}

@Test func malformedPayInputIsRefusedAndWritesNothing() async throws {
    let (bank, store, _) = try await openTestBank()
    let head = store.headPosition
    await #expect(throws: BankError.malformedSortCode("4012")) {
        _ = try await bank.pay(InboundPaymentRequest(toSortCode: "4012", toAccountNumber: "10000337", amount: "5.00"))
    }
    await #expect(throws: BankError.malformedAccountNumber("1234")) {
        _ = try await bank.pay(InboundPaymentRequest(toSortCode: "401234", toAccountNumber: "1234", amount: "5.00"))
    }
    await #expect(throws: BankError.malformedAmount("-5.00")) {
        _ = try await bank.pay(InboundPaymentRequest(toSortCode: "401234", toAccountNumber: "10000337", amount: "-5.00"))
    }
    await #expect(throws: BankError.malformedAmount("1.234")) {
        _ = try await bank.pay(InboundPaymentRequest(toSortCode: "401234", toAccountNumber: "10000337", amount: "1.234"))
    }
    #expect(store.headPosition == head)
    await bank.close()
}

@Test func aSanctionedOriginatorIsHeldThenReleasedAndSettles() async throws {
    let (bank, _, _) = try await openTestBank()
    let held = try await bank.pay(InboundPaymentRequest(toSortCode: "401234", toAccountNumber: "10000329", amount: "100.00",
                                                        fromName: "Vantablack Boris"))
    #expect(held.status == .held)
    #expect(held.evidence.first?.entryId == "SN-0001")
    #expect(held.evidence.first?.role == .originator)
    let released = try await bank.release(paymentId: held.paymentId.uuidString, reason: "False positive: different person", by: "jo")
    #expect(released.status == .settled)
    #expect(released.balanceAfter == Money(pence: 1_260_000))
    await bank.close()
}

@Test func sendingMoreThanTheBalanceFailsWithInsufficientFunds() async throws {
    let (bank, _, _) = try await openTestBank()
    let outcome = try await bank.send(OutboundPaymentRequest(fromSortCode: "401234", fromAccountNumber: "10000469",
                                                             toSortCode: "601234", toAccountNumber: "12345679", amount: "150.01",
                                                             toName: "Walsh Carter"))
    #expect(outcome.status == .failed)
    #expect(outcome.reason?.code == .insufficientFunds)
    await bank.close()
}
