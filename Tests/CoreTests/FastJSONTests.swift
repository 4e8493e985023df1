import Foundation
import Store
import Testing
@testable import Core

private let texts = ["Ada Whitlock", "O'Brien / Sons (UK) Ltd.", "say \"hi\" \\ there", "Zoë Ångström", "tab\there", "line\nbreak",
                     "", "+-.,'/?:()", "emoji 🙂", "del\u{7F}", "ctl\u{01}", "/pii:v1:bank.0a1b2c:q//Zx+\"/"]
private let ada = AccountID(sortCode: "401234", accountNumber: "11111299")!
private let ids = [UUID(uuidString: "00000000-0000-4000-8000-000000000001")!, UUID(uuidString: "9F1C2B3A-4D5E-4F60-8A7B-C8D9EAFB0C1D")!]
private let amounts = [Money(pence: 0), Money(pence: 5), Money(pence: -1_234_567), Money(pence: 100_000_000_01)]

private func party(_ name: String) -> PaymentParty { PaymentParty(sortCode: "200000", accountNumber: "00000001", name: name) }

/// One event of every type with a hand-written codec, for every tricky text, id and amount.
private struct Sample {
    var type: String
    var fast: Data
    var foundation: Data
    var wrapped: BankEvent
    /// Whether the hand-written writer produced the bytes (not the Foundation fallback).
    var written: Bool

    init<E: BankEventType>(_ event: E) throws {
        type = E.eventType
        fast = try BankCodec.encode(event)
        foundation = try BankCodec.encodeWithFoundation(event)
        wrapped = event.wrapped
        var writer = JSONWriter()
        written = event.writeFastJSON(&writer) && !writer.unsupported
    }
}

private func samples() throws -> [Sample] {
    var events: [any BankEventType] = []
    for (index, text) in texts.enumerated() {
        let id = ids[index % ids.count]
        let money = amounts[index % amounts.count]
        events.append(InboundPaymentSentByScheme(paymentId: id, scheme: .fps, amount: text, from: party(text), to: party("Ada"), reference: text))
        events.append(InboundPaymentReceived(paymentId: id, scheme: .chaps, amount: "12.34", from: party("Bo"), to: party(text), reference: text))
        events.append(InboundPaymentValidated(paymentId: id, amount: money, account: ada, accountHolder: text))
        events.append(InboundPaymentSanctionsChecked(paymentId: id, released: index % 2 == 0))
        events.append(InboundPaymentAccountStatusChecked(paymentId: id, account: ada))
        events.append(InboundPaymentBalanceUpdated(paymentId: id, account: ada, amount: money, balanceAfter: -money, ledgerVersion: Int64(index) * 1_000_003))
        events.append(LedgerEntryPosted(account: ada, amount: money, balanceAfter: money, kind: .inboundPayment, paymentId: id, description: text))
        events.append(LedgerEntryPosted(account: ada, amount: money, balanceAfter: money, kind: .openingBalance, paymentId: nil, description: text))
    }
    return try events.map { try Sample($0) }
}


@Test func theFastEncoderWritesExactlyTheBytesFoundationWritesForEveryFastType() throws {
    let all = try samples()
    #expect(Set(all.filter(\.written).map(\.type)).count == 7)
    #expect(all.filter(\.written).count > all.count / 2)
    for sample in all {
        #expect(sample.fast == sample.foundation, "\(String(decoding: sample.foundation, as: UTF8.self))")
    }
}

@Test func everyFastTypeRoundTripsAndDecodesFoundationsBytes() throws {
    for sample in try samples() {
        #expect(try BankEvent.decode(type: sample.type, data: sample.fast) == sample.wrapped)
        #expect(try BankEvent.decode(type: sample.type, data: sample.foundation) == sample.wrapped)
    }
}

