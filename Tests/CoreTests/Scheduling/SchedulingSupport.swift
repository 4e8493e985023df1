import Foundation
import Store
import Testing
@testable import Core

/// The account the scheduling tests pay from (open, in the bundled seeds).
let payer = AccountID(sortCode: "401234", accountNumber: "10000329")!

/// A payment of `amount` from `payer` to a valid beneficiary elsewhere.
func standingPayment(_ amount: String = "5.00", reference: String = "Rent") -> OutboundPaymentRequest {
    OutboundPaymentRequest(fromSortCode: "401234", fromAccountNumber: "10000329", toSortCode: "200000", toAccountNumber: "12345803",
                           amount: amount, toName: "Walsh Carter", reference: reference)
}

/// The day `text` (`YYYY-MM-DD`).
func bankDay(_ text: String) -> BankDate {
    guard let date = BankDate(text) else {
        Issue.record("not a day: \(text)")
        return BankDate.containing(Date(timeIntervalSince1970: 0))
    }
    return date
}

/// The `OutboundPaymentRequested` events in the log, in log order.
func requestedPayments(in store: any EventStore) throws -> [OutboundPaymentRequested] {
    try store.read(.eventType(OutboundPaymentRequested.eventType)).compactMap { event in
        guard case .outboundPaymentRequested(let requested) = try BankEvent.decode(event) else { return nil }
        return requested
    }
}

/// The claims recorded on a schedule's stream, in order.
func claims(of id: UUID, in store: any EventStore) throws -> [ScheduledPaymentDue] {
    try store.read(.stream(BankStream.schedule(id).name)).compactMap { event in
        guard case .scheduledPaymentDue(let due) = try BankEvent.decode(event) else { return nil }
        return due
    }
}
