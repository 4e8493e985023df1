/// `Payments-Inbound-{id}` or `Payments-Outbound-{id}`: the first of the two approvals that
/// releasing a held payment at or above the four-eyes threshold needs. The payment stays
/// held; a different operator's approval releases it.
public typealias HeldPaymentApproved = HeldPaymentDecided<HeldPaymentApproval>

/// Names `HeldPaymentApproved`.
public enum HeldPaymentApproval: HeldPaymentDecisionKind {
    public static let eventType = "HeldPaymentApproved"
    public static func wrap(_ event: HeldPaymentApproved) -> BankEvent { .heldPaymentApproved(event) }
}
