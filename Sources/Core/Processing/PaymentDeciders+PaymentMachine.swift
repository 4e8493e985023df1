import Foundation
import Store

// What differs between the two payment processors: each direction's name, postings, and the
// lookups its pure decider is given.

extension InboundPaymentDecider: PaymentMachine {
    public static let direction = PaymentDirection.inbound
    public static let processorName = "inbound-payments"
    public static let postingKinds: [LedgerEntryKind] = [.inboundPayment]

    public static func decide(_ input: RecordedEvent, _ event: BankEvent, paymentId: UUID, views: BankViews) throws(ViewError) -> Decision? {
        let folded = try paymentForAppend(.payment(.inbound, paymentId), in: views.inbound, input: input)
        return try decide(event, inputVersion: input.version, payment: folded.state, paymentVersion: folded.version,
                          account: { id throws(ViewError) in try views.account(id) },
                          screening: { () throws(ViewError) in try views.screening() })
    }
}

extension OutboundPaymentDecider: PaymentMachine {
    public static let direction = PaymentDirection.outbound
    public static let processorName = "outbound-payments"
    public static let postingKinds: [LedgerEntryKind] = [.outboundPayment, .reversal]

    public static func decide(_ input: RecordedEvent, _ event: BankEvent, paymentId: UUID, views: BankViews) throws(ViewError) -> Decision? {
        let folded = try paymentForAppend(.payment(.outbound, paymentId), in: views.outbound, input: input)
        return try decide(event, inputVersion: input.version, payment: folded.state, paymentVersion: folded.version,
                          account: { id throws(ViewError) in try views.account(id) },
                          balance: { id throws(ViewError) in try views.ledger(id).state.balance },
                          screening: { () throws(ViewError) in try views.screening() })
    }
}
