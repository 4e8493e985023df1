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
    /// Decides `command` on the payment of `direction` with id `paymentId`, shown in `state`
    /// at stream version `version` (both nil when the payment has no stream): the payment
    /// exists and is held, and the decision gives a reason.
    public static func decide(_ command: HeldPaymentCommand, _ direction: PaymentDirection, paymentId: UUID, state: PaymentState?,
                              version: Int64?, decision: OperatorDecision) -> Result<Decision, BankError> {
        guard let state, let version else { return .failure(.unknownPayment(paymentId.lowercasedString)) }
        guard state == .held else { return .failure(.paymentNotHeld(paymentId: paymentId.lowercasedString, state: state.rawValue)) }
        guard !decision.reason.trimmingCharacters(in: .whitespaces).isEmpty else { return .failure(.reasonRequired) }
        let correlation = paymentId.lowercasedString
        let step = "\(command.rawValue)@\(version)"
        let event: PendingEvent = switch (direction, command) {
        case (.inbound, .release):
            PendingEvent(InboundHeldPaymentReleased(paymentId: paymentId, decision: decision), step: step, correlationId: correlation)
        case (.inbound, .reject):
            PendingEvent(InboundHeldPaymentRejected(paymentId: paymentId, decision: decision), step: step, correlationId: correlation)
        case (.outbound, .release):
            PendingEvent(OutboundHeldPaymentReleased(paymentId: paymentId, decision: decision), step: step, correlationId: correlation)
        case (.outbound, .reject):
            PendingEvent(OutboundHeldPaymentRejected(paymentId: paymentId, decision: decision), step: step, correlationId: correlation)
        }
        return .success(Decision(stream: .payment(direction, paymentId), expected: .exact(version), events: [event]))
    }
}
