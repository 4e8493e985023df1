import Foundation

/// An operator's decision on a held payment, recorded on the payment's stream: which payment,
/// and who decided, when and why.
///
/// The one declaration of the events that record one (`HeldPaymentApproved`, and the released
/// and rejected events of either direction), which differ only in their stored name and
/// `BankEvent` case, given by `Kind`. Each is stored as its own type, with the same JSON members.
public struct HeldPaymentDecided<Kind: HeldPaymentDecisionKind>: BankEventType {
    public static var eventType: String { Kind.eventType }
    public var wrapped: BankEvent { Kind.wrap(self) }
    public var paymentId: UUID
    public var decision: OperatorDecision

    public init(paymentId: UUID, decision: OperatorDecision) {
        self.paymentId = paymentId
        self.decision = decision
    }
}

/// Which decision a `HeldPaymentDecided` records: its stored type name and its `BankEvent` case.
public protocol HeldPaymentDecisionKind: Sendable {
    static var eventType: String { get }
    static func wrap(_ event: HeldPaymentDecided<Self>) -> BankEvent
}
