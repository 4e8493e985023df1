import Foundation
import Store
import Testing
@testable import ConsoleUI
@testable import Core

/// Releasing from the held pane at or above the four-eyes threshold, against a real bank: the
/// toast says what happened.
@Suite struct FourEyesServicesTests {
    @Test func aFirstApprovalSaysItNeedsASecondOperatorAndTheSecondReleases() async throws {
        let clock = ManualClock()
        let configuration = BankConfiguration(seed: 7, subscriptionTick: nil, restTimeout: .seconds(600), creator: "sam")
        let bank = try await Bank(store: MemoryEventStore(clock: clock), clock: clock, configuration: configuration)
        try await bank.addOperator("jo", role: .operator, reason: "new starter", by: "sam")
        try await bank.startProcessors()
        let projections = Projections(store: bank.store, clock: clock)
        let held = try await bank.pay(InboundPaymentRequest(toSortCode: "401234", toAccountNumber: "10000329", amount: "20000.00",
                                                           fromName: "Tiberius Nightshade"))
        #expect(held.status == .held)
        let id = held.paymentId.uuidString.lowercased()
        let approve = Action.release(paymentID: id, reason: "passport seen")
        let first = await BankServices.perform(approve, on: bank, projections: projections, by: "jo")
        #expect(first == CommandResult(action: approve, succeeded: true, message: "approved \(Text.shortID(id)); needs a second operator"))
        let agree = Action.release(paymentID: id, reason: "agree")
        let second = await BankServices.perform(agree, on: bank, projections: projections, by: "sam")
        #expect(second.succeeded)
        #expect(second.message.hasPrefix("released \(Text.shortID(id)): settled"))
        await projections.close()
        await bank.close()
    }

    @Test func theQuestionBeforeASecondApprovalIsARelease() {
        let state = OperatorFixture.approvedState(as: "sam")
        let id = LargeMoneyFixture.heldPayment.uuidString.lowercased()
        #expect(state.releaseConfirmation(paymentID: id, summary: "it", reason: "agree").confirmLabel == "Release")
        let fresh = OperatorFixture.seated(LargeMoneyFixture.state(width: 120, height: 40, pane: .held), as: "sam")
        #expect(fresh.releaseConfirmation(paymentID: id, summary: "it", reason: "ok").question
            == "Approve it? It stays held until a second operator approves too.")
    }
}
