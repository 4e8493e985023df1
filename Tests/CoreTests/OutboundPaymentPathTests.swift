import Foundation
import Store
import Testing
@testable import Core

private let pid = BankFixture.paymentId
private let ada = BankFixture.ada
private let walsh = PaymentParty(sortCode: "601234", accountNumber: "12345679", name: "Walsh Carter")

private func requested(from: AccountID = ada, to: PaymentParty = walsh, amount: String = "30.00") -> BankEvent {
    .outboundPaymentRequested(OutboundPaymentRequested(paymentId: pid, scheme: .bacs, from: from, amount: amount, to: to,
                                                       reference: "Rent", requestedBy: "jo"))
}

private func validated(holder: String = "Ada Whitlock", pence: Int64 = 3_000) -> BankEvent {
    .outboundPaymentValidated(OutboundPaymentValidated(paymentId: pid, amount: Money(pence: pence), accountHolder: holder))
}

private let screened = BankEvent.outboundPaymentSanctionsChecked(OutboundPaymentSanctionsChecked(paymentId: pid, released: false))
private let checked = BankEvent.outboundPaymentAccountStatusChecked(OutboundPaymentAccountStatusChecked(paymentId: pid, available: Money(pence: 10_000)))
private let sent = BankEvent.outboundPaymentSentToScheme(OutboundPaymentSentToScheme(paymentId: pid, scheme: .bacs, ledgerVersion: 1))
private let debit = BankEvent.ledgerEntryPosted(LedgerEntryPosted(account: ada, amount: Money(pence: -3_000), balanceAfter: Money(pence: 7_000),
                                                                  kind: .outboundPayment, paymentId: pid, description: "To Walsh Carter ref Rent"))

@Test func anOutboundPaymentTheSchemeAcceptsIsDebitedOnce() async throws {
    let bank = try await BankFixture(rejectPercent: 0)
    try await bank.operatorSends()
    try await bank.run()
    #expect(try bank.outbound() == [requested(), validated(), screened, checked, sent,
                                    .outboundPaymentAccepted(OutboundPaymentAccepted(paymentId: pid))])
    #expect(try bank.events(.ledger(ada)).dropFirst() == [debit])
    #expect(try bank.events(.scheme(.bacs)) == [.outboundPaymentAcceptedByScheme(OutboundPaymentAcceptedByScheme(paymentId: pid, scheme: .bacs))])
}

@Test func anOutboundPaymentTheSchemeRejectsIsReversedWithACredit() async throws {
    let bank = try await BankFixture(rejectPercent: 100)
    try await bank.operatorSends()
    try await bank.run()
    guard case .outboundPaymentRejectedByScheme(let rejection) = try bank.events(.scheme(.bacs)).first else {
        Issue.record("the scheme did not reject")
        return
    }
    #expect(SchemeAnswerDecider.rejectionReasons.contains(rejection.reason))
    #expect(try bank.outbound() == [requested(), validated(), screened, checked, sent,
                                    .outboundPaymentReversed(OutboundPaymentReversed(paymentId: pid, reason: rejection.reason, ledgerVersion: 2))])
    #expect(try bank.events(.ledger(ada)).dropFirst() == [debit, .ledgerEntryPosted(LedgerEntryPosted(
        account: ada, amount: Money(pence: 3_000), balanceAfter: Money(pence: 10_000), kind: .reversal, paymentId: pid,
        description: "Reversal: " + rejection.reason))])
}

@Test func sendingMoreThanTheBalanceFailsWithoutADebit() async throws {
    let bank = try await BankFixture()
    try await bank.operatorSends(amount: "100.01")
    try await bank.run()
    #expect(try bank.outbound() == [requested(amount: "100.01"), validated(pence: 10_001), screened,
                                    .outboundPaymentFailed(OutboundPaymentFailed(paymentId: pid, reason: PaymentFailure(
                                        code: .insufficientFunds, detail: "balance £100.00 is less than £100.01")))])
    #expect(try bank.events(.ledger(ada)).count == 1)
}

@Test func sendingTheWholeBalanceIsAllowed() async throws {
    let bank = try await BankFixture()
    try await bank.operatorSends(amount: "100.00")
    try await bank.run()
    #expect(try bank.outbound().last == .outboundPaymentAccepted(OutboundPaymentAccepted(paymentId: pid)))
}

