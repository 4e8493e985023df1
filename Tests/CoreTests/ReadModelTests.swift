import Foundation
import Store
import Testing
@testable import Core

/// The hand-written history used by these tests; positions are noted beside each event.
func sampleBankLog() throws -> [RecordedEvent] {
    typealias L = HandWrittenLog
    var h = HandWrittenLog()
    let p1 = L.paymentId(1), p2 = L.paymentId(2), p3 = L.paymentId(3), p4 = L.paymentId(4), o1 = L.paymentId(5)
    let ada = PaymentParty(sortCode: "401234", accountNumber: "12345706", name: "Ada Lovelace")
    let payer = PaymentParty(sortCode: "200000", accountNumber: "11112222", name: "Grace Hopper")
    let viktor = PaymentParty(sortCode: "200000", accountNumber: "33334444", name: "Viktor Drozdov")
    let match = ScreeningMatch(role: .originator, name: "Viktor Drozdov", matched: "Viktor Drozdov", entryId: "SN-0001", entryName: "Viktor Drozdov", score: 1)
    try h.add(AccountOpened(account: L.ada, holder: "Ada Lovelace"), .account(L.ada))                                   // 0
    try h.add(LedgerEntryPosted(account: L.ada, amount: Money(pence: 10_000), balanceAfter: Money(pence: 10_000), kind: .openingBalance, paymentId: nil, description: "Opening balance"), .ledger(L.ada)) // 1
    try h.add(AccountOpened(account: L.bob, holder: "Bob Marley"), .account(L.bob))                                     // 2
    try h.add(AccountBlocked(account: L.bob, reason: "fraud report", by: "operator:kim"), .account(L.bob))              // 3
    try h.add(SanctionedNameAdded(entry: SanctionedEntry(entryId: "SN-0001", name: "Viktor Drozdov", aliases: ["V. Drozd"]), by: "seed"), .sanctionedNames) // 4
    try h.add(SanctionedNameAdded(entry: SanctionedEntry(entryId: "SN-0002", name: "Orion Shipping", aliases: []), by: "seed"), .sanctionedNames) // 5
    try h.add(InboundPaymentReceived(paymentId: p1, scheme: .fps, amount: "12.34", from: payer, to: ada, reference: "Rent"), .payment(.inbound, p1)) // 6
    try h.add(InboundPaymentValidated(paymentId: p1, amount: Money(pence: 1234), account: L.ada, accountHolder: "Ada Lovelace"), .payment(.inbound, p1)) // 7
    try h.add(InboundPaymentReceived(paymentId: p2, scheme: .bacs, amount: "500.00", from: viktor, to: ada, reference: "Gift"), .payment(.inbound, p2)) // 8
    try h.add(InboundPaymentSanctionsChecked(paymentId: p1, released: false), .payment(.inbound, p1))                  // 9
    try h.add(InboundPaymentValidated(paymentId: p2, amount: Money(pence: 50_000), account: L.ada, accountHolder: "Ada Lovelace"), .payment(.inbound, p2)) // 10
    try h.add(InboundPaymentHeld(paymentId: p2, matches: [match], threshold: 0.85), .payment(.inbound, p2))            // 11
    try h.add(InboundPaymentAccountStatusChecked(paymentId: p1, account: L.ada), .payment(.inbound, p1))               // 12
    try h.add(LedgerEntryPosted(account: L.ada, amount: Money(pence: 1234), balanceAfter: Money(pence: 11_234), kind: .inboundPayment, paymentId: p1, description: "From Grace Hopper"), .ledger(L.ada)) // 13
    try h.add(InboundPaymentBalanceUpdated(paymentId: p1, account: L.ada, amount: Money(pence: 1234), balanceAfter: Money(pence: 11_234), ledgerVersion: 1), .payment(.inbound, p1)) // 14
    try h.add(InboundPaymentReceived(paymentId: p3, scheme: .chaps, amount: "1.234", from: payer, to: ada, reference: "Oops"), .payment(.inbound, p3)) // 15
    try h.add(InboundPaymentReturned(paymentId: p3, reason: PaymentFailure(code: .invalidPayment, detail: "amount has more than 2 decimal places")), .payment(.inbound, p3)) // 16
    try h.add(InboundPaymentReceived(paymentId: p4, scheme: .fps, amount: "7.00", from: viktor, to: ada, reference: "Again"), .payment(.inbound, p4)) // 17
    try h.add(InboundPaymentValidated(paymentId: p4, amount: Money(pence: 700), account: L.ada, accountHolder: "Ada Lovelace"), .payment(.inbound, p4)) // 18
    try h.add(InboundPaymentHeld(paymentId: p4, matches: [match], threshold: 0.85), .payment(.inbound, p4))            // 19
    try h.add(OutboundPaymentRequested(paymentId: o1, scheme: .fps, from: L.ada, amount: "50.00", to: payer, reference: "Loan", requestedBy: "operator:kim"), .payment(.outbound, o1)) // 20
    try h.add(OutboundPaymentValidated(paymentId: o1, amount: Money(pence: 5000), accountHolder: "Ada Lovelace"), .payment(.outbound, o1)) // 21
    try h.add(OutboundPaymentSanctionsChecked(paymentId: o1, released: false), .payment(.outbound, o1))                // 22
    try h.add(OutboundPaymentAccountStatusChecked(paymentId: o1, available: Money(pence: 11_234)), .payment(.outbound, o1)) // 23
    try h.add(LedgerEntryPosted(account: L.ada, amount: Money(pence: -5000), balanceAfter: Money(pence: 6234), kind: .outboundPayment, paymentId: o1, description: "To Grace Hopper"), .ledger(L.ada)) // 24
    try h.add(OutboundPaymentSentToScheme(paymentId: o1, scheme: .fps, ledgerVersion: 2), .payment(.outbound, o1))     // 25
    try h.add(SanctionedNameRemoved(entryId: "SN-0002", name: "Orion Shipping", by: "operator:kim"), .sanctionedNames) // 26
    try h.add(InboundHeldPaymentReleased(paymentId: p4, decision: OperatorDecision(by: "operator:kim", at: HandWrittenLog.start.addingTimeInterval(27), reason: "different person")), .payment(.inbound, p4)) // 27
    return h.events
}

