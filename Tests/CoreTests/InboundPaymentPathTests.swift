import Foundation
import Store
import Testing
@testable import Core

private let pid = BankFixture.paymentId
private let ada = BankFixture.ada
private let alice = PaymentParty(sortCode: "200000", accountNumber: "00000001", name: "Alice Abbott")
private let adaParty = PaymentParty(sortCode: "401234", accountNumber: "11111299", name: "Ada Whitlock")

private func received(from: PaymentParty = alice, to: PaymentParty = adaParty, amount: String = "25.00", reference: String = "Invoice 7") -> BankEvent {
    .inboundPaymentReceived(InboundPaymentReceived(paymentId: pid, scheme: .fps, amount: amount, from: from, to: to, reference: reference))
}

private func validated(_ account: AccountID = ada, holder: String = "Ada Whitlock", pence: Int64 = 2_500) -> BankEvent {
    .inboundPaymentValidated(InboundPaymentValidated(paymentId: pid, amount: Money(pence: pence), account: account, accountHolder: holder))
}

@Test func aValidInboundPaymentSettlesWithOneLedgerCredit() async throws {
    let bank = try await BankFixture()
    try await bank.schemeSends()
    try await bank.run()
    #expect(try bank.inbound() == [
        received(),
        validated(),
        .inboundPaymentSanctionsChecked(InboundPaymentSanctionsChecked(paymentId: pid, released: false)),
        .inboundPaymentAccountStatusChecked(InboundPaymentAccountStatusChecked(paymentId: pid, account: ada)),
        .inboundPaymentBalanceUpdated(InboundPaymentBalanceUpdated(paymentId: pid, account: ada, amount: Money(pence: 2_500),
                                                                   balanceAfter: Money(pence: 12_500), ledgerVersion: 1)),
    ])
    #expect(try bank.events(.ledger(ada)).last == .ledgerEntryPosted(LedgerEntryPosted(
        account: ada, amount: Money(pence: 2_500), balanceAfter: Money(pence: 12_500), kind: .inboundPayment,
        paymentId: pid, description: "From Alice Abbott ref Invoice 7")))
}

@Test func processorEventsCarryCorrelationCausationAndDerivedIds() async throws {
    let bank = try await BankFixture()
    try await bank.schemeSends()
    try await bank.run()
    let stream = try bank.store.read(.stream(BankStream.payment(.inbound, pid).name))
    let sent = try bank.store.read(.stream(BankStream.scheme(.fps).name))[0]
    let metadata = try JSONDecoder().decode(EventMetadata.self, from: stream[0].metadata)
    #expect(metadata == EventMetadata(correlationId: pid.uuidString.lowercased(), causationId: sent.id.uuidString.lowercased(),
                                      actor: "Payments/inbound-payments"))
    #expect(stream[0].id == DerivedEventID.make(from: sent.id, step: "inbound.receive"))
    let second = try JSONDecoder().decode(EventMetadata.self, from: stream[1].metadata)
    #expect(second.causationId == stream[0].id.uuidString.lowercased())
}

@Test(arguments: [
    ("0.00", alice, adaParty, "Invoice 7", "amount 0.00 is not greater than zero"),
    ("-3.00", alice, adaParty, "Invoice 7", "amount -3.00 is not greater than zero"),
    ("12.345", alice, adaParty, "Invoice 7", "amount \"12.345\" is not a number with at most 2 decimals"),
    ("twelve", alice, adaParty, "Invoice 7", "amount \"twelve\" is not a number with at most 2 decimals"),
    ("25.00", PaymentParty(sortCode: "20000", accountNumber: "00000001", name: "Alice Abbott"), adaParty, "Invoice 7",
     "originator sort code \"20000\" is not 6 digits"),
    ("25.00", alice, PaymentParty(sortCode: "401234", accountNumber: "1111111", name: "Ada Whitlock"), "Invoice 7",
     "beneficiary account number \"1111111\" is not 8 digits"),
    ("25.00", PaymentParty(sortCode: "200000", accountNumber: "00000001", name: String(repeating: "A", count: 51)), adaParty, "Invoice 7",
     "originator name is longer than 50 characters"),
    ("25.00", PaymentParty(sortCode: "200000", accountNumber: "00000001", name: "Zoë Abbott"), adaParty, "Invoice 7",
     "originator name has characters outside the scheme character set"),
    ("25.00", alice, PaymentParty(sortCode: "401234", accountNumber: "11111299", name: ""), "Invoice 7", "beneficiary name is empty"),
    ("25.00", alice, adaParty, String(repeating: "R", count: 101), "reference is longer than 100 characters"),
    ("25.00", alice, adaParty, "Invoice #7", "reference has characters outside the scheme character set"),
])
func anInvalidInboundPaymentIsReturnedWithTheReason(amount: String, from: PaymentParty, to: PaymentParty, reference: String, reason: String) async throws {
    let bank = try await BankFixture()
    try await bank.schemeSends(amount: amount, from: from, to: to, reference: reference)
    try await bank.run()
    #expect(try bank.inbound() == [
        received(from: from, to: to, amount: amount, reference: reference),
        .inboundPaymentReturned(InboundPaymentReturned(paymentId: pid, reason: PaymentFailure(code: .invalidPayment, detail: reason))),
    ])
}

@Test func schemeTextAllowsItsPunctuation() {
    #expect(PaymentValidation.isSchemeText("O'Neil-Smith, J. (Ltd) 1/2 + ?:"))
    #expect(!PaymentValidation.isSchemeText("Smith & Sons"))
}

