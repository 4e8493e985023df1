import Foundation

extension BankEvent {
    /// The payment stream this event is about, when a payment's processors (or the ledger's,
    /// for it) consume it: what it is pinned to (`EventData.pinnedTo`). A ledger posting or a
    /// scheme message lives on a stream of its own (`Ledger-…`, `Scheme-…`), and a pinned
    /// partitioned group would hand it to the process holding that stream's partition, which
    /// has to read the payment's stream again; pinned to the payment, every step of a payment
    /// runs where its view is current. Nil for events about no payment.
    var pinnedPaymentStream: BankStream? {
        if let id = InboundPaymentDecider.paymentId(of: self) { return .payment(.inbound, id) }
        if let id = OutboundPaymentDecider.paymentId(of: self) { return .payment(.outbound, id) }
        if let (direction, id) = LedgerDecider.payment(of: self) { return .payment(direction, id) }
        return nil
    }
}