@Test func thePaymentFlowKnowsEveryPaymentsStateReasonAmountAndTimings() throws {
    let models = BankReadModels.folding(try sampleBankLog())
    let flow = models.payments
    let settled = try #require(flow.payment(HandWrittenLog.paymentId(1)))
    #expect(settled.state == .settled)
    #expect(settled.direction == .inbound)
    #expect(settled.amount?.description == "£12.34")
    #expect(settled.from.name == "Grace Hopper")
    #expect(settled.account == HandWrittenLog.ada)
    #expect(settled.positions == [6, 7, 9, 12, 14])
    #expect(settled.received == HandWrittenLog.start.addingTimeInterval(6))
    #expect(settled.lastChanged == HandWrittenLog.start.addingTimeInterval(14))
    #expect(settled.balanceAfter?.description == "£112.34")

    let returned = try #require(flow.payment(HandWrittenLog.paymentId(3)))
    #expect(returned.state == .returned)
    #expect(returned.reason == "amount has more than 2 decimal places")
    #expect(returned.failure == .invalidPayment)
    #expect(returned.amount == nil)
    #expect(returned.amountText == "1.234")

    let released = try #require(flow.payment(HandWrittenLog.paymentId(4)))
    #expect(released.state == .released)
    #expect(released.reason == "different person")
    #expect(released.decision?.by == "operator:kim")
    #expect(released.evidence.map(\.entryId) == ["SN-0001"])

    let sent = try #require(flow.payment(HandWrittenLog.paymentId(5)))
    #expect(sent.state == .sent)
    #expect(sent.direction == .outbound)
    #expect(sent.from.name == "Ada Lovelace")
    #expect(sent.requestedBy == "operator:kim")

    #expect(flow.count == 5)
    #expect(PaymentState.allCases.map { flow.count(of: $0) } == [0, 0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 0])
    #expect(flow.recent(limit: 2).map(\.id) == [HandWrittenLog.paymentId(5), HandWrittenLog.paymentId(4)])
}

