import Foundation

/// A screened name matched the sanctions list: the payment waits for an operator.
///
/// The one declaration of `InboundPaymentHeld` and `OutboundPaymentHeld`, which differ only in
/// their stored name and `BankEvent` case, given by `Kind`. Each is stored as its own type,
/// with the same JSON members.
public struct PaymentHeld<Kind: PaymentHoldKind>: BankEventType {
    public static var eventType: String { Kind.eventType }
    public var wrapped: BankEvent { Kind.wrap(self) }
    public var paymentId: UUID
    public var matches: [ScreeningMatch]
    public var threshold: Double

    public init(paymentId: UUID, matches: [ScreeningMatch], threshold: Double) {
        self.paymentId = paymentId
        self.matches = matches
        self.threshold = threshold
    }
}

/// Which hold a `PaymentHeld` records: its stored type name and its `BankEvent` case.
public protocol PaymentHoldKind: Sendable {
    static var eventType: String { get }
    static func wrap(_ event: PaymentHeld<Self>) -> BankEvent
}
