import Foundation
import Store
import Testing
@testable import Core

private let first = UUID(uuidString: "00000000-0000-4000-8000-0000000000a1")!
private let second = UUID(uuidString: "00000000-0000-4000-8000-0000000000a2")!

/// Both payments are requested before any processor runs, so the pump interleaves them step by
/// step: both pass the payment's own funds check (each sees £100.00) before either is debited.
@Test func twoOutboundPaymentsRacingForTheSameFundsSettleOneAndFailTheOther() async throws {
    let bank = try await BankFixture(rejectPercent: 0)
    try await bank.operatorSends(amount: "60.00", id: first)
    try await bank.operatorSends(amount: "60.00", id: second)
    let pump = try await bank.run()
    #expect(pump.failures.isEmpty)

    let checkedBoth = try [first, second].map { id in
        try bank.outbound(id).contains { if case .outboundPaymentAccountStatusChecked = $0 { true } else { false } }
    }
    #expect(checkedBoth == [true, true])
    #expect(try bank.outbound(first).last == .outboundPaymentAccepted(OutboundPaymentAccepted(paymentId: first)))
    #expect(try bank.outbound(second).last == .outboundPaymentFailed(OutboundPaymentFailed(paymentId: second, reason: PaymentFailure(
        code: .insufficientFunds, detail: "balance £40.00 is less than £60.00"))))

    let ledger = try bank.events(.ledger(BankFixture.ada)).dropFirst()
    #expect(Array(ledger) == [
        .ledgerEntryPosted(LedgerEntryPosted(account: BankFixture.ada, amount: Money(pence: -6_000), balanceAfter: Money(pence: 4_000),
                                             kind: .outboundPayment, paymentId: first, description: "To Walsh Carter ref Rent")),
        .ledgerDebitRefused(LedgerDebitRefused(account: BankFixture.ada, amount: Money(pence: 6_000), balance: Money(pence: 4_000), paymentId: second)),
    ])
    var balance = Money.zero
    for case .ledgerEntryPosted(let entry) in try bank.events(.ledger(BankFixture.ada)) {
        balance = try #require(balance.adding(entry.amount))
        #expect(balance >= .zero)
    }
    #expect(balance == Money(pence: 4_000))
}

@Test func aRefusedDebitIsNeverPostedLaterEvenWhenFundsArriveAndTheInputIsRedelivered() async throws {
    let bank = try await BankFixture(rejectPercent: 0)
    try await bank.operatorSends(amount: "60.00", id: first)
    try await bank.operatorSends(amount: "60.00", id: second)
    try await bank.run()
    try await bank.schemeSends(amount: "500.00", id: UUID(uuidString: "00000000-0000-4000-8000-0000000000b1")!)
    try await bank.run()
    let before = try bank.store.read(.all).count
    try await bank.redeliverEverything()
    #expect(try bank.store.read(.all).count == before)
    let debits = try bank.events(.ledger(BankFixture.ada)).filter {
        if case .ledgerEntryPosted(let entry) = $0 { entry.kind == .outboundPayment } else { false }
    }
    #expect(debits.count == 1)
}

@Test func theLedgerRefusesADebitTheBalanceAtItsAppendVersionCannotCover() throws {
    var ledger = LedgerState()
    try ledger.apply(.ledgerEntryPosted(LedgerEntryPosted(account: BankFixture.ada, amount: Money(pence: 10_000), balanceAfter: Money(pence: 10_000),
                                                      kind: .openingBalance, paymentId: nil, description: "Opening balance")))
    try ledger.apply(.ledgerEntryPosted(LedgerEntryPosted(account: BankFixture.ada, amount: Money(pence: -6_000), balanceAfter: Money(pence: 4_000),
                                                      kind: .outboundPayment, paymentId: first, description: "To Walsh Carter ref Rent")))
    let payment = OutboundPaymentState(
        step: .accountStatusChecked,
        requested: OutboundPaymentRequested(paymentId: second, scheme: .bacs, from: BankFixture.ada, amount: "60.00",
                                            to: PaymentParty(sortCode: "601234", accountNumber: "12345679", name: "Walsh Carter"),
                                            reference: "Rent", requestedBy: "jo"),
        validated: OutboundPaymentValidated(paymentId: second, amount: Money(pence: 6_000), accountHolder: "Ada Whitlock"))
    let input = BankEvent.outboundPaymentAccountStatusChecked(OutboundPaymentAccountStatusChecked(paymentId: second, available: Money(pence: 10_000)))
    let decision = LedgerDecider.decide(input, inbound: .none, outbound: payment, ledger: { _ in (ledger, 1) })
    #expect(decision?.expected == .exact(1))
    #expect(decision?.events.map(\.event) == [.ledgerDebitRefused(LedgerDebitRefused(
        account: BankFixture.ada, amount: Money(pence: 6_000), balance: Money(pence: 4_000), paymentId: second))])
}
