import Foundation
import Testing
@testable import Core

/// The real OFAC list (seeds/sanctions/), read and indexed once for these tests.
let realListScreener: SanctionsScreener = {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Core/Seeds/sanctions")
    let sdn = (try? Data(contentsOf: directory.appendingPathComponent("ofac-sdn.csv"))) ?? Data()
    let alt = (try? Data(contentsOf: directory.appendingPathComponent("ofac-alt.csv"))) ?? Data()
    return SanctionsScreener(entries: OFACList(sdn: Array(sdn), aliases: Array(alt)).entries, threshold: 0.85)
}()

@Suite(.serialized) struct RealListScreeningTests {
    @Test(arguments: [
        ("Vladimir Putin", "OFAC-35096"),               // word order
        ("putin, VLADIMIR", "OFAC-35096"),              // case
        ("Vladímir Pútin", "OFAC-35096"),               // diacritics
        ("PUTIN,VLADIMIR", "OFAC-35096"),               // punctuation and spacing
        ("Katerina Tikhonova", "OFAC-36236"),           // a missing middle name
        ("Aerocaribean Airlines", "OFAC-36"),           // one slip in a long word
        ("Alexander Lukashenko", "OFAC-9760"),          // Aleksandr / Alexander
        ("Aleksandr Lukashenkoff", "OFAC-9760"),        // -ov / -off (here -o / -off)
        ("Mohammed Hamza Zubaidi", "OFAC-7851"),        // Muhammad / Mohammed
        ("Abdel Rahman Yasin", "OFAC-6931"),            // Abdul / Abdel
        ("Bank Saderat Limited", "OFAC-4642"),          // PLC / Limited
        ("National Bank of Cuba", "OFAC-306"),          // an alias
    ])
    func trueVariantsOfRealEntriesHoldOnTheirEntry(name: String, entryId: String) throws {
        let match = try #require(realListScreener.screen([(.beneficiary, name)]).first, "\(name) was not held")
        #expect(match.entryId == entryId)
        #expect(match.score >= 0.85)
    }

    @Test(arguments: [
        "John Smith", "Emma Wilson", "Tesco Stores Limited", "Barclays Bank PLC", "International Bank",
        "Global Services Ltd", "General Trading Company Ltd", "Star Shipping Co", "Al Noor Trading", "Northern Logistics Limited",
    ])
    func ordinaryNamesAndGenericCompanyWordsClear(name: String) {
        #expect(realListScreener.screen([(.beneficiary, name)]).isEmpty, "\(realListScreener.screen([(.beneficiary, name)]))")
    }

    @Test func theEvidenceNamesTheEntryItsAliasTypeAndProgrammes() throws {
        let hit = try #require(realListScreener.matches(for: "National Bank of Cuba").first)
        #expect(hit.entry.entryId == "OFAC-306")
        #expect(hit.entry.name == "BANCO NACIONAL DE CUBA")
        #expect(hit.matched == "NATIONAL BANK OF CUBA")
        #expect(hit.entry.kind == "entity")
        #expect(hit.entry.programs == ["CUBA"])
        #expect(hit.entry.listNumber == 306)
        #expect(hit.score == 1)
    }

    @Test func seededTrueVariantsAreAlmostAllHeldAndOrdinaryUKNamesAlmostNever() {
        var variants = RealListVariants(seed: 14, entries: realListScreener.entries)
        let sample = variants.variants(count: 90)
        #expect(Set(sample.map(\.kind)) == Set(RealListVariants.Kind.allCases))
        let held = sample.filter { !realListScreener.screen([(.beneficiary, $0.name)]).isEmpty }
        #expect(held.count >= 85, "missed: \(sample.filter { v in !held.contains(v) }.map(\.name))")
        var ordinary = OrdinaryUKNames(seed: 15)
        let names = ordinary.names(count: 300)
        let falseHolds = names.filter { !realListScreener.screen([(.beneficiary, $0)]).isEmpty }
        #expect(falseHolds.count <= 3, "\(falseHolds)")
    }
}

@Test func aHoldsEvidenceCarriesTheEntrysTypeAndProgrammes() throws {
    let match = try #require(realListScreener.screen([(.originator, "Bank Saderat Limited")]).first)
    #expect(match == ScreeningMatch(role: .originator, name: "Bank Saderat Limited", matched: "BANK SADERAT PLC", entryId: "OFAC-4642",
                                    entryName: "BANK SADERAT PLC", score: 1, entryKind: "entity", programs: ["IRAN", "SDGT", "IFSR"],
                                    listNumber: 4642))
}
