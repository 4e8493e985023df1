import Foundation

/// `Payments-Inbound-{id}` or `Payments-Outbound-{id}`: the first of the two approvals that
/// releasing a held payment at or above the four-eyes threshold needs. The payment stays
/// held; a different operator's approval releases it.
public struct HeldPaymentApproved: BankEventType {
    public static let eventType = "HeldPaymentApproved"
    public var wrapped: BankEvent { .heldPaymentApproved(self) }
    public var paymentId: UUID
    public var decision: OperatorDecision

    public init(paymentId: UUID, decision: OperatorDecision) {
        self.paymentId = paymentId
        self.decision = decision
    }
}
