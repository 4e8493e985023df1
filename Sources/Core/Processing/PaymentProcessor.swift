import Foundation
import Store

/// One direction's payment state machine as its processor drives it.
///
/// The inbound and outbound processors share everything but what is declared here: the
/// processor's name, the inputs, the ledger postings that move a payment on, and the step itself
/// with the lookups it needs from the views. `PaymentProcessor` supplies the rest.
public protocol PaymentMachine {
    /// The direction of the `Payments-{Inbound|Outbound}-*` streams it writes.
    static var direction: PaymentDirection { get }
    /// The processor's name in its writer identity.
    static var processorName: String { get }
    /// The event types it consumes.
    static var inputTypes: [String] { get }
    /// The kinds of `LedgerEntryPosted` that move one of its payments on (the others are not decoded).
    static var postingKinds: [LedgerEntryKind] { get }
    /// The payment an input is about, if it is one this machine handles.
    static func paymentId(of input: BankEvent) -> UUID?
    /// Decides the next step of payment `paymentId` for `input` (decoded as `event`), reading
    /// the payment folded for an append and whatever else the step needs from `views`.
    static func decide(_ input: RecordedEvent, _ event: BankEvent, paymentId: UUID, views: BankViews) throws(ViewError) -> Decision?
}

/// Drives the payments of one direction (`InboundPaymentProcessor`, `OutboundPaymentProcessor`).
public struct PaymentProcessor<Machine: PaymentMachine>: Processor {
    public let identity = WriterIdentity(domain: .payments, name: Machine.processorName)
    public let inputTypes = Machine.inputTypes
    public let views: BankViews

    public init(views: BankViews) { self.views = views }

    public func decide(_ input: RecordedEvent, _ event: BankEvent) throws(ViewError) -> Decision? {
        guard let paymentId = Machine.paymentId(of: event) else { return nil }
        return try Machine.decide(input, event, paymentId: paymentId, views: views)
    }

    public func serializationKey(_ event: BankEvent) -> BankStream? {
        Machine.paymentId(of: event).map { BankStream.payment(Machine.direction, $0) }
    }

    public func accepts(_ input: RecordedEvent) -> Bool {
        ledgerEntry(input, hasKindIn: Machine.postingKinds)
    }
}

/// Drives inbound payments: `Payments-Inbound-*`.
public typealias InboundPaymentProcessor = PaymentProcessor<InboundPaymentDecider>

/// Drives outbound payments: `Payments-Outbound-*`.
public typealias OutboundPaymentProcessor = PaymentProcessor<OutboundPaymentDecider>

/// The payment stream a payment processor decides on, folded for an append. The decision
/// appends at the version it was decided on, so a memo that is behind cannot take effect; an
/// input on that stream says how far it has got.
func paymentForAppend<State>(_ stream: BankStream, in cache: StreamFoldCache<State>,
                             input: RecordedEvent) throws(ViewError) -> StreamFoldCache<State>.Folded {
    // Most inputs are on the payment's own stream: their name serves, none is made.
    let onStream = input.stream
    if stream.isNamed(onStream) { return try cache.stateForAppend(of: onStream, atLeast: input.version) }
    return try cache.stateForAppend(of: stream.name)
}
