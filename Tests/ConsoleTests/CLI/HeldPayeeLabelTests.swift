import Core
import Foundation
import Store
import Testing
@testable import Console

/// Issue 16 item 11: our account on a payment is named by its holder, as the bank knows it,
/// with the name the payment carries beside it when that differs.
@Suite struct HeldPayeeLabelTests {
    let cli = CLIHarness()
    static let abbreviated = UUID(uuidString: "44444469-4444-4444-8444-444444444444")!

    /// The CLI fixture plus a second held payment to Alice that names her "A. Example".
    init() async throws {
        let store = cli.store()
        try await CLIBankFixture.write(to: store)
        let to = PaymentParty(sortCode: "401234", accountNumber: "12345706", name: "A. Example")
        let from = PaymentParty(sortCode: "200000", accountNumber: "33334444", name: "Ivan Badman")
        let stream = BankStream.payment(.inbound, Self.abbreviated)
        try await CLIBankFixture.append(InboundPaymentReceived(paymentId: Self.abbreviated, scheme: .fps, amount: "20.00", from: from, to: to, reference: "again"),
                                        to: stream, in: store)
        try await CLIBankFixture.append(InboundPaymentValidated(paymentId: Self.abbreviated, amount: Money(pence: 2_000), account: CLIBankFixture.alice,
                                                                accountHolder: "Alice Example"), to: stream, in: store)
        try await CLIBankFixture.append(InboundPaymentHeld(paymentId: Self.abbreviated, matches: [
            ScreeningMatch(role: .originator, name: "Ivan Badman", matched: "Ivan Badman", entryId: "SN-0001", entryName: "Ivan Badman", score: 1.0),
        ], threshold: 0.9), to: stream, in: store)
    }

    @Test func heldNamesTheAccountHolderAndThePaymentsNameWhenItDiffers() async {
        let lines = await cli.run("held").lines
        #expect(lines.count == 4)
        #expect(lines[0].contains("OUR ACCOUNT"))
        // The payment that names Alice as she is: the holder alone.
        #expect(lines[1].contains("22222507-2222-4222-8222-222222222222"))
        #expect(lines[1].contains("40-12-34 12345706 Alice Example  "))
        #expect(!lines[1].contains("payment names"))
        // The one that names her otherwise: the holder first, the payment's name labelled.
        #expect(lines[2].contains("44444469-4444-4444-8444-444444444444"))
        #expect(lines[2].contains(#"40-12-34 12345706 Alice Example (payment names "A. Example")  Ivan Badman ~ Ivan Badman (SN-0001) score 100"#))
        #expect(lines[3] == "2 held payments")
    }

    @Test func heldAndPaymentJSONCarryTheAccountHolder() async throws {
        let held = await cli.run("held --json")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(held.output.utf8)) as? [[String: Any]])
        #expect(array.map { $0["accountHolder"] as? String } == ["Alice Example", "Alice Example"])
        #expect(array.map { ($0["to"] as? [String: Any])?["name"] as? String } == ["Alice Example", "A. Example"])
        // After "to", as `payment --json` documents it.
        #expect(held.output.contains(#""to":{"sortCode":"401234","accountNumber":"12345706","name":"A. Example"},"accountHolder":"Alice Example","reference""#))
        let payment = await cli.run("payment 44444469-4444-4444-8444-444444444444 --json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(payment.output.utf8)) as? [String: Any])
        #expect(object["accountHolder"] as? String == "Alice Example")
    }

    @Test func paymentTextHasAnAccountHolderRowUnderTo() async {
        let lines = await cli.run("payment 44444469-4444-4444-8444-444444444444").lines
        let to = lines.firstIndex { $0.hasPrefix("to ") }
        #expect(to.map { lines[$0] } == "to              40-12-34 12345706 A. Example")
        #expect(to.map { lines[$0 + 1] } == "account holder  Alice Example")
    }

    @Test func anAccountTheBankDoesNotHaveKeepsThePaymentsNameAndAJSONNull() async throws {
        let stranger = PaymentParty(sortCode: "409999", accountNumber: "99999999", name: "Nobody Here")
        #expect(BankRendering.ourAccount(stranger, holder: nil) == "40-99-99 99999999 Nobody Here")
        #expect(BankRendering.ourAccount(stranger, holder: "Nobody Here") == "40-99-99 99999999 Nobody Here")
        let id = UUID(uuidString: "55555906-5555-4555-8555-555555555555")!
        let from = PaymentParty(sortCode: "200000", accountNumber: "11112222", name: "Carol Payer")
        try await CLIBankFixture.append(InboundPaymentReceived(paymentId: id, scheme: .fps, amount: "1.00", from: from, to: stranger, reference: "x"),
                                        to: .payment(.inbound, id), in: cli.store())
        #expect(await cli.run("payment \(id.uuidString.lowercased()) --json").output.contains(#""accountHolder":null"#))
        #expect(await cli.run("payment \(id.uuidString.lowercased())").lines.contains("account holder  (no such account at this bank)"))
    }
}
