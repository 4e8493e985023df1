import Foundation

/// One payment, inbound or outbound, as the payment-flow read model knows it.
public struct PaymentSummary: Sendable, Hashable, Codable {
    public var id: UUID
    public var direction: PaymentDirection
    public var state: PaymentState
    /// Why it was returned, failed, rejected, held or released (a person's text).
    public var reason: String?
    /// The machine code when it failed or was returned.
    public var failure: PaymentFailure.Code?
    public var scheme: Scheme
    /// The amount as sent; `amount` once validated (nil for a malformed amount).
    public var amountText: String
    public var amount: Money?
    public var from: PaymentParty
    public var to: PaymentParty
    public var reference: String
    /// Our account: the destination of an inbound payment, the source of an outbound one.
    public var account: AccountID?
    /// Our account's holder once validated.
    public var accountHolder: String?
    /// Who asked for an outbound payment.
    public var requestedBy: String?
    /// When the payment's first event was stored, and its latest.
    public var received: Date
    public var lastChanged: Date
    /// Global positions of the payment's events, in order.
    public var positions: [UInt64]
    /// The screening evidence of a hold (kept after release or rejection).
    public var evidence: [ScreeningMatch]
    public var heldAt: Date?
    public var heldPosition: UInt64?
    /// The operator's release or rejection.
    public var decision: OperatorDecision?
    /// First approvals of a payment held at or above the four-eyes threshold (it stays held
    /// until a different operator approves).
    public var approvals: [OperatorDecision] = []
    /// Balance after settlement (inbound) as the ledger recorded it.
    public var balanceAfter: Money?
    /// The ISO 20022 ids of an inbound payment that arrived as a `pacs.008` message.
    public var iso: IsoPaymentIds? = nil
}
