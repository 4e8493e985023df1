import Foundation
import Store
import Testing
@testable import Core

/// The statements' byte reader of ledger entries gives what the general decoder gives, and
/// declines anything outside the exact shape the bank writes.
@Suite struct LedgerEntryBytesTests {
    @Test func whatTheBankWritesReadsBackTheSameForRandomEntries() throws {
        var random = SplitMix64(seed: 11)
        var read = 0
        let kinds: [LedgerEntryKind] = [.openingBalance, .inboundPayment, .outboundPayment, .reversal]
        for n in 0..<2_000 {
            let account = AccountID(sortCode: "40123\(random.next() % 10)", accountNumber: String(format: "%08d", random.next() % 100_000_000))!
            let amount = Money(pence: Int64(random.next() % 2_000_000_000) - 1_000_000_000)
            let balance = Money(pence: Int64(random.next() % 99_999_999_999_999))
            let description = ["Opening balance", "From Ada Whitlock ref rent, May", "To \"Quoted\" Ltd", "Café Noël", "tab\there", ""][n % 6]
            let paymentId: UUID? = n % 3 == 0 ? nil : UUID()
            let posted = LedgerEntryPosted(account: account, amount: amount, balanceAfter: balance, kind: kinds[n % kinds.count],
                                           paymentId: paymentId, description: description)
            let data = try BankCodec.encode(posted)
            let general = try BankEvent.decode(type: LedgerEntryPosted.eventType, data: data)
            #expect(general == .ledgerEntryPosted(posted))
            if let fast = LedgerEntryBytes.decode(data) {
                #expect(fast == posted)
                read += 1
            } else {
                // Only text with escapes or beyond ASCII goes the general way.
                #expect(description.contains("\"") || description.contains("\t") || !description.allSatisfy(\.isASCII))
            }
        }
        #expect(read >= 1_000) // every entry with plain ASCII text: four in six
    }

    @Test(arguments: [
        #"{"account":{"accountNumber":"10000329","sortCode":"401234"},"amount":"1.00","balanceAfter":"1.00","description":"x","kind":"inboundPayment"} "#,
        #"{"account":{"sortCode":"401234","accountNumber":"10000329"},"amount":"1.00","balanceAfter":"1.00","description":"x","kind":"inboundPayment"}"#,
        #"{"account":{"accountNumber":"10000329","sortCode":"401234"},"amount":"1.001","balanceAfter":"1.00","description":"x","kind":"inboundPayment"}"#,
        #"{"account":{"accountNumber":"10000329","sortCode":"401234"},"amount":"1.00","balanceAfter":"1.00","description":"x","kind":"gift"}"#,
        #"{"account":{"accountNumber":"10000329","sortCode":"401234"},"amount":"1.00","balanceAfter":"1.00","description":"x","kind":"inboundPayment","paymentId":"nope"}"#,
        #"{"account":{"accountNumber":"1000032","sortCode":"401234"},"amount":"1.00","balanceAfter":"1.00","description":"x","kind":"inboundPayment"}"#,
        #"{"account":{"accountNumber":"10000329","sortCode":"401234"},"amount":"1.00","balanceAfter":"1.00","description":"x\"y","kind":"inboundPayment"}"#,
        #"{"account":{"accountNumber":"10000329","sortCode":"401234"},"amount":"1.00","balanceAfter":"1.00","description":"x","kind":"inboundPayment","extra":1}"#,
    ])
    func anythingElseIsLeftToTheGeneralDecoder(text: String) {
        #expect(LedgerEntryBytes.decode(Data(text.utf8)) == nil)
    }
}