@Test func sendingFromABlockedAccountFails() async throws {
    let bank = try await BankFixture()
    try await bank.operatorSends(from: BankFixture.bob)
    try await bank.run()
    #expect(try bank.outbound() == [requested(from: BankFixture.bob), validated(holder: "Bob Tumbleton"), screened,
                                    .outboundPaymentFailed(OutboundPaymentFailed(paymentId: pid, reason: PaymentFailure(
                                        code: .accountBlocked, detail: "account 40-12-34 22222507 is blocked")))])
}

@Test func sendingFromAClosedAccountFails() async throws {
    let bank = try await BankFixture()
    try await bank.operatorSends(from: BankFixture.cora)
    try await bank.run()
    #expect(try bank.outbound().last == .outboundPaymentFailed(OutboundPaymentFailed(paymentId: pid, reason: PaymentFailure(
        code: .accountClosed, detail: "account 40-12-34 33333418 is closed"))))
}

@Test func anInvalidOutboundPaymentFails() async throws {
    let bank = try await BankFixture()
    let bad = PaymentParty(sortCode: "601234", accountNumber: "12345679", name: "Walsh & Carter")
    try await bank.operatorSends(to: bad)
    try await bank.run()
    #expect(try bank.outbound() == [requested(to: bad), .outboundPaymentFailed(OutboundPaymentFailed(paymentId: pid, reason: PaymentFailure(
        code: .invalidPayment, detail: "beneficiary name has characters outside the scheme character set")))])
}

@Test func sendingFromAnAccountTheBankDoesNotHaveFails() async throws {
    let bank = try await BankFixture()
    let nowhere = AccountID(sortCode: "401234", accountNumber: "55555906")!
    try await bank.operatorSends(from: nowhere)
    try await bank.run()
    #expect(try bank.outbound() == [requested(from: nowhere), .outboundPaymentFailed(OutboundPaymentFailed(paymentId: pid, reason: PaymentFailure(
        code: .unknownAccount, detail: "no account 40-12-34 55555906 at this bank")))])
}

private let vantablack = PaymentParty(sortCode: "601234", accountNumber: "12345679", name: "Boris Vantablack")
private let held = BankEvent.outboundPaymentHeld(OutboundPaymentHeld(paymentId: pid, matches: [
    ScreeningMatch(role: .beneficiary, name: "Boris Vantablack", matched: "Boris Vantablack", entryId: "SN-0001",
                   entryName: "Boris Vantablack", score: 1.0),
], threshold: 0.85))

@Test func aSanctionedBeneficiaryHoldsAnOutboundPayment() async throws {
    let bank = try await BankFixture()
    try await bank.operatorSends(to: vantablack)
    try await bank.run()
    #expect(try bank.outbound() == [requested(to: vantablack), validated(), held])
    #expect(try bank.events(.ledger(ada)).count == 1)
}

@Test func releasingAHeldOutboundPaymentSendsIt() async throws {
    let bank = try await BankFixture()
    try await bank.operatorSends(to: vantablack)
    try await bank.run()
    let decision = BankFixture.decision(by: "jo", reason: "Namesake")
    try await bank.append(.payment(.outbound, pid), OutboundHeldPaymentReleased(paymentId: pid, decision: decision))
    try await bank.run()
    #expect(try bank.outbound() == [requested(to: vantablack), validated(), held,
                                    .outboundHeldPaymentReleased(OutboundHeldPaymentReleased(paymentId: pid, decision: decision)),
                                    .outboundPaymentSanctionsChecked(OutboundPaymentSanctionsChecked(paymentId: pid, released: true)),
                                    checked,
                                    .outboundPaymentSentToScheme(OutboundPaymentSentToScheme(paymentId: pid, scheme: .bacs, ledgerVersion: 1)),
                                    .outboundPaymentAccepted(OutboundPaymentAccepted(paymentId: pid))])
}

@Test func rejectingAHeldOutboundPaymentFailsIt() async throws {
    let bank = try await BankFixture()
    try await bank.operatorSends(to: vantablack)
    try await bank.run()
    let decision = BankFixture.decision(by: "jo", reason: "Listed person")
    try await bank.append(.payment(.outbound, pid), OutboundHeldPaymentRejected(paymentId: pid, decision: decision))
    try await bank.run()
    #expect(try bank.outbound().suffix(2) == [
        .outboundHeldPaymentRejected(OutboundHeldPaymentRejected(paymentId: pid, decision: decision)),
        .outboundPaymentFailed(OutboundPaymentFailed(paymentId: pid, reason: PaymentFailure(code: .sanctionsRejected, detail: "rejected by jo: Listed person"))),
    ])
    #expect(try bank.events(.ledger(ada)).count == 1)
}
