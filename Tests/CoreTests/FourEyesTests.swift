import Foundation
import Store
import Testing
@testable import Core

/// Releasing a held payment at or above the four-eyes threshold takes two different operators.
@Suite struct FourEyesTests {
    /// A payment of `amount` held for sanctions review (a listed originator).
    private func held(_ amount: String, on bank: Bank) async throws -> String {
        let outcome = try await bank.pay(InboundPaymentRequest(toSortCode: "401234", toAccountNumber: "10000329", amount: amount,
                                                              fromName: "Tiberius Nightshade"))
        #expect(outcome.status == .held)
        return outcome.paymentId.uuidString
    }

    private func approvals(of id: String, in store: any EventStore) throws -> [String] {
        let uuid = try #require(UUID(uuidString: id))
        let read = try #require(try EntityReads.payment(uuid, in: store))
        return read.models.payments.payment(uuid)?.approvals.map(\.by) ?? []
    }

    @Test func justBelowTheThresholdOneOperatorReleases() async throws {
        let (bank, _, _) = try await openTestBank()
        let id = try await held("9999.99", on: bank)
        #expect(try await bank.release(paymentId: id, reason: "namesake", by: "jo").status == .settled)
        await bank.close()
    }

    @Test(arguments: ["10000.00", "10000.01", "250000.00"])
    func atOrAboveItTheFirstApprovalKeepsItHeldAndASecondOperatorReleasesIt(amount: String) async throws {
        let (bank, store, _) = try await openTestBank()
        let id = try await held(amount, on: bank)
        let first = try await bank.release(paymentId: id, reason: "checked passport", by: "jo")
        #expect(first.status == .held)
        #expect(try approvals(of: id, in: store) == ["jo"])
        let head = store.headPosition
        await #expect(throws: BankError.alreadyApproved(by: "jo", threshold: Money(pence: 1_000_000))) {
            _ = try await bank.release(paymentId: id, reason: "really", by: "jo")
        }
        #expect(store.headPosition == head)
        let second = try await bank.release(paymentId: id, reason: "agree: namesake", by: "compliance")
        #expect(second.status == .settled)
        let types = try store.read("Payments-Inbound-\(id.lowercased())").map(\.type)
        #expect(types.contains(HeldPaymentApproved.eventType))
        #expect(types.firstIndex(of: HeldPaymentApproved.eventType)! < types.firstIndex(of: InboundHeldPaymentReleased.eventType)!)
        await bank.close()
    }

    @Test func theSecondApprovalNeedsASupervisor() async throws {
        let (bank, store, _) = try await openTestBank()
        try await bank.addOperator("kim", role: .operator, reason: "new", by: "sam")
        let id = try await held("20000.00", on: bank)
        _ = try await bank.release(paymentId: id, reason: "looks fine", by: "jo")
        let head = store.headPosition
        await #expect(throws: BankError.roleRequired(name: "kim", role: .operator, action: .secondApproval)) {
            _ = try await bank.release(paymentId: id, reason: "agree", by: "kim")
        }
        #expect(store.headPosition == head)
        await bank.close()
    }

    @Test func oneRejectionAfterAnApprovalFailsIt() async throws {
        let (bank, _, _) = try await openTestBank()
        let id = try await held("15000.00", on: bank)
        _ = try await bank.release(paymentId: id, reason: "looks fine", by: "jo")
        let rejected = try await bank.reject(paymentId: id, reason: "confirmed listed person", by: "compliance")
        #expect(rejected.status == .failed)
        await bank.close()
    }

    @Test func aLowerThresholdAppliesFromItsEvent() async throws {
        let (bank, _, _) = try await openTestBank()
        try await bank.setFourEyesThreshold(Money(pence: 10_000), reason: "tighter", by: "sam")
        let id = try await held("100.00", on: bank)
        #expect(try await bank.release(paymentId: id, reason: "ok", by: "jo").status == .held)
        await bank.close()
    }

    @Test func approvalsSurviveARestart() async throws {
        let clock = ManualClock()
        let store = MemoryEventStore(clock: clock)
        let configuration = BankConfiguration(seed: 5, subscriptionTick: nil, restTimeout: .seconds(600), creator: "operator")
        let first = try await Bank(store: store, clock: clock, configuration: configuration)
        try await first.addOperator("jo", role: .operator, reason: "new", by: "operator")
        try await first.startProcessors()
        let id = try await held("12000.00", on: first)
        _ = try await first.release(paymentId: id, reason: "first look", by: "jo")
        await first.close()
        let second = try await Bank(store: store, clock: clock, configuration: configuration)
        try await second.startProcessors()
        await #expect(throws: BankError.alreadyApproved(by: "jo", threshold: Money(pence: 1_000_000))) {
            _ = try await second.release(paymentId: id, reason: "again", by: "jo")
        }
        #expect(try await second.release(paymentId: id, reason: "second look", by: "operator").status == .settled)
        await second.close()
    }
}
