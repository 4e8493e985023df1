import Foundation

/// An inbound payment as the scheme sent it: raw text, not yet validated (the payment domain
/// validates it). Two events carry it whole: `InboundPaymentSentByScheme` on the scheme's stream,
/// then `InboundPaymentReceived` on the payment's, which records it as it arrived. Made through
/// those events' initialiser (its own memberwise one is internal).
public struct InboundPaymentInstruction: Codable, Sendable, Hashable {
    public var paymentId: UUID
    public var scheme: Scheme
    /// Decimal text as sent, e.g. `"12.34"`; may be malformed.
    public var amount: String
    public var from: PaymentParty
    public var to: PaymentParty
    public var reference: String
    /// The ISO 20022 ids when it arrived as a `pacs.008` message (`import-payments`); absent otherwise.
    public var iso: IsoPaymentIds?
}

/// An event that is an inbound payment instruction at one stage of its way in. Its JSON is the
/// instruction's members, flat (the instruction is not nested under a key of its own), and its
/// members are the instruction's: `event.amount` reads and writes `event.instruction.amount`
/// (one dynamic member for every field, which the optimiser makes a plain field access).
@dynamicMemberLookup
public protocol InboundInstructionEvent: BankEventType {
    var instruction: InboundPaymentInstruction { get set }
    init(_ instruction: InboundPaymentInstruction)
}

extension InboundInstructionEvent {
    public init(paymentId: UUID, scheme: Scheme, amount: String, from: PaymentParty, to: PaymentParty, reference: String,
                iso: IsoPaymentIds? = nil) {
        self.init(InboundPaymentInstruction(paymentId: paymentId, scheme: scheme, amount: amount, from: from, to: to,
                                            reference: reference, iso: iso))
    }

    public init(from decoder: any Decoder) throws {
        self.init(try InboundPaymentInstruction(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try instruction.encode(to: encoder)
    }

    /// A field of the instruction, read and written in place.
    public subscript<Field>(dynamicMember field: WritableKeyPath<InboundPaymentInstruction, Field>) -> Field {
        get { instruction[keyPath: field] }
        set { instruction[keyPath: field] = newValue }
    }
}