@Test func theHeldQueueListsHeldPaymentsOldestFirstWithEvidence() throws {
    let events = try sampleBankLog()
    let beforeRelease = BankReadModels.folding(events.prefix(27))
    #expect(beforeRelease.payments.heldQueue.map(\.id) == [HandWrittenLog.paymentId(2), HandWrittenLog.paymentId(4)])
    #expect(beforeRelease.payments.heldQueue.first?.evidence.first?.matched == "Viktor Drozdov")
    #expect(beforeRelease.payments.heldQueue.first?.heldPosition == 11)
    let after = BankReadModels.folding(events)
    #expect(after.payments.heldQueue.map(\.id) == [HandWrittenLog.paymentId(2)])
}

@Test func accountsCarryHolderStatusAndBalanceAndLedgersARunningBalance() throws {
    let models = BankReadModels.folding(try sampleBankLog())
    let ada = try #require(models.accounts.account(HandWrittenLog.ada))
    #expect(ada.holder == "Ada Lovelace")
    #expect(ada.status == .open)
    #expect(ada.balance.description == "£62.34")
    #expect(ada.entries == 3)
    let bob = try #require(models.accounts.account(HandWrittenLog.bob))
    #expect(bob.status == .blocked)
    #expect(bob.statusReason == "fraud report")
    #expect(models.accounts.all.map(\.id) == [HandWrittenLog.ada, HandWrittenLog.bob])
    #expect(models.accounts.ledger(HandWrittenLog.ada).map(\.balance.description) == ["£100.00", "£112.34", "£62.34"])
    #expect(models.accounts.ledger(HandWrittenLog.ada).map(\.amount.description) == ["£100.00", "£12.34", "-£50.00"])
    #expect(models.accounts.recentLedger(HandWrittenLog.ada, limit: 1).map(\.position) == [24])
    #expect(models.accounts.ledger(HandWrittenLog.bob) == [])
}

@Test func accountsByStatusAndTheSanctionsListFollowTheLog() throws {
    let models = BankReadModels.folding(try sampleBankLog())
    #expect(models.accountsByStatus.accounts(.open) == [HandWrittenLog.ada])
    #expect(models.accountsByStatus.accounts(.blocked) == [HandWrittenLog.bob])
    #expect(models.accountsByStatus.count(.closed) == 0)
    #expect(models.sanctions.entries.map(\.name) == ["Viktor Drozdov"])
    #expect(models.sanctions.version == 2)
    #expect(models.position == 27)
    #expect(models.eventCount == 28)
}

@Test func redeliveredEventsChangeNothing() throws {
    let events = try sampleBankLog()
    var models = BankReadModels.folding(events)
    let before = models
    for event in events { models.apply(event) }
    #expect(models == before)
}

@Test func eventsThatAreNotTheBanksOnlyAdvanceThePosition() throws {
    var models = BankReadModels.folding(try sampleBankLog())
    let before = models.payments
    models.apply(RecordedEvent(stream: "$$Ledger-401234-12345706", version: 0, position: 28, id: UUID(uuid: (1, 2, 3, 4, 5, 6, 0x40, 8, 0x80, 10, 11, 12, 13, 14, 15, 16)),
                               type: "$metadata", created: HandWrittenLog.start, data: Data("{}".utf8), metadata: Data()))
    models.apply(RecordedEvent(stream: "Orders-1", version: 0, position: 29, id: UUID(uuid: (1, 2, 3, 4, 5, 6, 0x40, 8, 0x80, 10, 11, 12, 13, 14, 15, 17)),
                               type: "InboundPaymentReceived", created: HandWrittenLog.start, data: Data("not json".utf8), metadata: Data()))
    #expect(models.position == 29)
    #expect(models.fault == nil)
    #expect(models.payments == before)
}
