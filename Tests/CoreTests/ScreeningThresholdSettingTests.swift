import Foundation
import Store
import Testing
@testable import Core

/// The screening hold threshold is a bank setting a supervisor changes with an event; the
/// screening applies it from the next payment.
@Suite struct ScreeningThresholdSettingTests {
    /// A payment from a listed name with one letter left out (scores below 100, above 85).
    static func fromAlmostListedName() -> InboundPaymentRequest {
        InboundPaymentRequest(toSortCode: "40-12-34", toAccountNumber: "10000337", amount: "10.00", fromName: "Boris Vantablak",
                              reference: "Invoice")
    }

    @Test func theNextPaymentIsScreenedAtTheThresholdASupervisorSet() async throws {
        let (bank, store, _) = try await openTestBank()
        #expect(try bank.settings().screeningHoldAt == 85)
        #expect(try await bank.pay(Self.fromAlmostListedName()).status == .held)
        try await bank.setScreeningThreshold(holdAt: 100, reason: "exact names only", by: "sam")
        #expect(try bank.settings().screeningHoldAt == 100)
        let last = try store.read(BankStream.settings.name, from: .end, direction: .backward, maxCount: 1)[0]
        #expect(try BankEvent.decode(last) == .screeningThresholdSet(ScreeningThresholdSet(holdAt: 100, by: "sam", reason: "exact names only")))
        #expect(try await bank.pay(Self.fromAlmostListedName()).status == .settled)
        try await bank.setScreeningThreshold(holdAt: 85, reason: "back to normal", by: "sam")
        let held = try await bank.pay(Self.fromAlmostListedName())
        #expect(held.status == .held)
        #expect(held.evidence.map(\.entryId) == ["SN-0001"])
        await bank.close()
    }

    @Test func aThresholdOutOfRangeOrSetByANonSupervisorIsRefusedAndWritesNothing() async throws {
        let (bank, store, _) = try await openTestBank(processing: false)
        let head = store.headPosition
        for score in [49, 101, -5, 0] {
            await #expect(throws: BankError.screeningThresholdOutOfRange(score)) {
                try await bank.setScreeningThreshold(holdAt: score, reason: "x", by: "sam")
            }
        }
        await #expect(throws: BankError.roleRequired(name: "jo", role: .operator, action: .changeSettings)) {
            try await bank.setScreeningThreshold(holdAt: 90, reason: "x", by: "jo")
        }
        #expect(store.headPosition == head)
        #expect(BankError.screeningThresholdOutOfRange(101).description
            == "screening hold threshold 101 is out of range: a score from 50 to 100")
        await bank.close()
    }

    @Test func changingTheThresholdIsAuditedLikeTheOtherSettings() async throws {
        let (bank, store, _) = try await openTestBank(processing: false)
        try await bank.setScreeningThreshold(holdAt: 92, reason: "fewer false holds", by: "compliance")
        let entry = try #require(try AuditTrail.page(in: store, limit: 1).first)
        #expect(entry.by == "compliance")
        #expect(entry.action == .settings)
        #expect(entry.subject == .setting("screening-hold-at"))
        #expect(entry.reason == "fewer false holds")
        #expect(entry.outcome == "screening-hold-at 92")
        await bank.close()
    }

    @Test func aScreenerAtAnotherThresholdSharesTheIndexAndDecidesAsOneBuiltForIt() {
        let entries = BankFixture.sanctioned
        let names: [(role: ScreeningMatch.Role, name: String)] = [(.beneficiary, "Boris Vantablak"), (.beneficiary, "Borys Wantablack"),
                                                                   (.originator, "Magda Crowthorn"), (.originator, "Alice Abbott")]
        let base = SanctionsScreener(entries: entries, threshold: 0.85)
        for threshold in [0.5, 0.8, 0.9, 0.97, 1] {
            let derived = base.withThreshold(threshold)
            #expect(derived.threshold == threshold)
            #expect(derived.screen(names) == SanctionsScreener(entries: entries, threshold: threshold).screen(names), "threshold \(threshold)")
        }
    }
}
