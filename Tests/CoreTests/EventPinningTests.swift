import Foundation
import Store
import Testing
@testable import Core

/// The events a payment's processors consume from other streams (ledger postings, scheme
/// messages) are pinned to the payment's stream (`EventData.pinnedTo`), so a shared database
/// hands them to the process running that payment; others are pinned to nothing.
struct EventPinningTests {
    static let payment = UUID(uuidString: "00000000-0000-0000-0000-0000000000aa")!
    static let account = AccountID(sortCode: "401234", accountNumber: "11111299")!

    static func pinned<E: BankEventType>(_ event: E) throws -> String? {
        try PendingEvent(event, step: "s", correlationId: payment.lowercasedString).eventData(causedBy: payment, actor: "test").pinnedTo
    }

    @Test func ledgerPostingsArePinnedToTheirPayment() throws {
        let inbound = LedgerEntryPosted(account: Self.account, amount: Money(pence: 100), balanceAfter: Money(pence: 100), kind: .inboundPayment,
                                        paymentId: Self.payment, description: "in")
        #expect(try Self.pinned(inbound) == BankStream.payment(.inbound, Self.payment).name)
        let outbound = LedgerEntryPosted(account: Self.account, amount: Money(pence: -100), balanceAfter: Money(pence: 0), kind: .outboundPayment,
                                         paymentId: Self.payment, description: "out")
        #expect(try Self.pinned(outbound) == BankStream.payment(.outbound, Self.payment).name)
    }

    @Test func schemeMessagesArePinnedToTheirPayment() throws {
        #expect(try Self.pinned(OutboundPaymentAcceptedByScheme(paymentId: Self.payment, scheme: .fps)) == BankStream.payment(.outbound, Self.payment).name)
        #expect(try Self.pinned(OutboundPaymentRejectedByScheme(paymentId: Self.payment, scheme: .fps, reason: "no")) == BankStream.payment(.outbound, Self.payment).name)
        let sent = InboundPaymentSentByScheme(paymentId: Self.payment, scheme: .fps, amount: "1.00",
                                              from: PaymentParty(sortCode: "200000", accountNumber: "00000001", name: "Alice Abbott"),
                                              to: PaymentParty(sortCode: "401234", accountNumber: "11111299", name: "Ada Whitlock"), reference: "r")
        let metadata = EventMetadata(correlationId: Self.payment.lowercasedString, causationId: Self.payment.lowercasedString)
        #expect(try BankCodec.eventData(sent, id: Self.payment, metadata: metadata).pinnedTo == BankStream.payment(.inbound, Self.payment).name)
    }

    @Test func anEventAboutNoPaymentIsPinnedToNothing() throws {
        let opening = LedgerEntryPosted(account: Self.account, amount: Money(pence: 500), balanceAfter: Money(pence: 500), kind: .openingBalance,
                                        paymentId: nil, description: "opening")
        #expect(try Self.pinned(opening) == nil)
        #expect(try Self.pinned(AccountOpened(account: Self.account, holder: "Ada")) == nil)
    }
}
