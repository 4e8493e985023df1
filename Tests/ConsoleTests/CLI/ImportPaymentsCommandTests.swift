import Foundation
import Testing
@testable import Console

/// `import-payments FILE|DIR`: the bundled pacs.008 samples through the command line.
@Suite struct ImportPaymentsCommandTests {
    var cli = CLIHarness()

    init() {
        cli.seedsNewStores = true
    }

    static let samples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Core/Seeds/iso20022")

    @Test func aDirectoryImportsTheGoodMessagesAndNamesTheWrongElementOfEachBadOne() async {
        // The invented list here (the held sample holds on OFAC's: DefaultSanctionsSeedTests).
        let run = await cli.run(["import-payments", Self.samples.path])
        #expect(run.status == 1)
        #expect(run.lines == [
            "pacs008-held.xml FPS20261204BANKB0007 SUPPLIER-7781: payment f47ac10b-58cc-4372-a567-0e02b2c3d479 settled",
            "pacs008-valid.xml CHAPS20261204BANKA0001 INV-20261204-0042: payment 8a5f3c1e-2b7d-4e90-9c41-6d2f0a8b7e13 settled",
            "pacs008-valid.xml CHAPS20261204BANKA0001 RENT-DEC-2026: payment 3c9e71d4-5a08-4f62-b1e7-0d4c8a2f9b56 settled",
            "2 messages (3 payments) imported, 5 refused",
        ])
        let errors = run.errors.split(separator: "\n").map(String.init)
        #expect(errors.count == 5)
        #expect(errors[3].hasPrefix("bank-console import-payments: malformed-truncated.xml: line "))
        #expect(errors[0] == "bank-console import-payments: malformed-count.xml: FIToFICstmrCdtTrf/GrpHdr/NbOfTxs: '2', but the message holds 1 CdtTrfTxInf")
        #expect(errors[1] == "bank-console import-payments: malformed-currency.xml: FIToFICstmrCdtTrf/CdtTrfTxInf[2]/IntrBkSttlmAmt: currency EUR, expected GBP")
        // Nothing of a refused message is written: its good first transfer is not a payment.
        #expect(await cli.run(["payment", "9b2e4f6a-1c3d-4e5f-8a7b-6c5d4e3f2a1b"]).status == 1)
    }

    @Test func importingAgainReportsEachPaymentAsAlreadyImported() async {
        let file = Self.samples.appendingPathComponent("pacs008-valid.xml").path
        #expect(await cli.run(["import-payments", file]).status == 0)
        let again = await cli.run(["import-payments", file])
        #expect(again.status == 0)
        #expect(again.lines == [
            "pacs008-valid.xml CHAPS20261204BANKA0001 INV-20261204-0042: payment 8a5f3c1e-2b7d-4e90-9c41-6d2f0a8b7e13 already imported, settled",
            "pacs008-valid.xml CHAPS20261204BANKA0001 RENT-DEC-2026: payment 3c9e71d4-5a08-4f62-b1e7-0d4c8a2f9b56 already imported, settled",
            "1 message (2 payments) imported, 0 refused",
        ])
        let balance = await cli.run(["balance", "40-12-34", "10000329"])
        #expect(balance.output.contains("£13,750.00"))
    }

    @Test func thePaymentShowsItsMessageIds() async {
        _ = await cli.run(["import-payments", Self.samples.appendingPathComponent("pacs008-valid.xml").path])
        let shown = await cli.run(["payment", "3c9e71d4-5a08-4f62-b1e7-0d4c8a2f9b56"])
        #expect(shown.lines.contains("pacs.008        MsgId CHAPS20261204BANKA0001 · EndToEndId RENT-DEC-2026 · UETR 3c9e71d4-5a08-4f62-b1e7-0d4c8a2f9b56"))
        let json = await cli.run(["payment", "3c9e71d4-5a08-4f62-b1e7-0d4c8a2f9b56", "--json"])
        #expect(json.output.contains(#""iso":{"messageId":"CHAPS20261204BANKA0001","endToEndId":"RENT-DEC-2026","uetr":"3c9e71d4-5a08-4f62-b1e7-0d4c8a2f9b56"}"#))
    }

    @Test func aRefusedFileAloneWritesNothingAndExitsOne() async {
        let run = await cli.run(["import-payments", Self.samples.appendingPathComponent("malformed-uetr.xml").path, "--json"])
        #expect(run.status == 1)
        #expect(run.output == #"{"payments":[],"rejected":[{"file":"malformed-uetr.xml","error":"FIToFICstmrCdtTrf/CdtTrfTxInf[1]/PmtId/UETR: 'NOT-A-UETR' is not a lower-case version 4 UUID"}]}"# + "\n")
        #expect(cli.store().headPosition == 0)
        #expect(await cli.run(["import-payments", "/no/such/dir"]).status == 1)
    }
}
