import Core
import Foundation
import Store

/// Checks made on the store before the bank opens, so a refused operation writes nothing.
///
/// They read one stream each (cheap) and repeat the facade's own refusals with its words; the
/// facade checks again under its own rules when the operation runs.
enum BankChecks {
    /// The account must be one of this bank's.
    static func accountExists(_ id: AccountID) -> (any EventStore) throws -> Void {
        { store in
            guard store.lastVersion(of: BankStream.account(id).name) != nil else {
                throw CommandFailure.refused(BankError.unknownAccount(id).description)
            }
        }
    }

    /// The payment must exist and be waiting in the held queue.
    static func paymentHeld(_ id: UUID) -> (any EventStore) throws -> Void {
        { store in
            let text = id.uuidString.lowercased()
            let stream = [BankStream.payment(.inbound, id), BankStream.payment(.outbound, id)]
                .map(\.name).first { store.lastVersion(of: $0) != nil }
            guard let stream else { throw CommandFailure.refused(BankError.unknownPayment(text).description) }
            let models = try BankView.trusted(EntityReads.folding([try store.read(stream)]))
            guard let payment = models.payments.payment(id) else {
                throw CommandFailure.refused(BankError.unknownPayment(text).description)
            }
            guard payment.state == .held else {
                throw CommandFailure.refused(BankError.paymentNotHeld(paymentId: text, state: payment.state.rawValue).description)
            }
        }
    }
}
