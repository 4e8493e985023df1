import Foundation
import Store

/// An operator's decision on a held payment.
public enum HeldPaymentCommand: String, Sendable, Hashable {
    case release, reject
}

/// Release and reject as pure functions of the payment's stream: only a held payment may be
/// decided, and a decision records who, when and why. Inbound and outbound share the rules;
/// only their event types and streams differ.
public enum HeldPaymentCommands {
    public static func decideInbound(_ command: HeldPaymentCommand, paymentId: UUID, state: InboundPaymentState, version: Int64?,
                                     decision: OperatorDecision) -> Result<Decision, BankError> {
        decide(command, on: .payment(.inbound, paymentId), paymentId: paymentId, state: state.step.map(PaymentState.init), version: version,
               decision: decision, released: InboundHeldPaymentReleased(paymentId: paymentId, decision: decision),
               rejected: InboundHeldPaymentRejected(paymentId: paymentId, decision: decision))
    }

    public static func decideOutbound(_ command: HeldPaymentCommand, paymentId: UUID, state: OutboundPaymentState, version: Int64?,
                                      decision: OperatorDecision) -> Result<Decision, BankError> {
        decide(command, on: .payment(.outbound, paymentId), paymentId: paymentId, state: state.step.map(PaymentState.init), version: version,
               decision: decision, released: OutboundHeldPaymentReleased(paymentId: paymentId, decision: decision),
               rejected: OutboundHeldPaymentRejected(paymentId: paymentId, decision: decision))
    }

    /// The shared rules: the payment exists and is held, and the decision gives a reason.
    private static func decide(_ command: HeldPaymentCommand, on stream: BankStream, paymentId: UUID, state: PaymentState?, version: Int64?,
                               decision: OperatorDecision, released: some BankEventType, rejected: some BankEventType) -> Result<Decision, BankError> {
        guard let state, let version else { return .failure(.unknownPayment(paymentId.lowercasedString)) }
        guard state == .held else { return .failure(.paymentNotHeld(paymentId: paymentId.lowercasedString, state: state.rawValue)) }
        guard !decision.reason.trimmingCharacters(in: .whitespaces).isEmpty else { return .failure(.reasonRequired) }
        let correlation = paymentId.lowercasedString
        let event: PendingEvent = switch command {
        case .release: PendingEvent(released, step: "release@\(version)", correlationId: correlation)
        case .reject: PendingEvent(rejected, step: "reject@\(version)", correlationId: correlation)
        }
        return .success(Decision(stream: stream, expected: .exact(version), events: [event]))
    }
}
