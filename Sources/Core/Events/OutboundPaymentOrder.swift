import Foundation

/// What an operator orders paid from one of the bank's accounts, as they asked for it (the
/// amount as typed; the payment domain validates it). `OutboundPaymentRequested` carries it for
/// one payment now, `PaymentScheduled` for each occurrence of a schedule, whose requests the
/// scheduler makes from it.
public struct OutboundPaymentOrder: Codable, Sendable, Hashable {
    public var scheme: Scheme
    public var from: AccountID
    public var amount: String
    public var to: PaymentParty
    public var reference: String
    /// Who asked (`operator:NAME`, `customer (simulated)`, …).
    public var requestedBy: String

    public init(scheme: Scheme, from: AccountID, amount: String, to: PaymentParty, reference: String, requestedBy: String) {
        self.scheme = scheme
        self.from = from
        self.amount = amount
        self.to = to
        self.reference = reference
        self.requestedBy = requestedBy
    }
}

/// An event that carries an outbound order beside fields of its own. Its JSON has the order's
/// members at the top level, beside its own (not nested under a key), and the order's members
/// are its members: `event.amount` reads and writes `event.order.amount` (one dynamic member for
/// every field, which the optimiser makes a plain field access).
@dynamicMemberLookup
public protocol OutboundOrderEvent: BankEventType {
    var order: OutboundPaymentOrder { get set }
}

extension OutboundOrderEvent {
    /// A field of the order, read and written in place.
    public subscript<Field>(dynamicMember field: WritableKeyPath<OutboundPaymentOrder, Field>) -> Field {
        get { order[keyPath: field] }
        set { order[keyPath: field] = newValue }
    }
}
