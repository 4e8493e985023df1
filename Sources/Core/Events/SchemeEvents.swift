import Foundation

/// `Scheme-{Bacs|Fps|Chaps}`: the scheme (simulator) sent this bank an inbound payment.
/// Fields are raw text as the scheme sent them; the payment domain validates them.
public struct InboundPaymentSentByScheme: InboundInstructionEvent {
    public static let eventType = "InboundPaymentSentByScheme"
    public var wrapped: BankEvent { .inboundPaymentSentByScheme(self) }
    public var instruction: InboundPaymentInstruction

    public init(_ instruction: InboundPaymentInstruction) {
        self.instruction = instruction
    }
}

/// `Scheme-*`: the scheme accepted an outbound payment.
public struct OutboundPaymentAcceptedByScheme: BankEventType {
    public static let eventType = "OutboundPaymentAcceptedByScheme"
    public var wrapped: BankEvent { .outboundPaymentAcceptedByScheme(self) }
    public var paymentId: UUID
    public var scheme: Scheme

    public init(paymentId: UUID, scheme: Scheme) {
        self.paymentId = paymentId
        self.scheme = scheme
    }
}

/// `Scheme-*`: the scheme rejected an outbound payment; the bank reverses the debit.
public struct OutboundPaymentRejectedByScheme: BankEventType {
    public static let eventType = "OutboundPaymentRejectedByScheme"
    public var wrapped: BankEvent { .outboundPaymentRejectedByScheme(self) }
    public var paymentId: UUID
    public var scheme: Scheme
    public var reason: String

    public init(paymentId: UUID, scheme: Scheme, reason: String) {
        self.paymentId = paymentId
        self.scheme = scheme
        self.reason = reason
    }
}
