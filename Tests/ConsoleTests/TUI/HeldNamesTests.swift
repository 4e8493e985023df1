import Foundation
import Store
import Testing
@testable import Core
@testable import ConsoleUI

/// The held queue's `from → to` column names the beneficiary in both directions.
@Suite struct HeldNamesTests {
    static let id = UUID(uuidString: "a6fcf36d-4b16-4772-a457-74f225d97276")!
    static let ours = AccountID(sortCode: "401234", accountNumber: "10000337")!
    static let payee = PaymentParty(sortCode: "894732", accountNumber: "94678793", name: "Phoenix Solicitors PLC")

    /// The payment folded from `events` as the console's read model folds it.
    static func summary(_ events: [BankEvent]) throws -> PaymentSummary {
        var overview = PaymentOverview()
        for (position, event) in events.enumerated() {
            let recorded = RecordedEvent(stream: "Payments-\(id)", version: Int64(position), position: UInt64(position),
                                         id: UUID(), type: event.eventType, created: Date(timeIntervalSince1970: 0), data: Data(), metadata: Data())
            try overview.apply(event, recorded, lookup: nil)
        }
        return try #require(overview.payment(id))
    }

    @Test func anOutboundHoldNamesThePayeeNotOurAccountHolder() throws {
        let payment = try Self.summary([
            .outboundPaymentRequested(OutboundPaymentRequested(paymentId: Self.id, scheme: .chaps, from: Self.ours, amount: "152.72",
                                                               to: Self.payee, reference: "GYM", requestedBy: "jo")),
            .outboundPaymentValidated(OutboundPaymentValidated(paymentId: Self.id, amount: Money(pence: 15_272), accountHolder: "Bartholomew Quill")),
        ])
        #expect(HeldView.names(payment, room: 100, .unicode) == "Bartholomew Quill ─▶ 89-47-32 94678793 Phoenix Solicitors PLC")
        #expect(HeldView.names(payment, room: 43, .unicode) == "Bartholomew Quill ─▶ Phoenix Solicitors PLC")
    }

    @Test func anInboundHoldNamesOurAccountHolderAndThePayeeAsNamed() throws {
        let payment = try Self.summary([
            .inboundPaymentReceived(InboundPaymentReceived(paymentId: Self.id, scheme: .fps, amount: "10.00",
                                                           from: PaymentParty(sortCode: "601234", accountNumber: "12345679", name: "Jon Dough"),
                                                           to: PaymentParty(sortCode: "401234", accountNumber: "10000337", name: "B Quill"),
                                                           reference: "INV")),
            .inboundPaymentValidated(InboundPaymentValidated(paymentId: Self.id, amount: Money(pence: 1_000), account: Self.ours,
                                                             accountHolder: "Bartholomew Quill")),
        ])
        #expect(HeldView.names(payment, room: 100, .unicode) == "Jon Dough ─▶ 40-12-34 10000337 Bartholomew Quill \"B Quill\"")
    }
}
