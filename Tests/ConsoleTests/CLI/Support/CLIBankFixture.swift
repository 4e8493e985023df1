import Core
import Foundation
import Store

/// A small bank written straight into a store, for the read-only bank commands.
enum CLIBankFixture {
    static let alice = AccountID(sortCode: "401234", accountNumber: "12345706")!
    static let bob = AccountID(sortCode: "401234", accountNumber: "87654529")!
    static let settledPayment = UUID(uuidString: "11111299-1111-4111-8111-111111111111")!
    static let heldPayment = UUID(uuidString: "22222507-2222-4222-8222-222222222222")!

    static func append<E: BankEventType>(_ event: E, to stream: BankStream, in store: any EventStore) async throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        _ = try await store.append(to: stream.name, expected: .any,
                                   events: [EventData(type: E.eventType, data: try encoder.encode(event))])
    }

    /// Alice (open, £100 then +£12.34), Bob (blocked), one settled and one held payment, one sanctioned name.
    static func write(to store: any EventStore) async throws {
        try await append(AccountOpened(account: alice, holder: "Alice Example"), to: .account(alice), in: store)
        try await append(LedgerEntryPosted(account: alice, amount: Money(pence: 10_000), balanceAfter: Money(pence: 10_000),
                                           kind: .openingBalance, paymentId: nil, description: "opening balance"),
                         to: .ledger(alice), in: store)
        try await append(AccountOpened(account: bob, holder: "Bob Example"), to: .account(bob), in: store)
        try await append(AccountBlocked(account: bob, reason: "fraud check", by: "ops"), to: .account(bob), in: store)
        try await append(SanctionedNameAdded(entry: SanctionedEntry(entryId: "SN-0001", name: "Ivan Badman", aliases: ["I. Badman"]), by: "seed"),
                         to: .sanctionedNames, in: store)
        let from = PaymentParty(sortCode: "200000", accountNumber: "11112222", name: "Carol Payer")
        let to = PaymentParty(sortCode: "401234", accountNumber: "12345706", name: "Alice Example")
        let settled = BankStream.payment(.inbound, settledPayment)
        try await append(InboundPaymentReceived(paymentId: settledPayment, scheme: .fps, amount: "12.34", from: from, to: to, reference: "rent"),
                         to: settled, in: store)
        try await append(InboundPaymentValidated(paymentId: settledPayment, amount: Money(pence: 1234), account: alice, accountHolder: "Alice Example"),
                         to: settled, in: store)
        try await append(InboundPaymentSanctionsChecked(paymentId: settledPayment, released: false), to: settled, in: store)
        try await append(InboundPaymentAccountStatusChecked(paymentId: settledPayment, account: alice), to: settled, in: store)
        try await append(LedgerEntryPosted(account: alice, amount: Money(pence: 1234), balanceAfter: Money(pence: 11_234),
                                           kind: .inboundPayment, paymentId: settledPayment, description: "rent"),
                         to: .ledger(alice), in: store)
        try await append(InboundPaymentBalanceUpdated(paymentId: settledPayment, account: alice, amount: Money(pence: 1234),
                                                      balanceAfter: Money(pence: 11_234), ledgerVersion: 1),
                         to: settled, in: store)
        let held = BankStream.payment(.inbound, heldPayment)
        let badman = PaymentParty(sortCode: "200000", accountNumber: "33334444", name: "Ivan Badman")
        try await append(InboundPaymentReceived(paymentId: heldPayment, scheme: .bacs, amount: "1500", from: badman, to: to, reference: "gift"),
                         to: held, in: store)
        try await append(InboundPaymentValidated(paymentId: heldPayment, amount: Money(pence: 150_000), account: alice, accountHolder: "Alice Example"),
                         to: held, in: store)
        try await append(InboundPaymentHeld(paymentId: heldPayment, matches: [
            ScreeningMatch(role: .originator, name: "Ivan Badman", matched: "Ivan Badman", entryId: "SN-0001", entryName: "Ivan Badman", score: 1.0),
        ], threshold: 0.9), to: held, in: store)
    }
}
