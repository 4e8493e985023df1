import Foundation
import Testing
@testable import Console

/// A new data directory is seeded with OFAC's real list, not the invented one.
@Suite struct DefaultSanctionsSeedTests {
    @Test func aFreshDefaultBankHitsVladimirPutinHoldsHisPaymentAndSeedingAgainChangesNothing() async {
        var cli = CLIHarness()
        cli.seedsNewStores = true
        cli.variables["BANK_SEED_SANCTIONS"] = nil
        let run = await cli.run(["screen", "Vladimir Putin", "Boris Vantablack"])
        #expect(run.status == 1)
        #expect(run.lines == [
            "hit   100  Vladimir Putin → OFAC-35096 PUTIN, Vladimir Vladimirovich as \"PUTIN, Vladimir\" individual [RUSSIA-EO14024]",
            "clear   0  Boris Vantablack",
        ])
        // The held sample's payer is on it: an imported pacs.008 payment is held with that evidence.
        let samples = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/Core/Seeds/iso20022/pacs008-held.xml")
        let imported = await cli.run(["import-payments", samples.path])
        #expect(imported.status == 0)
        #expect(imported.lines.first == "pacs008-held.xml FPS20261204BANKB0007 SUPPLIER-7781: payment f47ac10b-58cc-4372-a567-0e02b2c3d479 held")
        let again = await cli.run(["seed", "--json"])
        #expect(again.status == 0)
        #expect(again.output.hasPrefix(#"{"streamsWritten":0,"#))
    }

    @Test func anUnknownSanctionsSeedIsAUsageError() async {
        var cli = CLIHarness()
        cli.seedsNewStores = true
        cli.variables["BANK_SEED_SANCTIONS"] = "everything"
        let run = await cli.run(["seed"])
        #expect(run.status == 2)
        #expect(run.errors.hasPrefix("bank-console seed: BANK_SEED_SANCTIONS must be ofac or fictional, not 'everything'"))
    }
}