@Test func theFastDecoderParsesWhatItWritesAndDeclinesWhatItDoesNot() throws {
    let plain = LedgerEntryPosted(account: ada, amount: Money(pence: 5), balanceAfter: Money(pence: 5), kind: .reversal, paymentId: ids[1], description: "a/b \"c\"")
    let parsed = JSONObject.parse(try BankCodec.encode(plain)).flatMap(LedgerEntryPosted.init(fastJSON:))
    #expect(parsed == plain)
    #expect(JSONObject.parse(Data(#"{"name":"Zo\u00eb"}"#.utf8)) == nil)
    #expect(JSONObject.parse(Data(#"{"n":1.5}"#.utf8)) == nil)
    #expect(JSONObject.parse(Data(#"{"n":[1]}"#.utf8)) == nil)
    #expect(JSONObject.parse(Data(#"{"n":1} x"#.utf8)) == nil)
}

@Test func dataFoundationAcceptsInAnotherShapeDecodesAsFoundationDecodesIt() throws {
    let json = #"""
    { "paymentId" : "00000000-0000-4000-8000-000000000001", "released" : true, "extra": [1, 2.5, "x"] }
    """#
    let expected = try JSONDecoder.bank.decode(InboundPaymentSanctionsChecked.self, from: Data(json.utf8))
    #expect(try BankEvent.decode(type: InboundPaymentSanctionsChecked.eventType, data: Data(json.utf8)) == .inboundPaymentSanctionsChecked(expected))
    let escaped = #"{"account":{"accountNumber":"11111299","sortCode":"401234"},"accountHolder":"Zo\u00eb","amount":"1.00","paymentId":"00000000-0000-4000-8000-000000000001"}"#
    #expect(try BankEvent.decode(type: InboundPaymentValidated.eventType, data: Data(escaped.utf8))
        == .inboundPaymentValidated(InboundPaymentValidated(paymentId: ids[0], amount: Money(pence: 100), account: ada, accountHolder: "Zoë")))
}

@Test func malformedFastTypeDataIsStillReportedAsMalformed() {
    let bad = Data(#"{"paymentId":"not-a-uuid","released":true}"#.utf8)
    #expect(throws: BankEvent.DecodingFailure.self) { try BankEvent.decode(type: InboundPaymentSanctionsChecked.eventType, data: bad) }
}

@Test func fastMetadataBytesEqualTheTextReference() {
    for text in texts {
        for actor in [nil, "Payments/inbound-payments", text] {
            let metadata = EventMetadata(correlationId: text, causationId: "c-" + text, schemaVersion: 12, actor: actor)
            var reference = "{\"$causationId\":" + BankCodec.quoted(metadata.causationId) + ",\"$correlationId\":" + BankCodec.quoted(metadata.correlationId)
            if let actor { reference += ",\"actor\":" + BankCodec.quoted(actor) }
            reference += ",\"schemaVersion\":12}"
            #expect(BankCodec.encodeFast(metadata) == Data(reference.utf8))
        }
    }
}

@Test func lowercasedUUIDTextEqualsFoundations() {
    var generator = SplitMix64(seed: 7)
    for _ in 0..<200 {
        let id = UUID(uuid: withUnsafeBytes(of: (generator.next(), generator.next())) { raw in
            raw.load(as: uuid_t.self)
        })
        #expect(id.lowercasedString == id.uuidString.lowercased())
    }
}

@Test func moneyParsesExactlyTheAcceptedAmountTexts() {
    let accepted: [(String, Int64)] = [("12", 1_200), ("12.3", 1_230), ("12.34", 1_234), ("-5.00", -500), ("0", 0), ("00.01", 1),
                                       ("999999999999.99", 99_999_999_999_999), ("-999999999999.99", -99_999_999_999_999),
                                       ("0000000000000000001.50", 150)]
    for (text, pence) in accepted { #expect(Money(parsing: text) == Money(pence: pence), "\(text)") }
    for text in ["", "-", ".5", "5.", "1.234", "1,000", "1e3", "+5", "--5", "5-", " 5", "5 ", "1.2.3", "١٢", "-.5", "5.-1"] {
        #expect(Money.parse(text) == .failure(.malformed), "\(text)")
    }
    for text in ["1000000000000", "99999999999999.99", "-1000000000000.00", "123456789012345", "100000000004199.99"] {
        #expect(Money.parse(text) == .failure(.outOfRange), "\(text)")
    }
}

@Test func moneyArithmeticAnswersNilBeyondTheOneRangeEveryLayerReads() throws {
    #expect(Money.max.decimalString == "999999999999.99")
    #expect(Money.max.adding(Money(pence: 1)) == nil)
    #expect((-Money.max).subtracting(Money(pence: 1)) == nil)
    #expect(Money.max.subtracting(Money.max) == .zero)
    // Whatever arithmetic gives, encoding writes and decoding reads back.
    let sum = try #require(Money(pence: 99_999_999_999_998).adding(Money(pence: 1)))
    let data = try JSONEncoder().encode([sum])
    #expect(try JSONDecoder().decode([Money].self, from: data) == [Money.max])
}

@Test func fastMetadataFitsTheWorstCaseAndTheProcessorsFormMatchesTheGeneralOne() {
    // Every byte a control character (six bytes escaped) and the longest version.
    let controls = String(decoding: (0..<32).map { UInt8($0) } + (0..<32).map { UInt8($0) }, as: UTF8.self)
    for version in [Int.min, Int.max, 0] {
        let metadata = EventMetadata(correlationId: controls, causationId: controls, schemaVersion: version, actor: controls)
        var reference = "{\"$causationId\":" + BankCodec.quoted(controls) + ",\"$correlationId\":" + BankCodec.quoted(controls)
        reference += ",\"actor\":" + BankCodec.quoted(controls) + ",\"schemaVersion\":\(version)}"
        #expect(BankCodec.encodeFast(metadata) == Data(reference.utf8))
    }
    let input = UUID(uuidString: "9F1C2B3A-4D5E-4F60-8A7B-C8D9EAFB0C1D")!
    let general = EventMetadata(correlationId: controls, causationId: input.lowercasedString, actor: "Ledger/ledger-postings")
    #expect(BankCodec.encodeFast(correlationId: controls, causedBy: input, actor: "Ledger/ledger-postings") == BankCodec.encodeFast(general))
}

@Test func everyIdInAnEventIsWrittenInLowerCaseAsItsStreamNameIs() throws {
    let id = UUID(uuidString: "77AC27B6-BF44-4219-B952-ACBFF5348B57")!
    let received = InboundPaymentReceived(paymentId: id, scheme: .fps, amount: "1.00", from: party("Bo"), to: party("Ada"), reference: "r")
    let posted = LedgerEntryPosted(account: ada, amount: Money(pence: 100), balanceAfter: Money(pence: 100), kind: .inboundPayment, paymentId: id, description: "d")
    for data in [try BankCodec.encode(received), try BankCodec.encodeWithFoundation(received),
                 try BankCodec.encode(posted), try BankCodec.encodeWithFoundation(posted)] {
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""paymentId":"77ac27b6-bf44-4219-b952-acbff5348b57""#), "\(text)")
    }
    // Events stored upper-case by earlier versions still decode to the same id.
    let upper = Data(#"{"paymentId":"77AC27B6-BF44-4219-B952-ACBFF5348B57","scheme":"Fps","amount":"1.00","from":{"sortCode":"200000","accountNumber":"00000001","name":"Bo"},"to":{"sortCode":"200000","accountNumber":"00000001","name":"Ada"},"reference":"r"}"#.utf8)
    #expect(try JSONDecoder.bank.decode(InboundPaymentReceived.self, from: upper).paymentId == id)
}

@Test func aStringWritesAsFoundationWritesItWhereverInItsEightByteWordsAByteToEscapeOrRefuseFalls() throws {
    // The writer looks at eight bytes at a time: each byte put at each place of three words.
    for special in ["\"", "\\", "/", " ", "~", "0", "\u{01}", "\u{1F}", "\u{7F}", "é", "🙂"] {
        for place in 0..<24 {
            let text = String(repeating: "a", count: place) + special + String(repeating: "Z", count: 23 - place)
            var writer = JSONWriter()
            writer.string(text)
            let refused = special.unicodeScalars.contains { $0.value < 0x20 || $0.value > 0x7E }
            #expect(writer.unsupported == refused, "\(special.unicodeScalars.first!.value) at \(place)")
            if !refused {
                #expect(writer.bytes == Array(try BankCodec.encoder.encode(text)), "\(special) at \(place)")
            }
        }
    }
}
