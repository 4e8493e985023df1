import Foundation

/// A step of a payment's state machine, inbound or outbound: what `PaymentEventRole` checks.
protocol PaymentStep: RawRepresentable<String>, Equatable {
    /// The step that waits for an operator.
    static var held: Self { get }
    /// Whether no processor step follows.
    var isEnd: Bool { get }
}

extension InboundStep: PaymentStep {}

extension OutboundStep: PaymentStep {}

/// What an event of a payment's stream may follow: the rule both payment folds apply before
/// they take an event.
enum PaymentEventRole {
    /// Opens the stream: only before any step.
    case start
    /// An operator's release or rejection: only of a held payment.
    case operatorDecision
    /// Any other event of the stream: after anything but an end.
    case step

    /// Throws `unexpectedStep` when an event of type `eventType` in this role cannot follow
    /// `step`. A nil `eventType` (an event of no payment stream) follows anything.
    func check<Step: PaymentStep>(_ eventType: String?, after step: Step?) throws(FaultReason) {
        guard let eventType else { return }
        let follows = switch self {
        case .start: step == nil
        case .operatorDecision: step == .held
        case .step: !(step?.isEnd ?? false)
        }
        if !follows { throw .unexpectedStep(event: eventType, step: step?.rawValue) }
    }
}