@Test func aPaymentToAnUnknownAccountIsReturned() async throws {
    let bank = try await BankFixture()
    let stranger = PaymentParty(sortCode: "401234", accountNumber: "99990119", name: "Nobody Here")
    try await bank.schemeSends(to: stranger)
    try await bank.run()
    #expect(try bank.inbound() == [
        received(to: stranger),
        .inboundPaymentReturned(InboundPaymentReturned(paymentId: pid, reason: PaymentFailure(
            code: .unknownAccount, detail: "no account 40-12-34 99990119 at this bank"))),
    ])
}

@Test func aPaymentToABlockedAccountFails() async throws {
    let bank = try await BankFixture()
    let bob = PaymentParty(sortCode: "401234", accountNumber: "22222507", name: "Bob Tumbleton")
    try await bank.schemeSends(to: bob)
    try await bank.run()
    #expect(try bank.inbound() == [
        received(to: bob),
        validated(BankFixture.bob, holder: "Bob Tumbleton"),
        .inboundPaymentSanctionsChecked(InboundPaymentSanctionsChecked(paymentId: pid, released: false)),
        .inboundPaymentFailed(InboundPaymentFailed(paymentId: pid, reason: PaymentFailure(
            code: .accountBlocked, detail: "account 40-12-34 22222507 is blocked"))),
    ])
    #expect(try bank.events(.ledger(BankFixture.bob)).count == 1)
}

@Test func aPaymentToAClosedAccountFails() async throws {
    let bank = try await BankFixture()
    let cora = PaymentParty(sortCode: "401234", accountNumber: "33333418", name: "Cora Pike")
    try await bank.schemeSends(to: cora)
    try await bank.run()
    #expect(try bank.inbound().last == .inboundPaymentFailed(InboundPaymentFailed(paymentId: pid, reason: PaymentFailure(
        code: .accountClosed, detail: "account 40-12-34 33333418 is closed"))))
    #expect(try bank.events(.ledger(BankFixture.cora)) == [])
}

private let borysHeld = BankEvent.inboundPaymentHeld(InboundPaymentHeld(paymentId: pid, matches: [
    ScreeningMatch(role: .originator, name: "Borys Wantablak", matched: "Borys Wantablak", entryId: "SN-0001",
                   entryName: "Boris Vantablack", score: 1.0),
], threshold: 0.85))

@Test func aSanctionedOriginatorHoldsThePaymentWithTheEvidence() async throws {
    let bank = try await BankFixture()
    let borys = PaymentParty(sortCode: "200000", accountNumber: "00000001", name: "Borys Wantablak")
    try await bank.schemeSends(from: borys)
    try await bank.run()
    #expect(try bank.inbound() == [received(from: borys), validated(), borysHeld])
}

@Test func aSanctionedAccountHolderHoldsThePayment() async throws {
    let bank = try await BankFixture()
    let dan = PaymentParty(sortCode: "401234", accountNumber: "44444469", name: "D Crowthorne")
    try await bank.schemeSends(to: dan)
    try await bank.run()
    guard case .inboundPaymentHeld(let held) = try bank.inbound().last else {
        Issue.record("not held: \(try bank.inbound())")
        return
    }
    #expect(held.matches.map(\.role).contains(.accountHolder))
    #expect(held.matches.first { $0.role == .accountHolder }?.matched == "Magda Crowthorne")
}

@Test func releasingAHeldPaymentSettlesIt() async throws {
    let bank = try await BankFixture()
    let borys = PaymentParty(sortCode: "200000", accountNumber: "00000001", name: "Borys Wantablak")
    try await bank.schemeSends(from: borys)
    try await bank.run()
    let decision = BankFixture.decision(by: "jo", reason: "Different person, checked passport")
    try await bank.append(.payment(.inbound, pid), InboundHeldPaymentReleased(paymentId: pid, decision: decision))
    try await bank.run()
    #expect(try bank.inbound() == [
        received(from: borys), validated(), borysHeld,
        .inboundHeldPaymentReleased(InboundHeldPaymentReleased(paymentId: pid, decision: decision)),
        .inboundPaymentSanctionsChecked(InboundPaymentSanctionsChecked(paymentId: pid, released: true)),
        .inboundPaymentAccountStatusChecked(InboundPaymentAccountStatusChecked(paymentId: pid, account: ada)),
        .inboundPaymentBalanceUpdated(InboundPaymentBalanceUpdated(paymentId: pid, account: ada, amount: Money(pence: 2_500),
                                                                   balanceAfter: Money(pence: 12_500), ledgerVersion: 1)),
    ])
}

@Test func rejectingAHeldPaymentFailsIt() async throws {
    let bank = try await BankFixture()
    let borys = PaymentParty(sortCode: "200000", accountNumber: "00000001", name: "Borys Wantablak")
    try await bank.schemeSends(from: borys)
    try await bank.run()
    let decision = BankFixture.decision(by: "jo", reason: "Confirmed match")
    try await bank.append(.payment(.inbound, pid), InboundHeldPaymentRejected(paymentId: pid, decision: decision))
    try await bank.run()
    #expect(try bank.inbound() == [
        received(from: borys), validated(), borysHeld,
        .inboundHeldPaymentRejected(InboundHeldPaymentRejected(paymentId: pid, decision: decision)),
        .inboundPaymentFailed(InboundPaymentFailed(paymentId: pid, reason: PaymentFailure(
            code: .sanctionsRejected, detail: "rejected by jo: Confirmed match"))),
    ])
    #expect(try bank.events(.ledger(ada)).count == 1)
}
