import Foundation
import Store
import Testing
@testable import Core

/// A hold's evidence names the list entry — its id and list number, primary name, the alias
/// matched, type and programmes — and the score.
@Suite struct ScreeningEvidenceTests {
    @Test func aHoldOnAnImportedEntryRecordsItsNumberTypeProgrammesAndAlias() async throws {
        let (bank, _, _) = try await openTestBank()
        let entry = SanctionedEntry(entryId: "OFAC-306", name: "BANCO NACIONAL DE CUBA", aliases: ["NATIONAL BANK OF CUBA"],
                                    listNumber: 306, kind: "entity", programs: ["CUBA"])
        _ = try await bank.importSanctions([entry], by: "sam")
        let outcome = try await bank.pay(InboundPaymentRequest(toSortCode: "40-12-34", toAccountNumber: "10000337", amount: "10.00",
                                                               fromName: "National Bank of Cuba", reference: "Invoice"))
        #expect(outcome.status == .held)
        #expect(outcome.evidence.first?.listNumber == 306)
        #expect(outcome.evidence == [ScreeningMatch(role: .originator, name: "National Bank of Cuba", matched: "NATIONAL BANK OF CUBA",
                                                    entryId: "OFAC-306", entryName: "BANCO NACIONAL DE CUBA", score: 1, entryKind: "entity",
                                                    programs: ["CUBA"], listNumber: 306)])
        await bank.close()
    }
}
