import Foundation

// `Payments-Outbound-{paymentId}`: a payment the operator sends from one of our accounts.

/// The operator asked to send money from one of the bank's accounts.
public struct OutboundPaymentRequested: OutboundOrderEvent {
    public static let eventType = "OutboundPaymentRequested"
    public var wrapped: BankEvent { .outboundPaymentRequested(self) }
    public var paymentId: UUID
    public var order: OutboundPaymentOrder

    public init(paymentId: UUID, order: OutboundPaymentOrder) {
        self.paymentId = paymentId
        self.order = order
    }

    public init(paymentId: UUID, scheme: Scheme, from: AccountID, amount: String, to: PaymentParty, reference: String, requestedBy: String) {
        self.init(paymentId: paymentId,
                  order: OutboundPaymentOrder(scheme: scheme, from: from, amount: amount, to: to, reference: reference, requestedBy: requestedBy))
    }

    private enum CodingKeys: String, CodingKey {
        case paymentId
    }

    public init(from decoder: any Decoder) throws {
        order = try OutboundPaymentOrder(from: decoder)
        paymentId = try decoder.container(keyedBy: CodingKeys.self).decode(UUID.self, forKey: .paymentId)
    }

    public func encode(to encoder: any Encoder) throws {
        try order.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(paymentId, forKey: .paymentId)
    }
}

/// Well formed; the source account exists. Carries the names to screen.
public struct OutboundPaymentValidated: BankEventType {
    public static let eventType = "OutboundPaymentValidated"
    public var wrapped: BankEvent { .outboundPaymentValidated(self) }
    public var paymentId: UUID
    public var amount: Money
    public var accountHolder: String

    public init(paymentId: UUID, amount: Money, accountHolder: String) {
        self.paymentId = paymentId
        self.amount = amount
        self.accountHolder = accountHolder
    }
}

/// Screening hit: waits for an operator, like an inbound hold.
public typealias OutboundPaymentHeld = PaymentHeld<OutboundHold>

/// Names `OutboundPaymentHeld`.
public enum OutboundHold: PaymentHoldKind {
    public static let eventType = "OutboundPaymentHeld"
    public static func wrap(_ event: OutboundPaymentHeld) -> BankEvent { .outboundPaymentHeld(event) }
}

/// An operator released a held outbound payment.
public typealias OutboundHeldPaymentReleased = HeldPaymentDecided<OutboundRelease>

/// Names `OutboundHeldPaymentReleased`.
public enum OutboundRelease: HeldPaymentDecisionKind {
    public static let eventType = "OutboundHeldPaymentReleased"
    public static func wrap(_ event: OutboundHeldPaymentReleased) -> BankEvent { .outboundHeldPaymentReleased(event) }
}

/// An operator rejected a held outbound payment; it fails next.
public typealias OutboundHeldPaymentRejected = HeldPaymentDecided<OutboundRejection>

/// Names `OutboundHeldPaymentRejected`.
public enum OutboundRejection: HeldPaymentDecisionKind {
    public static let eventType = "OutboundHeldPaymentRejected"
    public static func wrap(_ event: OutboundHeldPaymentRejected) -> BankEvent { .outboundHeldPaymentRejected(event) }
}

/// Screening passed (or was released).
public struct OutboundPaymentSanctionsChecked: BankEventType {
    public static let eventType = "OutboundPaymentSanctionsChecked"
    public var wrapped: BankEvent { .outboundPaymentSanctionsChecked(self) }
    public var paymentId: UUID
    public var released: Bool

    public init(paymentId: UUID, released: Bool) {
        self.paymentId = paymentId
        self.released = released
    }
}

/// The source account is open and has the funds.
public struct OutboundPaymentAccountStatusChecked: BankEventType {
    public static let eventType = "OutboundPaymentAccountStatusChecked"
    public var wrapped: BankEvent { .outboundPaymentAccountStatusChecked(self) }
    public var paymentId: UUID
    public var available: Money

    public init(paymentId: UUID, available: Money) {
        self.paymentId = paymentId
        self.available = available
    }
}

/// The debit was posted and the payment handed to the scheme.
public struct OutboundPaymentSentToScheme: BankEventType {
    public static let eventType = "OutboundPaymentSentToScheme"
    public var wrapped: BankEvent { .outboundPaymentSentToScheme(self) }
    public var paymentId: UUID
    public var scheme: Scheme
    public var ledgerVersion: Int64

    public init(paymentId: UUID, scheme: Scheme, ledgerVersion: Int64) {
        self.paymentId = paymentId
        self.scheme = scheme
        self.ledgerVersion = ledgerVersion
    }
}

/// The scheme's acceptance, recorded on the payment. An end state.
public struct OutboundPaymentAccepted: BankEventType {
    public static let eventType = "OutboundPaymentAccepted"
    public var wrapped: BankEvent { .outboundPaymentAccepted(self) }
    public var paymentId: UUID

    public init(paymentId: UUID) {
        self.paymentId = paymentId
    }
}

/// The scheme's rejection, recorded on the payment after the reversing credit. An end state.
public struct OutboundPaymentReversed: BankEventType {
    public static let eventType = "OutboundPaymentReversed"
    public var wrapped: BankEvent { .outboundPaymentReversed(self) }
    public var paymentId: UUID
    public var reason: String
    public var ledgerVersion: Int64

    public init(paymentId: UUID, reason: String, ledgerVersion: Int64) {
        self.paymentId = paymentId
        self.reason = reason
        self.ledgerVersion = ledgerVersion
    }
}

/// Failed: invalid, blocked/closed, insufficient funds, or rejected after a hold. An end state.
public struct OutboundPaymentFailed: BankEventType {
    public static let eventType = "OutboundPaymentFailed"
    public var wrapped: BankEvent { .outboundPaymentFailed(self) }
    public var paymentId: UUID
    public var reason: PaymentFailure

    public init(paymentId: UUID, reason: PaymentFailure) {
        self.paymentId = paymentId
        self.reason = reason
    }
}
