import Foundation
import Store
import Testing
@testable import Core

@Test func aLedgerEntrysKindIsTheSameReadFromItsAttachedEventOrFromItsJSON() throws {
    let account = try #require(AccountID(sortCode: "401234", accountNumber: "10000329"))
    let entry = LedgerEntryPosted(account: account, amount: Money(pence: 1_250), balanceAfter: Money(pence: 9_250), kind: .inboundPayment,
                                  paymentId: UUID(), description: "From Ada Lovelace ref rent")
    let data = try BankCodec.encode(entry)
    func recorded(attachment: (any AnyObject & Sendable)?) -> RecordedEvent {
        RecordedEvent(stream: BankStream.ledger(account).name, version: 0, position: 0, id: UUID(), type: LedgerEntryPosted.eventType,
                      created: Date(timeIntervalSinceReferenceDate: 0), data: data, metadata: Data(), attachment: attachment)
    }
    for input in [recorded(attachment: AttachedBankEvent(entry.wrapped)), recorded(attachment: nil)] {
        #expect(ledgerEntry(input, hasKindIn: [.inboundPayment]))
        #expect(ledgerEntry(input, hasKindIn: [.reversal, .inboundPayment]))
        #expect(!ledgerEntry(input, hasKindIn: [.outboundPayment, .reversal]))
        #expect(!ledgerEntry(input, hasKindIn: []))
    }
}
