import Foundation
import Store
import Testing
@testable import Core

/// Reading ISO 20022 `pacs.008` messages: the bundled samples, and each kind of malformed one
/// refused with the element that is wrong.
@Suite struct Pacs008ReaderTests {
    static func sample(_ name: String) throws -> Data {
        let directory = try #require(BundledSeeds.directory).appendingPathComponent("iso20022")
        return try Data(contentsOf: directory.appendingPathComponent(name))
    }

    static func error(_ data: Data) -> String? {
        if case .failure(let error) = Pacs008Reader.read(data) { return error.description }
        return nil
    }

    @Test func theValidSampleReadsAsTwoTransfersWithTheirIds() throws {
        let message = try Pacs008Reader.read(Self.sample("pacs008-valid.xml")).get()
        #expect(message.messageId == "CHAPS20261204BANKA0001")
        #expect(message.scheme == .chaps)
        #expect(message.transactions.map(\.endToEndId) == ["INV-20261204-0042", "RENT-DEC-2026"])
        let first = try #require(message.payments.first)
        #expect(first == InboundPaymentSentByScheme(
            paymentId: UUID(uuidString: "8a5f3c1e-2b7d-4e90-9c41-6d2f0a8b7e13")!, scheme: .chaps, amount: "1250.00",
            from: PaymentParty(sortCode: "200000", accountNumber: "55779911", name: "Harriet Okafor"),
            to: PaymentParty(sortCode: "401234", accountNumber: "10000329", name: "Ada Whitlock"),
            reference: "INVOICE 0042 DECEMBER",
            iso: IsoPaymentIds(messageId: "CHAPS20261204BANKA0001", endToEndId: "INV-20261204-0042", uetr: "8a5f3c1e-2b7d-4e90-9c41-6d2f0a8b7e13")))
    }

    @Test func theHeldSampleIsAnFPSMessage() throws {
        let message = try Pacs008Reader.read(Self.sample("pacs008-held.xml")).get()
        #expect(message.scheme == .fps)
        #expect(message.transactions.map(\.debtor.name) == ["Vladimir Putin"])
    }

    @Test(arguments: [
        ("malformed-currency.xml", "FIToFICstmrCdtTrf/CdtTrfTxInf[2]/IntrBkSttlmAmt: currency EUR, expected GBP"),
        ("malformed-sort-code.xml", "FIToFICstmrCdtTrf/CdtTrfTxInf[1]/CdtrAgt/FinInstnId/ClrSysMmbId/MmbId: '40123' is not a 6-digit sort code"),
        ("malformed-uetr.xml", "FIToFICstmrCdtTrf/CdtTrfTxInf[1]/PmtId/UETR: 'NOT-A-UETR' is not a lower-case version 4 UUID"),
        ("malformed-count.xml", "FIToFICstmrCdtTrf/GrpHdr/NbOfTxs: '2', but the message holds 1 CdtTrfTxInf"),
    ])
    func eachMalformedSampleIsRefusedNamingTheElement(file: String, expected: String) throws {
        #expect(Self.error(try Self.sample(file)) == expected)
    }

    @Test func aTruncatedFileIsRefusedAsXMLWithItsLine() throws {
        let error = try #require(Self.error(try Self.sample("malformed-truncated.xml")))
        #expect(error.hasPrefix("line "))
        #expect(error.contains("not well-formed XML"))
    }

    /// The valid sample with one piece of text replaced.
    static func edited(_ old: String, _ new: String) throws -> Data {
        let text = String(decoding: try sample("pacs008-valid.xml"), as: UTF8.self)
        #expect(text.contains(old))
        return Data(text.replacingOccurrences(of: old, with: new).utf8)
    }

    @Test(arguments: [
        ("<MsgId>CHAPS20261204BANKA0001</MsgId>", "", "FIToFICstmrCdtTrf/GrpHdr/MsgId: missing"),
        ("CHAPS20261204BANKA0001", String(repeating: "M", count: 36), "FIToFICstmrCdtTrf/GrpHdr/MsgId: 36 characters, at most 35"),
        ("<EndToEndId>RENT-DEC-2026</EndToEndId>", "<EndToEndId></EndToEndId>", "FIToFICstmrCdtTrf/CdtTrfTxInf[2]/PmtId/EndToEndId: empty"),
        (">875.50<", ">875.505<", "FIToFICstmrCdtTrf/CdtTrfTxInf[2]/IntrBkSttlmAmt: 875.505 has 3 decimal places, GBP has 2"),
        (">875.50<", ">-875.50<", "FIToFICstmrCdtTrf/CdtTrfTxInf[2]/IntrBkSttlmAmt: '-875.50' is not a decimal amount"),
        (">875.50<", ">1000000000000.00<", "FIToFICstmrCdtTrf/CdtTrfTxInf[2]/IntrBkSttlmAmt: 1000000000000.00 is more than £999,999,999,999.99"),
        (" Ccy=\"GBP\">875.50", ">875.50", "FIToFICstmrCdtTrf/CdtTrfTxInf[2]/IntrBkSttlmAmt: missing attribute Ccy"),
        ("<Id>12345678</Id>", "<Id>1234567</Id>", "FIToFICstmrCdtTrf/CdtTrfTxInf[2]/DbtrAcct/Id/Othr/Id: '1234567' is not an 8-digit account number"),
        ("<Cdtr><Nm>Silas Penhallow</Nm></Cdtr>", "", "FIToFICstmrCdtTrf/CdtTrfTxInf[2]/Cdtr: missing"),
        ("<Prtry>CHAPS</Prtry>", "<Prtry>SWIFT</Prtry>", "FIToFICstmrCdtTrf/GrpHdr/SttlmInf/ClrSys/Prtry: 'SWIFT', expected CHAPS, FPS or BACS"),
        ("3c9e71d4-5a08-4f62-b1e7-0d4c8a2f9b56", "8a5f3c1e-2b7d-4e90-9c41-6d2f0a8b7e13",
         "FIToFICstmrCdtTrf/CdtTrfTxInf[2]/PmtId/UETR: 8a5f3c1e-2b7d-4e90-9c41-6d2f0a8b7e13 appears twice in the message"),
        ("3c9e71d4-5a08-4f62-b1e7-0d4c8a2f9b56", "3C9E71D4-5A08-4F62-B1E7-0D4C8A2F9B56",
         "FIToFICstmrCdtTrf/CdtTrfTxInf[2]/PmtId/UETR: '3C9E71D4-5A08-4F62-B1E7-0D4C8A2F9B56' is not a lower-case version 4 UUID"),
        ("pacs.008.001.08", "pacs.009.001.08",
         "Document: namespace 'urn:iso:std:iso:20022:tech:xsd:pacs.009.001.08', expected urn:iso:std:iso:20022:tech:xsd:pacs.008.001.NN (pacs.008)"),
    ])
    func aWrongFieldIsRefusedNamingItsPath(old: String, new: String, expected: String) throws {
        #expect(Self.error(try Self.edited(old, new)) == expected)
    }

    @Test func theSortCodeClearingSystemMustBeGBDSC() throws {
        let text = String(decoding: try Self.sample("pacs008-valid.xml"), as: UTF8.self)
        // The first agent in the file is the first transaction's debtor agent.
        let edited = text.replacingOccurrences(of: "<Cd>GBDSC</Cd>", with: "<Cd>USABA</Cd>", options: [], range: text.range(of: "<Cd>GBDSC</Cd>"))
        #expect(Self.error(Data(edited.utf8))
            == "FIToFICstmrCdtTrf/CdtTrfTxInf[1]/DbtrAgt/FinInstnId/ClrSysMmbId/ClrSysId/Cd: 'USABA', expected GBDSC (UK sort codes)")
    }

    @Test func theWriterWritesWhatTheReaderReadsBack() throws {
        let payments = [
            InboundPaymentSentByScheme(paymentId: UUID(uuidString: "00000000-0000-4000-8000-000000000001")!, scheme: .bacs, amount: "12.30",
                                       from: PaymentParty(sortCode: "200000", accountNumber: "00000001", name: "O'Brien & Sons <Ltd>"),
                                       to: PaymentParty(sortCode: "401234", accountNumber: "10000329", name: "Ada Whitlock"),
                                       reference: "Müller \"quoted\"",
                                       iso: IsoPaymentIds(messageId: "M1", endToEndId: "E1", uetr: "00000000-0000-4000-8000-000000000001")),
        ]
        let xml = Pacs008Writer.document(payments, messageId: "M1", created: Date(timeIntervalSince1970: 1_780_000_000))
        #expect(xml.contains("<CreDtTm>2026-05-28T20:26:40Z</CreDtTm>"))
        let read = try Pacs008Reader.read(Data(xml.utf8)).get()
        #expect(read.payments == payments)
    }
}
