import Foundation
import Testing
@testable import Core

/// Events that share a block of fields (`OutboundPaymentOrder`) store it flat, beside their
/// own fields, exactly as they were stored before they shared it: stored events still decode.
@Suite struct SharedEventFieldsTests {
    let order = OutboundPaymentOrder(scheme: .fps, from: AccountID(sortCode: "401234", accountNumber: "10000329")!, amount: "12.00",
                                     to: PaymentParty(sortCode: "200000", accountNumber: "12345803", name: "Walsh Carter"),
                                     reference: "Rent", requestedBy: "operator:jo")
    let id = UUID(uuidString: "4E57AD15-0000-4000-8000-000000000001")!

    @Test func anOutboundRequestIsStoredWithItsOrdersFieldsBesideItsPaymentId() throws {
        let json = #"{"amount":"12.00","from":{"accountNumber":"10000329","sortCode":"401234"},"paymentId":"4e57ad15-0000-4000-8000-000000000001","reference":"Rent","requestedBy":"operator:jo","scheme":"Fps","to":{"accountNumber":"12345803","name":"Walsh Carter","sortCode":"200000"}}"#
        let event = OutboundPaymentRequested(paymentId: id, order: order)
        #expect(String(decoding: try BankCodec.encode(event), as: UTF8.self) == json)
        #expect(try BankCodec.decoder.decode(OutboundPaymentRequested.self, from: Data(json.utf8)) == event)
    }

    @Test func aScheduleIsStoredWithItsOrdersFieldsBesideItsTimingLeavingOutARepeatOrEndItHasNot() throws {
        let json = #"{"amount":"12.00","every":"month","firstDue":"2031-01-31","from":{"accountNumber":"10000329","sortCode":"401234"},"reference":"Rent","requestedBy":"operator:jo","scheduleId":"4e57ad15-0000-4000-8000-000000000001","scheduledAt":"2031-01-01T09:00:00Z","scheme":"Fps","to":{"accountNumber":"12345803","name":"Walsh Carter","sortCode":"200000"}}"#
        let event = PaymentScheduled(scheduleId: id, order: order, firstDue: BankDate("2031-01-31")!, every: .month, until: nil,
                                     scheduledAt: Date(timeIntervalSince1970: 1_925_024_400))
        #expect(String(decoding: try BankCodec.encode(event), as: UTF8.self) == json)
        #expect(try BankCodec.decoder.decode(PaymentScheduled.self, from: Data(json.utf8)) == event)
        let once = #"{"amount":"12.00","firstDue":"2031-01-31","from":{"accountNumber":"10000329","sortCode":"401234"},"reference":"Rent","requestedBy":"operator:jo","scheduleId":"4e57ad15-0000-4000-8000-000000000001","scheduledAt":"2031-01-01T09:00:00Z","scheme":"Fps","to":{"accountNumber":"12345803","name":"Walsh Carter","sortCode":"200000"},"until":"2031-03-31"}"#
        var bounded = event
        bounded.every = nil
        bounded.until = BankDate("2031-03-31")!
        #expect(String(decoding: try BankCodec.encode(bounded), as: UTF8.self) == once)
        #expect(try BankCodec.decoder.decode(PaymentScheduled.self, from: Data(once.utf8)) == bounded)
    }
}
